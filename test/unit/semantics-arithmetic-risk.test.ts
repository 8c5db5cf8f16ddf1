// Whether an arithmetic operation can realistically wrap (semantics/arithmetic-risk.ts): an operand the caller
// chooses, no comparison ruling the wrap out before it (or of its result after it), and the result kept in state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../server/src/engine/parse';
import type { Node } from '../../server/src/engine/pattern/ast';
import { FileFacts } from '../../server/src/engine/semantics/facts';
import { allNodes } from './semantics-helpers';

/** `user bounded stored` flags of the operation whose text is `op`, in the function that holds it. */
function risk(src: string, op: string): string {
  const parsed = parseSource(src);
  const facts = new FileFacts(parsed);
  const nodes = allNodes(parsed.ast);
  const text = (x: Node) => src.slice(x.range![0], x.range![1] + 1);
  const node = nodes.find((x) => (x.type === 'BinaryOperation' || x.type === 'UnaryOperation') && x.range && text(x) === op);
  assert.ok(node, `no operation "${op}"`);
  const fn = nodes.find(
    (x) => (x.type === 'FunctionDefinition' || x.type === 'ModifierDefinition') && x.range![0] <= node.range![0] && node.range![1] <= x.range![1],
  );
  const r = facts.arithmeticRisk(node, fn);
  assert.ok(r, `no answer for "${op}"`);
  return [r.userControlled ? 'user' : '-', r.bounded ? 'bounded' : '-', r.stored ? 'stored' : '-'].join(' ');
}

const C = (body: string) => `pragma solidity ^0.4.24;
contract C {
  mapping(address => uint256) balances; uint256 total; uint256 counter;
  ${body}
}`;

test('a parameter subtracted from state with no check: user, unbounded, stored', () => {
  assert.equal(risk(C('function f(uint256 input) public { total -= input; }'), 'total -= input'), 'user - stored');
  assert.equal(risk(C('function f(uint256 input) public { total = total * input; }'), 'total * input'), 'user - stored');
});

test('msg.value, constants and ++ are not the caller’s operands', () => {
  assert.equal(risk(C('function f() public payable { balances[msg.sender] += msg.value; }'), 'balances[msg.sender] += msg.value'), '- - stored');
  assert.equal(risk(C('function f() public { counter++; }'), 'counter++'), '- - stored');
  assert.equal(risk(C('function f() public { counter += 1; }'), 'counter += 1'), '- - stored');
});

test('a value through locals, conversions and array lengths stays the caller’s; the result reaches state through SafeMath', () => {
  const src = C(`function f(address[] to, uint256 v) public {
    uint256 n = to.length; uint256 amount = uint256(n) * v;
    balances[msg.sender] = balances[msg.sender].sub(amount); }`);
  assert.equal(risk(src, 'uint256(n) * v'), 'user - stored');
});

test('a comparison of both operands first bounds a subtraction; an upper bound bounds a sum', () => {
  assert.equal(
    risk(C('function f(uint256 a) public { require(balances[msg.sender] >= a); balances[msg.sender] -= a; }'), 'balances[msg.sender] -= a'),
    'user bounded stored',
  );
  assert.equal(
    risk(C('function f(uint256 a) public { if (balances[msg.sender] < a) throw; balances[msg.sender] -= a; }'), 'balances[msg.sender] -= a'),
    'user bounded stored',
  );
  assert.equal(
    risk(C('function f(uint256 a) public { if (balances[msg.sender] >= a) { balances[msg.sender] -= a; } }'), 'balances[msg.sender] -= a'),
    'user bounded stored',
  );
  assert.equal(
    risk(C('function f(address to, uint256 a) public { require(balances[msg.sender] > a); balances[to] += a; }'), 'balances[to] += a'),
    'user bounded stored',
  );
  assert.equal(risk(C('function f(uint256 a) public { require(a <= 100); total += a; }'), 'total += a'), 'user bounded stored');
  assert.equal(risk(C('function f(uint256 a) public { require(a + total >= total); total += a; }'), 'total += a'), 'user bounded stored');
  // A literal bound does not protect a subtraction from a smaller balance.
  assert.equal(risk(C('function f(uint256 a) public { require(a <= 100); total -= a; }'), 'total -= a'), 'user - stored');
  // A bound on one branch only does not bound the other.
  assert.equal(risk(C('function f(uint256 a, bool b) public { if (b) { require(total >= a); } total -= a; }'), 'total -= a'), 'user - stored');
});

test('a check of the result after the operation bounds it (SafeMath written inline)', () => {
  assert.equal(
    risk(C('function f(uint256 a, uint256 b) public { uint256 c = a * b; require(a == 0 || c / a == b); total = c; }'), 'a * b'),
    'user bounded stored',
  );
  assert.equal(risk(C('function f(uint256 a, uint256 b) public { uint256 c = a + b; require(c >= a); total = c; }'), 'a + b'), 'user bounded stored');
  // A check of the result against something else (BEC's batchTransfer) does not.
  assert.equal(
    risk(C('function f(uint256 a, uint256 b) public { uint256 c = a * b; require(b > 0 && balances[msg.sender] >= c); total = c; }'), 'a * b'),
    'user - stored',
  );
});

test('a result returned or kept in memory is not stored', () => {
  assert.equal(risk(C('function f(uint256 a, uint256 b) public pure returns (uint256) { return a + b; }'), 'a + b'), 'user - -');
  assert.equal(risk(C('function f(uint256 a) public view returns (uint256) { uint256 x = a * 2; return x; }'), 'a * 2'), 'user - -');
});

test('0.8: an amount already added with a checked operation bounds the unchecked one', () => {
  const src = `pragma solidity ^0.8.20;
contract C { mapping(address => uint256) balances; uint256 supply;
  function mint(address to, uint256 v) public { supply += v; unchecked { balances[to] += v; } }
  function give(address to, uint256 v) public { unchecked { balances[to] += v; } } }`;
  assert.equal(risk(src, 'balances[to] += v'), 'user bounded stored');
  const give = src.replace('function mint(address to, uint256 v) public { supply += v; unchecked { balances[to] += v; } }', '');
  assert.equal(risk(give, 'balances[to] += v'), 'user - stored');
});

test('divides-first: a quotient multiplied, directly or through a local, unless on purpose', () => {
  const first = (body: string, op: string) => {
    const src = `pragma solidity ^0.8.20;\ncontract C { uint256 constant YEAR = 365 days; ${body} }`;
    const parsed = parseSource(src);
    const facts = new FileFacts(parsed);
    const nodes = allNodes(parsed.ast);
    const node = nodes.find((x) => x.type === 'BinaryOperation' && x.range && src.slice(x.range[0], x.range[1] + 1) === op);
    assert.ok(node, op);
    const fn = nodes.find((x) => x.type === 'FunctionDefinition');
    return facts.arithmeticRisk(node, fn)?.dividesFirst;
  };
  assert.equal(first('function f(uint a, uint b, uint c) public pure returns (uint) { uint x = a / b; return x * c; }', 'x * c'), true);
  assert.equal(first('function f(uint a, uint b, uint c) public pure returns (uint) { return c * (a / b); }', 'c * (a / b)'), true);
  // Rounding down to a multiple, chunk counts and approximations by a constant are chosen.
  assert.equal(first('function f(uint a, uint b) public pure returns (uint) { uint x = a / b; return x * b; }', 'x * b'), false);
  assert.equal(first('function f(uint n) public pure returns (uint) { return 4 * ((n + 2) / 3); }', '4 * ((n + 2) / 3)'), false);
  assert.equal(first('function f(uint r, uint t) public pure returns (uint) { uint p = r / (YEAR * YEAR); return t * p; }', 't * p'), false);
  assert.equal(first('function f(uint a, uint b, uint c) public pure returns (uint) { uint x = a * c; return x / b; }', 'x / b'), false);
});

test('code behind a test of state that no function writes cannot run: bounded', () => {
  const frozen = C('uint256 initialized; function f(uint256 input) public { if (initialized == 0) { return; } total -= input; }');
  assert.equal(risk(frozen, 'total -= input'), 'user bounded stored');
  const written = C(
    'uint256 initialized; function init() public { initialized = 1; } function f(uint256 input) public { if (initialized == 0) { return; } total -= input; }',
  );
  assert.equal(risk(written, 'total -= input'), 'user - stored');
});
