// Guards as behaviour: an effect is sender-guarded when every path to it (through the function's modifiers, and
// through internal calls by their summaries) passed a check that compares `msg.sender` (or `_msgSender()`, or a
// local holding it) with storage: `== owner` (a state variable, or a getter such as `owner()`), a mapping lookup
// (`admins[msg.sender]`), a role check (`hasRole(ROLE, msg.sender)`, `_checkRole(ROLE)`, `_checkOwner()`), written
// as `require`, `assert`, `if (..) revert`, `throw`, an `if` around the effect or an early `return`. A check of
// `tx.origin` is a separate, weak kind. Comparing the sender with a parameter or a local is no guard.
//
// What makes a called function a guard is read from its own graph: it returns only when the sender (or one of
// its parameters, bound at the call) passed such a check; or it returns such a check as a bool (a predicate).
import type { Cfg, Node } from './cfg-types';
import { reachingDefinitions, type ReachingDefinitions } from './dataflow-defs';
import type { FunctionEffects } from './effects';
import { isFalse, Query } from './guards-query';
import type { GuardContext, GuardFacts, GuardKind, GuardReport, GuardedEffect, Subject } from './guards-types';
import { nodesOf, pathExists } from './order';
import type { ContractSummaries, Summary } from './summaries';
import type { FunctionSymbol } from './symbols';

export type * from './guards-types';

const NO_FACTS: GuardFacts = { returnsOnlyIf: null, params: new Map(), predicate: null, returnsState: false, returnsSender: false, effectsGuarded: null };

/** Guards of functions of one contract, on its summaries. */
export class Guards implements GuardContext {
  private readonly facts = new WeakMap<Summary, GuardFacts>();
  /** Per graph of a function, its report and the function's summary it was computed under (see report()). */
  private readonly reports = new WeakMap<FunctionEffects, { report: GuardReport; summary: Summary }>();
  private readonly computing = new Set<Summary>();
  private readonly defs = new WeakMap<Cfg, ReachingDefinitions>();

  constructor(readonly summaries: ContractSummaries) {}

  /** Per function: the guard kind, the checks, and per effect whether it is guarded. */
  report(fn: FunctionSymbol): GuardReport {
    // The report reads what the functions `fn` calls check (factsOf, by their summaries). An edit of one of them
    // (in another file too: an imported base's helper) keeps `fn`'s graph but drops `fn`'s summary (summaries.ts
    // drops the callers' summaries transitively): a report is kept only while the summary it was computed with is.
    // The summary first: computing it may analyse `fn` again (a new graph).
    const summary = this.summaries.summaryOf(fn);
    const a = this.summaries.analysisOf(fn);
    const known = this.reports.get(a);
    if (known?.summary === summary) return known.report;
    const report = this.compute(fn, a);
    this.reports.set(a, { report, summary });
    return report;
  }

  /**
   * The strongest check on every path to a piece of code of `fn` (a statement or any expression in it, a matched
   * node); null when some path has none or the code is not in the function's graph. Code that runs more than once
   * (a body expanded for two `_`) takes its weakest copy.
   */
  guardAt(fn: FunctionSymbol, ast: Node): GuardKind | null {
    const a = this.summaries.analysisOf(fn);
    const nodes = nodesOf(a.cfg, ast);
    if (!nodes.length) return null;
    const q = new Query(this, this.summaries.project.model(fn.file), a, fn);
    const kinds = nodes.map((n) => q.kindAt(n, { kind: 'sender' }));
    if (kinds.includes(null)) return null;
    return kinds.includes('tx-origin') ? 'tx-origin' : kinds.includes('role') ? 'role' : 'sender';
  }

  /** What a call of `fn` checks (see GuardFacts). */
  factsOf(fn: FunctionSymbol): GuardFacts {
    const s = this.summaries.summaryOf(fn);
    const known = this.facts.get(s);
    if (known) return known;
    if (this.computing.has(s)) return NO_FACTS; // recursion: no check assumed
    this.computing.add(s);
    try {
      const f = this.computeFacts(fn);
      this.facts.set(s, f);
      return f;
    } finally {
      this.computing.delete(s);
    }
  }

  private compute(fn: FunctionSymbol, a: FunctionEffects): GuardReport {
    const q = new Query(this, this.summaries.project.model(fn.file), a, fn);
    const sender: Subject = { kind: 'sender' };
    const effects: GuardedEffect[] = q.counted().map((effect) => ({ effect, guard: q.guardOf(effect, sender) }));
    const exit = pathExists(a.cfg.entry, a.cfg.exit) ? q.kindAt(a.cfg.exit, sender) : null;
    let kind: GuardKind | 'none';
    if (effects.length) {
      const kinds = new Set(effects.map((e) => e.guard));
      if (kinds.has(null)) kind = 'none';
      else if (kinds.has('tx-origin')) kind = 'tx-origin';
      else kind = kinds.has('sender') ? 'sender' : 'role';
    } else kind = exit ?? 'none';
    return { kind, sites: q.sites(sender), effects, exit };
  }

  private computeFacts(fn: FunctionSymbol): GuardFacts {
    const a = this.summaries.analysisOf(fn);
    const q = new Query(this, this.summaries.project.model(fn.file), a, fn);
    const returns = pathExists(a.cfg.entry, a.cfg.exit);
    const params = new Map<number, GuardKind>();
    const paramSubjects = q.addressParams();
    if (returns) {
      for (const s of paramSubjects) {
        const k = q.kindAt(a.cfg.exit, s);
        if (k) params.set(s.index, k);
      }
    }
    const values = q.returnValues();
    let predicate: GuardFacts['predicate'] = null;
    for (const s of [{ kind: 'sender' } as Subject, ...paramSubjects]) {
      const kinds = values.map((v) => (isFalse(v.expr) ? 'false' : q.authKind({ expr: v.expr, holds: true }, s, v.node)));
      const real = kinds.filter((k): k is GuardKind => k !== 'false' && !!k);
      if (values.length && real.length && kinds.every((k) => k)) {
        predicate = { subject: s.kind === 'param' ? s.index : 'sender', kind: real[0] };
        break;
      }
    }
    const counted = q.counted();
    const guarded = counted.map((e) => q.guardOf(e, { kind: 'sender' }));
    return {
      returnsOnlyIf: returns ? q.kindAt(a.cfg.exit, { kind: 'sender' }) : null,
      params,
      predicate,
      returnsState: values.length > 0 && values.every((v) => q.isStorage(v.expr, v.node)),
      returnsSender: (values.length > 0 && values.every((v) => q.isSubject(v.expr, { kind: 'sender' }, v.node))) || fn.name === '_msgSender',
      effectsGuarded: counted.length && guarded.every((g) => g && g !== 'tx-origin') ? (guarded.includes('sender') ? 'sender' : 'role') : null,
    };
  }

  definitions(cfg: Cfg): ReachingDefinitions {
    let rd = this.defs.get(cfg);
    if (!rd) this.defs.set(cfg, (rd = reachingDefinitions(cfg)));
    return rd;
  }

  calleeFacts(call: Node): { facts: GuardFacts; callee: FunctionSymbol } | undefined {
    const callee = this.summaries.calleeOf(call);
    return callee ? { facts: this.factsOf(callee), callee } : undefined;
  }

  summaryOfCall(call: Node): Summary | undefined {
    return this.summaries.summaryOfCall(call);
  }
}
