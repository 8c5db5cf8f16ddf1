// The `spot-price` source of the `value:` filter: what a DEX answers from its current state, read from another
// contract: a Uniswap V2-style router's `getAmountsOut` / `getAmountsIn`, the Uniswap V3 Quoter's `quoteExact*`,
// a Curve pool's `get_dy` / `get_dy_underlying`, a Uniswap V3 pool's `slot0()`. A swap earlier in the same
// transaction (a sandwich, a flash loan) sets these values, so a minimum output or a price limit computed from
// them protects nothing.
import { callee } from './cfg-ast';
import type { Node } from './cfg-types';

const SPOT_READS = new Set([
  'getAmountsOut',
  'getAmountsIn',
  'quoteExactInputSingle',
  'quoteExactInput',
  'quoteExactOutputSingle',
  'quoteExactOutput',
  'get_dy',
  'get_dy_underlying',
  'slot0',
]);

/** A call `x.getAmountsOut(...)` (and the other spot reads) on another contract; `internal`: it resolves to a function of this contract. */
export function isSpotPriceCall(call: Node, internal: boolean): boolean {
  const c = callee(call);
  return !internal && c?.type === 'MemberAccess' && SPOT_READS.has(String(c.memberName));
}
