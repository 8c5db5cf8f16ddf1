// The `pool-balance` source (semantics/pool-balance.ts): a token's balanceOf(pool) of a stored pool address is a
// spot reading; the caller's, a parameter's and the contract's own balance are not (the last is `balance`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../server/src/engine/parse';
import type { Node } from '../../server/src/engine/pattern/ast';
import { FileFacts } from '../../server/src/engine/semantics/facts';
import { nodesByText } from './semantics-helpers';

const SOURCE = `pragma solidity ^0.8.20;
interface IERC20 { function balanceOf(address) external view returns (uint256); }
contract Oracle {
    IERC20 public dai;
    address public pair;
    address public immutable POOL;
    IERC20 public lp;

    constructor(address p) { POOL = p; }

    function price(address user) external view returns (uint256) {
        uint256 inPair = dai.balanceOf(pair);
        uint256 inPool = dai.balanceOf(address(lp));
        uint256 inImmutable = dai.balanceOf(POOL);
        uint256 mine = dai.balanceOf(msg.sender);
        uint256 theirs = dai.balanceOf(user);
        uint256 own = dai.balanceOf(address(this));
        return inPair + inPool + inImmutable + mine + theirs + own;
    }
}
`;

test('balanceOf of a stored pool address is pool-balance; of the caller, a parameter or this is not', () => {
  const parsed = parseSource(SOURCE);
  const facts = new FileFacts(parsed);
  const node = nodesByText(parsed.ast, SOURCE);
  const sources = (n: Node) => [...(facts.origins(n)?.sources ?? [])].sort();
  assert.deepEqual(sources(node('inPair', 1)), ['pool-balance']);
  assert.deepEqual(sources(node('inPool', 1)), ['pool-balance']);
  assert.deepEqual(sources(node('inImmutable', 1)), ['pool-balance']);
  assert.deepEqual(sources(node('mine', 1)), []);
  assert.deepEqual(sources(node('theirs', 1)), []);
  assert.deepEqual(sources(node('own', 1)), ['balance']);
});
