// The `pool-balance` source of the `value:` filter: what a token's `balanceOf(pool)` returns when `pool` is an
// address the contract stores (a state variable, immutable or constant, or `address(...)` of one) and not the
// contract itself. That is how a spot price is read from a pair's or pool's token balances (`dai.balanceOf(pair)`):
// any swap, flash loan or donation moves it within one transaction. A user's balance (`balanceOf(msg.sender)`, of
// a parameter) is not one, and the contract's own `balanceOf(address(this))` is the `balance` source.
import { callArguments, callee, unparen } from './cfg-ast';
import type { Node } from './cfg-types';
import type { SemanticModel } from './model';

/** `token.balanceOf(x)` where `x` is stored configuration naming another account. */
export function isPoolBalanceCall(model: SemanticModel, call: Node): boolean {
  const c = callee(call);
  const args = callArguments(call);
  if (c?.type !== 'MemberAccess' || c.memberName !== 'balanceOf' || args.length !== 1) return false;
  return isStoredAccount(model, args[0]);
}

function isStoredAccount(model: SemanticModel, arg: Node): boolean {
  const e = unparen(arg);
  if (e.type === 'FunctionCall') {
    // `address(pair)`: the conversion of a stored contract or address.
    const c = callee(e);
    const args = callArguments(e);
    const isAddress = (c?.type === 'ElementaryTypeName' || c?.type === 'Identifier') && c.name === 'address';
    return isAddress && args.length === 1 && isStoredAccount(model, args[0]);
  }
  if (e.type !== 'Identifier' || e.name === 'this') return false;
  const d = model.declarationOf(e);
  return d?.kind === 'stateVariable' || d?.kind === 'fileConstant';
}
