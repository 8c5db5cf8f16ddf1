// The `spot-price` source (semantics/spot-price.ts): DEX quotes and spot reads of another contract, through locals,
// arithmetic and an element of the returned array; a helper of the contract's own with the same name is not one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../server/src/engine/parse';
import type { Node } from '../../server/src/engine/pattern/ast';
import { FileFacts } from '../../server/src/engine/semantics/facts';
import { nodesByText } from './semantics-helpers';

const SOURCE = `pragma solidity ^0.8.20;
interface IRouter { function getAmountsOut(uint256, address[] calldata) external view returns (uint256[] memory); }
interface IPool { function slot0() external view returns (uint160, int24, uint16, uint16, uint16, uint8, bool); }
interface ICurve { function get_dy(int128, int128, uint256) external view returns (uint256); }
contract Swapper {
    IRouter public router;
    IPool public pool;
    ICurve public curve;
    uint256[] public fixedAmounts;

    function f(uint256 amountIn, address[] calldata path, uint256 userMin) external view returns (uint256) {
        uint256[] memory amounts = router.getAmountsOut(amountIn, path);
        uint256 minOut = amounts[1] * 99 / 100;
        uint256 direct = router.getAmountsOut(amountIn, path)[1];
        (uint160 sqrtPriceX96, , , , , , ) = pool.slot0();
        uint256 limit = uint256(sqrtPriceX96) * 101 / 100;
        uint256 dy = curve.get_dy(0, 1, amountIn);
        uint256 own = getAmountsOut(amountIn);
        uint256 stored = fixedAmounts[0];
        return minOut + direct + limit + dy + own + stored + userMin;
    }

    function getAmountsOut(uint256 a) internal pure returns (uint256) {
        return a * 2;
    }
}
`;

test('DEX quotes and spot reads are spot-price, through locals, arithmetic and array elements', () => {
  const parsed = parseSource(SOURCE);
  const facts = new FileFacts(parsed);
  const node = nodesByText(parsed.ast, SOURCE);
  const sources = (n: Node) => [...(facts.origins(n)?.sources ?? [])].sort();
  assert.deepEqual(sources(node('minOut', 1)), ['spot-price']);
  assert.deepEqual(sources(node('direct', 1)), ['spot-price']);
  assert.deepEqual(sources(node('limit', 1)), ['spot-price']);
  assert.deepEqual(sources(node('dy', 1)), ['spot-price']);
  assert.deepEqual(sources(node('own', 1)), [], "the contract's own helper is no DEX");
  assert.deepEqual(sources(node('stored', 1)), []);
  assert.deepEqual(sources(node('userMin', 1)), []);
});
