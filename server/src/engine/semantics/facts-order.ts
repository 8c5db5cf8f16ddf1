// Order on a function's graph for `followed-by` (facts-functions.ts): which state may be written after a node, and
// whether that write makes a value read before the node stale, the shape of reentrancy. A write is not counted
// when the state was already written before the node on some path (the function updated it before handing over
// control, and writes it again as bookkeeping: a queue emptied, an id restored), nor when a check that reads the
// same state, after the node, guards the write (a re-entered call has already changed it, and the check reverts).
import type { CfgNode } from './cfg-types';
import type { Effect, FunctionEffects } from './effects';
import { unseenTokenPlaces } from './effects-unseen-token';
import { pathExists, reachableFrom } from './order';
import type { ContractSummaries } from './summaries';

/** Places assembly writes the model cannot name: never a match for "the same state". */
export const UNNAMED = /^(storage|transient):\?$/;

export interface WriteAfter {
  a: FunctionEffects;
  summaries: ContractSummaries;
  /** The graph nodes holding the candidate. */
  starts: CfgNode[];
}

export function effectsByNode(a: FunctionEffects): Map<CfgNode, Effect[]> {
  const out = new Map<CfgNode, Effect[]>();
  for (const e of a.effects) {
    const list = out.get(e.node);
    if (list) list.push(e);
    else out.set(e.node, [e]);
  }
  return out;
}

/**
 * Whether some path after the candidate writes state (in the function or an internal function it calls); with
 * `readBefore`, only state read on a path to the candidate (or by the candidate's own code) and not written before
 * it, unless a check of that state guards the write.
 */
export function writesAfter({ a, summaries, starts }: WriteAfter, readBefore: boolean): boolean {
  const byNode = effectsByNode(a);
  const keys = (n: CfgNode, kind: 'read' | 'write', throughCalls = true): string[] => {
    const out: string[] = [];
    for (const e of byNode.get(n) ?? []) {
      if (e.kind === kind && e.state) out.push(placeKey(e.state));
      else if (e.kind === 'internal' && throughCalls) {
        const s = summaries.summaryOfCall(e.ast);
        if (s) out.push(...(kind === 'read' ? s.reads : s.writes));
      } else out.push(...unseenTokenPlaces(e, kind));
    }
    return out.filter((k) => !UNNAMED.test(k));
  };
  const after = new Set<CfgNode>();
  for (const s of starts) for (const n of reachableFrom(s)) after.add(n);
  if (!readBefore) return [...after].some((n) => keys(n, 'write').length > 0);
  const read = new Set<string>();
  const writtenBefore = new Set<string>();
  for (const n of a.cfg.nodes) {
    const isStart = starts.includes(n);
    if (!isStart && !starts.some((s) => pathExists(n, s))) continue;
    // What an internal call at the candidate reads may come after the control it hands over: only its own code's.
    for (const k of keys(n, 'read', !isStart)) read.add(k);
    if (!isStart) for (const k of keys(n, 'write')) writtenBefore.add(k);
  }
  const stale = [...read].filter((k) => ![...writtenBefore].some((w) => samePlace(k, w)));
  if (!stale.length) return false;
  for (const w of after) {
    for (const k of keys(w, 'write')) {
      if (stale.some((r) => samePlace(r, k)) && !checkedBefore(a, byNode, summaries, starts, w, baseKey(k))) return true;
    }
  }
  return false;
}

/**
 * A place as precise as the effect tells: namespaced storage (`struct:S`, every field under one key) is told apart
 * by its first field, `struct:S._timelock` from `struct:S._timelockIds`. Summaries know keys only.
 */
function placeKey(ref: { key: string; path: string }): string {
  const field = ref.key.startsWith('struct:') ? /^\.[A-Za-z_$][\w$]*/.exec(ref.path)?.[0] : undefined;
  return field ? `${ref.key}${field}` : ref.key;
}

function baseKey(k: string): string {
  return k.startsWith('struct:') ? k.replace(/^(struct:[^.]+(?:\.[A-Z][\w$]*)?)\..*$/, '$1') : k;
}

/** One place holds the other: equal, or a struct key and one of its fields. */
function samePlace(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** Every path from the candidate to `w` passes a check of `k`, or `w` calls a function that checks `k` first. */
function checkedBefore(a: FunctionEffects, byNode: Map<CfgNode, Effect[]>, summaries: ContractSummaries, starts: CfgNode[], w: CfgNode, k: string): boolean {
  const isCheck = (n: CfgNode, effects: Effect[], cfg = a.cfg) =>
    n.kind === 'condition' && revertsOnOneBranch(cfg, n) && effects.some((e) => readsKey(e, k, summaries));
  const direct = (byNode.get(w) ?? []).some((e) => (e.kind === 'write' && e.state?.key === k) || unseenTokenPlaces(e, 'write').includes(k));
  if (direct) return starts.every((s) => !pathExists(s, w, { node: (n) => isCheck(n, byNode.get(n) ?? []) }));
  // Written inside a called function: that function checks the same state before writing it.
  for (const e of byNode.get(w) ?? []) {
    if (e.kind !== 'internal' || !summaries.summaryOfCall(e.ast)?.writes.has(k)) continue;
    const callee = summaries.calleeOf(e.ast);
    const ca = callee && summaries.analysisOf(callee);
    if (!ca) return false;
    const inner = effectsByNode(ca);
    const writes = ca.cfg.nodes.filter((n) => (inner.get(n) ?? []).some((x) => x.kind === 'write' && x.state?.key === k));
    const guarded = writes.every((x) => !pathExists(ca.cfg.entry, x, { node: (n) => isCheck(n, inner.get(n) ?? [], ca.cfg) }));
    if (!writes.length || !guarded) return false;
  }
  return true;
}

function readsKey(e: Effect, k: string, summaries: ContractSummaries): boolean {
  if (e.kind === 'read') return e.state?.key === k;
  if (e.kind === 'opaque') return unseenTokenPlaces(e, 'read').includes(k);
  return e.kind === 'internal' && !!summaries.summaryOfCall(e.ast)?.reads.has(k);
}

/** A condition one of whose branches can only end in a revert. */
function revertsOnOneBranch(cfg: FunctionEffects['cfg'], n: CfgNode): boolean {
  return n.out.some((e) => (e.kind === 'true' || e.kind === 'false') && (e.to === cfg.revert || !pathExists(e.to, cfg.exit)));
}
