// Facts of the function a match is in, for the matcher (facts.ts): what it does through its modifiers and internal
// calls (summaries.ts), whether a sender check guards the matched code (guards.ts), whether it runs under a
// reentrancy lock (locks.ts), whether an internal function can be reached from outside without a guard, which
// state is privileged, and what may run after the match on the function's control-flow graph (order.ts).
import { isNode, unparen } from './cfg-ast';
import type { CfgNode, Node } from './cfg-types';
import type { FunctionEffects } from './effects';
import type { CallSite, FileQueries, FunctionQueries } from './facts-types';
import { effectsByNode, UNNAMED, writesAfter } from './facts-order';
import { isSender, keyedBySender } from './facts-sender';
import type { GuardKind, GuardReport, Guards } from './guards';
import { ModelGuards } from './facts-guards';
import { Locks } from './locks';
import { modifierUsers } from './facts-modifiers';
import { Feasibility } from './facts-feasible';
import { guardKeys, writtenByAnyone } from './facts-takeover';
import { consultsCaller } from './facts-caller';
import { writesNumberedSlot } from './facts-slots';
import { comparisonOf, edgeFacts, type Fact } from './cfg-conditions';
import { isZero } from './effects-calls';
import { nodesOf, onAllPathsFromEntry, pathExists, reachableFrom } from './order';
import { callsExternal, transfersValue, type ContractSummaries } from './summaries';
import type { ContractSymbol, FunctionSymbol } from './symbols';

interface Context {
  fn: FunctionSymbol;
  contract: ContractSymbol;
  summaries: ContractSummaries;
}

interface CallIndex {
  contracts: Array<{ contract: ContractSymbol; summaries: ContractSummaries; sites: Map<Node, Array<Omit<CallSite, 'unguarded'>>>; failed: FunctionSymbol[] }>;
}

interface Helpers {
  guards: Guards;
  locks: Locks;
}

// Guards and locks remember per summary object: they live as long as the summaries they were built on.
const helpers = new WeakMap<ContractSummaries, Helpers>();

const ROLE_NAMES = /^_?(owner|admin|governance|governor|guardian|pendingOwner|pendingAdmin|superAdmin|timelock)$/i;
const INITIALIZER_MODIFIERS = /^(initializer|reinitializer|onlyInitializing|initializerOnce)$/;

export class FunctionFacts implements FunctionQueries {
  private readonly reachable = new Map<Node, boolean>();
  /** By contract: its functions (inherited included) that guard some effect by a check of the sender. */
  private readonly guardedFunctions = new Map<ContractSymbol, FunctionSymbol[]>();
  private readonly privilegedKeys = new Map<ContractSymbol, Set<string>>();
  private feasibility?: Feasibility;
  private calls?: CallIndex;

  constructor(private readonly facts: FileQueries) {}

  /** The symbol of a function node of this file. */
  symbolOf(fnNode: Node): FunctionSymbol | undefined {
    return this.facts.functionSymbol(fnNode);
  }

  private context(fnNode: Node): Context | undefined {
    const fn = this.facts.functionSymbol(fnNode);
    const contract = fn?.contract;
    if (!fn || !contract) return undefined;
    return { fn, contract, summaries: this.facts.summaryIndex.of(contract) };
  }

  private helpersOf(s: ContractSummaries): Helpers {
    let h = helpers.get(s);
    if (!h) helpers.set(s, (h = { guards: new ModelGuards(s), locks: new Locks(s) }));
    return h;
  }

  /** The effects of a function node by node (through its modifiers). */
  analysis(fnNode: Node): FunctionEffects | undefined {
    const c = this.context(fnNode);
    return c && safe(() => c.summaries.analysisOf(c.fn));
  }

  /** Whether the matched code can run: no check on every path to it needs a value its state never holds. */
  feasible(fnNode: Node, node: Node): boolean | undefined {
    const c = this.context(fnNode);
    if (!c) return undefined;
    this.feasibility ??= new Feasibility(this.facts, (f) => (f.contract ? safe(() => this.facts.summaryIndex.of(f.contract!).analysisOf(f)) : undefined));
    return safe(() => this.feasibility!.feasible(c.fn, node));
  }

  /**
   * Whether the function's check of the caller reads state that a function anyone can reach writes without a
   * check (facts-takeover.ts): the guard protects nothing.
   */
  guardTakeover(fnNode: Node): boolean | undefined {
    const c = this.context(fnNode);
    const r = c && this.report(c);
    if (!c || !r) return undefined;
    return safe(() => {
      const keys = guardKeys(c.summaries.analysisOf(c.fn), r, c.summaries);
      const q = {
        senderGuarded: (f: Node, s: number, e: number, m?: Node) => this.senderGuarded(f, s, e, m),
        initializer: (f: Node, s?: number, e?: number) => this.initializer(f, s, e),
        reachableExternally: (f: Node) => this.reachableExternally(f),
        privileged: (n: Node) => this.privileged(n),
      };
      return writtenByAnyone(q, this.facts, c.contract, keys);
    });
  }

  /** Whether the function, its modifiers or what it calls reads the caller or recovers a signer (facts-caller.ts). */
  consultsCaller(fnNode: Node): boolean | undefined {
    const c = this.context(fnNode);
    if (!c) return undefined;
    return safe(() =>
      consultsCaller(c.fn, { analysisOf: (f) => safe(() => c.summaries.analysisOf(f)), calleeOf: (call) => safe(() => c.summaries.calleeOf(call)) }),
    );
  }

  /** Whether assembly in the function writes one of the contract's own variables by its slot number (facts-slots.ts). */
  writesNumberedSlot(fnNode: Node): boolean | undefined {
    const c = this.context(fnNode);
    if (!c) return undefined;
    return safe(() => {
      const slots = this.facts.model.stateVariablesOf(c.contract).filter((v) => !v.constant && !v.immutable && !v.transient).length;
      return writesNumberedSlot(c.summaries.analysisOf(c.fn), slots);
    });
  }

  /** For a modifier: every function that applies it runs under a lock. */
  reentrancyLocked(fnNode: Node): boolean | undefined {
    if (fnNode.type === 'ModifierDefinition') {
      const users = this.usersOf(fnNode);
      return users.length ? users.every((u) => this.reentrancyLocked(u.node)) : undefined;
    }
    const c = this.context(fnNode);
    return c && safe(() => this.helpersOf(c.summaries).locks.lockOf(c.fn).locked);
  }

  writesState(fnNode: Node): boolean | undefined {
    const c = this.context(fnNode);
    return c && safe(() => c.summaries.summaryOf(c.fn).writes.size > 0);
  }

  transfersValue(fnNode: Node): boolean | undefined {
    const c = this.context(fnNode);
    return c && safe(() => transfersValue(c.summaries.summaryOf(c.fn)) === 'yes');
  }

  callsExternal(fnNode: Node): boolean | undefined {
    const c = this.context(fnNode);
    return c && safe(() => callsExternal(c.summaries.summaryOf(c.fn)));
  }

  /**
   * A constructor (0.4 ones named after the contract too), a function under an initializer modifier, or one that
   * runs once by what it does: it returns only after a check that a state variable it writes is still unset
   * (`require(owner == address(0))`, `if (initialized) revert();` followed by `initialized = true`).
   */
  initializer(fnNode: Node, start?: number, end?: number): boolean | undefined {
    if (fnNode.type !== 'FunctionDefinition') return false;
    if (fnNode.isConstructor === true) return true;
    const mods = Array.isArray(fnNode.modifiers) ? (fnNode.modifiers as Node[]) : [];
    if (mods.some((m) => typeof m.name === 'string' && INITIALIZER_MODIFIERS.test(m.name))) return true;
    const c = this.context(fnNode);
    return !!c && (safe(() => this.runsOnce(c, start, end)) ?? false);
  }

  /**
   * Every path to the end of the function (or, for a match inside it, to each write or call in the match) passed a check
   * that state the function writes is still unset, read directly or through a getter (`_implementation()`).
   */
  private runsOnce(c: Context, start?: number, end?: number): boolean {
    const a = c.summaries.analysisOf(c.fn);
    const writes = c.summaries.summaryOf(c.fn).writes;
    if (!writes.size) return false;
    const whole = start === undefined || end === undefined || (fnNode(a).range !== undefined && start <= fnNode(a).range![0] && fnNode(a).range![1] < end);
    const targets = whole
      ? [a.cfg.exit]
      : [
          ...new Set(
            a.effects.filter((e) => (e.kind === 'write' || e.kind === 'internal' || e.kind === 'call') && within(e.ast, start!, end!)).map((e) => e.node),
          ),
        ];
    if (!targets.length || targets.some((t) => !pathExists(a.cfg.entry, t))) return false;
    const unset = (f: Fact) => {
      const cmp = comparisonOf(f);
      const subject = cmp
        ? cmp.operator === '==' && isUnset(cmp.right)
          ? cmp.left
          : cmp.operator === '==' && isUnset(cmp.left)
            ? cmp.right
            : undefined
        : !f.holds
          ? f.expr
          : undefined;
      if (!subject) return false;
      const key = this.stateKey(subject);
      if (key) return writes.has(key);
      // A getter: what it reads, the function writes (assembly slots included: `_implementation()`).
      const got = unparen(subject).type === 'FunctionCall' ? safe(() => c.summaries.summaryOfCall(unparen(subject))) : undefined;
      return !!got && got.writes.size === 0 && [...got.reads].some((k) => writes.has(k));
    };
    return targets.every((t) => onAllPathsFromEntry(a.cfg, t, { edge: (e) => edgeFacts(e).some(unset) }));
  }

  private report(c: Context): GuardReport | undefined {
    return safe(() => this.helpersOf(c.summaries).guards.report(c.fn));
  }

  /**
   * Whether a check of the sender (against storage, or a role) guards the matched code: every world-changing
   * effect inside the match is guarded; a match with none is guarded on every path to it; the whole function asks
   * it of every effect of the function. A `tx.origin` check is no guard.
   */
  senderGuarded(fnNode: Node, start: number, end: number, matched?: Node): boolean | undefined {
    const c = this.context(fnNode);
    const r = c && this.report(c);
    if (!c || !r) return undefined;
    const whole = fnNode.range !== undefined && start <= fnNode.range[0] && fnNode.range[1] < end;
    const inside = whole ? [] : r.effects.filter((g) => within(g.effect.ast, start, end));
    if (inside.length) return inside.every((g) => strong(g.guard));
    // Code without effects of its own: the checks on every path to it.
    if (!whole && matched) {
      const at = safe(() => this.helpersOf(c.summaries).guards.guardAt(c.fn, matched));
      if (at !== undefined) return strong(at);
    }
    return r.kind !== 'none' ? strong(r.kind) : strong(r.exit);
  }

  /**
   * Whether some world-changing effect of the function (a write, a message call, selfdestruct, an internal call
   * that does one) is guarded by a check of the sender: the function restricts at least part of what it does.
   */
  private guardsSomeEffect(fnNode: Node): boolean | undefined {
    const c = this.context(fnNode);
    const r = c && this.report(c);
    return r ? r.effects.some((g) => strong(g.guard)) : undefined;
  }

  /**
   * Whether another function of `fnNode`'s contract or its bases (constructors aside) guards one of its effects by
   * a check of the sender: the contract has an access model, whether or not this function is inside it.
   */
  peersGuarded(fnNode: Node): boolean | undefined {
    const fn = this.facts.functionSymbol(fnNode);
    if (!fn?.contract) return undefined;
    let guarded = this.guardedFunctions.get(fn.contract);
    if (!guarded) {
      guarded = this.facts.model.functionsOf(fn.contract).filter((g) => !!g.body && !g.isConstructor && this.guardsSomeEffect(g.node) === true);
      this.guardedFunctions.set(fn.contract, guarded);
    }
    return guarded.some((g) => g !== fn);
  }

  /**
   * Whether outside code can run the function without passing a sender check: public and external functions,
   * and internal ones called (transitively) from those at a place no check guards.
   */
  reachableExternally(fnNode: Node): boolean | undefined {
    const known = this.reachable.get(fnNode);
    if (known !== undefined) return known;
    this.reachable.set(fnNode, false); // recursion: not through itself
    const answer = safe(() => this.computeReachable(fnNode)) ?? false;
    this.reachable.set(fnNode, answer);
    return answer;
  }

  private computeReachable(fnNode: Node): boolean {
    const fn = this.facts.functionSymbol(fnNode);
    if (!fn || fn.isConstructor) return false;
    if (fn.visibility !== 'internal' && fn.visibility !== 'private') return true;
    for (const site of this.callSites(fn)) {
      if (!site.unguarded) continue;
      const g = site.caller;
      if (g.visibility !== 'internal' && g.visibility !== 'private') return true;
      if (g.file === this.facts.path && this.reachableExternally(g.node)) return true;
    }
    return false;
  }

  /**
   * The internal calls of `fn` in this file: from the functions of every contract here that is, or derives from,
   * its contract; unguarded when no sender check guards the call.
   */
  callSites(fn: FunctionSymbol): CallSite[] {
    const own = fn.contract;
    const out: CallSite[] = [];
    if (!own) return out;
    const index = this.internalCalls();
    for (const c of index.contracts) {
      if (!this.facts.model.linearization(c.contract).includes(own)) continue;
      // Where the walk of a caller's calls threw, asking about any other function throws as before.
      if (c.failed.some((g) => g.node !== fn.node)) throw new Error('the internal calls of a function could not be read');
      for (const site of c.sites.get(fn.node) ?? []) {
        const g = site.caller;
        if (g.node === fn.node) continue;
        const report = safe(() => this.helpersOf(c.summaries).guards.report(g));
        const g2 = report?.effects.find((x) => x.effect === site.call || x.effect.ast === site.call.ast);
        const unguarded = g2 ? !strong(g2.guard) : !report || !strong(report.kind === 'none' ? report.exit : report.kind);
        out.push({ caller: g, call: site.call, analysis: site.analysis, unguarded });
      }
    }
    return out;
  }

  /**
   * Every internal call of every function of every contract of the file, by the function it runs (after virtual
   * dispatch in the caller's contract), in the order callSites reports them: built once, asked for each function.
   */
  private internalCalls(): CallIndex {
    if (this.calls) return this.calls;
    const contracts: CallIndex['contracts'] = [];
    for (const contract of this.facts.model.contracts()) {
      const summaries = this.facts.summaryIndex.of(contract);
      const entry = { contract, summaries, sites: new Map<Node, Array<Omit<CallSite, 'unguarded'>>>(), failed: [] as FunctionSymbol[] };
      contracts.push(entry);
      for (const g of this.facts.model.functionsOf(contract)) {
        if (g.isConstructor || !g.body) continue;
        const a = safe(() => summaries.analysisOf(g));
        if (!a) continue;
        try {
          for (const e of a.effects) {
            if (e.kind !== 'internal') continue;
            const callee = summaries.calleeOf(e.ast)?.node;
            if (!callee) continue;
            let list = entry.sites.get(callee);
            if (!list) entry.sites.set(callee, (list = []));
            list.push({ caller: g, call: e, analysis: a });
          }
        } catch {
          entry.failed.push(g);
        }
      }
    }
    return (this.calls = { contracts });
  }

  /**
   * Whether `node` (an access path or name) is privileged state of the contract it is in: a state variable that
   * a check of the sender reads (`owner`, `admins[..]`, a role table), or an address whose name says it holds a
   * role (`owner`, `admin`, `governance`, ...: the check may live in another contract, such as a proxy's admin or
   * a base the file imports). An entry keyed by the sender itself (`balances[msg.sender]`) is the sender's own.
   */
  privileged(node: Node): boolean | undefined {
    return safe(() => {
      const indexes: Node[] = [];
      const key = this.stateKey(node, indexes);
      const contract = this.facts.contractOf(node);
      if (!key || !contract || !(this.privilegedOf(contract).has(key) || this.roleByName(node, indexes))) return false;
      const fn = this.facts.model.functionOf(node);
      return !indexes.some((i) => keyedBySender(this, i, fn?.node, node));
    });
  }

  /** A plain address state variable named for a role. */
  private roleByName(node: Node, indexes: Node[]): boolean {
    const n = unparen(node);
    if (indexes.length || n.type !== 'Identifier' || !ROLE_NAMES.test(String(n.name))) return false;
    const t = this.facts.model.typeOf(n);
    return t.kind === 'address';
  }

  private stateKey(node: Node, indexes?: Node[]): string | undefined {
    let cur = unparen(node);
    for (let depth = 0; depth < 32; depth++) {
      if (cur.type === 'IndexAccess' && isNode(cur.base)) {
        if (isNode(cur.index)) {
          if (isSender(unparen(cur.index))) return undefined;
          indexes?.push(cur.index);
        }
        cur = unparen(cur.base);
      } else if (cur.type === 'MemberAccess' && isNode(cur.expression) && this.facts.model.declarationOf(cur)?.kind !== 'stateVariable') {
        cur = unparen(cur.expression);
      } else break;
    }
    const d = this.facts.model.declarationOf(cur);
    return d?.kind === 'stateVariable' && !d.constant && !d.immutable ? `${d.contract?.name ?? ''}.${d.name}` : undefined;
  }

  private privilegedOf(contract: ContractSymbol): Set<string> {
    let keys = this.privilegedKeys.get(contract);
    if (keys) return keys;
    keys = new Set();
    this.privilegedKeys.set(contract, keys);
    const summaries = this.facts.summaryIndex.of(contract);
    const { guards } = this.helpersOf(summaries);
    const cache = this.facts.functionCache;
    for (const g of this.facts.model.functionsOf(contract)) {
      if (g.isConstructor || !g.body) continue;
      let own = cache?.get('privileged', contract, g) as Set<string> | undefined;
      if (!own) {
        own = this.privilegedBy(g, summaries, guards);
        cache?.set('privileged', contract, g, own);
      }
      for (const k of own) keys.add(k);
    }
    return keys;
  }

  /** The state the sender checks of one function read (directly or through a getter it calls). */
  private privilegedBy(g: FunctionSymbol, summaries: ContractSummaries, guards: Guards): Set<string> {
    const keys = new Set<string>();
    const report = safe(() => guards.report(g));
    const a = safe(() => summaries.analysisOf(g));
    if (!report || !a) return keys;
    const at = effectsByNode(a);
    for (const site of report.sites) {
      if (!strong(site.kind)) continue;
      for (const e of at.get(site.node) ?? []) {
        if (e.kind === 'read' && e.state && !UNNAMED.test(e.state.key)) keys.add(e.state.key);
        if (e.kind === 'internal') for (const k of safe(() => summaries.summaryOfCall(e.ast)?.reads) ?? []) if (!UNNAMED.test(k)) keys.add(k);
      }
    }
    return keys;
  }

  /** The functions of the file that apply the modifier (and whose graph holds `node`, when given). */
  private usersOf(modNode: Node, node?: Node): FunctionSymbol[] {
    return safe(() => modifierUsers(this.facts, modNode, node, (f) => (f.contract ? this.facts.summaryIndex.of(f.contract).analysisOf(f) : undefined))) ?? [];
  }

  // ---- order ------------------------------------------------------------------------------------------------

  /** The graph nodes after the one(s) holding `node` (one or more edges: a loop brings a node after itself). */
  private after(fnNode: Node, node: Node): { a: FunctionEffects; starts: CfgNode[]; after: Set<CfgNode> } | undefined {
    const a = this.analysis(fnNode);
    if (!a) return undefined;
    const starts = nodesOf(a.cfg, node);
    if (!starts.length) return undefined;
    const after = new Set<CfgNode>();
    for (const s of starts) for (const n of reachableFrom(s)) after.add(n);
    return { a, starts, after };
  }

  /**
   * Whether some path after `node` writes state (in the function or an internal function it calls); with
   * `readBefore`, only state the function read on a path to `node` (or at it).
   */
  followedByWrite(fnNode: Node, node: Node, readBefore: boolean): boolean | undefined {
    // In a modifier: on the graph of some function that applies it, unlocked, with its other modifiers around it.
    if (fnNode.type === 'ModifierDefinition') {
      const users = this.usersOf(fnNode, node);
      return users.length ? users.some((u) => !this.reentrancyLocked(u.node) && this.followedByWrite(u.node, node, readBefore)) : undefined;
    }
    const c = this.context(fnNode);
    const found = c && this.after(fnNode, node);
    if (!c || !found) return undefined;
    return safe(() => writesAfter({ a: found.a, summaries: c.summaries, starts: found.starts }, readBefore));
  }

  /**
   * Whether code at [start, end) may run after `node`: in the function (or its modifiers) on a later graph node,
   * or inside an internal function called on one, directly or not.
   */
  runsAfter(fnNode: Node, node: Node, start: number, end: number): boolean | undefined {
    if (fnNode.type === 'ModifierDefinition') {
      const users = this.usersOf(fnNode, node);
      return users.length ? users.some((u) => this.runsAfter(u.node, node, start, end)) : undefined;
    }
    const c = this.context(fnNode);
    const found = c && this.after(fnNode, node);
    if (!c || !found) return undefined;
    return safe(() => {
      for (const n of found.after) {
        if (n.ast && within(n.ast, start, end, true)) return true;
      }
      const seen = new Set<Node>();
      const queue: FunctionSymbol[] = [];
      for (const n of found.after) for (const e of found.a.effects) if (e.node === n && e.kind === 'internal') push(c.summaries.calleeOf(e.ast));
      function push(f: FunctionSymbol | undefined) {
        if (f && !seen.has(f.node)) {
          seen.add(f.node);
          queue.push(f);
        }
      }
      for (let i = 0; i < queue.length && i < 64; i++) {
        const f = queue[i];
        const r = f.node.range;
        if (f.file === this.facts.path && r && r[0] <= start && end <= r[1] + 1) return true;
        const a = safe(() => c.summaries.analysisOf(f));
        for (const e of a?.effects ?? []) if (e.kind === 'internal') push(safe(() => c.summaries.calleeOf(e.ast)));
      }
      return false;
    });
  }
}

/** Runs a question of the model; what throws is unknown. */
export function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

function fnNode(a: FunctionEffects): Node {
  return a.fn;
}

function strong(k: GuardKind | 'none' | null | undefined): boolean {
  return k === 'sender' || k === 'role';
}

/** `x` lies in [start, end); with `overlap`, `x` contains it instead (a graph node holding the matched code). */
function within(x: Node, start: number, end: number, overlap = false): boolean {
  const r = x.range;
  if (!r) return false;
  return overlap ? r[0] <= start && end <= r[1] + 1 : start <= r[0] && r[1] + 1 <= end;
}

/** `0`, `false`, `address(0)`: the value of state nobody set yet. */
function isUnset(e: Node): boolean {
  const x = unparen(e);
  if (x.type === 'BooleanLiteral') return x.value === false;
  if (x.type === 'NumberLiteral') return isZero(x);
  if (x.type === 'FunctionCall' && isNode(x.expression) && Array.isArray(x.arguments) && x.arguments.length === 1) {
    const callee = x.expression;
    const name = callee.type === 'ElementaryTypeName' || callee.type === 'Identifier' ? String(callee.name) : '';
    return name === 'address' && isNode(x.arguments[0]) && isUnset(x.arguments[0]);
  }
  return false;
}
