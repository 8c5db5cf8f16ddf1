// Semantic questions answered "no" from the text alone, before the model is asked (or built): a filter that wants
// a low-level call or a write to a numbered slot fails at once where the code cannot spell one. Each test here is
// a necessary condition of the model's own "yes" (test/unit/scan-semantic-text.test.ts holds them to it), so
// a filter's answer is the same with the cut-off as without.
import { isNode, type Node } from './pattern/ast';

/**
 * Whether a call can be its own low-level call (what `low-level: true` asks): the model says so only when the
 * callee, past `{value: ..}` and legacy `.value(..)`/`.gas(..)`, is a member `call`, `delegatecall`, `staticcall`
 * or `callcode` (calls.ts, effects-calls.ts), so the callee's text holds `call`. Most calls of a file are internal
 * or library calls.
 */
export function mayBeLowLevelCall(call: Node, text: string): boolean {
  const r = isNode(call.expression) ? call.expression.range : undefined;
  return !r || text.slice(r[0], r[1] + 1).includes('call');
}

/**
 * Whether a function or modifier can write a slot by number (`writes-numbered-slot: true`): such a write is an
 * assembly `sstore` in its body or in a modifier it runs (facts-slots.ts, through the function's graph), so without
 * modifiers its text holds `sstore`.
 */
export function mayWriteNumberedSlot(fn: Node, text: string): boolean {
  const r = fn.range;
  return !r || (Array.isArray(fn.modifiers) && fn.modifiers.length > 0) || text.slice(r[0], r[1] + 1).includes('sstore');
}
