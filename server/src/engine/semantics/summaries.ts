// Transitive function summaries for one contract (its own and inherited functions, under its virtual dispatch,
// plus the library and free functions they reach): what a call of the function may do, through every internal,
// private, inherited and library call and every modifier. Local effects come from effects.ts; the transitive
// part is a fixpoint over the call graph, strongly connected component by component, so recursion terminates
// (summaries-fixpoint.ts).
//
// Incremental by design: a function is known by a key that survives edits elsewhere (file, contract, name,
// parameter types) and by its text (summaries-identity.ts). `refresh()` re-reads the project after an edit; a
// function whose text (or whose modifiers' text) changed gets new local effects, and only it and its callers,
// transitively, get new summaries. A change outside function bodies (a state variable, a header) recomputes the
// contract, and so does a file-level `using`; a function declared, gone or declared otherwise in any file of the
// contract's unit (a library's new overload, an import that brings one in) drops the functions that name it.
import type { Node } from './cfg-types';
import { analyseEffects, type Effect, type FunctionEffects } from './effects';
import { callEffect } from './effects-calls';
import { addCall, type Local, type RefreshStats, strip, type Summary } from './summaries-facts';
import { summarise } from './summaries-fixpoint';
import { isPure, type LocalTrace, markPure, shareable, sharedLocals } from './summaries-shared';
import { contractShape, FILE_USING, functionFingerprint, functionHeader, functionKey, mentionsAny, namesOf, redeclaredNames } from './summaries-identity';
import type { ParsedSource } from '../parse';
import type { SemanticModel } from './model';
import type { SemanticProject } from './project';
import type { ContractSymbol, FunctionSymbol } from './symbols';

export * from './summaries-facts';
export { functionKey } from './summaries-identity';

interface Entry {
  key: string;
  fn: FunctionSymbol;
  /** The function's text and its modifiers' texts, as last analysed. */
  fingerprint: string;
  /** The function's text up to its body. */
  header: string;
  analysis?: FunctionEffects;
  local?: Local;
  summary?: Summary;
}

/** Summaries of the functions of one contract. */
export class ContractSummaries {
  private entries = new Map<string, Entry>();
  private inProgress = new Set<string>();
  private counter = { local: 0, transitive: 0 };
  private shape = '';
  /**
   * Bumped whenever everything is recomputed (a declaration of the contract or a base changed): what was read
   * from the model outside the summaries (a modifier's lock, locks.ts) holds while it stays the same.
   */
  epoch = 0;
  context: ContractSymbol;
  private readonly file: string;
  private readonly name: string;

  constructor(
    readonly project: SemanticProject,
    context: ContractSymbol,
  ) {
    this.context = context;
    this.file = context.file;
    this.name = context.name;
    this.shape = this.shapeOf();
    for (const f of this.model().functionsOf(context)) this.entry(f);
    this.snapshot();
  }

  /** The parse of each file the summaries read (the contract's file and its imports), as last refreshed. */
  private readonly seen = new Map<string, unknown>();
  /** The files of the contract's file and its imports at the last snapshot. */
  private unit = new Set<string>();

  /** The project's generation when `seen` was last found current: nothing can have changed while it lasts. */
  private checked = -1;

  private snapshot(): void {
    this.checked = this.project.generation();
    this.seen.clear();
    this.unit = new Set(this.project.unitFiles(this.file));
    for (const f of this.unit) this.seen.set(f, this.project.parsed(f));
    for (const e of this.entries.values()) if (!this.seen.has(e.fn.file)) this.seen.set(e.fn.file, this.project.parsed(e.fn.file));
  }

  /**
   * Whether every file the summaries were read from is still the version they were computed on, and the contract's
   * file imports no other (a file that appeared on disk where an import was looking for it).
   */
  isCurrent(): boolean {
    const gen = this.project.generation();
    if (gen === this.checked) return true;
    for (const [file, parsed] of this.seen) if (this.project.parsed(file) !== parsed) return false;
    if (this.project.unitFiles(this.file).some((f) => !this.unit.has(f))) return false;
    this.checked = gen;
    return true;
  }

  /**
   * Names of functions declared, gone, or declared otherwise since the last snapshot in the files the contract
   * reads, and in files it started or stopped importing: a call by one of them may resolve elsewhere now (a new
   * library function, an overload, an import that brings one in), although the caller's text is the same.
   */
  private redeclared(): string[] {
    const unit = new Set(this.project.unitFiles(this.file));
    const out: string[] = [];
    for (const file of new Set([...this.unit, ...unit])) {
      const before = this.unit.has(file) ? (this.seen.get(file) as ParsedSource | undefined) : undefined;
      const after = unit.has(file) ? this.project.parsed(file) : undefined;
      // A file let go of and read again (SemanticProject.evict) is a new parse of the same text.
      if (before !== after && before?.text !== after?.text) out.push(...redeclaredNames(before, after));
    }
    return out;
  }

  private model(file = this.file): SemanticModel {
    return this.project.model(file);
  }

  /** Whether a summary here was computed from `file` (the contract's, a base's, a library's). */
  dependsOn(file: string): boolean {
    if (file === this.file || this.seen.has(file)) return true;
    for (const e of this.entries.values()) if (e.fn.file === file) return true;
    return false;
  }

  /** Every function the contract has (inherited included, overridden ones left out). */
  functions(): FunctionSymbol[] {
    return this.model().functionsOf(this.context);
  }

  /** The summary of `fn` as this contract runs it (a function of the contract, or one it reaches). */
  summaryOf(fn: FunctionSymbol): Summary {
    return this.ensure(this.entry(fn));
  }

  /** The summary of the function an internal call runs, after virtual dispatch; undefined for other calls. */
  summaryOfCall(call: Node): Summary | undefined {
    const callee = this.calleeOf(call);
    return callee ? this.summaryOf(callee) : undefined;
  }

  /** The function an internal call runs in this contract, after virtual dispatch. */
  calleeOf(call: Node): FunctionSymbol | undefined {
    const e = callEffect(this.model(), call);
    return e.kind === 'internal' ? this.dispatch(e.callee, e.via) : undefined;
  }

  /** The effects of `fn` node by node, on the current tree (rebuilt when the function's node changed). */
  analysisOf(fn: FunctionSymbol): FunctionEffects {
    const e = this.entry(fn);
    if (!e.analysis || e.analysis.fn !== fn.node) e.analysis = this.analyse(e);
    return e.analysis;
  }

  /** Forget what is known about these functions (by key, symbol or node) and everything that calls them. */
  invalidate(functions: Iterable<string | FunctionSymbol | Node>): void {
    const keys = new Set<string>();
    for (const f of functions) {
      if (typeof f === 'string') keys.add(f);
      else if ('type' in f) {
        // A FunctionDefinition node of any file the summaries read.
        for (const file of this.seen.keys()) {
          const sym = this.project.symbols(file)?.byNode.get(f);
          if (sym?.kind === 'function') keys.add(functionKey(this.project, sym));
        }
      } else keys.add(functionKey(this.project, f));
    }
    this.dropLocals(keys);
  }

  /**
   * Re-reads the project after edits: functions whose text changed get new local effects, and summaries are
   * dropped for them and their callers (recomputed on the next question, or now with `eager`).
   */
  refresh(eager = true): RefreshStats {
    const table = this.project.symbols(this.file);
    const context = table?.contracts.find((c) => c.name === this.name);
    const stats: RefreshStats = { local: 0, transitive: 0, total: 0, full: false };
    if (!context) {
      this.entries.clear();
      this.epoch++;
      return { ...stats, full: true };
    }
    this.context = context;
    const redeclared = this.redeclared();
    const shape = this.shapeOf();
    // A file-level `using` came or went: member calls anywhere may be bound otherwise.
    if (shape !== this.shape || redeclared.includes(FILE_USING)) {
      this.shape = shape;
      this.entries.clear();
      this.epoch++;
      stats.full = true;
    }
    const fns = new Map<string, FunctionSymbol>();
    for (const f of this.functions()) fns.set(functionKey(this.project, f), f);
    // Functions reached but not members (library, free functions): found again through their files.
    for (const e of this.entries.values()) {
      if (fns.has(e.key)) continue;
      // One found nowhere went away: dropped below, with its callers.
      const again = this.refind(e);
      if (again) fns.set(e.key, again);
    }
    const changed = new Set<string>();
    // Functions that appeared, or whose header changed: calls by their name may resolve differently now.
    const declared = new Set<string>(stats.full ? [] : redeclared);
    for (const [key, f] of fns) {
      const e = this.entries.get(key);
      if (!e) {
        this.entries.set(key, { key, fn: f, fingerprint: this.fingerprint(f), header: this.header(f) });
        if (!stats.full) for (const n of namesOf(f)) declared.add(n);
        continue;
      }
      // The analysis holds the old tree's nodes: drop it (it is rebuilt on demand) so old trees can be collected.
      if (e.fn.node !== f.node) e.analysis = undefined;
      e.fn = f;
      const fp = this.fingerprint(f);
      if (fp !== e.fingerprint) {
        const header = this.header(f);
        if (header !== e.header) for (const n of namesOf(f)) declared.add(n);
        e.header = header;
        e.fingerprint = fp;
        changed.add(key);
      }
    }
    // A function that went away changes its callers' graphs too (their calls resolve elsewhere now).
    const callers = this.callers();
    for (const key of [...this.entries.keys()]) {
      if (fns.has(key)) continue;
      changed.add(key);
      for (const c of callers.get(key) ?? []) changed.add(c);
    }
    if (declared.size) {
      const names = mentionsAny(declared);
      for (const e of this.entries.values()) if (names.test(e.fingerprint)) changed.add(e.key);
    }
    const before = this.counters();
    this.dropLocals(changed);
    for (const key of [...this.entries.keys()]) if (!fns.has(key)) this.entries.delete(key);
    if (eager) for (const f of fns.values()) this.summaryOf(f);
    const after = this.counters();
    stats.local = after.local - before.local;
    stats.transitive = after.transitive - before.transitive;
    stats.total = this.entries.size;
    this.snapshot();
    return stats;
  }

  private counters() {
    return { ...this.counter };
  }

  private refind(e: Entry): FunctionSymbol | undefined {
    const table = this.project.symbols(e.fn.file);
    if (!table) return undefined;
    const candidates = e.fn.contract ? (table.contracts.find((c) => c.name === e.fn.contract?.name)?.functions ?? []) : [...table.globals.values()].flat();
    for (const c of candidates) if (c.kind === 'function' && functionKey(this.project, c) === e.key) return c;
    return undefined;
  }

  private entry(fn: FunctionSymbol): Entry {
    const key = functionKey(this.project, fn);
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { key, fn, fingerprint: this.fingerprint(fn), header: this.header(fn) }));
    return e;
  }

  private header(fn: FunctionSymbol): string {
    return functionHeader(this.project, fn);
  }

  private fingerprint(fn: FunctionSymbol): string {
    return functionFingerprint(this.project, this.context, fn);
  }

  private shapeOf(): string {
    return contractShape(this.project, this.context);
  }

  private dispatch(callee: FunctionSymbol, via: string): FunctionSymbol {
    if (via !== 'name' || !callee.contract || callee.contract.contractKind === 'library') return callee;
    // The answer depends on this contract: a local computed with it is this contract's alone.
    if (this.trace) this.trace.pure = false;
    if (!this.model().linearization(this.context).includes(callee.contract)) return callee;
    return this.model().dispatch(callee, this.context);
  }

  /** The effects of a function in this contract; `assumed` records which callees were taken for revert helpers. */
  private analyse(e: Entry, assumed = new Map<string, boolean>()): FunctionEffects {
    const model = this.model(e.fn.file);
    return analyseEffects(model, e.fn, {
      context: this.own(e.fn) ? this.context : undefined,
      alwaysReverts: (call) => {
        const ce = callEffect(model, call);
        if (ce.kind !== 'internal') return false;
        const callee = this.entry(this.dispatch(ce.callee, ce.via));
        this.trace?.callees.push(callee.fn);
        // Recursion: a function on the stack is taken to return.
        let answer = false;
        if (this.inProgress.has(callee.key)) {
          if (this.trace) this.trace.pure = false;
        } else {
          const local = this.localOf(callee);
          if (this.trace && !isPure(local)) this.trace.pure = false;
          answer = local.reverts === 'always';
        }
        assumed.set(callee.key, answer);
        return answer;
      },
    });
  }

  /** Whether `fn` is this contract's (its own or a base's, or this library's own): analysed in its context. */
  private own(fn: FunctionSymbol): boolean {
    return !!fn.contract && this.model().linearization(this.context).includes(fn.contract);
  }

  /** What the local being computed looked at (summaries-shared.ts); undefined outside `localOf`. */
  private trace: LocalTrace | undefined;

  private localOf(e: Entry): Local {
    if (e.local && !this.stale(e)) return e.local;
    const share = shareable(e.fn, this.own(e.fn)) ? sharedLocals(this.project) : undefined;
    const shared = share?.get(e.fn.node);
    if (shared) {
      // The callees' entries, as computing the local would have made them (summarise and stale() read them).
      for (const f of shared.callees) this.entry(f);
      e.local = shared.local;
      // Not its analysis: a graph stays one contract's, as before (analysisOf builds it when asked).
      e.analysis = undefined;
      this.counter.local++;
      return e.local;
    }
    this.inProgress.add(e.key);
    const outer = this.trace;
    const trace: LocalTrace = { pure: true, callees: [] };
    this.trace = trace;
    try {
      const assumed = new Map<string, boolean>();
      e.analysis = this.analyse(e, assumed);
      e.local = this.abstract(e, e.analysis, assumed);
      this.counter.local++;
      // Only a library's or free function's: a contract's own function is analysed in this contract's context
      // (its modifiers looked up there), whatever the trace saw.
      if (trace.pure && share) {
        markPure(e.local);
        share.set(e.fn.node, { local: e.local, callees: [...new Set(trace.callees)] });
      }
    } finally {
      this.inProgress.delete(e.key);
      this.trace = outer;
    }
    return e.local;
  }

  /** A callee this graph took for a revert helper (or not) has changed its mind since. */
  private stale(e: Entry): boolean {
    if (!e.local?.assumed.size || this.inProgress.has(e.key)) return false;
    this.inProgress.add(e.key);
    try {
      for (const [key, always] of e.local.assumed) {
        const callee = this.entries.get(key);
        if (!callee) return true;
        if (this.inProgress.has(key)) continue;
        if ((this.localOf(callee).reverts === 'always') !== always) return true;
      }
      return false;
    } finally {
      this.inProgress.delete(e.key);
    }
  }

  private abstract(e: Entry, a: FunctionEffects, assumed: Map<string, boolean>): Local {
    const local: Local = {
      reads: new Set(),
      writes: new Set(),
      calls: [],
      events: new Set(),
      reverts: a.reverts,
      selfdestructs: false,
      opaque: false,
      sites: [],
      assumed,
    };
    const model = this.model(e.fn.file);
    for (const x of a.effects) this.addEffect(local, x, model);
    return local;
  }

  private addEffect(local: Local, x: Effect, model: SemanticModel): void {
    switch (x.kind) {
      case 'read':
        if (x.state) local.reads.add(x.state.key);
        return;
      case 'write':
        if (x.state) local.writes.add(x.state.key);
        return;
      case 'call':
        if (x.call) addCall(local.calls, { ...strip(x.call), via: [] });
        return;
      case 'event':
        local.events.add(x.event ?? '?');
        return;
      case 'selfdestruct':
        local.selfdestructs = true;
        return;
      case 'opaque':
        local.opaque = true;
        return;
      case 'internal': {
        if (!x.callee) return;
        const via = callEffect(model, x.ast);
        const callee = this.dispatch(x.callee, via.kind === 'internal' ? via.via : 'name');
        const key = this.entry(callee).key;
        this.trace?.callees.push(callee);
        local.sites.push({ key, argKeys: (x.argRefs ?? []).map((r) => r?.key) });
      }
    }
  }

  /**
   * Drops the local effects of `keys`, then the summaries of them and their callers. A caller whose graph took one
   * of them for a revert helper (or not) is rebuilt when its summary is next asked for and the answer changed.
   */
  private dropLocals(keys: Set<string>): void {
    const callers = this.callers();
    const dirty = new Set<string>();
    const queue = [...keys];
    while (queue.length) {
      const key = queue.pop()!;
      if (dirty.has(key)) continue;
      dirty.add(key);
      const e = this.entries.get(key);
      if (e) {
        e.local = undefined;
        e.analysis = undefined;
      }
    }
    this.dropSummaries(dirty, callers);
  }

  private dropSummaries(keys: Set<string>, callers = this.callers()): void {
    const seen = new Set<string>();
    const queue = [...keys];
    while (queue.length) {
      const key = queue.pop()!;
      if (seen.has(key)) continue;
      seen.add(key);
      const e = this.entries.get(key);
      if (e) e.summary = undefined;
      for (const c of callers.get(key) ?? []) queue.push(c);
    }
  }

  private callers(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const e of this.entries.values()) {
      for (const s of e.local?.sites ?? []) {
        let set = out.get(s.key);
        if (!set) out.set(s.key, (set = new Set()));
        set.add(e.key);
      }
    }
    return out;
  }

  /** The summary of `root`, and of everything it reaches that has none (summaries-fixpoint.ts). */
  private ensure(root: Entry): Summary {
    return summarise(root, {
      localOf: (e) => this.localOf(e),
      entry: (key) => this.entries.get(key),
      solved: () => this.counter.transitive++,
    });
  }
}

/** Summaries per contract, kept across edits: `of(contract)` refreshes an existing one incrementally. */
export class SummaryIndex {
  private readonly byContract = new Map<string, ContractSummaries>();
  constructor(readonly project: SemanticProject) {}

  /** The summaries of `contract`, refreshed against the project's current text. */
  of(contract: ContractSymbol): ContractSummaries {
    const key = `${contract.file}#${contract.name}`;
    let s = this.byContract.get(key);
    if (!s) this.byContract.set(key, (s = new ContractSummaries(this.project, contract)));
    else if (s.context !== contract || !s.isCurrent()) s.refresh(false);
    return s;
  }

  /** Refreshes every contract of `file` (after the editor changed it); what was recomputed. */
  refreshFile(file: string, eager = true): RefreshStats[] {
    const out: RefreshStats[] = [];
    for (const [key, s] of this.byContract) if (key.startsWith(`${file}#`) || s.dependsOn(file)) out.push(s.refresh(eager));
    return out;
  }

  /** Drops the summaries that hold anything of `file` (its project let go of its tree). */
  forget(file: string): void {
    for (const [key, s] of this.byContract) if (key.startsWith(`${file}#`) || s.dependsOn(file)) this.byContract.delete(key);
  }
}
