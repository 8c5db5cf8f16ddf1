// Facts of a declaration (semantics/facts-declarations.ts) through the pack language: `shadows-state`,
// `default-visibility` and `used` on a metavariable, the `struct-with-mapping` type family, and `text: match`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFinding, PatternError, type MatchNode } from '../../server/src/engine';
import { finding, PACK, scan, texts } from './engine-helpers';

const found = (match: unknown, src: string, focus?: string): string[] => texts(src, scan(match as MatchNode, src, focus ? { focus } : {}));

const LEGACY = `pragma solidity ^0.4.24;
contract Base {
    address owner;
    uint256 public cap = 10;
    uint256 private unusedBase;
}
contract Child is Base {
    address owner;
    uint256 public limit;
    function setCap(uint256 cap) public { limit = cap; }
    function peek() constant returns (uint256 limit) { uint256 owner = 1; limit = owner; }
    function hidden() { }
    function shown() public { }
}
`;

test('shadows-state: a state variable of a base, and locals, parameters, returns that hide state', () => {
  const stateVars = found(
    { all: [{ pattern: 'contract $C is ... { $T $V; }' }, { where: [{ metavariable: '$V', kind: ['state-variable'], 'shadows-state': true }] }] },
    LEGACY,
    '$V',
  );
  assert.deepEqual(stateVars, ['owner']);
  const locals = found({ all: [{ pattern: '$T $V = $E;' }, { where: [{ metavariable: '$V', 'shadows-state': true }] }] }, LEGACY, '$V');
  assert.deepEqual(locals, ['owner']);
  const params = found({ all: [{ pattern: 'function $F(..., $T $V, ...)' }, { where: [{ metavariable: '$V', 'shadows-state': true }] }] }, LEGACY, '$V');
  assert.deepEqual(params, ['cap']);
  const notShadowing = found({ all: [{ pattern: '$T $V = $E;' }, { where: [{ metavariable: '$V', 'shadows-state': false }] }] }, LEGACY, '$V');
  assert.deepEqual(notShadowing, []);
});

test('default-visibility: functions and state variables written without a visibility', () => {
  const fns = found({ all: [{ pattern: 'function $F(...)' }, { where: [{ metavariable: '$F', 'default-visibility': true }] }] }, LEGACY, '$F');
  assert.deepEqual(fns, ['peek', 'hidden']);
  const vars = found({ all: [{ pattern: 'contract $C is ... { $T $V; }' }, { where: [{ metavariable: '$V', 'default-visibility': true }] }] }, LEGACY, '$V');
  assert.deepEqual(vars.sort(), ['owner', 'owner']);
});

test('used: a declaration nothing refers to', () => {
  const unused = found({ all: [{ pattern: 'contract $C is ... { $T private $V; }' }, { where: [{ metavariable: '$V', used: false }] }] }, LEGACY, '$V');
  assert.deepEqual(unused, ['unusedBase']);
});

test('struct-with-mapping: a struct holding a mapping directly, through a nested struct or an array', () => {
  const src = `pragma solidity ^0.8.0;
contract C {
    struct Inner { mapping(address => bool) ok; }
    struct Direct { uint256 id; mapping(uint256 => uint256) m; }
    struct Nested { uint256 id; Inner inner; }
    struct ViaArray { Inner[] list; }
    struct Plain { uint256 id; }
    mapping(uint256 => Direct) d;
    mapping(uint256 => Nested) n;
    mapping(uint256 => ViaArray) a;
    mapping(uint256 => Plain) p;
    function f(uint256 i) external { delete d[i]; delete n[i]; delete a[i]; delete p[i]; }
}
`;
  const hits = found({ all: [{ pattern: 'delete $X' }, { where: [{ metavariable: '$X', type: ['struct-with-mapping'] }] }] }, src, '$X');
  assert.deepEqual(hits, ['d[i]', 'n[i]', 'a[i]']);
});

test('text: match tests the matched code with its comments; declaration facts are checked', () => {
  const src = 'pragma solidity ^0.8.0;\ncontract C {\n  function f(uint a, uint b) public {}\n  function g() public { f(/*x\u202Ey*/1, 2); }\n}\n';
  const hits = scan({ all: [{ pattern: 'function $F(...) { ... }' }, { where: [{ text: 'match', regex: '\\x{202E}' }] }] } as MatchNode, src, { focus: '$F' });
  assert.deepEqual(texts(src, hits), ['g']);
  assert.throws(
    () => compileFinding(finding({ all: [{ pattern: '$T $V;' }, { where: [{ metavariable: '$V', used: 'no' }] }] } as MatchNode), PACK),
    (e: unknown) => e instanceof PatternError && /`used` must be true or false/.test(e.message),
  );
  assert.throws(
    () => compileFinding(finding({ all: [{ pattern: '$T $V;' }, { where: [{ text: '$V', regex: 'x' }] }] } as MatchNode), PACK),
    (e: unknown) => e instanceof PatternError && /`text` takes `match`/.test(e.message),
  );
});
