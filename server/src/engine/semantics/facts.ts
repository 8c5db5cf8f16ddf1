// The one entry point the matcher uses into the semantic model: the questions a pack's semantic filters ask about
// a file (docs/pack-format.md, "Semantic filters"), each answered from the parser's own nodes. Built for a file
// only when a finding with a semantic filter gets a candidate there; with a project (the CLI's or the server's,
// which read imports through a host) the answers see imported bases, modifiers and callees, without one the file
// alone. Never throws: a question the model cannot answer gets `undefined`, which every filter takes as "no".
// The answers live in one module per kind of question: names and types (facts-names.ts), calls and their results
// (facts-calls.ts), arithmetic (facts-arithmetic.ts), functions: guards, locks, order (facts-functions.ts).
import type { ParsedSource } from '../parse';
import { isNode, unparen } from './cfg-ast';
import type { Node } from './cfg-types';
import type { ArithmeticRisk } from './arithmetic-risk';
import { ArithmeticFacts } from './facts-arithmetic';
import { CallFacts, type MessageCall } from './facts-calls';
import { FunctionFacts, safe } from './facts-functions';
import { type DeclarationFact, NameFacts } from './facts-names';
import type { FileQueries, FunctionFactCache } from './facts-types';
import type { FrozenValue } from './frozen-state';
import { normalizePath } from './imports';
import type { SemanticModel } from './model';
import { SemanticProject } from './project';
import { Growth } from './growth';
import { GuardedWrites } from './guarded-writes';
import { Provenance, type Origins, type ValueUse } from './provenance';
import { SummaryIndex } from './summaries';
import type { ContractSymbol, Declaration, FunctionSymbol } from './symbols';

export { hasValueSyntax, VALUE_SYNTAX, type MessageCall } from './facts-calls';

/** Where a scanned file sits: the project its imports are read through, and its path there. */
export interface SemanticContext {
  project: SemanticProject;
  path: string;
  /** Summaries kept across scans of the project (an open document's edits recompute only what changed). */
  summaries?: SummaryIndex;
  /** A project of the file alone (an open document without a folder): it reads nothing else. */
  solo?: boolean;
}

// Summaries live as long as their project: a keystroke in an open document refreshes them (only the functions
// whose text changed, and their callers, are recomputed) instead of building them again.
const indexes = new WeakMap<SemanticProject, SummaryIndex>();
function summaryIndexOf(project: SemanticProject): SummaryIndex {
  let i = indexes.get(project);
  if (!i) indexes.set(project, (i = new SummaryIndex(project)));
  return i;
}

/** `file` left its project's memory (SemanticProject.evict): the summaries that hold its nodes go too. */
export function forgetSummaries(project: SemanticProject, file: string): void {
  indexes.get(project)?.forget(file);
}

/** The project of one document alone, kept across its edits (UnitMemory.solo), so summaries are refreshed, not rebuilt. */
export function soloContext(): SemanticContext {
  const project = new SemanticProject({ host: { readFile: () => undefined, exists: () => false } });
  return { project, path: UNTITLED, summaries: new SummaryIndex(project), solo: true };
}

const UNTITLED = '/hindsight/untitled.sol';

export class FileFacts implements FileQueries {
  readonly project: SemanticProject;
  readonly path: string;
  readonly model: SemanticModel;
  readonly summaryIndex: SummaryIndex;
  /** Whether the file's model reads other files (then results depend on them, see dependencies()). */
  readonly hosted: boolean;
  private functions?: FunctionFacts;
  private readonly names = new NameFacts(this);
  private readonly calls = new CallFacts(this);
  private readonly arithmetic = new ArithmeticFacts(this);
  /** Set by the matcher for an open document (scan-semantic-units.ts). */
  functionCache?: FunctionFactCache;
  /** Told of every frozen-state question `arithmeticRisk` asks, and its answer (scan-semantic-probes.ts records them). */
  frozenAsked?: (x: Node, fnNode: Node, value: FrozenValue | undefined) => void;
  private provenance?: Provenance;
  private growth?: Growth;
  private guardedWrites?: GuardedWrites;

  constructor(parsed: ParsedSource, context?: SemanticContext) {
    this.hosted = !!context && !context.solo;
    this.project = context?.project ?? new SemanticProject({ host: { readFile: () => undefined, exists: () => false } });
    this.path = normalizePath(context?.path ?? UNTITLED);
    this.project.update(this.path, parsed);
    this.model = this.project.model(this.path);
    this.summaryIndex = context?.summaries ?? summaryIndexOf(this.project);
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

  // ---- names and types (facts-names.ts) --------------------------------------------------------------------

  /** The kinds a piece of code has (`state-variable`, `parameter`, `external-contract`, ...; see compile-semantic.ts). */
  kinds(node: Node): string[] {
    return this.names.kinds(node);
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

  /** Facts of the declaration a name (a declaring name or a use) refers to: facts-declarations.ts. */
  declarationFact(node: Node | undefined, offset: number | undefined, fact: DeclarationFact): boolean | undefined {
    return this.names.declarationFact(node, offset, fact);
  }

  /** The names of a piece of code's type: its spelling first (`uint256`), then its families (`uint`, `integer`). */
  typeNames(node: Node): string[] {
    return this.names.typeNames(node);
  }

  isUnseenContract(receiver: Node): boolean {
    return this.names.isUnseenContract(receiver);
  }

  // ---- calls and results (facts-calls.ts) ------------------------------------------------------------------

  /** The message calls a call makes, its own or its internal callee's; undefined when `call` is not a call. */
  messageCalls(call: Node): MessageCall[] | undefined {
    return this.calls.messageCalls(call);
  }

  /** The message call a call itself is, `internal` for a call of an internal function, else undefined. */
  ownMessageCall(call: Node): MessageCall | 'internal' | undefined {
    return this.calls.ownMessageCall(call);
  }

  /** Whether any file of the unit could send ether, by a look at its text. */
  mayTransferValue(): boolean {
    return this.calls.mayTransferValue();
  }

  /** Whether the value a call returns is checked on every use; undefined when the call is not in a function's graph. */
  resultChecked(call: Node, fnNode: Node | undefined): boolean | undefined {
    return this.calls.resultChecked(call, fnNode);
  }

  // ---- values ----------------------------------------------------------------------------------------------

  /** What a value may be computed from (block values, tx.gasprice, a balance, 0); undefined when not known. */
  origins(node: Node): Origins | undefined {
    return safe(() => this.valueFlow().originsOf(node));
  }

  /** Whether a value is used as a number (`uses`) in function `fnNode`, through locals and hashes. */
  usedAs(node: Node, fnNode: Node, uses: ReadonlySet<ValueUse>, component?: number): boolean {
    return safe(() => this.valueFlow().usedAs(node, fnNode, uses, component)) ?? false;
  }

  /** Whether the code is a storage array that anyone can grow (push or a longer length, unguarded). */
  growable(node: Node): boolean | undefined {
    return safe(() => {
      this.growth ??= new Growth({
        model: this.model,
        rootDeclaration: (n) => this.rootDeclaration(n),
        reachableExternally: (fn) => this.fn.reachableExternally(fn),
        senderGuarded: (fn, start, end, matched) => this.fn.senderGuarded(fn, start, end, matched),
      });
      return this.growth.growable(unparen(node));
    });
  }

  /** Whether the code is a state variable that some function writes under a check of the caller. */
  setByGuarded(node: Node): boolean | undefined {
    return safe(() => {
      this.guardedWrites ??= new GuardedWrites({
        model: this.model,
        rootDeclaration: (n) => this.rootDeclaration(n),
        senderGuarded: (fn, start, end, matched) => this.fn.senderGuarded(fn, start, end, matched),
      });
      return this.guardedWrites.setByGuarded(node);
    });
  }

  private valueFlow(): Provenance {
    return (this.provenance ??= new Provenance({ model: this.model, cfgOf: (fn) => this.fn.analysis(fn)?.cfg }));
  }

  // ---- arithmetic (facts-arithmetic.ts) --------------------------------------------------------------------

  /** The value a state variable always has when no function of the contract writes it; undefined otherwise. */
  frozenValue(x: Node, fnNode: Node): FrozenValue | undefined {
    return this.arithmetic.frozenValue(x, fnNode);
  }

  /** Whether an arithmetic operation (or a SafeMath call) reverts on overflow; undefined when `node` is none. */
  arithmeticChecked(node: Node): boolean | undefined {
    return this.arithmetic.arithmeticChecked(node);
  }

  /** Whether an operation can realistically wrap (arithmetic-risk.ts); undefined when it is not in a function's graph. */
  arithmeticRisk(node: Node, fnNode: Node | undefined): ArithmeticRisk | undefined {
    return this.arithmetic.arithmeticRisk(node, fnNode);
  }
}
