// The pack-language side of the value, state-variable and pragma filters (compile-semantic.ts, compile.ts,
// scan-semantic.ts, scan-index.ts): compile errors that point into the finding, and matches end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFinding, PatternError, type MatchNode } from '../../server/src/engine';
import { pragmaRange, pragmaState } from '../../server/src/engine/scan-index';
import { finding, PACK, scan, texts } from './engine-helpers';

function compileError(match: unknown): PatternError {
  try {
    compileFinding(finding(match as MatchNode), PACK);
  } catch (err) {
    assert.ok(err instanceof PatternError, String(err));
    return err;
  }
  assert.fail('expected a PatternError');
}

const found = (match: unknown, src: string) => texts(src, scan(match as MatchNode, src));

test('compile: value, growable, set-by-guarded and pragma filters are checked', () => {
  let e = compileError({ all: [{ pattern: '$A % $N' }, { where: [{ value: '$A', from: ['time'] }] }] });
  assert.match(e.message, /'time' is not one of: block-values/);
  assert.deepEqual(e.path, ['match', 'all', 1, 'where', 0, 'from', 0]);
  e = compileError({ all: [{ pattern: '$A % $N' }, { where: [{ value: '$A' }] }] });
  assert.match(e.message, /needs `from` or `used-as`/);
  e = compileError({ all: [{ pattern: '$A % $N' }, { where: [{ value: '$A', from: ['zero'], hashed: true }] }] });
  assert.match(e.message, /`hashed` goes with `from: \[block-values\]`/);
  e = compileError({ all: [{ pattern: '$A % $N' }, { where: [{ value: '$B', from: ['zero'] }] }] });
  assert.match(e.message, /\$B/);
  e = compileError({ all: [{ pattern: 'delete $A;' }, { where: [{ metavariable: '$A', growable: 'yes' }] }] });
  assert.match(e.message, /`growable` must be true or false/);
  e = compileError({ all: [{ pattern: 'delete $A;' }, { where: [{ metavariable: '$A', 'set-by-guarded': 1 }] }] });
  assert.match(e.message, /`set-by-guarded` must be true or false/);
  e = compileError({ all: [{ pattern: 'contract $C is ... {}' }, { where: [{ pragma: 'loose' }] }] });
  assert.match(e.message, /'loose' is not one of: missing, locked, floating/);
});

test('value: a modulo of block values through a local, not through a hash; a zero minimum through a local', () => {
  const src = `pragma solidity ^0.8.20;
contract C {
  function a(uint256 n) external view returns (uint256) { uint256 s = block.number + n; return s % n; }
  function b(uint256 n) external view returns (uint256) { return uint256(keccak256(abi.encode(block.number))) % n; }
  function c(uint256 n) external pure returns (uint256) { return n % 7; }
}`;
  const match = { all: [{ pattern: '$A % $N' }, { where: [{ value: '$A', from: ['block-values'], hashed: false }] }] };
  assert.deepEqual(found(match, src), ['s % n']);
});

test('pragma: missing, locked and floating', () => {
  const state = (text: string) => pragmaState(text ? pragmaRange(text) : null, text);
  assert.equal(state(''), 'missing');
  assert.equal(state('0.4.25'), 'locked');
  assert.equal(state('=0.8.24'), 'locked');
  assert.equal(state('^0.4.0'), 'floating');
  assert.equal(state('>=0.4.0<0.6.0'), 'floating');
  assert.equal(state('0.4'), 'floating');
  assert.equal(state('*'), 'floating');
  const match = { all: [{ pattern: 'contract $C is ... {}' }, { where: [{ pragma: 'floating' }] }] };
  assert.equal(found(match, 'pragma solidity ^0.8.0;\ncontract A {}').length, 1);
  assert.equal(found(match, 'pragma solidity 0.8.24;\ncontract A {}').length, 0);
  const missing = { all: [{ pattern: 'contract $C is ... {}' }, { where: [{ pragma: 'missing' }] }] };
  assert.equal(found(missing, 'contract A {}').length, 1);
});

test('value used-as with component: one element of a tuple result, compared after arithmetic or through a local', () => {
  const src = `pragma solidity ^0.8.20;
interface IFeed { function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80); }
contract C {
  IFeed feed;
  function a() external view returns (int256 p) { (, p, , , ) = feed.latestRoundData(); }
  function b() external view returns (int256 p) { uint256 u; (, p, , u, ) = feed.latestRoundData(); require(block.timestamp - u < 3600); }
  function c() external view returns (int256 p) { uint256 u; (, p, , u, ) = feed.latestRoundData(); uint256 age = block.timestamp - u; if (age > 3600) revert(); }
  function d() external view returns (int256 p) { uint256 u; (, p, , u, ) = feed.latestRoundData(); require(p > 0); u; }
}`;
  const fresh = { all: [{ pattern: '$F.latestRoundData()' }, { where: [{ value: 'match', component: 3, 'used-as': ['comparison'] }] }] };
  assert.equal(found(fresh, src).length, 2);
  const e = compileError({ all: [{ pattern: '$F.latestRoundData()' }, { where: [{ value: 'match', component: 3, from: ['zero'] }] }] });
  assert.match(e.message, /`component` is a tuple element index/);
});
