// Facts behind the access-control findings: code behind a check no stored value passes (facts-feasible.ts), a
// recovered signer as a guard (guards-query.ts), guards anyone can take over (facts-takeover.ts), whether a
// function consults its caller at all (facts-caller.ts), and whether its contract has an access model it is outside
// of (`peers-guarded`, facts-functions.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../server/src/engine/parse';
import type { Node } from '../../server/src/engine/pattern/ast';
import { FileFacts } from '../../server/src/engine/semantics/facts';
import { allNodes } from './semantics-helpers';

function fixture(text: string) {
  const parsed = parseSource(text);
  const facts = new FileFacts(parsed);
  const nodes = allNodes(parsed.ast);
  const node = (type: string, t: string, n = 0): Node => {
    const hits = nodes.filter((x) => x.type === type && x.range && text.slice(x.range[0], x.range[1] + 1) === t);
    assert.ok(hits[n], `no ${type} "${t}" #${n}`);
    return hits[n];
  };
  /** Every function named `name`, in the order of the file. */
  const fns = (name: string): Node[] => nodes.filter((x) => x.type === 'FunctionDefinition' && x.name === name);
  const fn = (name: string): Node => {
    const hit = fns(name)[0];
    assert.ok(hit, `function ${name}`);
    return hit;
  };
  return { facts, node, fn, fns };
}

test('a check for a value the contract never stores makes the code behind it infeasible', () => {
  const { facts, node, fn } = fixture(`pragma solidity ^0.8.20;
contract S {
  uint256 stage = 0;
  bool open;
  uint256 free;
  function step() public { stage = 1; open = true; }
  function set(uint256 v) public { free = v; }
  function two() public { if (stage != 2) return; selfdestruct(payable(msg.sender)); }
  function one() public { require(stage == 1); selfdestruct(payable(msg.sender)); }
  function opened() public { require(open); selfdestruct(payable(msg.sender)); }
  function anyValue() public { require(free == 7); selfdestruct(payable(msg.sender)); }
  function either() public { if (stage == 2 || free == 1) selfdestruct(payable(msg.sender)); }
}`);
  const kill = (n: number) => node('FunctionCall', 'selfdestruct(payable(msg.sender))', n);
  assert.equal(facts.fn.feasible(fn('two'), kill(0)), false, 'stage holds 0 or 1, never 2');
  assert.equal(facts.fn.feasible(fn('one'), kill(1)), true);
  assert.equal(facts.fn.feasible(fn('opened'), kill(2)), true, '`require(open)` is no comparison with a literal');
  assert.equal(facts.fn.feasible(fn('anyValue'), kill(3)), true, 'free takes an argument: any value');
  assert.equal(facts.fn.feasible(fn('either'), kill(4)), true, 'a disjunction is not split');
});

test('a signer recovered from a signature and checked against storage guards the code', () => {
  const { facts, node, fn } = fixture(`pragma solidity ^0.8.20;
contract R {
  mapping(address => bool) isAdmin;
  function add(address user, uint8 v, bytes32 r, bytes32 s) external {
    address signer = ecrecover(keccak256(abi.encode(user)), v, r, s);
    require(isAdmin[signer]);
    isAdmin[user] = true;
  }
  function self(address user, uint8 v, bytes32 r, bytes32 s) external {
    address signer = ecrecover(keccak256(abi.encode(user)), v, r, s);
    require(signer == user);
    isAdmin[user] = true;
  }
}`);
  const write = (n: number) => node('BinaryOperation', 'isAdmin[user] = true', n);
  const at = (f: Node, w: Node) => facts.fn.senderGuarded(f, w.range![0], w.range![1] + 1, w);
  assert.equal(at(fn('add'), write(0)), true);
  assert.equal(at(fn('self'), write(1)), false, 'compared with an argument, not with storage');
});

test('a guard reading state that anyone can write protects nothing', () => {
  const { facts, fn } = fixture(`pragma solidity ^0.8.20;
contract T {
  address creator;
  address admin;
  bool done;
  mapping(address => uint256) owners;
  constructor() { creator = msg.sender; admin = msg.sender; }
  function initWallet() public { creator = msg.sender; }
  function setup(address a) public { require(!done); done = true; admin = a; }
  function join() external { owners[msg.sender] = 1; }
  function buy() external payable { creator = msg.sender; }
  function byCreator() external { require(msg.sender == creator); payable(msg.sender).transfer(1); }
  function byAdmin() external { require(msg.sender == admin); payable(msg.sender).transfer(1); }
  function byOwner() external { require(owners[msg.sender] != 0); payable(msg.sender).transfer(1); }
  function open() external { payable(msg.sender).transfer(1); }
}`);
  assert.equal(facts.fn.guardTakeover(fn('byCreator')), true, 'initWallet sets the creator for anyone');
  assert.equal(facts.fn.guardTakeover(fn('byAdmin')), false, 'admin is set once, by a one-time setup');
  assert.equal(facts.fn.guardTakeover(fn('byOwner')), false, 'join writes only the caller\u2019s own entry');
  assert.equal(facts.fn.guardTakeover(fn('open')), false, 'no guard, nothing to take over');
});

test('a function consults its caller through its modifiers, helpers or a signature', () => {
  const { facts, fn } = fixture(`pragma solidity ^0.8.20;
contract C {
  mapping(address => mapping(address => uint256)) allowed;
  modifier who() { require(msg.sender != address(0)); _; }
  function _spend(address from) internal { allowed[from][msg.sender] -= 1; }
  function bare(address from) external { allowed[from][from] = 0; }
  function viaModifier(address from) external who { allowed[from][from] = 0; }
  function viaHelper(address from) external { _spend(from); }
  function viaSignature(address from, uint8 v, bytes32 r, bytes32 s) external {
    require(ecrecover(bytes32(0), v, r, s) == from);
  }
}`);
  assert.equal(facts.fn.consultsCaller(fn('bare')), false);
  assert.equal(facts.fn.consultsCaller(fn('viaModifier')), true);
  assert.equal(facts.fn.consultsCaller(fn('viaHelper')), true);
  assert.equal(facts.fn.consultsCaller(fn('viaSignature')), true);
});

test("peers-guarded: another function, own or a base's, guards an effect by a check of the caller", () => {
  const { facts, fn, fns } = fixture(`pragma solidity ^0.8.20;
abstract contract Roles {
  mapping(bytes32 => mapping(address => bool)) roles;
  function grant(bytes32 r, address a) external { require(roles[0][msg.sender]); roles[r][a] = true; }
}
contract Owned {
  address owner;
  uint256 fee;
  uint256 rate;
  error No();
  function setFee(uint256 f) external { if (msg.sender != owner) revert No(); fee = f; }
  function setRate(uint256 r) external { rate = r; }
}
contract Killable {
  address owner;
  uint256 rate;
  function kill() external { if (msg.sender == owner) selfdestruct(payable(owner)); }
  function setRate(uint256 r) external { rate = r; }
}
contract Inherits is Roles {
  uint256 rate;
  function setRate(uint256 r) external { rate = r; }
}
contract Alone {
  address owner;
  uint256 rate;
  function onlyGuard() external { require(msg.sender == owner); rate = 1; }
}
contract Open {
  address owner;
  uint256 rate;
  function setRate(uint256 r) external { rate = r; }
  function byOrigin(uint256 r) external { require(tx.origin == owner); rate = r; }
  function view_() external view returns (uint256) { require(msg.sender == owner); return rate; }
}`);
  const [ownedSet, killableSet, inheritsSet, openSet] = fns('setRate');
  assert.equal(facts.fn.peersGuarded(ownedSet), true, 'an inline check before a write');
  assert.equal(facts.fn.peersGuarded(killableSet), true, 'an if around selfdestruct');
  assert.equal(facts.fn.peersGuarded(inheritsSet), true, "a base's role check");
  assert.equal(facts.fn.peersGuarded(fn('setFee')), false, 'the only guarded function is not its own peer');
  assert.equal(facts.fn.peersGuarded(fn('onlyGuard')), false, 'nor here');
  assert.equal(facts.fn.peersGuarded(openSet), false, 'tx.origin is no guard, and a view changes nothing');
});

test('assembly writing a declared variable by its slot number', () => {
  const { facts, fn } = fixture(`pragma solidity ^0.8.20;
contract B {
  uint256 a;
  address b;
  function byNumber(address x) public { assembly { sstore(1, x) } }
  function byName(address x) public { assembly { sstore(b.slot, x) } }
  function far(uint256 v) public { assembly { sstore(0x1234567890, v) } }
}`);
  assert.equal(facts.fn.writesNumberedSlot(fn('byNumber')), true);
  assert.equal(facts.fn.writesNumberedSlot(fn('byName')), false);
  assert.equal(facts.fn.writesNumberedSlot(fn('far')), false, 'beyond the two declared variables');
});
