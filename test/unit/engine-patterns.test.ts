import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../server/src/engine/parse';
import type { Node } from '../../server/src/engine/pattern/ast';
import { matchNode, merge, NO_BINDINGS, type Bindings } from '../../server/src/engine/pattern/match';
import { parsePattern } from '../../server/src/engine/pattern/parse-pattern';
import { inFunction, scan, texts } from './engine-helpers';
import { allNodes } from './semantics-helpers';

const found = (pattern: string, source: string): string[] => texts(source, scan(pattern, source));

test('expression patterns match at any depth', () => {
  const src = inFunction('    uint a = x + foo(msg.sender);\n    bar(msg.sender);');
  assert.deepEqual(found('msg.sender', src), ['msg.sender', 'msg.sender']);
  assert.deepEqual(found('foo($X)', src), ['foo(msg.sender)']);
  assert.deepEqual(found('baz($X)', src), []);
});

test('metavariables bind consistently', () => {
  const src = inFunction('    a = x == x;\n    b = x == y;\n    c = (p + q) == (p+q);\n    d = (p + q) == (q + p);');
  assert.deepEqual(found('$A == $A', src), ['x == x', '(p + q) == (p+q)']);
  assert.deepEqual(found('$A == $B', src).length, 4);
  assert.deepEqual(found('$_ == $_', src).length, 4);
});

test('formatting and comments never matter', () => {
  const src = inFunction('    a.b(  c /* why */ ,\n      d // trailing\n    );');
  assert.deepEqual(found('a.b(c, d)', src).length, 1);
  assert.deepEqual(found('a . b ( c , /* x */ d )', src).length, 1);
  assert.deepEqual(found('a.b(d, c)', src), []);
});

test('... in call arguments', () => {
  const src = inFunction('    f();\n    f(1);\n    f(1, 2, 3);\n    g(2, 1);');
  assert.equal(found('f(...)', src).length, 3);
  assert.deepEqual(found('f(1, ...)', src), ['f(1)', 'f(1, 2, 3)']);
  assert.deepEqual(found('f(..., 3)', src), ['f(1, 2, 3)']);
  assert.deepEqual(found('$F(..., 1)', src), ['f(1)', 'g(2, 1)']);
  assert.deepEqual(found('f(..., 2, ...)', src), ['f(1, 2, 3)']);
  assert.deepEqual(found('f(1)', src), ['f(1)']);
});

test('call options: omitted options match calls with options; written options must be present', () => {
  const src = inFunction('    a.call{value: v}("");\n    a.call("");\n    a.call{gas: 5000, value: 1}("x");');
  assert.equal(found('$T.call(...)', src).length, 3);
  assert.deepEqual(found('$T.call{value: $V}(...)', src), ['a.call{value: v}("")', 'a.call{gas: 5000, value: 1}("x")']);
  assert.deepEqual(found('$T.call{gas: $G}(...)', src), ['a.call{gas: 5000, value: 1}("x")']);
});

test('literals match equal literals', () => {
  const src = inFunction('    f(0); f(1); f("x"); f("y"); f(true); f(false); f(1 ether); f(0x10);');
  assert.deepEqual(found('f(0)', src), ['f(0)']);
  assert.deepEqual(found('f("x")', src), ['f("x")']);
  assert.deepEqual(found("f('x')", src), ['f("x")']);
  assert.deepEqual(found('f(true)', src), ['f(true)']);
  assert.deepEqual(found('f(1 ether)', src), ['f(1 ether)']);
  assert.deepEqual(found('f(0x10)', src), ['f(0x10)']);
});

test('single statement pattern matches that statement anywhere', () => {
  const src = inFunction('    token.transfer(a, b);\n    if (c) { token.transfer(a, b); }\n    require(token.transfer(a, b));');
  assert.deepEqual(found('$T.transfer($A, $B);', src), ['token.transfer(a, b);', 'token.transfer(a, b);']);
});

test('statement sequences: consecutive, with ..., and deep after ...', () => {
  const src = inFunction(
    ['    a();', '    b();', '    c();', '    if (x) {', '        unchecked { d(); }', '    }', '    for (uint i; i < 3; i++) e();'].join('\n'),
  );
  assert.deepEqual(found('a(); b();', src), ['a();\n    b();']);
  assert.deepEqual(found('a(); c();', src), []);
  assert.deepEqual(found('a(); ... c();', src), ['a();\n    b();\n    c();']);
  // d() is nested in an if and an unchecked block after a(): the match ends with the enclosing statement.
  assert.deepEqual(found('a(); ... d();', src), ['a();\n    b();\n    c();\n    if (x) {\n        unchecked { d(); }\n    }']);
  assert.equal(found('b(); ... e();', src).length, 1);
  assert.deepEqual(found('d(); ... a();', src), []);
  assert.deepEqual(found('c(); ... b();', src), []);
});

test('statement sequences bind metavariables across statements', () => {
  const src = inFunction('    uint x = 1;\n    y = x;\n    uint z = 2;\n    y = x;');
  assert.equal(found('uint $V = $E; ... y = $V;', src).length, 1);
  assert.equal(found('uint $V = $E; y = $V;', src).length, 1);
});

test('nested blocks in a pattern must account for the whole block', () => {
  const src = inFunction('    if (a) { b(); c(); }\n    if (a) { b(); }');
  assert.deepEqual(found('if ($X) { b(); }', src), ['if (a) { b(); }']);
  assert.deepEqual(found('if ($X) { b(); ... }', src).length, 2);
  assert.deepEqual(found('if ($X) { ... }', src).length, 2);
});

test('function patterns: parameters with ..., omitted visibility/mutability/returns match anything', () => {
  const src = `contract C {
  function a(uint x) external view returns (uint) { return x; }
  function b(uint x, address y) public { }
  function c() internal pure { }
  function d(address to) external onlyOwner nonReentrant { }
}`;
  assert.equal(found('function $F(...)', src).length, 4);
  assert.deepEqual(found('function $F(uint $X, ...)', src).length, 2);
  assert.deepEqual(found('function $F(uint $X)', src).length, 1);
  assert.deepEqual(found('function $F() internal', src).length, 1);
  assert.deepEqual(found('function $F(...) external', src).length, 2);
  assert.deepEqual(found('function $F(...) view', src).length, 1);
  assert.deepEqual(found('function $F(...) returns (uint)', src).length, 1);
  assert.deepEqual(found('function $F(...) nonReentrant', src).length, 1);
  assert.deepEqual(found('function $F(...) nonReentrant onlyOwner', src).length, 1);
  assert.deepEqual(found('function $F(...) whenNotPaused', src).length, 0);
  assert.deepEqual(found('function a(...) { ... }', src).length, 1);
  assert.deepEqual(found('function $F(...) { return $X; }', src).length, 1);
});

test('function names bind as names and compare with identifiers', () => {
  const src = `contract C {
  function withdraw() external { withdraw(); }
  function other() external { withdraw(); }
}`;
  const occ = scan('function $F(...) { ... $F(); ... }', src);
  assert.equal(occ.length, 1);
  assert.equal(occ[0].bindings.$F.text, 'withdraw');
  assert.deepEqual(occ[0].bindings.$F.range, { start: { line: 1, character: 11 }, end: { line: 1, character: 19 } });
});

test('member access names bind with their own range', () => {
  const src = inFunction('    token . transfer(a, b);');
  const occ = scan('$T.$M(...)', src);
  assert.equal(occ[0].bindings.$M.text, 'transfer');
  assert.equal(occ[0].bindings.$T.text, 'token');
});

test('constructor, fallback, receive and modifier patterns', () => {
  const src = `contract C {
  constructor(uint a) { x = a; }
  fallback() external payable { }
  receive() external payable { }
  modifier onlyOwner() { require(msg.sender == owner); _; }
  function f() external { }
}`;
  assert.equal(found('constructor(...) { ... }', src).length, 1);
  assert.equal(found('fallback() external payable { }', src).length, 1);
  assert.equal(found('receive() external payable', src).length, 1);
  assert.equal(found('modifier $M() { ... }', src).length, 1);
  assert.equal(found('modifier $M() { require(msg.sender == $O); _; }', src).length, 1);
  assert.equal(found('event $E(...);', src).length, 0);
});

test('event, error and struct patterns', () => {
  const src = `contract C {
  event Transfer(address indexed from, address indexed to, uint256 value);
  error Unauthorized(address who);
  struct S { uint a; }
}`;
  assert.equal(found('event Transfer(...);', src).length, 1);
  assert.equal(found('event $E(address $A, ...)', src).length, 1);
  assert.equal(found('error $E(...);', src).length, 1);
  assert.equal(found('struct $S { uint a; }', src).length, 1);
});

test('state variable patterns', () => {
  const src = `contract C {
  uint256 public fee = 30;
  uint public constant MAX = 1000;
  address internal owner;
  address private immutable token;
  mapping(address => uint) public balances;
}`;
  assert.deepEqual(found('uint256 public $V = $E;', src), ['uint256 public fee = 30;']);
  assert.deepEqual(found('uint256 public constant $V = $E;', src), ['uint public constant MAX = 1000;']);
  assert.deepEqual(found('$T internal $V;', src), ['address internal owner;']);
  assert.deepEqual(found('address private immutable $V;', src), ['address private immutable token;']);
  assert.deepEqual(found('mapping(address => uint256) public $M;', src), ['mapping(address => uint) public balances;']);
  assert.deepEqual(found('$T public $V;', src).length, 2);
});

test('contract header patterns: bases with ..., any order, member subsets', () => {
  const src = `contract A is Initializable, OwnableUpgradeable { function initialize() external initializer {} }
contract B is Ownable { uint x; }
contract D { }
abstract contract E is Initializable { }
library L { }
interface I { function f() external; }`;
  assert.equal(found('contract $C is ... {}', src).length, 3);
  assert.equal(found('contract $C', src).length, 3);
  assert.deepEqual(
    found('contract $C is Initializable', src).map((t) => t.slice(0, 10)),
    ['contract A'],
  );
  assert.equal(found('contract $C is OwnableUpgradeable, Initializable', src).length, 1);
  assert.equal(found('contract $C is ..., $B, ...', src).length, 2);
  assert.equal(found('abstract contract $C is ...', src).length, 1);
  assert.equal(found('library $L {}', src).length, 1);
  assert.equal(found('interface $I {}', src).length, 1);
  assert.equal(found('contract $C { function initialize(...) { ... } }', src).length, 1);
  assert.equal(found('contract $C { ... uint $X; ... }', src).length, 1);
  assert.equal(found('contract $C { constructor(...) { ... } }', src).length, 0);
});

test('metavariables match type names', () => {
  const src = inFunction('    Foo f = new Foo(1);\n    uint256 y = uint256(x);');
  assert.deepEqual(found('new $T(...)', src), ['new Foo(1)']);
  assert.deepEqual(found('uint($X)', src), ['uint256(x)']);
});

test('tuple patterns and tuple assignments', () => {
  const src = inFunction('    (bool ok, ) = to.call{value: v}("");\n    (, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();');
  assert.equal(found('($B, ) = $T.call{value: $V}(...);', src).length, 1);
  assert.equal(found('(...) = $F.latestRoundData();', src).length, 1);
  assert.equal(found('$F.latestRoundData()', src).length, 1);
});

test('a pattern with a metavariable as callee', () => {
  const src = inFunction('    selfdestruct(payable(msg.sender));\n    suicide(owner);');
  assert.deepEqual(found('selfdestruct(...)', src), ['selfdestruct(payable(msg.sender))']);
  assert.equal(found('$F(...)', src).length, 3);
});

test('... in modifier parameters, event parameters, returns and modifier lists', () => {
  const src = `contract C {
  modifier onlyRole(bytes32 role, address who) { _; }
  event Deposit(address indexed who, uint256 amount);
  function f(uint a) external onlyOwner whenNotPaused returns (uint, bool) { }
  function g() external { }
}`;
  assert.equal(found('modifier $M(...) { ... }', src).length, 1);
  assert.equal(found('modifier $M(..., address $W) { ... }', src).length, 1);
  assert.equal(found('event $E(..., uint256 $A);', src).length, 1);
  assert.equal(found('function $F(...) returns (...)', src).length, 1);
  assert.equal(found('function $F(...) returns (uint, ...)', src).length, 1);
  assert.equal(found('function $F(...) ... whenNotPaused', src).length, 1);
  assert.equal(found('function $F(...) $MOD', src).length, 1);
  assert.equal(found('function $F(...) $MOD onlyOwner', src).length, 1);
});

test('... among contract members and in nested function bodies of a contract pattern', () => {
  const src = `contract A { uint x; function f() public { a(); b(); c(); } }
contract B { function f() public { b(); } }`;
  assert.equal(found('contract $C { ... function f() { ... b(); ... } ... }', src).length, 2);
  assert.equal(found('contract $C { ... uint $X; ... function f() { ... c(); } }', src).length, 1);
});

test('a lone metavariable matches expressions only, and works with filters', () => {
  const src = inFunction('    owner = msg.sender;');
  const occ = scan({ all: [{ pattern: '$X' }, { where: [{ metavariable: '$X', regex: '^owner$' }] }] }, src);
  assert.deepEqual(texts(src, occ), ['owner']);
  assert.ok(scan('$X', src).every((o) => !/[;{]/.test(texts(src, [o])[0])));
});

test('using-for and unchecked blocks', () => {
  const src = `contract C {
  using SafeERC20 for IERC20;
  function f() public {
    a();
    unchecked { i++; }
  }
}`;
  assert.equal(found('using $L for $T;', src).length, 1);
  assert.equal(found('using SafeERC20 for $T;', src).length, 1);
  assert.equal(found('unchecked { ... }', src).length, 1);
  assert.equal(found('a(); ... $I++;', src).length, 1);
});

test('a function pattern whose header matches several ways pairs each header match with every body match', () => {
  const source = `pragma solidity ^0.8.0;
contract C {
  uint256 total;
  function f(uint256 a, address b, uint256 c) external {
    total += a;
    if (c > 0) { total -= c; }
    emit E(b);
  }
  function g(uint256 x) external view returns (uint256) { return x + total; }
  function h() external {}
}
`;
  const parsed = parseSource(source);
  const fns = allNodes(parsed.ast).filter((n) => n.type === 'FunctionDefinition');
  const cx = { text: source };
  const text = (b: Bindings) =>
    Object.entries(b)
      .map(([k, v]) => `${k}=${source.slice(v.start, v.end)}`)
      .join(' ');
  const run = (pattern: string, fn: Node) => matchNode(parsePattern(pattern).nodes[0], fn, NO_BINDINGS, cx);
  for (const body of ['{ ... $S; ... }', '{ ... total += $E; ... }', '{ ... }', '{ ... $V; ... }']) {
    for (const fn of fns) {
      const got = run(`function $F(..., $T $V, ...) ${body}`, fn).map(text);
      // The same pairs when the header and the body are matched apart (a shared $V must agree).
      const want: string[] = [];
      for (const h of run('function $F(..., $T $V, ...) { ... }', fn))
        for (const x of run(`function $G(...) ${body}`, fn)) {
          const { $G: _, ...rest } = x;
          const m = merge(h, rest);
          if (m) want.push(text(m));
        }
      assert.deepEqual(got, want, `${body} on ${fn.name}`);
    }
  }
});
