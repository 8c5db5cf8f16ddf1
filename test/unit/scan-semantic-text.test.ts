// The semantic questions answered from the text before the model is asked (scan-semantic-text.ts): each cut-off
// must say "maybe" wherever the model says "yes", so that a filter gets the same answer with it as without; and
// where it says "no", a file whose findings ask only such questions never builds its model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFinding, type MatchNode } from '../../server/src/engine';
import { parseSource } from '../../server/src/engine/parse';
import type { Node } from '../../server/src/engine/pattern/ast';
import { scanParsed } from '../../server/src/engine/scan';
import { mayBeLowLevelCall, mayWriteNumberedSlot } from '../../server/src/engine/scan-semantic-text';
import { FileFacts } from '../../server/src/engine/semantics/facts';
import { SemanticProject } from '../../server/src/engine/semantics/project';
import { finding, PACK } from './engine-helpers';
import { allNodes } from './semantics-helpers';

const CALLS = `pragma solidity ^0.8.20;
import "./Lib.sol";
interface IERC20 { function transfer(address to, uint256 amount) external returns (bool); }
contract C is Base {
  using Lib for address;
  address payable target;
  IERC20 token;
  function plain(bytes calldata data) external payable {
    (bool a, ) = target.call(data);
    (bool b, ) = target.call{value: msg.value, gas: 5000}(data);
    (bool c, ) = address(token).delegatecall(data);
    (bool d, bytes memory r) = address(this).staticcall(abi.encodeWithSignature("f()"));
    (bool e, ) = (target).call{value: 1}("");
    target.transfer(1);
    require(target.send(1));
    token.transfer(target, 1);
    target.viaLib(data);
    Lib.helper(target, data);
    internalCall(data);
    helperCall(data);
    require(a && b && c && d && e && r.length >= 0);
    assembly { let ok := call(gas(), 0, 0, 0, 0, 0, 0) }
  }
  function internalCall(bytes calldata data) internal { helperCall(data); }
  function helperCall(bytes calldata data) internal { (bool ok, ) = target.call(data); require(ok); }
}`;

const LIB = `pragma solidity ^0.8.20;
library Lib {
  function viaLib(address t, bytes memory d) internal { (bool ok, ) = t.call(d); require(ok); }
  function helper(address t, bytes memory d) internal { viaLib(t, d); }
}
contract Base {
  uint256 x;
  modifier slotWriter() { assembly { sstore(0, 1) } _; }
}`;

function factsOf(text: string): { facts: FileFacts; nodes: Node[] } {
  const project = new SemanticProject({ host: { readFile: (f: string) => (f === '/p/Lib.sol' ? LIB : undefined) }, root: '/p' });
  const parsed = parseSource(text);
  return { facts: new FileFacts(parsed, { project, path: '/p/C.sol' }), nodes: allNodes(parsed.ast) };
}

test('a call the model takes for its own low-level call always passes the text cut-off', () => {
  const { facts, nodes } = factsOf(CALLS);
  let lowLevel = 0;
  let cut = 0;
  for (const call of nodes.filter((n) => n.type === 'FunctionCall')) {
    const own = facts.ownMessageCall(call);
    const maybe = mayBeLowLevelCall(call, CALLS);
    if (typeof own === 'object' && own.kind === 'low-level') {
      lowLevel++;
      assert.ok(maybe, CALLS.slice(call.range![0], call.range![1] + 1));
    }
    if (!maybe) cut++;
  }
  assert.ok(lowLevel >= 6, `${lowLevel} low-level calls`);
  assert.ok(cut >= 5, `${cut} calls answered from the text`);
});

test('a function the model says writes a numbered slot always passes the text cut-off', () => {
  const text = `pragma solidity ^0.8.20;
import "./Lib.sol";
contract D is Base {
  address owner;
  function direct(address v) external { assembly { sstore(1, v) } }
  function viaModifier() external slotWriter { owner = msg.sender; }
  function byName(address v) external { assembly { sstore(owner.slot, v) } }
  function none() external { owner = msg.sender; }
  function helper(address v) internal { assembly { sstore(1, v) } }
  function viaHelper(address v) external { helper(v); }
}`;
  const { facts, nodes } = factsOf(text);
  const fns = nodes.filter((n) => n.type === 'FunctionDefinition' || n.type === 'ModifierDefinition');
  const answers = Object.fromEntries(fns.map((fn) => [String(fn.name), [facts.fn.writesNumberedSlot(fn), mayWriteNumberedSlot(fn, text)]]));
  for (const [name, [model, maybe]] of Object.entries(answers)) if (model === true) assert.ok(maybe, name);
  assert.deepEqual(answers.direct, [true, true]);
  assert.deepEqual(answers.viaModifier, [true, true], 'the modifier is in another file: the cut-off cannot tell');
  assert.equal(answers.none[1], false);
  assert.equal(answers.viaHelper[1], false);
});

test('a file where no call can be low-level is scanned without building its model', () => {
  const match: MatchNode = { all: [{ pattern: '$C(...)' }, { where: [{ call: 'match', 'low-level': true }] }] };
  const numbered: MatchNode = { all: [{ pattern: 'function $F(...) { ... }' }, { where: [{ function: { 'writes-numbered-slot': true } }] }] };
  const findings = [compileFinding(finding(match), PACK), compileFinding(finding(numbered, { id: 'TEST-002' }), PACK)];
  const scanWith = (text: string) => {
    let asked = 0;
    const project = new SemanticProject({ host: { readFile: () => undefined }, root: '/p' });
    const semantic = () => {
      asked++;
      return { project, path: '/p/E.sol' };
    };
    const found = scanParsed(parseSource(text), findings, { semantic }).occurrences.map((o) => o.findingId);
    return { asked, found };
  };
  const quiet = `pragma solidity ^0.8.20;
contract E {
  uint256 n;
  function f(uint256 a) external { n = g(a) + uint256(keccak256(abi.encode(a))); }
  function g(uint256 a) internal pure returns (uint256) { return a * 2; }
}`;
  assert.deepEqual(scanWith(quiet), { asked: 0, found: [] });
  const loud = quiet.replace('n = g(a)', 'payable(msg.sender).call(""); n = g(a)');
  const got = scanWith(loud);
  assert.equal(got.asked, 1);
  assert.deepEqual(got.found, ['TEST-001']);
});
