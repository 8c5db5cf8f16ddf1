// Names and types inside bodies: scopes and shadowing, struct fields, mappings, conversions, using-for, calls,
// half-typed code and pre-0.5 syntax.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { typeToString } from '../../server/src/engine/semantics';
import { find, modelOf, where } from './semantics-helpers';

const one = (src: string) => modelOf({ '/p/C.sol': src }, '/p/C.sol');

test('block scopes: a local shadows a state variable in its block only, a parameter until redeclared', () => {
  const m = one(`contract C {
  uint256 x;
  function f(uint256 y) external returns (uint256) {
    x = y;
    { uint256 x = 1; x += y; }
    for (uint256 i = 0; i < 3; i++) { uint256 y2 = i; x += y2; }
    return x;
  }
}`);
  const xs = [1, 2, 3, 4, 5].map((n) => where(m.declarationOf(find(m, 'Identifier', 'x', n))));
  // #1 `x = y`; #2 the inner declaration's name; #3 `x += y` inside the block; #4 `x += y2`; #5 `return x`.
  assert.deepEqual(xs, ['stateVariable:C.sol:C.x', 'localVariable:C.sol:C.x', 'localVariable:C.sol:C.x', 'stateVariable:C.sol:C.x', 'stateVariable:C.sol:C.x']);
  assert.equal(m.declarationOf(find(m, 'Identifier', 'x', 3))?.node, find(m, 'VariableDeclaration', 'uint256 x'));
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'i', 1))), 'localVariable:C.sol:C.i');
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'y', 1))), 'parameter:C.sol:C.y');
});

test('struct fields, nested mappings, arrays and storage pointers have their declared types', () => {
  const m = one(`contract C {
  struct Pos { uint128 amount; address owner; uint64[] stamps; }
  mapping(address => mapping(uint256 => Pos)) positions;
  Pos[] all;
  function f(uint256 id) external {
    Pos storage p = positions[msg.sender][id];
    p.amount += 1;
    all[0].stamps.push(uint64(block.timestamp));
    uint256 n = all.length + p.stamps.length;
    bytes32 h = keccak256(abi.encode(p.owner, n));
  }
}`);
  const t = (type: string, text: string) => typeToString(m.typeOf(find(m, type, text)));
  assert.equal(t('IndexAccess', 'positions[msg.sender]'), 'mapping(uint256 => struct C.Pos)');
  assert.equal(t('IndexAccess', 'positions[msg.sender][id]'), 'struct C.Pos');
  assert.equal(m.typeOf(find(m, 'IndexAccess', 'positions[msg.sender][id]')).kind, 'struct');
  assert.equal((m.typeOf(find(m, 'IndexAccess', 'positions[msg.sender][id]')) as { location?: string }).location, 'storage');
  assert.equal(t('MemberAccess', 'p.amount'), 'uint128');
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 'p.amount'))), 'structField:C.sol:C.amount');
  assert.equal(t('MemberAccess', 'all[0].stamps'), 'uint64[]');
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 'all[0].stamps.push'))), 'builtin:array.push');
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 'all.length'))), 'builtin:array.length');
  assert.equal(t('FunctionCall', 'keccak256(abi.encode(p.owner, n))'), 'bytes32');
  assert.equal(t('MemberAccess', 'block.timestamp'), 'uint256');
  assert.equal(typeToString(m.typeOf(find(m, 'VariableDeclaration', 'Pos storage p'))), 'struct C.Pos');
});

test('type conversions: contract and interface casts, address(...), payable(...), integer widths', () => {
  const m = one(`interface IERC20 { function balanceOf(address) external view returns (uint256); }
contract C {
  function f(address a, uint256 v) external returns (uint8) {
    uint256 b = IERC20(a).balanceOf(address(this));
    payable(a).transfer(b);
    address(this).balance;
    return uint8(v);
  }
}`);
  const t = (type: string, text: string) => typeToString(m.typeOf(find(m, type, text)));
  assert.equal(t('FunctionCall', 'IERC20(a)'), 'interface IERC20');
  assert.equal(t('FunctionCall', 'IERC20(a).balanceOf(address(this))'), 'uint256');
  assert.equal(t('FunctionCall', 'address(this)'), 'address');
  assert.equal(t('FunctionCall', 'payable(a)'), 'address payable');
  assert.equal(t('FunctionCall', 'uint8(v)'), 'uint8');
  assert.equal(t('Identifier', 'this'), 'contract C');
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 'address(this).balance'))), 'builtin:address.balance');
  assert.deepEqual(
    ['IERC20(a)', 'payable(a)', 'uint8(v)'].map((c) => m.resolveCall(find(m, 'FunctionCall', c)).kind),
    ['conversion', 'conversion', 'conversion'],
  );
  assert.equal(m.resolveCall(find(m, 'FunctionCall', 'payable(a).transfer(b)')).kind, 'lowLevel');
});

test('using SafeMath for uint: x.add(y) is the library function, bound to x; overloads by argument count', () => {
  const m = modelOf(
    {
      '/p/SafeMath.sol': `library SafeMath {
  function add(uint256 a, uint256 b) internal pure returns (uint256) { uint256 c = a + b; require(c >= a); return c; }
  function sub(uint256 a, uint256 b) internal pure returns (uint256) { return sub(a, b, "sub"); }
  function sub(uint256 a, uint256 b, string memory m) internal pure returns (uint256) { require(b <= a, m); return a - b; }
}`,
      '/p/Token.sol': `pragma solidity ^0.6.0;
import "./SafeMath.sol";
contract Token {
  using SafeMath for uint;
  mapping(address => uint) balances;
  uint total;
  function burn(uint v) external {
    balances[msg.sender] = balances[msg.sender].sub(v, "too much");
    total = total.sub(v);
    total = SafeMath.add(total, 0);
  }
}`,
    },
    '/p/Token.sol',
  );
  const sub3 = m.declarationOf(find(m, 'MemberAccess', 'balances[msg.sender].sub'));
  assert.equal(where(sub3), 'function:SafeMath.sol:SafeMath.sub');
  assert.equal(sub3?.kind === 'function' && sub3.parameters.length, 3);
  const sub2 = m.declarationOf(find(m, 'MemberAccess', 'total.sub'));
  assert.equal(sub2?.kind === 'function' && sub2.parameters.length, 2);
  const bound = m.resolveCall(find(m, 'FunctionCall', 'total.sub(v)'));
  assert.deepEqual([bound.kind, bound.kind === 'internal' && bound.via], ['internal', 'using']);
  const direct = m.resolveCall(find(m, 'FunctionCall', 'SafeMath.add(total, 0)'));
  assert.deepEqual([direct.kind, direct.kind === 'internal' && direct.via], ['internal', 'library']);
  assert.equal(typeToString(m.typeOf(find(m, 'FunctionCall', 'total.sub(v)'))), 'uint256');
});

test('using-for with a function list and global using on a user-defined value type', () => {
  const m = modelOf(
    {
      '/p/Price.sol': `type Price is uint128;
using {add} for Price global;
function add(Price a, Price b) pure returns (Price) { return Price.wrap(Price.unwrap(a) + Price.unwrap(b)); }`,
      '/p/Use.sol': `import {Price} from "./Price.sol";
contract Use { function f(Price a, Price b) external pure returns (Price) { return a.add(b); } }`,
    },
    '/p/Use.sol',
  );
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 'a.add'))), 'function:Price.sol:add');
  assert.equal(typeToString(m.typeOf(find(m, 'FunctionCall', 'a.add(b)'))), 'Price');
});

test('external, low-level and legacy calls are told apart, with their value option', () => {
  const m = one(`interface IVault { function deposit() external payable; }
contract C {
  event Paid(address to, uint256 v);
  error Failed();
  function f(IVault v, address payable to, uint256 amt) external {
    v.deposit{value: amt}();
    (bool ok, ) = to.call{value: amt, gas: 5000}("");
    if (!ok) revert Failed();
    to.send(amt);
    to.delegatecall(abi.encodeWithSignature("x()"));
    emit Paid(to, amt);
    new C();
  }
}`);
  const kinds = ['v.deposit{value: amt}()', 'to.call{value: amt, gas: 5000}("")', 'Failed()', 'to.send(amt)', 'Paid(to, amt)', 'new C()'].map(
    (c) => m.resolveCall(find(m, 'FunctionCall', c)).kind,
  );
  assert.deepEqual(kinds, ['external', 'lowLevel', 'error', 'lowLevel', 'event', 'new']);
  const call = m.resolveCall(find(m, 'FunctionCall', 'to.call{value: amt, gas: 5000}("")'));
  assert.ok(call.kind === 'lowLevel' && call.name === 'call' && call.options.value && call.options.gas && !call.options.legacy);
  const dc = m.resolveCall(find(m, 'FunctionCall', 'to.delegatecall(abi.encodeWithSignature("x()"))'));
  assert.equal(dc.kind === 'lowLevel' && dc.name, 'delegatecall');
});

test('legacy 0.4: constructor named as the contract, var, throw, now, sha3, .call.value(x)()', () => {
  const m = one(`pragma solidity ^0.4.24;
contract Bank {
  mapping(address => uint) balances;
  address owner;
  function Bank() public { owner = msg.sender; }
  function withdraw() public {
    var amount = balances[msg.sender];
    if (now < 1) throw;
    bytes32 h = sha3(msg.sender, amount);
    if (!msg.sender.call.value(amount)()) throw;
    balances[msg.sender] = 0;
    this.balance;
  }
}`);
  const bank = m.contract('Bank')!;
  assert.ok(bank.functions.find((f) => f.name === 'Bank')?.isConstructor);
  const amount = m.declarationOf(find(m, 'Identifier', 'amount', 1));
  assert.equal(where(amount), 'localVariable:C.sol:Bank.amount');
  assert.equal(typeToString(m.typeOfDeclaration(amount!)), 'uint256', '`var` takes the initialiser type');
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'now'))), 'builtin:now');
  assert.equal(typeToString(m.typeOf(find(m, 'FunctionCall', 'sha3(msg.sender, amount)'))), 'bytes32');
  const call = m.resolveCall(find(m, 'FunctionCall', 'msg.sender.call.value(amount)()'));
  assert.equal(call.kind, 'lowLevel');
  assert.ok(call.kind === 'lowLevel' && call.name === 'call' && call.options.legacy && call.options.value);
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 'this.balance'))), 'builtin:address.balance');
});

test('half-typed code: an unclosed function costs only itself, the rest still resolves', () => {
  const m = one(`contract C {
  uint256 total;
  address owner;
  function broken(uint256 a) external {
    total = a +
  modifier only() { require(msg.sender == owner); _; }
  function good(uint256 b) external only { total += b; owner = msg.sender; }
}
contract D is C { function h() external only { total = 0; } }`);
  // The parser's recovery loses the broken function and the modifier it swallowed; `good` and D survive.
  assert.deepEqual(
    m.contract('C')!.functions.map((f) => f.name),
    ['good'],
  );
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'owner', 1))), 'stateVariable:C.sol:C.owner');
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'total', 1))), 'stateVariable:C.sol:C.total');
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'total', 2))), 'stateVariable:C.sol:C.total');
  assert.equal(m.contractOf(find(m, 'Identifier', 'total', 2))?.name, 'D');
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'b', 1))), 'parameter:C.sol:C.b');
  assert.equal(m.declarationOf(find(m, 'ModifierInvocation', 'only', 0)), undefined, 'a name that does not resolve is unknown');
});

test('named arguments, enum values, constants, events and errors by name', () => {
  const m = one(`contract C {
  enum State { Open, Closed }
  State public state = State.Open;
  uint256 public constant MAX = 10;
  uint256 public immutable start;
  struct P { uint256 a; address b; }
  constructor() { start = block.number; }
  function g(uint256 amount, address to) internal pure returns (P memory) { return P({a: amount, b: to}); }
  function f() external { g({to: msg.sender, amount: MAX}); state = State.Closed; }
}`);
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 'State.Closed'))), 'enumValue:C.sol:C.Closed');
  assert.equal(typeToString(m.typeOf(find(m, 'MemberAccess', 'State.Closed'))), 'enum C.State');
  const max = m.declarationOf(find(m, 'Identifier', 'MAX'));
  assert.ok(max?.kind === 'stateVariable' && max.constant);
  const start = m.declarationOf(find(m, 'Identifier', 'start'));
  assert.ok(start?.kind === 'stateVariable' && start.immutable);
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'to', 2))), 'parameter:C.sol:C.to');
  assert.equal(m.resolveCall(find(m, 'FunctionCall', 'P({a: amount, b: to})')).kind, 'struct');
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'a'))), 'structField:C.sol:C.a');
});

test('never throws: every prefix cut of a real contract still gives a model that answers', () => {
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const path = require.resolve('@openzeppelin/contracts/token/ERC20/ERC20.sol');
  const text = readFileSync(path, 'utf8');
  for (let i = 1; i <= 24; i++) {
    const cut = text.slice(0, Math.floor((text.length * i) / 25));
    const m = modelOf({ '/p/C.sol': cut, '/p/draft-IERC6093.sol': '' }, '/p/C.sol');
    const refs = m.references();
    for (const r of refs) {
      m.typeOf(r.node);
      m.contractOf(r.node);
      if (r.node.type === 'FunctionCall') m.resolveCall(r.node);
    }
    for (const c of m.contracts()) m.functionsOf(c);
  }
  assert.equal(modelOf({ '/p/E.sol': '' }, '/p/E.sol').references().length, 0);
  assert.equal(modelOf({}, '/p/None.sol').contracts().length, 0);
});
