// Whether matched code may run more than once in one call (the `in-loop` function fact, docs/pack-format.md): it
// lies on a cycle of its function's control-flow graph (any loop: `for`, `while`, `do`, however written), or in a
// function that some function of the file calls by name from such a place, directly or through further calls.
// `msg.value` read in `_exercise` is read once per vault when `exerciseAll` calls `_exercise` in a loop.
import type { CfgNode, Node } from './cfg-types';
import type { FunctionQueries } from './facts-types';
import { nodesOf, reachableFrom } from './order';
import type { FunctionSymbol } from './symbols';

/** Whether a graph node can reach itself again: it is in a loop. */
export function onCycle(n: CfgNode): boolean {
  return reachableFrom(n).has(n);
}

/** In a loop of `fnNode`, or in a function called from a loop; undefined when the function has no graph. */
export function inLoop(q: FunctionQueries, fnNode: Node, node: Node): boolean | undefined {
  const a = q.analysis(fnNode);
  if (!a) return undefined;
  const at = nodesOf(a.cfg, node);
  if (at.some(onCycle)) return true;
  const fn = q.symbolOf(fnNode);
  return !!fn && calledInLoop(q, fn, new Set());
}

function calledInLoop(q: FunctionQueries, fn: FunctionSymbol, seen: Set<FunctionSymbol>): boolean {
  if (seen.has(fn) || fn.isConstructor) return false;
  seen.add(fn);
  return q.callSites(fn).some((site) => onCycle(site.call.node) || calledInLoop(q, site.caller, seen));
}
