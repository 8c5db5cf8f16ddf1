// `order-dependent-inheritance` (semantics/facts-inheritance.ts): a contract that inherits one function from two
// unrelated bases without defining it, so the order of `is` decides which body runs (SWC-125).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type MatchNode } from '../../server/src/engine';
import { scan, texts } from './engine-helpers';

const found = (want: boolean, src: string): string[] =>
  texts(
    src,
    scan({ all: [{ pattern: 'contract $C is ... {}' }, { where: [{ metavariable: '$C', 'order-dependent-inheritance': want }] }] } as MatchNode, src, {
      focus: '$C',
    }),
  );

const LEGACY = `pragma solidity ^0.4.24;
contract Sale {
    function valid() internal view returns (bool) { return true; }
    function ended() public view returns (bool) { return false; }
}
contract Capped is Sale {
    function valid() internal view returns (bool) { return super.valid() && msg.value < 10; }
}
contract Listed is Sale {
    function valid() internal view returns (bool) { return super.valid() || msg.value == 1; }
}
contract Both is Capped, Listed {}
contract Decided is Capped, Listed {
    function valid() internal view returns (bool) { return Capped.valid(); }
}
contract Chain is Capped {}
contract Later is Capped {
    function valid() internal view returns (bool) { return false; }
}
contract Line is Capped, Later {}
`;

test('order-dependent-inheritance: two unrelated bases define the function and the contract does not', () => {
  assert.deepEqual(found(true, LEGACY), ['Both']);
});

test('order-dependent-inheritance: an own definition, a single chain or a derived base is not order-dependent', () => {
  assert.deepEqual(found(false, LEGACY), ['Sale', 'Capped', 'Listed', 'Decided', 'Chain', 'Later', 'Line']);
});

test('order-dependent-inheritance: bodiless declarations (interfaces) and private helpers do not count', () => {
  const src = `pragma solidity ^0.5.0;
interface IA { function f() external; }
interface IB { function f() external; }
contract Both is IA, IB { function g() public {} }
contract P { function h() private {} }
contract Q { function h() private {} }
contract PQ is P, Q {}
`;
  assert.deepEqual(found(true, src), []);
});
