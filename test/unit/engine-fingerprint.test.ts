import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseCode } from '../../server/src/engine';
import { scan } from './engine-helpers';

const PATTERN = '$T.transfer($A, $B);';
const prints = (src: string) => scan(PATTERN, src).map((o) => o.fingerprint);

test('fingerprints are short hex', () => {
  const [p] = prints('contract C { function f() public { t.transfer(a, b); } }');
  assert.match(p, /^[0-9a-f]{16}$/);
});

test('stable when code moves lines or is reformatted', () => {
  const a = 'contract C {\n  function f() public {\n    t.transfer(a, b);\n  }\n}';
  const b =
    '// header\n\n\ncontract C {\n  uint x;\n  function g() public {}\n  function f() public {\n    uint y = 1;\n    t.transfer( a,\n      b /* c */ );\n  }\n}';
  assert.deepEqual(prints(a), prints(b));
});

test('different for different code, functions, contracts and findings', () => {
  const base = prints('contract C { function f() public { t.transfer(a, b); } }')[0];
  assert.notEqual(prints('contract C { function f() public { t.transfer(a, c); } }')[0], base);
  assert.notEqual(prints('contract C { function g() public { t.transfer(a, b); } }')[0], base);
  assert.notEqual(prints('contract D { function f() public { t.transfer(a, b); } }')[0], base);
  const other = scan(PATTERN, 'contract C { function f() public { t.transfer(a, b); } }', { id: 'OTHER-001' })[0].fingerprint;
  assert.notEqual(other, base);
});

test('identical code twice in one function gets distinct, order-stable fingerprints', () => {
  const src = 'contract C { function f() public { t.transfer(a, b); x(); t.transfer(a, b); } }';
  const [p1, p2] = prints(src);
  assert.notEqual(p1, p2);
  const moved = 'contract C { function f() public {\n y();\n t.transfer(a, b);\n t.transfer(a, b); } }';
  assert.deepEqual(prints(moved), [p1, p2]);
});

test('normaliseCode drops comments and whitespace but keeps words apart', () => {
  assert.equal(normaliseCode('uint  x = a /* c */ + b; // t\n'), 'uint x=a+b;');
  assert.equal(normaliseCode('return  "a  b" ;'), 'return "a  b";');
});
