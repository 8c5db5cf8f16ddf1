// What a summary says (summaries.ts computes them): the state a call of a function may read and write, the
// message calls it may make and through which internal functions, events, reverts; and how a callee's summary
// joins its caller's at a call site (a storage-pointer parameter `param:i` becomes the caller's argument).
import type { ExternalCall, ValueFlow } from './effects';

/** A message call a function makes, directly or through internal calls. */
export interface CallFact extends Omit<ExternalCall, 'receiver' | 'valueExpr' | 'function'> {
  /** Keys of the internal functions the call is reached through, outermost first; empty for the function's own. */
  via: string[];
}

export interface Summary {
  key: string;
  /** State read and written: `Contract.var`, `struct:S`, `storage:?`, `transient:?`; `param:i` for a storage-pointer parameter. */
  reads: ReadonlySet<string>;
  writes: ReadonlySet<string>;
  calls: readonly CallFact[];
  events: ReadonlySet<string>;
  /** 'always': the function never returns normally (a revert helper). */
  reverts: 'always' | 'may' | 'never';
  selfdestructs: boolean;
  /** Code the model cannot see may run (a function value, an unresolved name, a modifier it cannot find). */
  opaque: boolean;
  /** Internal functions called directly, after virtual dispatch. */
  callees: ReadonlySet<string>;
}

export interface RefreshStats {
  /** Functions whose local effects were recomputed. */
  local: number;
  /** Summaries recomputed. */
  transitive: number;
  /** Functions known. */
  total: number;
  /** The whole contract was recomputed (a change outside function bodies). */
  full: boolean;
}

export interface CallSite {
  key: string;
  /** For each argument that is a storage reference, its key (binds the callee's `param:i`). */
  argKeys: (string | undefined)[];
}

export interface Local {
  reads: Set<string>;
  writes: Set<string>;
  calls: CallFact[];
  events: Set<string>;
  reverts: 'always' | 'may' | 'never';
  selfdestructs: boolean;
  opaque: boolean;
  sites: CallSite[];
  /** Callees whose "always reverts" shaped this function's graph, and the answer used. */
  assumed: Map<string, boolean>;
}

export type Draft = {
  -readonly [K in keyof Summary]: Summary[K] extends ReadonlySet<infer T> ? Set<T> : Summary[K] extends readonly (infer U)[] ? U[] : Summary[K];
};

export function fromLocal(key: string, l: Local): Draft {
  return {
    key,
    reads: new Set(l.reads),
    writes: new Set(l.writes),
    calls: [...l.calls],
    events: new Set(l.events),
    reverts: l.reverts,
    selfdestructs: l.selfdestructs,
    opaque: l.opaque,
    callees: new Set(l.sites.map((s) => s.key)),
  };
}

/** Adds what `callee` may do at call site `s` to `d`; true when `d` grew. */
export function join(d: Draft, callee: Summary | Draft, s: CallSite): boolean {
  let grew = false;
  const bind = (k: string) => {
    const m = /^param:(\d+)$/.exec(k);
    if (!m) return k;
    return s.argKeys[Number(m[1])] ?? 'storage:?';
  };
  for (const k of callee.reads) grew = addTo(d.reads, bind(k)) || grew;
  for (const k of callee.writes) grew = addTo(d.writes, bind(k)) || grew;
  for (const k of callee.events) grew = addTo(d.events, k) || grew;
  for (const c of callee.calls) if (c.via.length < 8 && !c.via.includes(s.key)) grew = addCall(d.calls, { ...c, via: [s.key, ...c.via] }) || grew;
  if (callee.reverts !== 'never' && d.reverts === 'never') {
    d.reverts = 'may';
    grew = true;
  }
  if (callee.selfdestructs && !d.selfdestructs) grew = d.selfdestructs = true;
  if (callee.opaque && !d.opaque) grew = d.opaque = true;
  return grew;
}

function addTo<T>(set: Set<T>, x: T): boolean {
  if (set.has(x)) return false;
  set.add(x);
  return true;
}

function callId(c: CallFact): string {
  return `${c.kind}|${c.name}|${c.value}|${c.delegate}|${c.static}|${c.token}|${c.legacy}|${c.self}|${c.payment === true}|${c.via[0] ?? ''}`;
}

export function addCall(list: CallFact[], c: CallFact): boolean {
  const id = callId(c);
  if (list.some((x) => callId(x) === id)) return false;
  list.push(c);
  return true;
}

export function strip(c: ExternalCall): Omit<CallFact, 'via'> {
  const { receiver: _r, valueExpr: _v, function: _f, ...rest } = c;
  return rest;
}

/** The function writes state (directly or through what it calls). */
export function writesState(s: Summary): boolean {
  return s.writes.size > 0;
}

/** The function makes a message call (a static one counts only with `includeStatic`). */
export function callsExternal(s: Summary, includeStatic = false): boolean {
  return s.calls.some((c) => includeStatic || !c.static);
}

/** Whether ether may leave: 'yes' when some call sends value (or selfdestruct), 'unknown' when only assembly might. */
export function transfersValue(s: Summary): ValueFlow {
  if (s.selfdestructs || s.calls.some((c) => c.value === 'yes')) return 'yes';
  return s.calls.some((c) => c.value === 'unknown') ? 'unknown' : 'no';
}
