// The one entry point the matcher uses into the semantic model: the questions a pack's semantic filters ask about
// a file (docs/pack-format.md, "Semantic filters"), each answered from the parser's own nodes. Built for a file
// only when a finding with a semantic filter gets a candidate there; with a project (the CLI's or the server's,
// which read imports through a host) the answers see imported bases, modifiers and callees, without one the file
// alone. Never throws: a question the model cannot answer gets `undefined`, which every filter takes as "no".
import type { ParsedSource } from '../parse';
import { isNode, unparen } from './cfg-ast';
import type { Node } from './cfg-types';
import { arithmeticSites, type ArithmeticSite } from './arithmetic';
import { checkingHelpersIn, resultUse } from './dataflow';
import { callEffect, type ExternalCall } from './effects-calls';
import { FunctionFacts, safe } from './facts-functions';
import { normalizePath } from './imports';
import type { SemanticModel } from './model';
import { SemanticProject } from './project';
import type { CallFact } from './summaries';
import { SummaryIndex } from './summaries';
import type { ContractSymbol, Declaration, FunctionSymbol } from './symbols';
import { typeToString, type SolType } from './types';

/** Where a scanned file sits: the project its imports are read through, and its path there. */
export interface SemanticContext {
  project: SemanticProject;
  path: string;
  /** Summaries kept across scans of the project (an open document's edits recompute only what changed). */
  summaries?: SummaryIndex;
}

/** A message call as filters see it (a call's own, or one an internal function it calls makes). */
export type MessageCall = Pick<ExternalCall, 'kind' | 'value' | 'delegate' | 'static' | 'token'>;

const UNTITLED = '/hindsight/untitled.sol';

export class FileFacts {
  readonly project: SemanticProject;
  readonly path: string;
  readonly model: SemanticModel;
  readonly summaryIndex: SummaryIndex;
  /** Whether the file's model reads other files (then results depend on them, see dependencies()). */
  private readonly hosted: boolean;
  private arithmetic?: Map<Node, ArithmeticSite>;
  private functions?: FunctionFacts;

  constructor(parsed: ParsedSource, context?: SemanticContext) {
    this.hosted = !!context;
    this.project = context?.project ?? new SemanticProject({ host: { readFile: () => undefined, exists: () => false } });
    this.path = normalizePath(context?.path ?? UNTITLED);
    this.project.update(this.path, parsed);
    this.model = this.project.model(this.path);
    this.summaryIndex = context?.summaries ?? new SummaryIndex(this.project);
  }

  /** Guards, locks, reachability, order: questions about functions (facts-functions.ts). */
  get fn(): FunctionFacts {
    return (this.functions ??= new FunctionFacts(this));
  }

  /** The other files the answers were read from: the file's imports, directly or not. */
  dependencies(): string[] {
    if (!this.hosted) return [];
    return safe(() => this.project.unitFiles(this.path).filter((f) => f !== this.path)) ?? [];
  }

  /** The symbol of a FunctionDefinition node of this file (undefined for modifiers and free functions' absence). */
  functionSymbol(fnNode: Node): FunctionSymbol | undefined {
    const d = safe(() => this.model.declarationOf(fnNode));
    return d?.kind === 'function' ? d : undefined;
  }

  contractOf(node: Node): ContractSymbol | undefined {
    return safe(() => this.model.contractOf(node));
  }

  // ---- names and types -------------------------------------------------------------------------------------

  /** The kinds a piece of code has (`state-variable`, `parameter`, `external-contract`, ...; see compile-semantic.ts). */
  kinds(node: Node): string[] {
    return safe(() => this.computeKinds(node)) ?? [];
  }

  private computeKinds(node: Node): string[] {
    const n = unparen(node);
    const out = new Set<string>();
    if (/Literal$|^(NumberLiteral|HexNumber|DecimalNumber)$/.test(n.type)) out.add('literal');
    const d = this.rootDeclaration(n);
    if (d) for (const k of declarationKinds(d)) out.add(k);
    const t = this.model.typeOf(n);
    if (t.kind === 'contract' && !t.isSuper && !isThis(n)) out.add('external-contract');
    return [...out];
  }

  /** The declaration a name refers to; for `m[k]`, `s.field` of a variable, the variable's. */
  rootDeclaration(node: Node): Declaration | undefined {
    let cur = unparen(node);
    for (let depth = 0; depth < 32; depth++) {
      const d = this.model.declarationOf(cur);
      if (d && d.kind !== 'structField') return d;
      if (cur.type === 'IndexAccess' && isNode(cur.base)) cur = unparen(cur.base);
      else if (cur.type === 'MemberAccess' && isNode(cur.expression) && (!d || d.kind === 'structField')) cur = unparen(cur.expression);
      else return d;
    }
    return undefined;
  }

  /** The names of a piece of code's type: its spelling first (`uint256`), then its families (`uint`, `integer`). */
  typeNames(node: Node): string[] {
    return (
      safe(() => {
        const t = this.model.typeOf(unparen(node));
        return typeNames(t.kind === 'type' ? t.type : t);
      }) ?? []
    );
  }

  // ---- calls, results, arithmetic --------------------------------------------------------------------------

  /**
   * The message calls a call makes: its own when it is one, those of the internal function it calls (through
   * that function's own internal calls and modifiers) otherwise. Undefined when `call` is not a call.
   */
  messageCalls(call: Node): MessageCall[] | undefined {
    if (call.type !== 'FunctionCall') return undefined;
    return safe(() => {
      const e = callEffect(this.model, call);
      if (e.kind === 'external') return [e.call];
      if (e.kind !== 'internal') return [];
      const contract = this.contractOf(call);
      const calls: readonly CallFact[] = contract ? (this.summaryIndex.of(contract).summaryOfCall(call)?.calls ?? []) : [];
      return [...calls];
    });
  }

  /** Whether the value a call returns is checked on every use; undefined when the call is not in a function's graph. */
  resultChecked(call: Node, fnNode: Node | undefined): boolean | undefined {
    if (!fnNode) return undefined;
    return safe(() => {
      const cfg = this.fn.analysis(fnNode)?.cfg;
      if (!cfg) return undefined;
      const contractNode = this.contractOf(fnNode)?.node;
      const use = resultUse(cfg, call, { checksArgument: checkingHelpersIn(contractNode) });
      return use.how === 'unknown' ? undefined : use.checked;
    });
  }

  /** Whether an arithmetic operation (or a SafeMath call) reverts on overflow; undefined when `node` is none. */
  arithmeticChecked(node: Node): boolean | undefined {
    return safe(() => {
      if (!this.arithmetic) {
        this.arithmetic = new Map();
        for (const s of arithmeticSites(this.model)) this.arithmetic.set(s.node, s);
      }
      return this.arithmetic.get(unparen(node))?.checked;
    });
  }
}

function isThis(n: Node): boolean {
  return n.type === 'Identifier' && (n.name === 'this' || n.name === 'super');
}

function declarationKinds(d: Declaration): string[] {
  switch (d.kind) {
    case 'stateVariable':
      return [d.constant ? 'constant' : d.immutable ? 'immutable' : 'state-variable'];
    case 'fileConstant':
      return ['constant'];
    case 'parameter':
      return ['parameter'];
    case 'returnParameter':
      return ['return-variable'];
    case 'localVariable':
    case 'assemblyLocal':
      return ['local'];
    case 'function':
      return ['function'];
    case 'modifier':
      return ['modifier'];
    case 'event':
      return ['event'];
    case 'error':
      return ['error'];
    case 'contract':
      return [d.contractKind === 'abstract' ? 'contract' : d.contractKind];
    case 'struct':
      return ['struct', 'type'];
    case 'enum':
      return ['enum', 'type'];
    case 'userType':
      return ['type'];
    case 'builtin':
      return ['builtin'];
    default:
      return [];
  }
}

export function typeNames(t: SolType): string[] {
  if (t.kind === 'unknown') return [];
  const spelled = typeToString(t);
  switch (t.kind) {
    case 'address':
      return t.payable ? [spelled, 'address', 'address-payable'] : [spelled, 'address'];
    case 'int':
      return [spelled, t.signed ? 'int' : 'uint', 'integer'];
    case 'fixedBytes':
      return [spelled, 'fixed-bytes'];
    case 'contract':
      return [t.contract.name, 'contract', ...(t.contract.contractKind === 'interface' ? ['interface'] : [])];
    case 'struct':
      return [t.struct.name, 'struct'];
    case 'enum':
      return [t.enum.name, 'enum'];
    case 'userType':
      return [t.type.name, 'user-type', ...typeNames(t.underlying).slice(1)];
    case 'mapping':
      return [spelled, 'mapping'];
    case 'array':
      return [spelled, 'array'];
    case 'function':
      return [spelled, 'function'];
    default:
      return [spelled];
  }
}
