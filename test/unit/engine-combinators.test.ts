import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFinding, scanSource, type MatchNode } from '../../server/src/engine';
import { finding, inFunction, PACK, scan, texts } from './engine-helpers';

const VAULT = `pragma solidity ^0.8.0;
contract Vault is ReentrancyGuard {
  mapping(address => uint) balances;
  function withdraw(uint amount) external nonReentrant {
    (bool ok, ) = msg.sender.call{value: amount}("");
    require(ok);
  }
  function unsafeWithdraw(uint amount) external {
    (bool ok, ) = msg.sender.call{value: amount}("");
    require(ok);
    balances[msg.sender] -= amount;
  }
  function view1() external view returns (uint) { return balances[msg.sender]; }
}
library Lib {
  function g(address a) internal { a.call(""); }
}
`;

test('all: intersection at the same range with shared bindings', () => {
  const src = inFunction('    f(a, a);\n    f(a, b);');
  const occ = scan({ all: [{ pattern: 'f($X, $Y)' }, { pattern: 'f($Y, $X)' }] }, src);
  assert.deepEqual(texts(src, occ), ['f(a, a)']);
  assert.deepEqual(texts(src, scan({ all: [{ pattern: 'f($X, ...)' }, { pattern: 'f(..., b)' }] }, src)), ['f(a, b)']);
});

test('any: union of alternatives', () => {
  const src = inFunction('    x = block.timestamp;\n    y = block.number;\n    z = block.basefee;');
  const occ = scan({ any: [{ pattern: 'block.timestamp' }, { pattern: 'block.number' }] }, src);
  assert.deepEqual(texts(src, occ), ['block.timestamp', 'block.number']);
});

test('not: removes candidates that also match at the same range', () => {
  const src = inFunction('    f(1);\n    f(2);\n    f(x);');
  const occ = scan({ all: [{ pattern: 'f($X)' }, { not: { pattern: 'f(1)' } }] }, src);
  assert.deepEqual(texts(src, occ), ['f(2)', 'f(x)']);
  // `not` only looks at the same range: an enclosing match does not remove the candidate.
  const nested = inFunction('    g(f(1));');
  assert.deepEqual(texts(nested, scan({ all: [{ pattern: 'f($X)' }, { not: { pattern: 'g(...)' } }] }, nested)), ['f(1)']);
});

test('not with bindings: only consistent matches remove a candidate', () => {
  const src = inFunction('    require(a == a);\n    require(a == b);');
  const occ = scan({ all: [{ pattern: 'require($X == $Y)' }, { not: { pattern: 'require($X == $X)' } }] }, src);
  assert.deepEqual(texts(src, occ), ['require(a == b)']);
});

test('inside: the candidate must lie within a match of the node', () => {
  const occ = scan({ all: [{ pattern: '$T.call{value: $V}(...)' }, { inside: { pattern: 'function $F(...) nonReentrant { ... }' } }] }, VAULT);
  assert.equal(occ.length, 1);
  assert.equal(occ[0].function, 'withdraw');
  assert.equal(occ[0].bindings.$F.text, 'withdraw', 'bindings of the enclosing match are kept');
});

test('not-inside: external call not inside a function carrying nonReentrant', () => {
  const occ = scan({ all: [{ pattern: '$T.call{value: $V}(...)' }, { 'not-inside': { pattern: 'function $F(...) nonReentrant { ... }' } }] }, VAULT);
  assert.equal(occ.length, 1);
  assert.equal(occ[0].function, 'unsafeWithdraw');
  assert.equal(occ[0].contract, 'Vault');
});

test('not-inside with shared bindings', () => {
  const src = inFunction('    token.transfer(a, b);\n    require(token.transfer(a, b));\n    require(other.transfer(a, b) || token.transfer(a, c));');
  const occ = scan({ all: [{ pattern: '$T.transfer($A, $B)' }, { 'not-inside': { pattern: 'require($T.transfer($A, $B))' } }] }, src);
  assert.deepEqual(texts(src, occ), ['token.transfer(a, b)', 'other.transfer(a, b)', 'token.transfer(a, c)']);
});

test('inside a statement sequence: write after an external call', () => {
  const occ = scan(
    {
      all: [{ pattern: '$M[$K] -= $A;' }, { inside: { pattern: '($OK, ) = $T.call{value: $V}(...); ... $M[$K] -= $A;' } }],
    },
    VAULT,
  );
  assert.equal(occ.length, 1);
  assert.equal(occ[0].function, 'unsafeWithdraw');
});

test('every item may come before the positive one; the first positive item gives candidates', () => {
  const src = inFunction('    f(1);\n    f(2);');
  const occ = scan({ all: [{ not: { pattern: 'f(1)' } }, { pattern: 'f($X)' }] }, src);
  assert.deepEqual(texts(src, occ), ['f(2)']);
});

test('nested all/any', () => {
  const src = inFunction('    a.transfer(x);\n    b.send(x);\n    c.call(x);');
  const occ = scan({ all: [{ any: [{ pattern: '$T.transfer($X)' }, { pattern: '$T.send($X)' }] }, { not: { pattern: 'b.send($_)' } }] }, src);
  assert.deepEqual(texts(src, occ), ['a.transfer(x)']);
});

test('function filter: visibility, mutability, kind, name, modifiers', () => {
  const where = (f: object) => scan({ all: [{ pattern: 'msg.sender' }, { where: [{ function: f }] }] }, VAULT).map((o) => o.function);
  assert.deepEqual(where({ visibility: ['external'] }), ['withdraw', 'unsafeWithdraw', 'unsafeWithdraw', 'view1']);
  assert.deepEqual(where({ mutability: ['view'] }), ['view1']);
  assert.deepEqual(where({ mutability: ['nonpayable'] }), ['withdraw', 'unsafeWithdraw', 'unsafeWithdraw']);
  assert.deepEqual(where({ kind: ['constructor'] }), []);
  assert.deepEqual(where({ 'name-regex': '^unsafe' }), ['unsafeWithdraw', 'unsafeWithdraw']);
  assert.deepEqual(where({ 'has-modifier': ['nonReentrant'] }), ['withdraw']);
  assert.deepEqual(where({ 'has-modifier': ['/^non/'] }), ['withdraw']);
  assert.deepEqual(where({ 'lacks-modifier': ['nonReentrant'] }), ['unsafeWithdraw', 'unsafeWithdraw', 'view1']);
});

test('function filter on a function pattern looks at that function; no enclosing function fails', () => {
  const occ = scan(
    { all: [{ pattern: 'function $F(...)' }, { where: [{ function: { 'lacks-modifier': ['nonReentrant'], visibility: ['external'] } }] }] },
    VAULT,
  );
  assert.deepEqual(
    occ.map((o) => o.bindings.$F.text),
    ['unsafeWithdraw', 'view1'],
  );
  const none = scan({ all: [{ pattern: 'contract $C' }, { where: [{ function: { kind: ['function'] } }] }] }, VAULT);
  assert.equal(none.length, 0);
});

test('constructor, fallback and receive kinds and names', () => {
  const src = `contract C {
  constructor() { owner = msg.sender; }
  receive() external payable { last = msg.sender; }
  fallback() external { last = msg.sender; }
  modifier m() { require(msg.sender == owner); _; }
}`;
  const occ = scan({ all: [{ pattern: 'msg.sender' }, { where: [{ function: { kind: ['constructor', 'receive', 'modifier'] } }] }] }, src);
  assert.deepEqual(
    occ.map((o) => o.function),
    ['constructor', 'receive', 'm'],
  );
  assert.deepEqual(
    scan('msg.sender', src).map((o) => o.function),
    ['constructor', 'receive', 'fallback', 'm'],
  );
});

test('contract filter: kind, inherits, not-inherits, name-regex', () => {
  const where = (f: object) => scan({ all: [{ pattern: '$X.call(...)' }, { where: [{ contract: f }] }] }, VAULT).map((o) => o.contract);
  assert.deepEqual(where({ kind: ['library'] }), ['Lib']);
  assert.deepEqual(where({ kind: ['contract'] }), ['Vault', 'Vault']);
  assert.deepEqual(where({ inherits: ['ReentrancyGuard'] }), ['Vault', 'Vault']);
  assert.deepEqual(where({ 'not-inherits': ['ReentrancyGuard'] }), ['Lib']);
  assert.deepEqual(where({ 'name-regex': '^V' }), ['Vault', 'Vault']);
});

test('solidity filter: pragma range intersects filter range; missing pragma fails', () => {
  const body = 'contract C { function f() public { x = a + b; } }';
  const occ = (pragma: string, range: string) => scan({ all: [{ pattern: '$A + $B' }, { where: [{ solidity: range }] }] }, `${pragma}\n${body}`).length;
  assert.equal(occ('pragma solidity ^0.7.6;', '<0.8.0'), 1);
  assert.equal(occ('pragma solidity ^0.8.0;', '<0.8.0'), 0);
  assert.equal(occ('pragma solidity >=0.6.0 <0.9.0;', '<0.8.0'), 1);
  assert.equal(occ('pragma solidity >=0.8.0<0.9.0;', '<0.8.0'), 0);
  assert.equal(occ('pragma solidity 0.8.19;', '>=0.8.0'), 1);
  assert.equal(occ('pragma solidity 0.7.6;', '>=0.8.0'), 0);
  assert.equal(occ('', '<0.8.0'), 0);
  assert.equal(occ('', '>=0.0.0'), 0);
});

test('regex filter runs on the bound code', () => {
  const src = inFunction('    owner = a;\n    admin = b;\n    user = c;');
  const occ = scan({ all: [{ pattern: '$X = $Y' }, { where: [{ metavariable: '$X', regex: '^(owner|admin)$' }] }] }, src);
  assert.deepEqual(texts(src, occ), ['owner = a', 'admin = b']);
});

test('comparison filter evaluates number literals', () => {
  const src = inFunction('    f(0);\n    f(50);\n    f(100);\n    f(1_000);\n    f(x);\n    f(1 ether);');
  const cmp = (c: string) => texts(src, scan({ all: [{ pattern: 'f($N)' }, { where: [{ metavariable: '$N', comparison: c }] }] }, src));
  assert.deepEqual(cmp('$N > 0 && $N < 100'), ['f(50)']);
  assert.deepEqual(cmp('$N >= 100'), ['f(100)', 'f(1_000)', 'f(1 ether)']);
  assert.deepEqual(cmp('!($N == 0) && $N * 2 <= 200'), ['f(50)', 'f(100)']);
  assert.deepEqual(cmp('$N == 0 || $N / 10 == 100'), ['f(0)', 'f(1_000)']);
  assert.deepEqual(cmp('$N - 1 != 49 && $N < 60'), ['f(0)']);
});

test('filters see bindings of inside items listed after them', () => {
  const src = `contract C {
  function initialize() external { x = 1; }
  function other() external { x = 1; }
}`;
  const occ = scan(
    {
      all: [{ pattern: 'x = 1' }, { where: [{ metavariable: '$F', regex: '^init' }] }, { inside: { pattern: 'function $F(...) { ... }' } }],
    },
    src,
  );
  assert.deepEqual(
    occ.map((o) => o.function),
    ['initialize'],
  );
});

test('casts match through uint aliases', () => {
  const src = inFunction('    a = uint128(x);\n    b = uint256(y);\n    c = uint(z);');
  assert.deepEqual(texts(src, scan('uint256($X)', src)), ['uint256(y)', 'uint(z)']);
  assert.deepEqual(texts(src, scan('uint128($X)', src)), ['uint128(x)']);
});

test('inside an all led by a pattern: each candidate judged by its own enclosing match', () => {
  // Several candidates share an enclosing function, whose `where` is then asked once; a second finding that
  // matches the same pattern over the whole file first must give the same answer.
  const src = `contract C {
  function a() external { x = 1; y = 1; assembly { z := 1 } }
  function b() external { x = 1; y = 1; }
  function c() external { assembly { z := 2 } x = 1; }
}`;
  const inside: MatchNode = { all: [{ pattern: 'function $F(...) { ... }' }, { where: [{ text: 'match', regex: ':=' }] }] };
  const byInside = scan({ all: [{ pattern: '$V = 1' }, { inside }] }, src);
  assert.deepEqual(
    byInside.map((o) => o.function),
    ['a', 'a', 'c'],
  );
  const both = scanSource(src, [
    compileFinding(finding({ pattern: 'function $F(...) { ... }' }, { id: 'T-WHOLE' }), PACK),
    compileFinding(finding({ all: [{ pattern: '$V = 1' }, { inside }] }, { id: 'T-INSIDE' }), PACK),
  ]).occurrences.filter((o) => o.findingId === 'T-INSIDE');
  assert.deepEqual(
    both.map((o) => [o.function, o.range]),
    byInside.map((o) => [o.function, o.range]),
  );
});
