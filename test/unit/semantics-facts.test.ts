// The matcher's entry point into the semantic model (semantics/facts.ts): kinds and types of names, message calls
// of a call (through internal helpers), result use, arithmetic context, function facts (guards in every form,
// locks by behaviour, reachability of internal functions, initializers, privileged state) and order on the graph.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../server/src/engine/parse';
import type { Node } from '../../server/src/engine/pattern/ast';
import { FileFacts } from '../../server/src/engine/semantics/facts';
import { SemanticProject } from '../../server/src/engine/semantics/project';
import { allNodes } from './semantics-helpers';

interface Fixture {
  facts: FileFacts;
  /** The node of `type` whose text is `text` (the n-th such). */
  node: (type: string, text: string, n?: number) => Node;
  /** The FunctionDefinition or ModifierDefinition named `name`. */
  fn: (name: string) => Node;
  text: string;
}

function fixture(text: string, files?: Record<string, string>, path = '/p/Main.sol'): Fixture {
  const parsed = parseSource(text);
  const context = files ? { project: new SemanticProject({ host: { readFile: (f: string) => files[f] }, root: '/p' }), path } : undefined;
  const facts = new FileFacts(parsed, context);
  const nodes = allNodes(parsed.ast);
  const node = (type: string, t: string, n = 0) => {
    const hits = nodes.filter((x) => x.type === type && x.range && text.slice(x.range[0], x.range[1] + 1) === t);
    assert.ok(hits[n], `no ${type} "${t}" #${n}`);
    return hits[n];
  };
  const fn = (name: string) => {
    const hit = nodes.find((x) => (x.type === 'FunctionDefinition' || x.type === 'ModifierDefinition') && x.name === name);
    assert.ok(hit, `function ${name}`);
    return hit;
  };
  return { facts, node, fn, text };
}

const NAMES = `pragma solidity ^0.8.20;
interface IERC20 { function transfer(address to, uint256 amount) external returns (bool); }
contract C {
  address public owner;
  address payable treasury;
  uint256 constant MAX = 10;
  uint256 immutable start;
  IERC20 token;
  mapping(address => uint256) balances;
  struct Pos { uint256 amount; }
  mapping(address => Pos) positions;
  constructor() { start = block.timestamp; }
  function f(uint256 p, address who) public returns (uint256 r) {
    uint256 l = p + MAX + start;
    balances[who] = l;
    positions[who].amount = l;
    token.transfer(who, l);
    IERC20(who).transfer(owner, 1);
    r = g();
    treasury;
    msg.sender;
  }
  function g() internal pure returns (uint256) { return 1; }
}`;

test('kinds: each name by its declaration, access paths by their variable, contract instances as external', () => {
  const { facts, node } = fixture(NAMES);
  const kinds = (type: string, t: string, n = 0) => facts.kinds(node(type, t, n)).sort();
  // (The parser also gives each declaration's name as an Identifier: the uses come after it.)
  assert.deepEqual(kinds('Identifier', 'owner', 1), ['state-variable']);
  assert.deepEqual(kinds('Identifier', 'MAX', 1), ['constant']);
  assert.deepEqual(kinds('Identifier', 'start', 1), ['immutable']);
  assert.deepEqual(kinds('Identifier', 'p', 1), ['parameter']);
  assert.deepEqual(kinds('Identifier', 'l', 1), ['local']);
  assert.deepEqual(kinds('Identifier', 'r', 1), ['return-variable']);
  assert.deepEqual(kinds('IndexAccess', 'balances[who]'), ['state-variable']);
  assert.deepEqual(kinds('MemberAccess', 'positions[who].amount'), ['state-variable']);
  assert.deepEqual(kinds('Identifier', 'token', 1), ['external-contract', 'state-variable']);
  assert.deepEqual(kinds('FunctionCall', 'IERC20(who)'), ['external-contract']);
  assert.deepEqual(kinds('Identifier', 'g'), ['function']);
  assert.deepEqual(kinds('MemberAccess', 'msg.sender'), ['builtin']);
  assert.deepEqual(kinds('NumberLiteral', '1', 1), ['literal']);
});

test('types: the spelling first, then the families; contract types by name', () => {
  const { facts, node } = fixture(NAMES);
  assert.deepEqual(facts.typeNames(node('Identifier', 'owner', 1)), ['address', 'address']);
  assert.deepEqual(facts.typeNames(node('Identifier', 'treasury', 1)), ['address payable', 'address', 'address-payable']);
  assert.deepEqual(facts.typeNames(node('Identifier', 'l', 1)), ['uint256', 'uint', 'integer']);
  assert.deepEqual(facts.typeNames(node('Identifier', 'balances', 1)), ['mapping(address => uint256)', 'mapping']);
  assert.deepEqual(facts.typeNames(node('Identifier', 'token', 1)), ['IERC20', 'contract', 'interface']);
  assert.deepEqual(facts.typeNames(node('MemberAccess', 'msg.sender')), ['address', 'address']);
});

const CALLS = `pragma solidity ^0.4.24;
contract C {
  mapping(address => uint) credit;
  function _pay(address to, uint a) internal { to.call.value(a)(); }
  function _ping(address to) internal { to.call(bytes4(0x12345678)); }
  function f(address to) public {
    to.call.value(1)();
    to.transfer(1);
    to.send(1);
    _pay(to, 2);
    _ping(to);
    bool ok = to.send(3);
    if (!to.send(4)) { throw; }
    credit[to] = credit[to] + 1;
  }
}`;

test('message calls: legacy value calls, stipends, and what an internal helper does', () => {
  const { facts, node } = fixture(CALLS);
  const calls = (t: string) => facts.messageCalls(node('FunctionCall', t))!.map((c) => `${c.kind}:${c.value}`);
  assert.deepEqual(calls('to.call.value(1)()'), ['low-level:yes']);
  assert.deepEqual(calls('to.transfer(1)'), ['transfer:yes']);
  assert.deepEqual(calls('to.send(1)'), ['send:yes']);
  assert.deepEqual(calls('_pay(to, 2)'), ['low-level:yes']);
  assert.deepEqual(calls('_ping(to)'), ['low-level:no']);
  assert.equal(facts.messageCalls(node('Identifier', 'to', 0)), undefined);
});

test('results: a value stored and never tested is unchecked; tested in an if, checked', () => {
  const { facts, node, fn } = fixture(CALLS);
  assert.equal(facts.resultChecked(node('FunctionCall', 'to.send(3)'), fn('f')), false);
  assert.equal(facts.resultChecked(node('FunctionCall', 'to.send(4)'), fn('f')), true);
  assert.equal(facts.resultChecked(node('FunctionCall', 'to.send(1)'), fn('f')), false);
});

test('arithmetic: pre-0.8 unchecked, 0.8 checked, unchecked blocks, SafeMath', () => {
  const old = fixture(CALLS);
  assert.equal(old.facts.arithmeticChecked(old.node('BinaryOperation', 'credit[to] + 1')), false);
  const src = `pragma solidity ^0.8.0;
library SafeMath { function add(uint a, uint b) internal pure returns (uint) { return a + b; } }
contract D {
  using SafeMath for uint;
  uint x;
  function f(uint a) public { x = x + a; unchecked { x = x - a; } x = x.add(a); }
}`;
  const d = fixture(src);
  assert.equal(d.facts.arithmeticChecked(d.node('BinaryOperation', 'x + a')), true);
  assert.equal(d.facts.arithmeticChecked(d.node('BinaryOperation', 'x - a')), false);
  assert.equal(d.facts.arithmeticChecked(d.node('FunctionCall', 'x.add(a)')), true);
  assert.equal(d.facts.arithmeticChecked(d.node('Identifier', 'a', 2)), undefined);
});

const GUARDS = `pragma solidity ^0.8.20;
contract G {
  address owner;
  mapping(address => bool) admins;
  mapping(bytes32 => mapping(address => bool)) roles;
  bytes32 constant ADMIN = keccak256("ADMIN");
  uint256 rate;
  error NotOwner();
  modifier onlyOwner() { require(msg.sender == owner, "owner"); _; }
  function hasRole(bytes32 r, address a) public view returns (bool) { return roles[r][a]; }
  function _checkOwner() internal view { if (msg.sender != owner) revert NotOwner(); }
  constructor() { owner = msg.sender; }
  function byRequire(uint256 r) external { require(msg.sender == owner); rate = r; }
  function byIfRevert(uint256 r) external { if (msg.sender != owner) revert(); rate = r; }
  function byCustomError(uint256 r) external { if (msg.sender != owner) revert NotOwner(); rate = r; }
  function byIfWrap(uint256 r) external { if (msg.sender == owner) { rate = r; } }
  function byEarlyReturn(uint256 r) external { if (msg.sender != owner) return; rate = r; }
  function byModifier(uint256 r) external onlyOwner { rate = r; }
  function byHelper(uint256 r) external { _checkOwner(); rate = r; }
  function byRole(uint256 r) external { require(hasRole(ADMIN, msg.sender)); rate = r; }
  function byMapping(uint256 r) external { require(admins[msg.sender]); rate = r; }
  function byOrigin(uint256 r) external { require(tx.origin == owner); rate = r; }
  function byParam(uint256 r, address who) external { require(msg.sender == who); rate = r; }
  function unguarded(uint256 r) external { rate = r; }
  function half(uint256 r) external { if (msg.sender == owner) { rate = r; } owner = msg.sender; }
  function setOwner(address o) external { owner = o; }
  function _setRate(uint256 r) internal { rate = r; }
  function callsGuarded(uint256 r) external onlyOwner { _setRate(r); }
  function _deep(uint256 r) internal { _setRate(r); }
  function callsDeep(uint256 r) external { _deep(r); }
  function _unused(uint256 r) internal { rate = r; }
}`;

test('sender-guarded: every guard form counts, tx.origin and a parameter do not', () => {
  const { facts, fn, node, text } = fixture(GUARDS);
  const at = (name: string, t = 'rate = r') => {
    const f = fn(name);
    const w = allNodes(f).find((x) => x.type === 'BinaryOperation' && x.range && text.slice(x.range[0], x.range[1] + 1) === t)!;
    return facts.fn.senderGuarded(f, w.range![0], w.range![1] + 1);
  };
  for (const name of ['byRequire', 'byIfRevert', 'byCustomError', 'byIfWrap', 'byEarlyReturn', 'byModifier', 'byHelper', 'byRole', 'byMapping']) {
    assert.equal(at(name), true, name);
  }
  for (const name of ['byOrigin', 'byParam', 'unguarded']) assert.equal(at(name), false, name);
  // The guarded write inside `half` is guarded; the function as a whole is not.
  assert.equal(at('half'), true);
  assert.equal(at('half', 'owner = msg.sender'), false);
  const half = fn('half');
  assert.equal(facts.fn.senderGuarded(half, half.range![0], half.range![1] + 1), false);
  void node;
});

test('reachable-externally: public functions, and internal ones called from them without a guard', () => {
  const { facts, fn } = fixture(GUARDS);
  assert.equal(facts.fn.reachableExternally(fn('unguarded')), true);
  assert.equal(facts.fn.reachableExternally(fn('_setRate')), true, 'through _deep, called by callsDeep unguarded');
  assert.equal(facts.fn.reachableExternally(fn('_deep')), true);
  assert.equal(facts.fn.reachableExternally(fn('_unused')), false);
  const guardedOnly = fixture(GUARDS.replace('function callsDeep(uint256 r) external { _deep(r); }', ''));
  assert.equal(guardedOnly.facts.fn.reachableExternally(guardedOnly.fn('_setRate')), false, 'only called under onlyOwner');
});

test('privileged state: what a sender check reads; the sender\u2019s own entry is not', () => {
  const { facts, node } = fixture(GUARDS);
  assert.equal(facts.fn.privileged(node('Identifier', 'owner', 3)), true);
  assert.equal(facts.fn.privileged(node('Identifier', 'rate', 0)), false);
  const m = fixture(`pragma solidity ^0.8.0;
contract M {
  mapping(address => bool) admins;
  function add(address a) external { require(admins[msg.sender]); admins[a] = true; }
  function leave() external { admins[msg.sender] = false; }
}`);
  assert.equal(m.facts.fn.privileged(m.node('IndexAccess', 'admins[a]')), true);
  assert.equal(m.facts.fn.privileged(m.node('IndexAccess', 'admins[msg.sender]', 1)), false);
});

const LOCKS = `pragma solidity ^0.8.20;
contract L {
  uint256 private entered;
  mapping(address => uint256) balances;
  modifier guardOfMine() { require(entered == 0); entered = 1; _; entered = 0; }
  function _send(address to, uint256 a) internal { (bool ok, ) = to.call{value: a}(""); require(ok); }
  function locked() external guardOfMine { uint256 a = balances[msg.sender]; _send(msg.sender, a); balances[msg.sender] = 0; }
  function open() external { uint256 a = balances[msg.sender]; _send(msg.sender, a); balances[msg.sender] = 0; }
  function cei() external { uint256 a = balances[msg.sender]; balances[msg.sender] = 0; _send(msg.sender, a); }
  function other() external { uint256 a = balances[msg.sender]; _send(msg.sender, a); entered = 5; }
  function pure_() external pure returns (uint256) { return 1; }
  function init() external initializer {}
  modifier initializer() { _; }
}`;

test('function facts: locks by behaviour, what a function does through helpers, initializers', () => {
  const { facts, fn } = fixture(LOCKS);
  assert.equal(facts.fn.reentrancyLocked(fn('locked')), true);
  assert.equal(facts.fn.reentrancyLocked(fn('open')), false);
  assert.equal(facts.fn.transfersValue(fn('open')), true);
  assert.equal(facts.fn.callsExternal(fn('open')), true);
  assert.equal(facts.fn.writesState(fn('open')), true);
  assert.equal(facts.fn.transfersValue(fn('pure_')), false);
  assert.equal(facts.fn.writesState(fn('pure_')), false);
  assert.equal(facts.fn.initializer(fn('init')), true);
  assert.equal(facts.fn.initializer(fn('open')), false);
});

test('order: a write after the call, of state read before it; CEI and unrelated writes are not', () => {
  const { facts, fn, node } = fixture(LOCKS);
  const call = (name: string) => node('FunctionCall', '_send(msg.sender, a)', ['locked', 'open', 'cei', 'other'].indexOf(name));
  assert.equal(facts.fn.followedByWrite(fn('open'), call('open'), true), true);
  assert.equal(facts.fn.followedByWrite(fn('cei'), call('cei'), true), false);
  assert.equal(facts.fn.followedByWrite(fn('cei'), call('cei'), false), false);
  assert.equal(facts.fn.followedByWrite(fn('other'), call('other'), false), true);
  assert.equal(facts.fn.followedByWrite(fn('other'), call('other'), true), false, 'entered was not read before');
  const write = node('BinaryOperation', 'balances[msg.sender] = 0', 1);
  assert.equal(facts.fn.runsAfter(fn('open'), call('open'), write.range![0], write.range![1] + 1), true);
  const before = node('BinaryOperation', 'balances[msg.sender] = 0', 2);
  assert.equal(facts.fn.runsAfter(fn('cei'), call('cei'), before.range![0], before.range![1] + 1), false);
});

test('imports: an imported base\u2019s modifier guards, and the result depends on the imported file', () => {
  const files = {
    '/p/lib/Ownable.sol': `pragma solidity ^0.8.0;
abstract contract Ownable {
  address private _owner;
  modifier onlyOwner() { _checkOwner(); _; }
  function _checkOwner() internal view { require(msg.sender == _owner, "not owner"); }
}`,
  };
  const src = `pragma solidity ^0.8.0;
import "./lib/Ownable.sol";
contract V is Ownable {
  uint256 fee;
  function setFee(uint256 f) external onlyOwner { fee = f; }
}`;
  const { facts, fn, node } = fixture(src, files);
  const w = node('BinaryOperation', 'fee = f');
  assert.equal(facts.fn.senderGuarded(fn('setFee'), w.range![0], w.range![1] + 1), true);
  assert.deepEqual(facts.dependencies(), ['/p/lib/Ownable.sol']);
  // Alone, the modifier is unknown code: a guard is claimed only for an access-control name (guards.ts).
  const alone = fixture(src);
  const w2 = alone.node('BinaryOperation', 'fee = f');
  assert.equal(alone.facts.fn.senderGuarded(alone.fn('setFee'), w2.range![0], w2.range![1] + 1), true);
  assert.deepEqual(alone.facts.dependencies(), []);
  const renamed = fixture(src.replace('onlyOwner', 'whenReady'));
  const w3 = renamed.node('BinaryOperation', 'fee = f');
  assert.equal(renamed.facts.fn.senderGuarded(renamed.fn('setFee'), w3.range![0], w3.range![1] + 1), false);
});

test('half-typed code: questions about broken functions answer undefined or false, never throw', () => {
  const src = `pragma solidity ^0.8.0;
contract B {
  mapping(address => uint) b;
  function f(address to) public {
    uint a = b[msg.sender];
    (bool ok, ) = to.call{value: a}("");
    b[msg.sender] =
  }
}`;
  const parsed = parseSource(src);
  const facts = new FileFacts(parsed);
  const fns = allNodes(parsed.ast).filter((x) => x.type === 'FunctionDefinition');
  assert.doesNotThrow(() => {
    for (const f of fns) {
      facts.fn.senderGuarded(f, 0, src.length);
      facts.fn.reachableExternally(f);
      facts.fn.reentrancyLocked(f);
      facts.fn.followedByWrite(f, f, true);
    }
    new FileFacts(parseSource('contract { function (')).kinds({ type: 'Identifier', name: 'x' });
  });
});

test('initializer by behaviour: a function that returns only while state it sets is unset runs once', () => {
  const { facts, fn } = fixture(`pragma solidity ^0.8.0;
contract I {
  address owner;
  bool initialized;
  function init1() external { require(owner == address(0)); owner = msg.sender; }
  function init2() external { if (initialized) revert(); initialized = true; owner = msg.sender; }
  function init3() external { require(!initialized); owner = msg.sender; }
  function setOwner(address o) external { owner = o; }
}`);
  assert.equal(facts.fn.initializer(fn('init1')), true);
  assert.equal(facts.fn.initializer(fn('init2')), true);
  assert.equal(facts.fn.initializer(fn('init3')), false, 'the flag checked is never set');
  assert.equal(facts.fn.initializer(fn('setOwner')), false);
});

test('message calls on contracts whose import is missing: a member of an unknown type is a message call', () => {
  const { facts, node } = fixture(`pragma solidity ^0.8.0;
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
contract U {
  IERC20 token;
  struct S { uint256 x; }
  function f(address to, S memory s) external {
    token.transfer(to, 1);
    IVault(to).deposit{value: 1}();
    s.x;
    unknownThing.transfer(to, 1);
  }
}`);
  const calls = (t: string) => facts.messageCalls(node('FunctionCall', t))?.map((c) => `${c.kind}:${c.value}:${c.token}`);
  assert.deepEqual(calls('token.transfer(to, 1)'), ['high-level:no:true']);
  assert.deepEqual(calls('IVault(to).deposit{value: 1}()'), ['high-level:yes:false']);
  assert.deepEqual(calls('unknownThing.transfer(to, 1)'), [], 'an undeclared name is not known to be a contract');
});

test('types of contracts whose import is missing: the name as written', () => {
  const { facts, node } = fixture(`pragma solidity ^0.8.0;
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
contract W {
  function f(ERC721 nft, address a) external { nft; IERC721(a); a; }
}`);
  assert.deepEqual(facts.typeNames(node('Identifier', 'nft', 1)), ['ERC721', 'contract']);
  assert.deepEqual(facts.typeNames(node('FunctionCall', 'IERC721(a)')), ['IERC721', 'contract']);
  assert.deepEqual(facts.typeNames(node('Identifier', 'a', 2)), ['address', 'address']);
});

test('privileged state: an entry keyed by a name known to be the caller is the caller\u2019s own', () => {
  const { facts, node } = fixture(`pragma solidity ^0.8.0;
contract R {
  mapping(address => bool) admins;
  modifier onlyAdmin() { require(admins[msg.sender]); _; }
  function renounce(address account) external { require(account == msg.sender, "self"); admins[account] = false; }
  function renounceRole(address confirm) external { if (confirm != msg.sender) revert(); _revoke(confirm); }
  function revoke(address account) external onlyAdmin { _revoke(account); }
  function _revoke(address account) internal { admins[account] = false; }
  function removeAnyone(address account) external { _remove(account); }
  function _remove(address account) internal { admins[account] = false; }
}`);
  assert.equal(facts.fn.privileged(node('IndexAccess', 'admins[account]', 0)), false, 'checked equal before the write');
  assert.equal(facts.fn.privileged(node('IndexAccess', 'admins[account]', 1)), false, 'every unguarded caller passes the caller');
  assert.equal(facts.fn.privileged(node('IndexAccess', 'admins[account]', 2)), true, 'a caller passes anyone');
});

test('guards the adapter adds: an assembly getter, a conjunction or disjunction of checks, a set-membership predicate', () => {
  const { facts, fn, node } = fixture(`pragma solidity ^0.8.0;
interface Authority { function canCall(address user, address target, bytes4 sig) external view returns (bool); }
library Sets {
  struct Set { mapping(bytes32 => uint256) _indexes; }
  function _contains(Set storage set, bytes32 value) private view returns (bool) { return set._indexes[value] != 0; }
  function contains(Set storage set, address value) internal view returns (bool) { return _contains(set, bytes32(uint256(uint160(value)))); }
}
contract P {
  using Sets for Sets.Set;
  bytes32 internal constant ADMIN_SLOT = keccak256("admin");
  address owner;
  Authority authority;
  Sets.Set members;
  address impl;
  function _admin() internal view returns (address adm) { bytes32 slot = ADMIN_SLOT; assembly { adm := sload(slot) } }
  modifier ifAdmin() { if (msg.sender == _admin()) { _; } }
  function isAuthorized(address user) internal view returns (bool) {
    Authority auth = authority;
    return (address(auth) != address(0) && auth.canCall(user, address(this), msg.sig)) || user == owner;
  }
  modifier requiresAuth() { require(isAuthorized(msg.sender), "UNAUTHORIZED"); _; }
  function isMember(address a) public view returns (bool) { return members.contains(a); }
  function upgradeTo(address i) external ifAdmin { impl = i; }
  function setOwner(address o) external requiresAuth { owner = o; }
  function setImpl(address i) external { require(isMember(msg.sender)); impl = i; }
}`);
  const at = (name: string, t: string) => {
    const w = node('BinaryOperation', t, ['upgradeTo', 'setOwner', 'setImpl'].indexOf(name) === 1 ? 0 : name === 'upgradeTo' ? 0 : 1);
    return facts.fn.senderGuarded(fn(name), w.range![0], w.range![1] + 1, w);
  };
  assert.equal(at('upgradeTo', 'impl = i'), true);
  assert.equal(at('setOwner', 'owner = o'), true);
  assert.equal(at('setImpl', 'impl = i'), true);
});
