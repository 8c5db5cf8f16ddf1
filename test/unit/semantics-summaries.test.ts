// Effects of function bodies (state read and written, message calls, value, events, reverts) and their transitive
// summaries over internal, inherited and library calls and modifiers, with recursion, and incremental refresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseEffects, type Effect } from '../../server/src/engine/semantics/effects';
import { callsExternal, functionKey, transfersValue, writesState } from '../../server/src/engine/semantics/summaries';
import { ContractSummaries, SummaryIndex } from '../../server/src/engine/semantics/summaries';
import { contractIn, projectOf, summariesOf } from './semantics-summaries-helpers';

function src08(body: string): string {
  return `pragma solidity ^0.8.20;
interface IERC20 { function transfer(address to, uint256 amount) external returns (bool); function balanceOf(address) external view returns (uint256); }
library Address {
  function sendValue(address payable recipient, uint256 amount) internal { (bool ok, ) = recipient.call{value: amount}(""); require(ok); }
}
library SafeERC20 {
  function safeTransfer(IERC20 token, address to, uint256 value) internal { require(token.transfer(to, value)); }
}
contract C {
  using SafeERC20 for IERC20;
  using Address for address payable;
  struct Pos { uint256 amount; uint256[] ids; }
  address owner;
  IERC20 token;
  uint256 total;
  uint256[] queue;
  mapping(address => uint256) balances;
  mapping(address => Pos) positions;
  event Paid(address to, uint256 amount);
  error Nope();
  function f(address payable to, uint256 amount, address tokenAddress) public {
${body}
  }
}`;
}

/** `kind key path how` of the effects of `f`, or of the call effects `kind name value`. */
function effectsOf(src: string, fn = 'f'): { list: Effect[]; text: (e: Effect) => string } {
  const { s, fn: named } = summariesOf(src);
  const a = s.analysisOf(named(fn));
  const text = (e: Effect) => {
    const r = e.ast.range!;
    return src.slice(r[0], r[1] + 1);
  };
  return { list: a.effects, text };
}

function writes(src: string): string[] {
  const { list } = effectsOf(src);
  return list.filter((e) => e.kind === 'write').map((e) => `${e.state!.key}${e.state!.path} ${e.how}`);
}

function calls(src: string): string[] {
  const { list } = effectsOf(src);
  return list
    .filter((e) => e.kind === 'call')
    .map(
      (e) =>
        `${e.call!.kind} ${e.call!.name} value=${e.call!.value}${e.call!.token ? ' token' : ''}${e.call!.legacy ? ' legacy' : ''}${e.call!.resolved ? '' : ' by-shape'}`,
    );
}

test('writes: assignment, compound, ++/--, delete, push/pop, struct fields and indexes', () => {
  assert.deepEqual(
    writes(
      src08(
        'total = 1; total += amount; total++; --total; delete balances[to]; queue.push(amount); queue.pop(); positions[to].amount -= 1; positions[to].ids.push(2);',
      ),
    ),
    [
      'C.total assign',
      'C.total compound',
      'C.total increment',
      'C.total increment',
      'C.balances[] delete',
      'C.queue push',
      'C.queue pop',
      'C.positions[].amount compound',
      'C.positions[].ids push',
    ],
  );
});

test('writes through a storage pointer land on the variable it points at; a memory copy writes nothing', () => {
  assert.deepEqual(writes(src08('Pos storage p = positions[to]; p.amount = 1; Pos memory m = positions[to]; m.amount = 2;')), ['C.positions[].amount assign']);
  // Moving the pointer is not a write.
  assert.deepEqual(writes(src08('Pos storage p = positions[to]; p = positions[msg.sender]; total = 0;')), ['C.total assign']);
});

test('assembly sstore is a write the model cannot place; tstore is transient', () => {
  assert.deepEqual(writes(src08('assembly { sstore(0, 1) tstore(1, 2) }')), ['storage:? assembly', 'transient:? assembly']);
  assert.deepEqual(writes(src08('assembly { sstore(total.slot, 1) }')), ['C.total assembly']);
});

test('reads: state on the right, compound targets, conditions; locals and constants are not state', () => {
  const { list } = effectsOf(src08('uint256 x = total + balances[to]; total -= x; if (owner == msg.sender) { x = 1; }'));
  assert.deepEqual(
    list.filter((e) => e.kind === 'read').map((e) => `${e.state!.key}${e.state!.path}`),
    ['C.total', 'C.balances[]', 'C.total', 'C.owner'],
  );
});

test('external calls: on an interface-typed variable, on a cast, low-level with value, send, transfer', () => {
  assert.deepEqual(
    calls(
      src08(
        'token.transfer(to, amount); IERC20(tokenAddress).transfer(to, 1); token.balanceOf(to); (bool ok, ) = to.call{value: amount}(""); to.send(1); to.transfer(amount); tokenAddress.delegatecall("");',
      ),
    ),
    [
      'high-level transfer value=no token',
      'high-level transfer value=no token',
      'high-level balanceOf value=no',
      'low-level call value=yes',
      'send send value=yes',
      'transfer transfer value=yes',
      'low-level delegatecall value=no',
    ],
  );
});

test('an ERC20 transfer(to, amount) is a token move, an address transfer(amount) sends ether', () => {
  const { list } = effectsOf(src08('token.transfer(to, amount); to.transfer(amount);'));
  const [erc20, eth] = list.filter((e) => e.kind === 'call').map((e) => e.call!);
  assert.deepEqual([erc20.token, erc20.value, eth.token, eth.value], [true, 'no', false, 'yes']);
});

test('well-known wrappers: Address.sendValue, SafeERC20.safeTransfer (resolved), SafeTransferLib by shape', () => {
  assert.deepEqual(calls(src08('Address.sendValue(to, amount); to.sendValue(1); token.safeTransfer(to, amount);')), [
    'wrapper sendValue value=yes',
    'wrapper sendValue value=yes',
    'wrapper safeTransfer value=no token',
  ]);
  // The library's file is missing: the distinctive names still count, marked as recognised by shape.
  const missing = `pragma solidity ^0.8.0;
import {SafeTransferLib} from "solmate/utils/SafeTransferLib.sol";
contract C { function f(address to, uint256 a) public { SafeTransferLib.safeTransferETH(to, a); } }`;
  assert.deepEqual(calls(missing), ['wrapper safeTransferETH value=yes by-shape']);
});

test('legacy syntax: .call.value(v)(), .call.value(v).gas(g)(), send and transfer in 0.4 code', () => {
  const src = `pragma solidity ^0.4.24;
contract Bank {
  mapping(address => uint) balances;
  function withdraw(uint amount) public {
    require(msg.sender.call.value(amount)());
    msg.sender.call.value(amount).gas(2300)();
    msg.sender.call.gas(5000)();
    if (!msg.sender.send(amount)) throw;
    balances[msg.sender] -= amount;
  }
}`;
  assert.deepEqual(calls(src.replace('function withdraw', 'function f')), [
    'low-level call value=yes legacy',
    'low-level call value=yes legacy',
    'low-level call value=no legacy',
    'send send value=yes',
  ]);
});

test('events, reverts and selfdestruct are effects, each tied to its AST and graph node', () => {
  const src = src08('emit Paid(to, amount); require(amount > 0); if (amount == 1) revert Nope(); if (amount == 2) revert("x"); selfdestruct(to);');
  const { list, text } = effectsOf(src);
  const seen = list
    .filter((e) => ['event', 'revert', 'selfdestruct'].includes(e.kind))
    .map((e) => `${e.kind} ${text(e)}${e.conditional ? ' (conditional)' : ''}`);
  assert.deepEqual(seen, [
    'event emit Paid(to, amount);',
    'revert require(amount > 0) (conditional)',
    'revert revert Nope();',
    'revert revert("x")',
    'selfdestruct selfdestruct(to)',
  ]);
  for (const e of list) assert.ok(e.node.ast, 'every effect sits on a graph node with code');
});

test("a modifier's effects are in the function's graph, marked with their origin", () => {
  const src = src08('total = 1;').replace('  function f(', '  modifier counted() { total += 1; _; }\n  function f(').replace('public {', 'public counted {');
  const { list } = effectsOf(src);
  assert.deepEqual(
    list.filter((e) => e.kind === 'write').map((e) => `${e.how} ${e.node.origin ? 'modifier' : 'body'}`),
    ['compound modifier', 'assign body'],
  );
});

const LAYERED = {
  '/p/Base.sol': `pragma solidity ^0.8.20;
contract Base {
  address owner;
  uint256 fees;
  modifier onlyOwner() { _checkOwner(); _; }
  modifier charge() { fees += 1; _; }
  function _checkOwner() internal view { require(msg.sender == owner); }
  function _hook(address) internal virtual {}
}`,
  '/p/Vault.sol': `pragma solidity ^0.8.20;
import "./Base.sol";
contract Vault is Base {
  mapping(address => uint256) balances;
  uint256[] history;
  event Sent(address to, uint256 amount);
  function withdraw(uint256 amount) external onlyOwner charge { _pay(msg.sender, amount); }
  function _pay(address to, uint256 amount) internal { balances[to] -= amount; _send(to, amount); }
  function _send(address to, uint256 amount) private { (bool ok, ) = to.call{value: amount}(""); require(ok); emit Sent(to, amount); _hook(to); }
  function _hook(address) internal override { history.push(1); }
  function viewOnly() external view returns (uint256) { return balances[msg.sender]; }
  function countdown(uint256 n) public returns (uint256) { if (n == 0) return 0; balances[msg.sender] = n; return countdown(n - 1); }
  function ping(uint256 n) internal { if (n > 0) pong(n - 1); }
  function pong(uint256 n) internal { if (n == 0) payable(msg.sender).transfer(1); else ping(n); }
  function start() external { ping(3); }
  function _update(uint256[] storage list, uint256 v) internal { list.push(v); }
  function record() external { _update(history, 1); }
}`,
};

function layered() {
  const fx = projectOf({ ...LAYERED });
  const s = new ContractSummaries(fx.project, contractIn(fx, '/p/Vault.sol', 'Vault'));
  const of = (name: string) => s.summaryOf(s.functions().find((f) => f.name === name)!);
  return { fx, s, of };
}

test('summaries through two levels of internal calls, an inherited modifier and virtual dispatch', () => {
  const { of } = layered();
  const w = of('withdraw');
  assert.deepEqual([...w.writes].sort(), ['Base.fees', 'Vault.balances', 'Vault.history']);
  assert.ok(w.reads.has('Base.owner'), 'the inherited modifier calls _checkOwner, which reads owner');
  assert.deepEqual(
    w.calls.map((c) => `${c.name} ${c.value} via ${c.via.map((k) => k.replace(/^.*\./, '')).join(' > ')}`),
    ['call yes via _pay(address,uint256) > _send(address,uint256)'],
  );
  assert.deepEqual([...w.events], ['Sent']);
  assert.equal(w.reverts, 'may');
  assert.equal(transfersValue(w), 'yes');
  assert.ok(writesState(w) && callsExternal(w));
  const v = of('viewOnly');
  assert.deepEqual([v.writes.size, v.calls.length, transfersValue(v), v.reverts], [0, 0, 'no', 'never']);
});

test('recursion: direct and mutual, the fixpoint terminates and joins both sides', () => {
  const { of } = layered();
  assert.deepEqual([...of('countdown').writes], ['Vault.balances']);
  const start = of('start');
  assert.equal(transfersValue(start), 'yes', 'ping → pong → transfer');
  assert.equal(transfersValue(of('ping')), 'yes');
  assert.equal(transfersValue(of('pong')), 'yes');
});

test("a storage-pointer parameter is bound to the caller's argument", () => {
  const { of } = layered();
  assert.deepEqual([...of('_update').writes], ['param:0']);
  assert.deepEqual([...of('record').writes], ['Vault.history']);
});

test("a helper that always reverts makes its callers' graphs end there", () => {
  const { s, fn } = summariesOf(`pragma solidity ^0.8.20;
contract C {
  uint256 x;
  function _fail() internal pure { revert("no"); }
  function _failToo() internal pure { _fail(); }
  function f(uint256 a) public { if (a == 0) _failToo(); x = a; }
  function g() public { _failToo(); x = 1; }
}`);
  assert.equal(s.summaryOf(fn('_failToo')).reverts, 'always');
  assert.equal(s.summaryOf(fn('f')).reverts, 'may');
  assert.equal(s.summaryOf(fn('g')).reverts, 'always');
});

test('refresh after an edit recomputes the edited function and its callers only', () => {
  const { fx, s, of } = layered();
  for (const f of s.functions()) s.summaryOf(f);
  const text = fx.files['/p/Vault.sol'].replace('balances[to] -= amount;', 'balances[to] -= amount; fees = 0;');
  fx.files['/p/Vault.sol'] = text;
  fx.project.update('/p/Vault.sol', text);
  const stats = s.refresh();
  assert.equal(stats.full, false);
  assert.equal(stats.local, 1, 'only _pay is analysed again');
  assert.equal(stats.transitive, 2, '_pay and its caller withdraw');
  assert.ok(of('withdraw').writes.has('Base.fees'));
  // Nothing changed: nothing recomputed.
  assert.deepEqual(s.refresh(), { local: 0, transitive: 0, total: stats.total, full: false });
});

test('an edit in a callee that makes it a revert helper rebuilds the callers that branch on it', () => {
  const src = `pragma solidity ^0.8.20;
contract C {
  uint256 x;
  function _check(uint256 a) internal pure { if (a == 0) revert(); }
  function f(uint256 a) public { _check(a); x = a; }
}`;
  const fx = projectOf({ '/p/a.sol': src });
  const s = new ContractSummaries(fx.project, contractIn(fx, '/p/a.sol', 'C'));
  const f = () => s.summaryOf(s.functions().find((x) => x.name === 'f')!);
  assert.equal(f().reverts, 'may');
  const edited = src.replace('if (a == 0) revert();', 'revert();');
  fx.project.update('/p/a.sol', edited);
  s.refresh();
  assert.equal(f().reverts, 'always');
});

test('a change outside function bodies recomputes the contract; invalidate() drops a function and its callers', () => {
  const { fx, s } = layered();
  for (const f of s.functions()) s.summaryOf(f);
  const text = fx.files['/p/Vault.sol'].replace('uint256[] history;', 'uint256[] history;\n  uint256 extra;');
  fx.project.update('/p/Vault.sol', text);
  const stats = s.refresh();
  assert.equal(stats.full, true);
  const pay = s.functions().find((f) => f.name === '_send')!;
  s.invalidate([pay]);
  const again = s.refresh();
  assert.deepEqual([again.local, again.transitive], [1, 3], '_send, then _pay and withdraw');
  s.invalidate([pay.node]);
  assert.deepEqual(s.refresh().local, 1, "by the function's node too");
  assert.match(functionKey(fx.project, pay), /^\/p\/Vault\.sol#Vault\._send\(address,uint256\)$/);
});

test('an imported file that does not parse or resolve costs its facts, not the analysis', () => {
  const fx = projectOf({
    '/p/a.sol': `pragma solidity ^0.8.0;
import "./missing.sol";
contract C is Missing {
  uint256 x;
  function f() public onlyOwner { x = 1; unknownHelper(); mystery.call(""); }
}`,
  });
  const s = new ContractSummaries(fx.project, contractIn(fx, '/p/a.sol', 'C'));
  const sum = s.summaryOf(s.functions().find((f) => f.name === 'f')!);
  assert.deepEqual([...sum.writes], ['C.x']);
  assert.equal(sum.opaque, true, 'an unknown modifier and an unresolved call run unknown code');
  assert.deepEqual(
    sum.calls.map((c) => `${c.name} ${c.resolved}`),
    ['call false'],
  );
});

test('effects of a modifier body alone: `_` is a plain statement', () => {
  const fx = projectOf({ '/p/a.sol': 'pragma solidity ^0.8.0; contract C { uint256 n; modifier m() { n += 1; _; n -= 1; } }' });
  const model = fx.project.model('/p/a.sol');
  const mod = contractIn(fx, '/p/a.sol', 'C').modifiers[0];
  const a = analyseEffects(model, mod);
  assert.deepEqual(
    a.effects.filter((e) => e.kind === 'write').map((e) => e.how),
    ['compound', 'compound'],
  );
});

test('SummaryIndex.of refreshes a contract when a base in another file changed', () => {
  const fx = projectOf({ ...LAYERED });
  const index = new SummaryIndex(fx.project);
  const vault = contractIn(fx, '/p/Vault.sol', 'Vault');
  const withdraw = () => {
    const s = index.of(vault);
    return s.summaryOf(s.functions().find((f) => f.name === 'withdraw')!);
  };
  assert.ok(!withdraw().writes.has('Base.owner'));
  fx.project.update(
    '/p/Base.sol',
    LAYERED['/p/Base.sol'].replace('modifier charge() { fees += 1; _; }', 'modifier charge() { fees += 1; owner = address(0); _; }'),
  );
  assert.equal(contractIn(fx, '/p/Vault.sol', 'Vault'), vault, 'the derived contract itself did not change');
  assert.ok(withdraw().writes.has('Base.owner'));
});
