// Reentrancy locks by behaviour: a modifier (or a pair of internal calls, or code written inline) that checks a
// flag in storage or transient storage, reverting when it is set, sets it before the body (`_`) and resets it
// after. OpenZeppelin's ReentrancyGuard (inline in 4.x, `_nonReentrantBefore/After` in 5.x),
// ReentrancyGuardTransient (`tload`/`tstore` through TransientSlot) and solmate's `locked` all qualify by what
// they do, under any name. A modifier the model cannot see at all is taken by its name, and flagged so.
import { isPlaceholder } from './cfg-ast';
import type { Cfg, CfgNode, Node } from './cfg-types';
import { analyseEffects, type Effect, type FunctionEffects } from './effects';
import { onAllPathsFromEntry, pathExists, reachableFrom } from './order';
import type { ContractSummaries, Summary } from './summaries';
import type { Declaration, FunctionSymbol, ModifierSymbol } from './symbols';

export interface LockReport {
  locked: boolean;
  how: 'modifier' | 'calls' | 'inline' | null;
  /** The modifier invocation, or the first check of the flag in the body. */
  site?: Node;
  modifier?: ModifierSymbol;
  /** The flag's storage key (summaries.ts), e.g. `C._status`, `struct:StorageSlot.Uint256Slot`, `transient:?`. */
  flag?: string;
  transient: boolean;
  /** Recognised by name only: the modifier could not be resolved (an import the project does not have). */
  byName: boolean;
}

const LOCK_NAMES = /^(nonReentrant|noReentrancy|noReentrant|nonreentrant|reentrancyGuard|lock|locked|mutex|noReenter|whenNotEntered)/;

const NONE: LockReport = { locked: false, how: null, transient: false, byName: false };

interface Behaviour {
  flag: string;
  transient: boolean;
  /** The node of the first check (a condition or a call of a function that checks and sets). */
  check: CfgNode;
}

export class Locks {
  /**
   * A modifier's lock, with what it was read from besides the modifier's text: the summaries of the functions it
   * calls, and the contract's declarations (`epoch`: a flag declared in a base of another file may stop being
   * storage, or go, while the modifier's node stays the same).
   */
  private readonly modifiers = new WeakMap<Node, { result: Behaviour | undefined; epoch: number; deps: Map<Node, Summary | undefined> }>();

  constructor(readonly summaries: ContractSummaries) {}

  /** Whether the function runs under a reentrancy lock, and how. */
  lockOf(fn: FunctionSymbol): LockReport {
    const model = this.summaries.project.model(fn.file);
    for (const inv of fn.modifiers) {
      const name = typeof inv.name === 'string' ? inv.name : '';
      const m = model.lookupModifier(this.summaries.context, name) ?? declaredModifier(model.declarationOf(inv));
      if (m) {
        const b = this.modifierBehaviour(m);
        if (b) return { locked: true, how: 'modifier', site: inv, modifier: m, flag: b.flag, transient: b.transient, byName: false };
        continue;
      }
      if (LOCK_NAMES.test(name) && !model.declarationOf(inv)) return { locked: true, how: 'modifier', site: inv, transient: false, byName: true };
    }
    const a = this.summaries.analysisOf(fn);
    const protectedNodes = this.outgoing(a).filter((n) => !n.origin);
    if (!protectedNodes.length) return NONE;
    const b = this.around(a, protectedNodes);
    if (!b) return NONE;
    return {
      locked: true,
      how: b.check.kind === 'condition' ? 'inline' : 'calls',
      site: b.check.ast ?? undefined,
      flag: b.flag,
      transient: b.transient,
      byName: false,
    };
  }

  /** The lock a modifier implements, if it implements one: check and set before `_`, reset after. */
  modifierBehaviour(m: ModifierSymbol): Behaviour | undefined {
    const known = this.modifiers.get(m.node);
    if (known && known.epoch === this.summaries.epoch && [...known.deps].every(([call, s]) => this.summaries.summaryOfCall(call) === s)) return known.result;
    const model = this.summaries.project.model(m.file);
    const a = analyseEffects(model, m.node, {
      context: this.summaries.context,
      alwaysReverts: (call) => this.summaries.summaryOfCall(call)?.reverts === 'always',
    });
    const placeholders = a.cfg.nodes.filter((n) => n.ast && isPlaceholder(n.ast));
    const result = placeholders.length ? this.around(a, placeholders) : undefined;
    const deps = new Map<Node, Summary | undefined>();
    for (const e of a.effects) if (e.kind === 'internal') deps.set(e.ast, this.summaries.summaryOfCall(e.ast));
    this.modifiers.set(m.node, { result, epoch: this.summaries.epoch, deps });
    return result;
  }

  /** Nodes that call out: what a lock in a function body must surround. */
  private outgoing(a: FunctionEffects): CfgNode[] {
    const out = new Set<CfgNode>();
    for (const e of a.effects) {
      if (e.kind === 'call' && !e.call?.static) out.add(e.node);
      else if (e.kind === 'internal' && this.summaries.summaryOfCall(e.ast)?.calls.some((c) => !c.static)) out.add(e.node);
    }
    return [...out];
  }

  /**
   * A flag that every path to each `middle` node checked (a branch on it that always reverts) and set, and that
   * is written again after each of them.
   */
  private around(a: FunctionEffects, middles: CfgNode[]): Behaviour | undefined {
    const cfg = a.cfg;
    const byNode = groupByNode(a.effects);
    for (const flag of this.candidateFlags(a)) {
      const checks = new Set<CfgNode>();
      const sets = new Set<CfgNode>();
      for (const n of cfg.nodes) {
        const effects = byNode.get(n) ?? [];
        if (this.writes(effects, flag)) sets.add(n);
        if (n.kind === 'condition' && this.reads(effects, flag) && revertsOnOneBranch(cfg, n)) checks.add(n);
        // `assembly { if tload(S) { revert(0, 0) } tstore(S, 1) }`: opaque to the graph, but it reads and may revert.
        if (n.kind === 'assembly' && n.mayRevert && this.reads(effects, flag)) checks.add(n);
        // `_nonReentrantBefore()`: a call that checks and sets the flag itself.
        if (effects.some((e) => e.kind === 'internal' && this.checksAndSets(e.ast, flag))) {
          checks.add(n);
          sets.add(n);
        }
      }
      if (!checks.size || !sets.size) continue;
      const ok = middles.every(
        (m) =>
          !checks.has(m) &&
          onAllPathsFromEntry(cfg, m, (n) => checks.has(n)) &&
          onAllPathsFromEntry(cfg, m, (n) => sets.has(n)) &&
          [...reachableFrom(m)].some((n) => sets.has(n) && !checks.has(n)),
      );
      if (!ok) continue;
      const first = cfg.nodes.find((n) => checks.has(n))!;
      return { flag, transient: flag.startsWith('transient:') || this.isTransient(a, flag), check: first };
    }
    return undefined;
  }

  /** Keys both read and written by the graph (directly or through calls). */
  private candidateFlags(a: FunctionEffects): string[] {
    const reads = new Set<string>();
    const writes = new Set<string>();
    // A lock is one flag, not an entry of a mapping or array (`bal[msg.sender] -= 1; _; bal[msg.sender] += 1;`).
    const indexed = new Set<string>();
    for (const e of a.effects) {
      if (e.state?.path.includes('[]')) indexed.add(e.state.key);
      if (e.kind === 'read' && e.state) reads.add(e.state.key);
      if (e.kind === 'write' && e.state) writes.add(e.state.key);
      if (e.kind === 'internal') {
        const s = this.summaries.summaryOfCall(e.ast);
        for (const k of s?.reads ?? []) reads.add(k);
        for (const k of s?.writes ?? []) writes.add(k);
      }
    }
    return [...writes].filter((k) => reads.has(k) && !indexed.has(k) && !k.startsWith('param:'));
  }

  private reads(effects: Effect[], flag: string): boolean {
    return effects.some(
      (e) => (e.kind === 'read' && e.state?.key === flag) || (e.kind === 'internal' && !!this.summaries.summaryOfCall(e.ast)?.reads.has(flag)),
    );
  }

  private writes(effects: Effect[], flag: string): boolean {
    return effects.some(
      (e) => (e.kind === 'write' && e.state?.key === flag) || (e.kind === 'internal' && !!this.summaries.summaryOfCall(e.ast)?.writes.has(flag)),
    );
  }

  /** A call of a function that reverts when the flag is set and otherwise sets it (OpenZeppelin 5's `_nonReentrantBefore`). */
  private checksAndSets(call: Node, flag: string): boolean {
    const callee = this.summaries.calleeOf(call);
    const s = callee ? this.summaries.summaryOf(callee) : undefined;
    if (!callee || !s?.reads.has(flag) || !s.writes.has(flag) || s.reverts === 'never') return false;
    const a = this.summaries.analysisOf(callee);
    const byNode = groupByNode(a.effects);
    const checks = a.cfg.nodes.filter((n) => {
      const effects = byNode.get(n) ?? [];
      if (n.kind === 'condition' && this.reads(effects, flag) && revertsOnOneBranch(a.cfg, n)) return true;
      // `_nonReentrantBeforeView()`: a call that reverts when the flag is set.
      return effects.some((e) => e.kind === 'internal' && this.revertsOnFlag(e.ast, flag));
    });
    const sets = a.cfg.nodes.filter((n) => this.writes(byNode.get(n) ?? [], flag));
    return checks.length > 0 && sets.some((w) => onAllPathsFromEntry(a.cfg, w, (n) => checks.includes(n)));
  }

  private revertsOnFlag(call: Node, flag: string): boolean {
    const callee = this.summaries.calleeOf(call);
    if (!callee) return false;
    const s = this.summaries.summaryOf(callee);
    if (!s.reads.has(flag) || s.reverts === 'never') return false;
    const a = this.summaries.analysisOf(callee);
    const byNode = groupByNode(a.effects);
    return a.cfg.nodes.some((n) => n.kind === 'condition' && this.reads(byNode.get(n) ?? [], flag) && revertsOnOneBranch(a.cfg, n));
  }

  private isTransient(a: FunctionEffects, flag: string): boolean {
    return a.effects.some((e) => e.state?.key === flag && e.state.transient);
  }
}

function declaredModifier(d: Declaration | undefined): ModifierSymbol | undefined {
  return d?.kind === 'modifier' ? d : undefined;
}

/** A condition one of whose branches can only end in a revert. */
function revertsOnOneBranch(cfg: Cfg, n: CfgNode): boolean {
  return n.out.some((e) => (e.kind === 'true' || e.kind === 'false') && (e.to === cfg.revert || !pathExists(e.to, cfg.exit)));
}

function groupByNode(effects: Effect[]): Map<CfgNode, Effect[]> {
  const out = new Map<CfgNode, Effect[]>();
  for (const e of effects) {
    const list = out.get(e.node);
    if (list) list.push(e);
    else out.set(e.node, [e]);
  }
  return out;
}
