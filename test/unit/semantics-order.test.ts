// Queries on the control-flow graph: guards in every form (a check on every path to an effect), the polarity
// of conditions, and "an external call followed on some path by a state write" (checks-effects-interactions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparisonOf, factsOf, edgeFacts, type Fact } from '../../server/src/engine/semantics/cfg-conditions';
import type { Node } from '../../server/src/engine/semantics/cfg';
import { expandFacts, reachingDefinitions } from '../../server/src/engine/semantics/dataflow';
import {
  callThenWrite,
  knownOnAllPaths,
  nodesOf,
  onAllPathsFromEntry,
  parentOf,
  pathExists,
  reachable,
  reachableFrom,
  shortestPath,
} from '../../server/src/engine/semantics/order';
import { all, cfgOf, contains, contract, isExternalCall, isStateWrite, one, text, type Built } from './semantics-cfg-helpers';

const isSender = (n: Node) => n.type === 'MemberAccess' && n.memberName === 'sender' && (n.expression as Node)?.name === 'msg';
const isOwner = (n: Node) => n.type === 'Identifier' && n.name === 'owner';

/** The fact `msg.sender == owner` (either side, any polarity that amounts to it). */
function senderIsOwner(f: Fact): boolean {
  const c = comparisonOf(f);
  return !!c && c.operator === '==' && ((isSender(c.left) && isOwner(c.right)) || (isOwner(c.left) && isSender(c.right)));
}

/** Whether every path to each node starting with `effect` established `msg.sender == owner`. */
function guarded(b: Built, effect: string): boolean[] {
  return all(b, effect).map((n) => knownOnAllPaths(b.cfg, n, senderIsOwner));
}

const GUARDED: [string, string, string][] = [
  ['require', 'require(msg.sender == owner, "no"); total = 1;', 'total = 1'],
  ['assert', 'assert(owner == msg.sender); total = 1;', 'total = 1'],
  ['if != revert custom error', 'if (msg.sender != owner) revert NotOwner(); total = 1;', 'total = 1'],
  ['if != { revert(); }', 'if (owner != msg.sender) { revert("no"); } total = 1;', 'total = 1'],
  ['if block wrapping the effect', 'if (msg.sender == owner) { selfdestruct(payable(to)); }', 'selfdestruct'],
  ['early return', 'if (msg.sender != owner) return; total = 1;', 'total = 1'],
  ['negated equality', 'if (!(msg.sender == owner)) { return; } total = 1;', 'total = 1'],
  ['&& gives both', 'require(msg.sender == owner && amount > 0); total = 1;', 'total = 1'],
  ['nested ifs', 'if (amount > 0) { if (msg.sender == owner) { total = 1; } }', 'total = 1'],
  ['else branch of !=', 'if (msg.sender != owner) { total = 2; } else { total = 1; }', 'total = 1'],
  ['both branches check', 'if (amount > 0) { require(msg.sender == owner); } else { require(owner == msg.sender); } total = 1;', 'total = 1'],
];

for (const [name, body, effect] of GUARDED) {
  test(`guard form: ${name}`, () => {
    assert.deepEqual(guarded(cfgOf(contract(body), 'f'), effect), [true]);
  });
}

const UNGUARDED: [string, string, string][] = [
  ['no check', 'total = 1;', 'total = 1'],
  ['check after the effect', 'total = 1; require(msg.sender == owner);', 'total = 1'],
  ['check on one branch only', 'if (amount > 0) { require(msg.sender == owner); } total = 1;', 'total = 1'],
  ['if == wrapping nothing', 'if (msg.sender == owner) { } total = 1;', 'total = 1'],
  ['|| is not both', 'require(msg.sender == owner || amount == 0); total = 1;', 'total = 1'],
  ['!= on the continuing edge', 'if (msg.sender == owner) revert(); total = 1;', 'total = 1'],
  ['check inside a loop that may not run', 'for (uint256 i; i < amount; i++) { require(msg.sender == owner); } total = 1;', 'total = 1'],
  ['other comparison', 'require(msg.sender != owner); total = 1;', 'total = 1'],
];

for (const [name, body, effect] of UNGUARDED) {
  test(`not a guard: ${name}`, () => {
    assert.deepEqual(guarded(cfgOf(contract(body), 'f'), effect), [false]);
  });
}

test('guard in a modifier; with two `_` each copy is judged on its own path', () => {
  const src = contract(
    '',
    `modifier late() { _; require(msg.sender == owner); _; }
  function g() public onlyOwner { total = 1; }
  function h() public late { total = 2; }`,
  );
  assert.deepEqual(guarded(cfgOf(src, 'g'), 'total = 1'), [true]);
  assert.deepEqual(guarded(cfgOf(src, 'h'), 'total = 2'), [false, true]);
});

test('a guard through a helper call is a node predicate: every path passes _checkOwner()', () => {
  const src = contract(
    'if (amount > 0) { _checkOwner(); } else { _checkOwner(); } total = 1;',
    'function _checkOwner() internal view { require(msg.sender == owner); }',
  );
  const b = cfgOf(src, 'f');
  const callsCheck = (n: { ast: Node | null }) => !!n.ast && text(b, n as never).startsWith('_checkOwner');
  assert.equal(onAllPathsFromEntry(b.cfg, one(b, 'total = 1'), callsCheck), true);
  const once = cfgOf(contract('if (amount > 0) { _checkOwner(); } total = 1;', 'function _checkOwner() internal view {}'), 'f');
  assert.equal(
    onAllPathsFromEntry(once.cfg, one(once, 'total = 1'), (n) => !!n.ast && text(once, n).startsWith('_checkOwner')),
    false,
  );
});

test('facts: polarity of !, && and || along an edge', () => {
  const b = cfgOf(
    contract('(bool ok, ) = to.call(""); if (!ok) revert(); require(amount > 0 && to != address(0)); require(ok || amount == 0); total = 1;'),
    'f',
  );
  const describe = (fs: Fact[]) => fs.map((f) => `${f.holds ? '' : 'not '}${text(b, { ast: f.expr } as never)}`);
  const ifNode = one(b, '!ok');
  const continuing = ifNode.out.find((e) => e.kind === 'false')!;
  assert.deepEqual(describe(edgeFacts(continuing)), ['ok'], 'after `if (!ok) revert` ok holds');
  assert.deepEqual(describe(edgeFacts(ifNode.out.find((e) => e.kind === 'true')!)), ['not ok']);
  const both = one(b, 'require(amount > 0');
  assert.deepEqual(describe(edgeFacts(both.out.find((e) => e.holds)!)), ['amount > 0', 'to != address(0)']);
  assert.deepEqual(describe(edgeFacts(both.out.find((e) => !e.holds)!)), ['not amount > 0 && to != address(0)'], 'a failed && says nothing about either side');
  const either = one(b, 'require(ok ||');
  assert.deepEqual(describe(edgeFacts(either.out.find((e) => e.holds)!)), ['ok || amount == 0'], 'a passed || is kept whole');
  assert.deepEqual(describe(edgeFacts(either.out.find((e) => !e.holds)!)), ['not ok', 'not amount == 0']);
  const cmp = comparisonOf(factsOf(one(b, 'require(amount > 0').condition!, false)[0]);
  assert.equal(cmp, undefined, 'a whole && is not a comparison');
  const ne = comparisonOf({ expr: (both.condition as Node).right as Node, holds: false });
  assert.equal(ne?.operator, '==');
  assert.equal(comparisonOf({ expr: (both.condition as Node).left as Node, holds: false })?.operator, '<=');
});

test('checks-effects-interactions: a write before the call is not a call-then-write', () => {
  const b = cfgOf(contract('balances[to] -= amount; (bool ok, ) = to.call{value: amount}(""); require(ok);'), 'f');
  assert.deepEqual(callThenWrite(b.cfg, isExternalCall, isStateWrite), []);
});

test('call then write, found with a witness path', () => {
  const b = cfgOf(contract('(bool ok, ) = to.call{value: amount}(""); require(ok); balances[to] = 0;'), 'f');
  const pairs = callThenWrite(b.cfg, isExternalCall, isStateWrite);
  assert.deepEqual(
    pairs.map((p) => [text(b, p.call), text(b, p.write)]),
    [['(bool ok, ) = to.call{value: amount}("");', 'balances[to] = 0;']],
  );
  assert.deepEqual(
    shortestPath(pairs[0].call, pairs[0].write)!.map((n) => text(b, n)),
    ['(bool ok, ) = to.call{value: amount}("");', 'require(ok);', 'balances[to] = 0;'],
  );
});

test('call then write inside the `if (ok)` that tests the call', () => {
  const b = cfgOf(contract('(bool ok, ) = to.call{value: amount}(""); if (ok) { balances[to] = 0; }'), 'f');
  assert.equal(callThenWrite(b.cfg, isExternalCall, isStateWrite).length, 1);
});

test('legacy .call.value()() then write; a call on a reverting path is not followed by anything', () => {
  const legacy = cfgOf(
    `pragma solidity ^0.4.24;
contract C { mapping(address => uint) balances; uint total;
  function f(address to, uint amount) public { if (!msg.sender.call.value(amount)()) throw; balances[msg.sender] = 0; } }`,
    'f',
  );
  assert.equal(callThenWrite(legacy.cfg, isExternalCall, isStateWrite).length, 1);
  const reverting = cfgOf(contract('if (amount == 0) { to.call(""); revert(); } balances[to] = 0;'), 'f');
  assert.deepEqual(callThenWrite(reverting.cfg, isExternalCall, isStateWrite), []);
});

test('in a loop, a write before the call follows the call of the previous iteration', () => {
  const looped = cfgOf(contract('for (uint256 i; i < amount; i++) { balances[to] -= 1; payable(to).transfer(1); }'), 'f');
  assert.equal(callThenWrite(looped.cfg, isExternalCall, isStateWrite).length, 1);
  const once = cfgOf(contract('balances[to] -= 1; payable(to).transfer(1);'), 'f');
  assert.equal(callThenWrite(once.cfg, isExternalCall, isStateWrite).length, 0);
});

test('loops with break and continue: what break skips is not after the call', () => {
  const b = cfgOf(contract('while (amount > 0) { payable(to).transfer(1); if (amount == 1) break; continue; } total = 0;'), 'f');
  assert.equal(callThenWrite(b.cfg, isExternalCall, isStateWrite).length, 1, 'total = 0 after break');
  const c = cfgOf(contract('while (amount > 0) { if (amount == 1) { payable(to).transfer(1); return; } total += 1; }'), 'f');
  assert.equal(callThenWrite(c.cfg, isExternalCall, isStateWrite).length, 0, 'the call is followed only by return');
});

test('try/catch: a write in the success block follows the call, one in a catch too', () => {
  const b = cfgOf(contract('try this.g() { total = 1; } catch { total = 2; }', 'function g() external {}'), 'f');
  const isTry = (n: { kind: string }) => n.kind === 'try';
  assert.deepEqual(
    callThenWrite(b.cfg, isTry, isStateWrite).map((p) => text(b, p.write)),
    ['total = 1;', 'total = 2;'],
  );
});

test('a call and a write in one statement count only when the caller says they are ordered', () => {
  const b = cfgOf(contract('total = payable(to).send(amount) ? 1 : 0;'), 'f');
  assert.equal(callThenWrite(b.cfg, isExternalCall, isStateWrite).length, 0);
  assert.equal(callThenWrite(b.cfg, isExternalCall, isStateWrite, { sameNode: () => true }).length, 1);
});

test('reachable, pathExists avoiding nodes, reachableFrom', () => {
  const b = cfgOf(contract('total = 1; if (amount > 0) { total = 2; } else { total = 3; } total = 4;'), 'f');
  const [t1, t2, t3, t4] = ['total = 1', 'total = 2', 'total = 3', 'total = 4'].map((s) => one(b, s));
  assert.ok(reachable(t1, t4));
  assert.ok(!reachable(t4, t1));
  assert.ok(!reachable(t2, t3));
  assert.ok(!reachable(t1, t1), 'no loop, so a node does not reach itself');
  assert.ok(pathExists(t1, t1));
  assert.ok(pathExists(t1, t4, { node: (n) => n === t2 }), 'around total = 2 through total = 3');
  assert.ok(!pathExists(t1, t4, { node: (n) => n === t2 || n === t3 }));
  assert.ok(!pathExists(t1, t4, { edge: (e) => e.kind === 'true' || e.kind === 'false' }));
  assert.ok(reachableFrom(b.cfg.entry).has(b.cfg.exit));
  assert.ok(!reachableFrom(b.cfg.entry).has(b.cfg.revert));
});

test('nodesOf finds the node of any expression; parentOf walks up within it', () => {
  const b = cfgOf(contract('(bool ok, ) = to.call{value: amount}(""); require(ok);'), 'f');
  const decl = one(b, '(bool ok');
  let call: Node | undefined;
  contains(decl, (x) => {
    if (x.type === 'FunctionCall') call = x;
    return false;
  });
  assert.ok(call);
  assert.deepEqual(nodesOf(b.cfg, call), [decl]);
  assert.equal(parentOf(b.cfg, call)?.type, 'VariableDeclarationStatement');
  assert.equal(parentOf(b.cfg, decl.ast!), undefined);
  assert.deepEqual(nodesOf(b.cfg, { type: 'Identifier', name: 'elsewhere' }), []);
});

test('a guard kept in a local: expandFacts puts the comparison back', () => {
  const b = cfgOf(contract('bool isOwner = msg.sender == owner; require(isOwner); total = 1;'), 'f');
  const rd = reachingDefinitions(b.cfg);
  const effect = one(b, 'total = 1');
  assert.equal(knownOnAllPaths(b.cfg, effect, senderIsOwner), false, 'the edge itself only knows isOwner');
  const viaLocal = onAllPathsFromEntry(b.cfg, effect, { edge: (e) => expandFacts(edgeFacts(e), e.from, rd).some(senderIsOwner) });
  assert.equal(viaLocal, true);
  const overwritten = cfgOf(contract('bool isOwner = msg.sender == owner; if (amount > 0) { isOwner = true; } require(isOwner); total = 1;'), 'f');
  const rd2 = reachingDefinitions(overwritten.cfg);
  assert.equal(
    onAllPathsFromEntry(overwritten.cfg, one(overwritten, 'total = 1'), { edge: (e) => expandFacts(edgeFacts(e), e.from, rd2).some(senderIsOwner) }),
    false,
  );
});
