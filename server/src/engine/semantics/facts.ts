// The one entry point the matcher uses into the semantic model: the questions a pack's semantic filters ask about
// a file (docs/pack-format.md, "Semantic filters"), each answered from the parser's own nodes. Built for a file
// only when a finding with a semantic filter gets a candidate there; with a project (the CLI's or the server's,
// which read imports through a host) the answers see imported bases, modifiers and callees, without one the file
// alone. Never throws: a question the model cannot answer gets `undefined`, which every filter takes as "no".
import type { ParsedSource } from '../parse';
import { callArguments, forEachChild, isNode, unparen } from './cfg-ast';
import type { Node } from './cfg-types';
import { arithmeticSites, divideBeforeMultiply, type ArithmeticSite, type DivideThenMultiply } from './arithmetic';
import { arithmeticRisk, sameCode, type ArithmeticRisk } from './arithmetic-risk';
import { literalValue, unreachableUnderFrozenState, type FrozenValue } from './frozen-state';
import { nodesOf } from './order';
import { checkingHelpersIn, checksParameter, resultUse } from './dataflow';
import { callEffect, TOKEN_MEMBERS, type ExternalCall } from './effects-calls';
import { hasDefaultVisibility, holdsMapping, referencedDeclarations, shadowedStateVariable } from './facts-declarations';
import { orderDependentFunction } from './facts-inheritance';
import { FunctionFacts, safe } from './facts-functions';
import type { FileQueries, FunctionFactCache } from './facts-types';
import { normalizePath } from './imports';
import type { SemanticModel } from './model';
import { SemanticProject } from './project';
import { Growth } from './growth';
import { GuardedWrites } from './guarded-writes';
import { Provenance, type Origins, type ValueUse } from './provenance';
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

/** A message call as filters see it (a call's own, or one an internal function it calls makes). */
export type MessageCall = Pick<ExternalCall, 'kind' | 'value' | 'delegate' | 'static' | 'token' | 'payment'> & {
  /** The call is itself the message call (not an internal function that makes it). */
  own?: boolean;
};

const UNTITLED = '/hindsight/untitled.sol';

/** Every way Solidity code sends ether (what the effects of a call can only find in such code). */
export const VALUE_SYNTAX =
  /[\w)\]]\s*\{[^{}]*\bvalue\s*:(?!=)|\.value\s*\(|\bsendValue\b|WithValue\b|TransferETH\b|TransferAllETH\b|\.transfer\s*\(|\.send\s*\(|\bselfdestruct\b|\bsuicide\b|\bcreate2?\s*\(/;

// The regex is slow on long texts, and every file of a project asks it of the files it imports: once per parse.
const valueTexts = new WeakMap<ParsedSource, boolean>();
function sendsValueText(parsed: ParsedSource | undefined): boolean {
  if (!parsed) return false;
  let v = valueTexts.get(parsed);
  if (v === undefined) valueTexts.set(parsed, (v = VALUE_SYNTAX.test(parsed.text)));
  return v;
}

export class FileFacts implements FileQueries {
  readonly project: SemanticProject;
  readonly path: string;
  readonly model: SemanticModel;
  readonly summaryIndex: SummaryIndex;
  /** Whether the file's model reads other files (then results depend on them, see dependencies()). */
  readonly hosted: boolean;
  private arithmetic?: Map<Node, ArithmeticSite>;
  private checking?: Map<Node, Map<string, boolean>>;
  private readonly quotients = new Map<Node, DivideThenMultiply[]>();
  private valueText?: boolean;
  private functions?: FunctionFacts;
  /** Set by the matcher for an open document (scan-semantic-units.ts). */
  functionCache?: FunctionFactCache;
  /** Told of every frozen-state question `arithmeticRisk` asks, and its answer (scan-semantic-probes.ts records them). */
  frozenAsked?: (x: Node, fnNode: Node, value: FrozenValue | undefined) => void;
  private provenance?: Provenance;
  private growth?: Growth;
  private guardedWrites?: GuardedWrites;
  private referenced?: Set<Declaration>;
  private membersByName?: Map<number, Declaration>;
  private readonly calls = new Map<Node, MessageCall[] | undefined>();
  private readonly ownCalls = new Map<Node, MessageCall | 'internal' | null>();

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

  /** Facts of the declaration a name (a declaring name or a use) refers to: facts-declarations.ts. */
  declarationFact(
    node: Node | undefined,
    offset: number | undefined,
    fact: 'shadows-state' | 'default-visibility' | 'used' | 'order-dependent-inheritance',
  ): boolean | undefined {
    return safe(() => {
      // A function's name is no node of its own: find the member declared at that offset.
      const d = (node && this.rootDeclaration(node)) ?? (offset === undefined ? undefined : this.memberNamedAt(offset));
      if (!d) return undefined;
      if (fact === 'shadows-state') return shadowedStateVariable(this.model, d) !== undefined;
      if (fact === 'default-visibility') return hasDefaultVisibility(d);
      if (fact === 'order-dependent-inheritance') return d.kind === 'contract' && orderDependentFunction(this.model, d) !== undefined;
      if (d.kind === 'builtin') return true;
      // Built once per file: a finding asks it of every declaration, and a file may hold thousands.
      this.referenced ??= referencedDeclarations(this.model);
      return this.referenced.has(d);
    });
  }

  private memberNamedAt(offset: number): Declaration | undefined {
    if (!this.membersByName) {
      this.membersByName = new Map();
      // A contract's name too: `contract $C is ... {}` binds it without a node of its own.
      for (const c of this.model.contracts()) {
        const at = this.model.nameOffset(c);
        if (at !== undefined) this.membersByName.set(at, c);
      }
      for (const c of this.model.contracts())
        for (const d of [...c.functions, ...c.stateVariables]) {
          const at = this.model.nameOffset(d);
          if (at !== undefined) this.membersByName.set(at, d);
        }
    }
    return this.membersByName.get(offset);
  }

  /** The names of a piece of code's type: its spelling first (`uint256`), then its families (`uint`, `integer`). */
  typeNames(node: Node): string[] {
    return (
      safe(() => {
        const n = unparen(node);
        const t = this.model.typeOf(n);
        if (t.kind !== 'unknown') {
          const shown = t.kind === 'type' ? t.type : t;
          const names = typeNames(shown);
          return shown.kind === 'struct' && holdsMapping(this.model, shown) ? [...names, 'struct-with-mapping'] : names;
        }
        // A contract type whose declaration the model cannot see (a missing import): its name as written.
        const written = this.writtenTypeName(n);
        return written ? [written, 'contract'] : [];
      }) ?? []
    );
  }

  private writtenTypeName(n: Node): string | undefined {
    if (n.type === 'FunctionCall' && isNode(n.expression) && n.expression.type === 'Identifier' && this.isUnseenContract(n)) return String(n.expression.name);
    const d = n.type === 'Identifier' ? this.rootDeclaration(n) : undefined;
    const t = d && 'typeName' in d && d.typeName ? (d.typeName as Node) : undefined;
    return t?.type === 'UserDefinedTypeName' && typeof t.namePath === 'string' ? t.namePath.split('.').pop() : undefined;
  }

  // ---- calls, results, arithmetic --------------------------------------------------------------------------

  /**
   * The message calls a call makes: its own when it is one, those of the internal function it calls (through
   * that function's own internal calls and modifiers) otherwise. Undefined when `call` is not a call.
   */
  messageCalls(call: Node): MessageCall[] | undefined {
    if (call.type !== 'FunctionCall') return undefined;
    // Several findings ask about every call of a file (`$CALL(...)` with a `call:` filter): answered once per call.
    if (this.calls.has(call)) return this.calls.get(call);
    const answer = safe(() => {
      const own = this.ownMessageCall(call);
      if (own !== 'internal') return own ? [own] : [];
      const contract = this.contractOf(call);
      const calls: readonly CallFact[] = contract ? (this.summaryIndex.of(contract).summaryOfCall(call)?.calls ?? []) : [];
      return [...calls];
    });
    this.calls.set(call, answer);
    return answer;
  }

  /**
   * The message call a call itself is (`own`), without the summaries of the internal function it may call:
   * `internal` for such a call, undefined when it is neither. What a filter that only accepts a call's own
   * message call (`low-level: true`) needs to know.
   */
  ownMessageCall(call: Node): MessageCall | 'internal' | undefined {
    if (call.type !== 'FunctionCall') return undefined;
    let known = this.ownCalls.get(call);
    if (known === undefined) {
      known =
        safe((): MessageCall | 'internal' | null => {
          const e = callEffect(this.model, call);
          if (e.kind === 'external') return { ...e.call, own: true };
          if (e.kind === 'opaque') {
            const unseen = this.unseenContractCall(call);
            return unseen ? { ...unseen, own: true } : null;
          }
          return e.kind === 'internal' ? 'internal' : null;
        }) ?? null;
      this.ownCalls.set(call, known);
    }
    return known ?? undefined;
  }

  /**
   * `token.transfer(to, amount)` where `token`'s type is a contract the model cannot see (its import is missing):
   * a member called on a variable declared with an unknown type name, or on `IFoo(x)`, can only be a message call.
   */
  private unseenContractCall(call: Node): MessageCall | undefined {
    let c = isNode(call.expression) ? call.expression : undefined;
    let value = false;
    if (c?.type === 'NameValueExpression') {
      const list = isNode(c.arguments) ? c.arguments : undefined;
      value = Array.isArray(list?.names) && (list.names as string[]).includes('value');
      c = isNode(c.expression) ? c.expression : undefined;
    }
    if (c?.type !== 'MemberAccess' || !isNode(c.expression) || typeof c.memberName !== 'string') return undefined;
    const receiver = unparen(c.expression);
    if (!this.isUnseenContract(receiver)) return undefined;
    return { kind: 'high-level', value: value ? 'yes' : 'no', delegate: false, static: false, token: TOKEN_MEMBERS.has(c.memberName) };
  }

  private isUnseenContract(receiver: Node): boolean {
    if (this.model.typeOf(receiver).kind !== 'unknown') return false;
    if (receiver.type === 'FunctionCall' && isNode(receiver.expression) && receiver.expression.type === 'Identifier') {
      // `IFoo(x)`: a conversion to a type nobody declared here.
      const name = String(receiver.expression.name);
      return /^[A-Z]/.test(name) && !this.model.declarationOf(receiver.expression);
    }
    const d = receiver.type === 'Identifier' || receiver.type === 'IndexAccess' ? this.rootDeclaration(receiver) : undefined;
    if (!d || !('typeName' in d) || !d.typeName) return false;
    let t = d.typeName as Node;
    // `mapping(address => IVault) vaults` indexed: the value type.
    while (receiver.type === 'IndexAccess' && t.type === 'Mapping' && isNode(t.valueType)) t = t.valueType;
    return t.type === 'UserDefinedTypeName';
  }

  /**
   * Whether any file of the unit could send ether, by a look at its text: when none can, no call here sends value,
   * and the summaries need not be asked.
   */
  mayTransferValue(): boolean {
    if (this.valueText === undefined) {
      const files = safe(() => this.project.unitFiles(this.path)) ?? [this.path];
      this.valueText = files.some((f) => sendsValueText(this.project.parsed(f))) || !files.length;
    }
    return this.valueText;
  }

  /** Whether the value a call returns is checked on every use; undefined when the call is not in a function's graph. */
  resultChecked(call: Node, fnNode: Node | undefined): boolean | undefined {
    if (!fnNode) return undefined;
    return safe(() => {
      // A function known to return nothing (ERC721 `transferFrom`) has no result to check.
      const e = callEffect(this.model, call);
      if (e.kind === 'external' && e.call.kind === 'high-level' && e.call.function && !e.call.function.returns.length) return undefined;
      const cfg = this.fn.analysis(fnNode)?.cfg;
      if (!cfg) return undefined;
      const contractNode = this.contractOf(fnNode)?.node;
      const own = checkingHelpersIn(contractNode);
      const use = resultUse(cfg, call, { checksArgument: (c, i) => own(c, i) || this.calleeChecks(c, i) });
      return use.how === 'unknown' ? undefined : use.checked;
    });
  }

  /**
   * Whether the internal function a call runs, wherever the model finds it (a base contract, a library such as
   * OpenZeppelin's `Address.verifyCallResult`, another file), reverts unless the argument at `index` holds, or
   * tests it (`if (success) return data; else <bubble the revert>`, a mode that reports failure): handed to code
   * that decides what a failure means.
   */
  private calleeChecks(call: Node, index: number): boolean {
    const memo = (this.checking ??= new Map());
    const arg = callArguments(call)[index];
    const e = arg ? callEffect(this.model, call) : undefined;
    if (!arg || e?.kind !== 'internal' || !e.callee.node) return false;
    const at = e.args.indexOf(arg);
    if (at < 0) return false;
    const key = `${at}`;
    let known = memo.get(e.callee.node);
    if (!known) memo.set(e.callee.node, (known = new Map()));
    let answer = known.get(key);
    if (answer === undefined) {
      known.set(key, false);
      answer = checksParameter(e.callee.node, at) || testsParameter(e.callee.node, at);
      known.set(key, answer);
    }
    return answer;
  }

  /**
   * The value a state variable always has when no function of the contract (inherited ones and constructors
   * included) writes it: its declared initial value (a plain literal) or the default. Undefined otherwise.
   */
  frozenValue(x: Node, fnNode: Node): FrozenValue | undefined {
    const value = this.frozen(x, fnNode);
    this.frozenAsked?.(x, fnNode, value);
    return value;
  }

  private frozen(x: Node, fnNode: Node): FrozenValue | undefined {
    const d = this.rootDeclaration(x);
    if (d?.kind !== 'stateVariable' || d.constant || d.immutable || !d.contract) return undefined;
    const type = d.typeName?.type === 'ElementaryTypeName' ? String(d.typeName.name) : '';
    const init = isNode(d.node.expression) ? unparen(d.node.expression) : undefined;
    let value: FrozenValue | undefined;
    if (type === 'bool') value = init ? (init.type === 'BooleanLiteral' ? init.value === true : undefined) : false;
    else if (/^u?int\d*$/.test(type)) value = init ? literalValue(init) : 0n;
    if (value === undefined) return undefined;
    const contract = this.contractOf(fnNode);
    if (!contract) return undefined;
    const key = `${d.contract.name}.${d.name}`;
    const summaries = this.summaryIndex.of(contract);
    for (const fn of this.model.functionsOf(contract)) {
      const writes = safe(() => summaries.summaryOf(fn).writes);
      if (!writes || writes.has(key) || [...writes].some((w) => w.startsWith('storage:'))) return undefined;
    }
    return value;
  }

  /** A compile-time constant: number literals, `constant` variables, and arithmetic of them (`365 days * 1e18`). */
  private isConstant(x: Node): boolean {
    const e = unparen(x);
    if (isNumber(e)) return true;
    if (e.type === 'BinaryOperation') return isNode(e.left) && isNode(e.right) && this.isConstant(e.left) && this.isConstant(e.right);
    if (e.type === 'Identifier') return this.kinds(e).includes('constant');
    return false;
  }

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

  /** Whether an operation can realistically wrap (arithmetic-risk.ts); undefined when it is not in a function's graph. */
  arithmeticRisk(node: Node, fnNode: Node | undefined): ArithmeticRisk | undefined {
    if (!fnNode) return undefined;
    return safe(() => {
      const cfg = this.fn.analysis(fnNode)?.cfg;
      if (!cfg) return undefined;
      const op = unparen(node);
      const risk = arithmeticRisk(cfg, op, {
        isState: (target) => {
          const d = this.rootDeclaration(target);
          if (d?.kind === 'stateVariable') return !d.constant && !d.immutable;
          return d?.kind === 'localVariable' && d.storageLocation === 'storage' && target.type !== 'Identifier';
        },
        reverts: (o) => this.arithmeticChecked(o) === true,
      });
      if (!risk) return undefined;
      // Code behind a test that state nobody writes always fails cannot run: nothing there can wrap.
      const dead = nodesOf(cfg, op).every((n) => unreachableUnderFrozenState(cfg, n, (x) => this.frozenValue(x, fnNode)));
      if (dead) risk.bounded = true;
      let quotients = this.quotients.get(fnNode);
      if (!quotients) this.quotients.set(fnNode, (quotients = divideBeforeMultiply(fnNode)));
      // On purpose: `x = a / lot; ... x * lot` rounds down to a multiple of `lot`; `4 * (n / 3)` counts chunks; a
      // quotient by a constant kept in a local (`perYear = rate / SECONDS_PER_YEAR`) is a chosen approximation.
      const onPurpose = (d: DivideThenMultiply) => {
        const divisor = isNode(d.division.right) ? d.division.right : undefined;
        if (!divisor) return false;
        const sides = [op.left, op.right].filter(isNode);
        if (sides.some((side) => sameCode(side, divisor))) return true;
        if (!this.isConstant(divisor)) return false;
        if (d.via) return true;
        const other = sides.find((side) => unparen(side) !== d.division);
        return !!other && this.isConstant(other);
      };
      return { ...risk, dividesFirst: quotients.some((d) => d.multiplication === op && !onPurpose(d)) };
    });
  }
}

function isNumber(x: Node): boolean {
  return /^(NumberLiteral|HexNumber|DecimalNumber)$/.test(unparen(x).type);
}

/** Whether some condition of `fn` (an `if`, a loop, a `?:`, a require) reads its parameter `index`. */
function testsParameter(fn: Node, index: number): boolean {
  const p = Array.isArray(fn.parameters) ? (fn.parameters as Node[])[index] : undefined;
  const name = p?.name;
  if (typeof name !== 'string' || !name || !isNode(fn.body)) return false;
  let found = false;
  const reads = (x: unknown): boolean => {
    if (!isNode(x)) return false;
    if (x.type === 'Identifier' && x.name === name) return true;
    let hit = false;
    forEachChild(x, (c) => {
      hit ||= reads(c);
    });
    return hit;
  };
  const visit = (x: Node) => {
    if (found) return;
    if ((x.type === 'IfStatement' || x.type === 'WhileStatement' || x.type === 'Conditional') && reads(x.condition)) found = true;
    else if (x.type === 'FunctionCall' && isNode(x.expression) && x.expression.type === 'Identifier' && /^(require|assert)$/.test(String(x.expression.name))) {
      if (reads(callArguments(x)[0])) found = true;
    }
    forEachChild(x, visit);
  };
  visit(fn.body);
  return found;
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
