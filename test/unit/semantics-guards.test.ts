// Guards and reentrancy locks recognised by what the code does: every form of a sender check (inline, in a
// modifier, in a called function, through a getter, a mapping, a role), what is not a guard, tx.origin as a weak
// kind; locks written inline, renamed, split into before/after calls, transient, and OpenZeppelin's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Guards, type GuardReport } from '../../server/src/engine/semantics/guards';
import { Locks, type LockReport } from '../../server/src/engine/semantics/locks';
import type { Node } from '../../server/src/engine/semantics/cfg-types';
import { SemanticProject } from '../../server/src/engine/semantics/project';
import { ContractSummaries } from '../../server/src/engine/semantics/summaries';
import { summariesOf } from './semantics-summaries-helpers';

/** Statements as the body of `f`, in a contract with an owner, admins, roles, a getter and helper checks. */
function guarded(body: string, { pragma = '^0.8.20', members = '', modifiers = '' } = {}): GuardReport {
  const src = `pragma solidity ${pragma};
contract C {
  address owner;
  address pendingOwner;
  mapping(address => bool) admins;
  mapping(address => bool) isAdmin;
  mapping(address => bool) blacklist;
  mapping(address => uint256) balances;
  mapping(bytes32 => mapping(address => bool)) roles;
  mapping(address => uint256) wards;
  bytes32 constant MINTER = keccak256("MINTER");
  uint256 total;
  error NotOwner();
  modifier onlyOwner() { require(msg.sender == owner, "not owner"); _; }
  modifier onlyBy(address who) { require(msg.sender == who); _; }
  modifier viaHelper() { _checkOwner(); _; }
  function owner_() public view returns (address) { return owner; }
  function _msgSender() internal view returns (address) { return msg.sender; }
  function _checkOwner() internal view { if (owner_() != _msgSender()) revert NotOwner(); }
  function hasRole(bytes32 role, address account) public view returns (bool) { return roles[role][account]; }
  function _checkRole(bytes32 role, address account) internal view { if (!hasRole(role, account)) revert NotOwner(); }
  function _checkRole(bytes32 role) internal view { _checkRole(role, _msgSender()); }
  function isOwner() public view returns (bool) { return msg.sender == owner; }
${members}
  function f(address payable to, uint256 amount) public ${modifiers} {
${body}
  }
}`;
  const { s, fn } = summariesOf(src);
  return new Guards(s).report(fn('f'));
}

const SENDER: [string, string, { pragma?: string; modifiers?: string; members?: string }?][] = [
  ['require', 'require(msg.sender == owner, "no"); total = 1;'],
  ['assert, operands swapped', 'assert(owner == msg.sender); total = 1;'],
  ['if != revert with a custom error', 'if (msg.sender != owner) revert NotOwner(); total = 1;'],
  ['if != { revert("..") }', 'if (owner != msg.sender) { revert("no"); } total = 1;'],
  ['legacy throw', 'if (msg.sender != owner) throw; total = 1;', { pragma: '^0.4.24' }],
  ['an if block wrapping the effect', 'if (msg.sender == owner) { selfdestruct(to); }'],
  ['an early return', 'if (msg.sender != owner) return; total = 1;'],
  ['a getter of the owner', 'require(msg.sender == owner_()); total = 1;'],
  ['_msgSender()', 'require(_msgSender() == owner); total = 1;'],
  ['a local holding the sender', 'address sender = msg.sender; if (sender != owner) revert NotOwner(); total = 1;'],
  ['a mapping lookup', 'require(admins[msg.sender]); total = 1;'],
  ['a mapping compared with true', 'require(isAdmin[msg.sender] == true); total = 1;'],
  ['a ward set to 1', 'require(wards[msg.sender] == 1); total = 1;'],
  ['a modifier', 'total = 1;', { modifiers: 'onlyOwner' }],
  ['a modifier bound to storage', 'total = 1;', { modifiers: 'onlyBy(owner)' }],
  ['a modifier calling a check', 'total = 1;', { modifiers: 'viaHelper' }],
  ['a called internal function that reverts unless the check holds', '_checkOwner(); total = 1;'],
  ['a predicate function', 'require(isOwner()); total = 1;'],
  ['two-step ownership: the pending owner in storage', 'require(msg.sender == pendingOwner); owner = pendingOwner;'],
  ['either of two checks', 'require(msg.sender == owner || admins[msg.sender]); total = 1;'],
  ['neither of two addresses reverts', 'if (msg.sender != owner && msg.sender != pendingOwner) revert NotOwner(); total = 1;'],
  ['only the contract itself', 'require(msg.sender == address(this)); total = 1;'],
];

for (const [name, body, options] of SENDER) {
  test(`sender-guarded: ${name}`, () => {
    const r = guarded(body, options);
    assert.equal(r.kind, 'sender', JSON.stringify(r.effects.map((e) => e.guard)));
    assert.ok(r.sites.length > 0, 'the guarding node is reported');
    assert.ok(r.effects.length > 0 && r.effects.every((e) => e.guard === 'sender'));
  });
}

const ROLE: [string, string, { modifiers?: string }?][] = [
  ['hasRole(ROLE, msg.sender)', 'require(hasRole(MINTER, msg.sender)); total = 1;'],
  ['if (!hasRole(..)) revert', 'if (!hasRole(MINTER, _msgSender())) revert NotOwner(); total = 1;'],
  ['_checkRole(ROLE), through _checkRole(role, account)', '_checkRole(MINTER); total = 1;'],
  ['a role lookup inline', 'require(roles[MINTER][msg.sender]); total = 1;'],
];

for (const [name, body, options] of ROLE) {
  test(`role-guarded: ${name}`, () => {
    const r = guarded(body, options);
    assert.ok(r.kind === 'role' || r.kind === 'sender', `${name}: ${r.kind}`);
    assert.ok(r.effects.every((e) => e.guard));
  });
}

test('role checks are reported as role, not as a plain sender comparison', () => {
  assert.equal(guarded('_checkRole(MINTER); total = 1;').kind, 'role');
  assert.equal(guarded('require(hasRole(MINTER, msg.sender)); total = 1;').kind, 'role');
});

const NOT_GUARDED: [string, string][] = [
  ['no check at all', 'total = amount;'],
  ['the sender compared with a parameter', 'require(msg.sender == to); total = 1;'],
  ['the sender compared with a local copy of a parameter', 'address a = to; require(msg.sender == a); total = 1;'],
  ['a balance check keyed by the sender', 'require(balances[msg.sender] >= amount); balances[msg.sender] -= amount;'],
  ['a deny list', 'require(!blacklist[msg.sender]); total = 1;'],
  ['the check on one branch only', 'if (amount > 0) { require(msg.sender == owner); } total = 1;'],
  ['the check after the effect', 'total = 1; require(msg.sender == owner);'],
  ['the contract-caller check is not access control', 'require(tx.origin == msg.sender); total = 1;'],
  ['a check or anything else', 'require(msg.sender == owner || amount > 0); total = 1;'],
];

for (const [name, body] of NOT_GUARDED) {
  test(`not a guard: ${name}`, () => {
    const r = guarded(body);
    assert.equal(r.kind, 'none');
    assert.ok(r.effects.some((e) => e.guard === null));
  });
}

test('tx.origin is a weak kind of its own', () => {
  const r = guarded('require(tx.origin == owner); owner = to;');
  assert.equal(r.kind, 'tx-origin');
  assert.deepEqual(
    r.sites.map((s) => s.kind),
    ['tx-origin'],
  );
});

test('per effect: what comes before the check is unguarded, what comes after is guarded', () => {
  const r = guarded('total = 1; require(msg.sender == owner); owner = to;');
  assert.equal(r.kind, 'none');
  assert.deepEqual(
    r.effects.map((e) => `${e.effect.state?.key} ${e.guard}`),
    ['C.total null', 'C.owner sender'],
  );
});

test('an internal function that guards its own effects makes its call guarded', () => {
  const members = 'function _burnAll() internal { require(msg.sender == owner); total = 0; }';
  assert.equal(guarded('_burnAll();', { members }).kind, 'sender');
  // Unguarded inside and outside: the call is the unguarded effect.
  assert.equal(guarded('_wipe();', { members: 'function _wipe() internal { total = 0; }' }).kind, 'none');
});

test('a modifier whose definition cannot be found counts by its name, flagged', () => {
  const { s, fn } = summariesOf(`pragma solidity ^0.8.0;
import {Ownable} from "./missing/Ownable.sol";
contract C is Ownable { uint256 x; function f() public onlyOwner { x = 1; } function g() public onlyEOA { x = 2; } }`);
  const g = new Guards(s);
  const r = g.report(fn('f'));
  assert.equal(r.kind, 'sender');
  assert.equal(r.sites[0].byName, true);
  assert.equal(g.report(fn('g')).kind, 'none');
});

test('guard facts of helpers: returns-only-if, parameter checks, predicates, getters', () => {
  const src = `pragma solidity ^0.8.20;
contract C {
  address owner;
  mapping(bytes32 => mapping(address => bool)) roles;
  function owner_() public view returns (address) { return owner; }
  function _msgSender() internal view returns (address) { return msg.sender; }
  function _checkOwner() internal view { require(owner_() == _msgSender()); }
  function hasRole(bytes32 r, address a) public view returns (bool) { return roles[r][a]; }
  function _checkRole(bytes32 r, address a) internal view { require(hasRole(r, a)); }
}`;
  const { s, fn } = summariesOf(src);
  const g = new Guards(s);
  assert.equal(g.factsOf(fn('_checkOwner')).returnsOnlyIf, 'sender');
  assert.deepEqual([...g.factsOf(fn('_checkRole')).params], [[1, 'role']]);
  assert.deepEqual(g.factsOf(fn('hasRole')).predicate, { subject: 1, kind: 'sender' });
  assert.equal(g.factsOf(fn('owner_')).returnsState, true);
  assert.equal(g.factsOf(fn('_msgSender')).returnsSender, true);
});

const NODE_MODULES = `${join(__dirname, '..', '..', 'node_modules')}/`;
const haveOz = existsSync(`${NODE_MODULES}@openzeppelin/contracts/access/Ownable.sol`) && existsSync(`${NODE_MODULES}solmate/src/utils/ReentrancyGuard.sol`);

/** A file `/p/main.sol` importing from node_modules through remappings. */
function withLibraries(src: string) {
  const project = new SemanticProject({
    host: { readFile: (f) => (f === '/p/main.sol' ? src : existsSync(f) ? readFileSync(f, 'utf8') : undefined) },
    root: '/p',
    remappings: [`@openzeppelin/=${NODE_MODULES}@openzeppelin/`, `solmate/=${NODE_MODULES}solmate/`],
  });
  return (name: string) => {
    const c = project.symbols('/p/main.sol')!.contracts.find((x) => x.name === name)!;
    const s = new ContractSummaries(project, c);
    const f = s.functions().find((x) => x.name === 'f')!;
    return { guard: new Guards(s).report(f), lock: new Locks(s).lockOf(f) };
  };
}

test('OpenZeppelin Ownable, AccessControl, ReentrancyGuard(Transient) and solmate by behaviour', {
  skip: !haveOz && 'node_modules lacks OpenZeppelin or solmate',
}, () => {
  const of = withLibraries(`pragma solidity ^0.8.24;
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ReentrancyGuard as SolmateGuard} from "solmate/src/utils/ReentrancyGuard.sol";
contract A is ReentrancyGuard, Ownable {
  uint256 x;
  constructor() Ownable(msg.sender) {}
  function f() external nonReentrant onlyOwner { payable(msg.sender).transfer(1); x = 1; }
}
contract B is ReentrancyGuardTransient, AccessControl {
  bytes32 constant R = keccak256("R");
  uint256 x;
  function f() external nonReentrant onlyRole(R) { payable(msg.sender).transfer(1); x = 1; }
}
contract D is SolmateGuard {
  function f() external nonReentrant { payable(msg.sender).transfer(1); }
}`);
  const a = of('A');
  assert.deepEqual([a.guard.kind, a.lock.locked, a.lock.how, a.lock.byName], ['sender', true, 'modifier', false]);
  const b = of('B');
  assert.deepEqual([b.guard.kind, b.lock.locked, b.lock.transient], ['role', true, true]);
  const d = of('D');
  assert.deepEqual([d.guard.kind, d.lock.locked, d.lock.flag], ['none', true, 'ReentrancyGuard.locked']);
});

function lockOf(src: string, fn = 'f'): LockReport {
  const { s, fn: named } = summariesOf(src);
  return new Locks(s).lockOf(named(fn));
}

const CALL = 'payable(msg.sender).transfer(1);';

test('lock: OpenZeppelin 4 style written inline in a modifier', () => {
  const r = lockOf(`pragma solidity ^0.8.0;
contract C {
  uint256 private constant _NOT_ENTERED = 1;
  uint256 private constant _ENTERED = 2;
  uint256 private _status = _NOT_ENTERED;
  modifier nonReentrant() { require(_status != _ENTERED, "ReentrancyGuard: reentrant call"); _status = _ENTERED; _; _status = _NOT_ENTERED; }
  function f() external nonReentrant { ${CALL} }
}`);
  assert.deepEqual([r.locked, r.how, r.flag, r.byName], [true, 'modifier', 'C._status', false]);
});

test('lock: renamed, with before/after helpers (OpenZeppelin 5 style)', () => {
  const r = lockOf(`pragma solidity ^0.8.0;
contract C {
  uint256 private state = 1;
  error Busy();
  modifier serialised() { _enter(); _; _leave(); }
  function _enter() private { if (_busy()) revert Busy(); state = 2; }
  function _busy() internal view returns (bool) { return state == 2; }
  function _leave() private { state = 1; }
  function f() external serialised { ${CALL} }
}`);
  assert.deepEqual([r.locked, r.how, r.flag], [true, 'modifier', 'C.state']);
});

test('lock: a transient bool, and raw tload/tstore assembly', () => {
  const declared = lockOf(`pragma solidity ^0.8.28;
contract C { bool transient entered; modifier guard() { require(!entered); entered = true; _; entered = false; } function f() external guard { ${CALL} } }`);
  assert.deepEqual([declared.locked, declared.transient, declared.flag], [true, true, 'C.entered']);
  const assembly = lockOf(`pragma solidity ^0.8.24;
contract C {
  bytes32 constant SLOT = keccak256("lock");
  modifier guard() { assembly { if tload(SLOT) { revert(0, 0) } tstore(SLOT, 1) } _; assembly { tstore(SLOT, 0) } }
  function f() external guard { ${CALL} }
}`);
  assert.deepEqual([assembly.locked, assembly.transient], [true, true]);
});

test('lock: inline in the function body, or by before/after calls in the body', () => {
  const inline = lockOf(`pragma solidity ^0.8.0;
contract C { bool locked; function f() external { require(!locked); locked = true; ${CALL} locked = false; } }`);
  assert.deepEqual([inline.locked, inline.how], [true, 'inline']);
  const calls = lockOf(`pragma solidity ^0.8.0;
contract C {
  bool locked;
  function _lock() internal { require(!locked); locked = true; }
  function _unlock() internal { locked = false; }
  function f() external { _lock(); ${CALL} _unlock(); }
}`);
  assert.deepEqual([calls.locked, calls.how], [true, 'calls']);
});

test('not a lock: a pause check, a per-account counter, a flag never reset, a check after the call', () => {
  const cases = [
    `bool paused; modifier m() { require(!paused); _; } function f() external m { ${CALL} }`,
    `mapping(address => uint256) used; modifier m() { require(used[msg.sender] == 0); used[msg.sender] = 1; _; used[msg.sender] = 0; } function f() external m { ${CALL} }`,
    `bool locked; modifier m() { require(!locked); locked = true; _; } function f() external m { ${CALL} }`,
    `bool locked; function f() external { ${CALL} require(!locked); locked = true; locked = false; }`,
  ];
  for (const c of cases) assert.equal(lockOf(`pragma solidity ^0.8.0; contract C { ${c} }`).locked, false, c);
});

test('lock: an unresolved imported modifier counts by name, flagged as such', () => {
  const r = lockOf(`pragma solidity ^0.8.0;
import "./lib/ReentrancyGuard.sol";
contract C is ReentrancyGuard { function f() external nonReentrant { ${CALL} } }`);
  assert.deepEqual([r.locked, r.byName], [true, true]);
});

test('guardAt: the check on every path to a given piece of code', () => {
  const src = `pragma solidity ^0.8.20;
contract C {
  address owner;
  uint256 total;
  function f(uint256 a) public { total = a; if (msg.sender == owner) { selfdestruct(payable(owner)); } }
}`;
  const { s, fn } = summariesOf(src);
  const g = new Guards(s);
  const body = fn('f').body!.statements as Node[];
  assert.equal(g.guardAt(fn('f'), body[0]), null);
  const wrapped = ((body[1].trueBody as Node).statements as Node[])[0];
  assert.equal(g.guardAt(fn('f'), wrapped.expression as Node), 'sender', 'an expression inside the guarded statement');
});
