// Token bookkeeping the model cannot see: a contract that inherits ERC20/721/1155 from a file that is not there (a
// missing import, a scan of one file) calls `_safeMint`, `balanceOf` or `totalSupply` without a body to read. Their
// effect on the token's own storage is known by name all the same: the mints and transfers write the balances
// (and the safe ones call the receiver's hook first), the getters read them. Order questions (facts-order.ts) use
// these places so that "check the balance, `_safeMint` in a loop" is seen as a read followed by a write.
import type { Effect } from './effects-types';

/** The one place that stands for the unseen token's balances, owners and supply. */
export const UNSEEN_TOKEN_STATE = 'token:?balances';

const WRITERS = new Set(['_mint', '_safeMint', '_burn', '_transfer', '_safeTransfer', '_mintBatch', '_burnBatch', '_update']);
const READERS = new Set(['balanceOf', 'totalSupply', 'ownerOf', '_ownerOf', '_exists', 'tokenOfOwnerByIndex', 'tokenByIndex', '_balanceOf']);

/** The unseen token state an opaque call reads or writes, by the inherited function's name. */
export function unseenTokenPlaces(e: Effect, kind: 'read' | 'write'): string[] {
  if (e.kind !== 'opaque' || !e.name || e.ast.type !== 'FunctionCall') return [];
  const callee = e.ast.expression as { type?: string } | undefined;
  // Only a bare name: an inherited function, not `other.balanceOf(x)` of another contract.
  if (callee?.type !== 'Identifier') return [];
  return (kind === 'read' ? READERS : WRITERS).has(e.name) ? [UNSEEN_TOKEN_STATE] : [];
}
