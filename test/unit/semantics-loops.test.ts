// The `in-loop` function fact (facts-loops.ts): code that may run more than once in one call, in a loop of its
// function however the loop is written, or in a function called from inside a loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../server/src/engine/parse';
import type { Node } from '../../server/src/engine/pattern/ast';
import { FileFacts } from '../../server/src/engine/semantics/facts';
import { inPayableBatch } from '../../server/src/engine/semantics/facts-batch';
import { inLoop } from '../../server/src/engine/semantics/facts-loops';
import { allNodes } from './semantics-helpers';

const text = `pragma solidity ^0.8.20;
contract L {
  mapping(address => uint256) credit;
  function forLoop(address[] calldata to) external payable {
    for (uint256 i; i < to.length; ++i) credit[to[i]] += msg.value;
  }
  function whileLoop(uint256 n) external payable {
    uint256 i;
    while (i < n) { require(msg.value > 0); i++; }
  }
  function doLoop(uint256 n) external payable {
    do { n--; credit[msg.sender] = msg.value; } while (n > 0);
  }
  function afterLoop(address[] calldata to) external payable {
    for (uint256 i; i < to.length; ++i) credit[to[i]] += 1;
    credit[msg.sender] += msg.value;
  }
  function many(address[] calldata to) external payable {
    for (uint256 i; i < to.length; ++i) _one(to[i]);
  }
  function _one(address to) internal { _two(to); }
  function _two(address to) internal { credit[to] += msg.value; }
  function single() external payable { _alone(); }
  function _alone() internal { credit[msg.sender] += msg.value; }
}`;

test('in-loop: a loop of the function, however written, or a loop of a caller', () => {
  const parsed = parseSource(text);
  const facts = new FileFacts(parsed);
  const nodes = allNodes(parsed.ast);
  const values = nodes.filter((x) => x.type === 'MemberAccess' && x.memberName === 'value' && x.range);
  const fnOf = (v: Node): Node => {
    const fns = nodes.filter((x) => x.type === 'FunctionDefinition' && x.range && x.range[0] <= v.range![0] && v.range![1] <= x.range[1]);
    return fns[fns.length - 1];
  };
  const answers = values.map((v) => [String(fnOf(v).name), inLoop(facts.fn, fnOf(v), v)]);
  assert.deepEqual(answers, [
    ['forLoop', true],
    ['whileLoop', true],
    ['doLoop', true],
    ['afterLoop', false],
    ['_two', true],
    ['_alone', false],
  ]);
});

test('payable-batch: a payable self-delegatecall loop, own or inherited, or a batching base out of sight', () => {
  const src = `pragma solidity ^0.8.20;
abstract contract Batch {
  function batch(bytes[] calldata c) external payable {
    for (uint256 i; i < c.length; ++i) { (bool ok, ) = address(this).delegatecall(c[i]); require(ok); }
  }
}
abstract contract Free {
  function multicall(bytes[] calldata c) external {
    for (uint256 i; i < c.length; ++i) { (bool ok, ) = address(this).delegatecall(c[i]); require(ok); }
  }
}
abstract contract Once {
  function one(bytes calldata c) external payable { (bool ok, ) = address(this).delegatecall(c); require(ok); }
}
contract A is Batch { function f() external payable {} }
contract B is Free { function f() external payable {} }
contract C is Once { function f() external payable {} }
contract D is Multicall { function f() external payable {} }
contract E { function f() external payable {} }`;
  const parsed = parseSource(src);
  const facts = new FileFacts(parsed);
  const fs = allNodes(parsed.ast).filter((x) => x.type === 'FunctionDefinition' && x.name === 'f');
  assert.deepEqual(
    fs.map((f) => inPayableBatch(facts, f)),
    [true, false, false, true, false],
  );
});

test('used-as integer: the right side of a compound assignment is an operand of arithmetic', () => {
  const src = `pragma solidity ^0.8.20;
contract V { mapping(address => uint256) c; function f() external payable { c[msg.sender] += msg.value; } }`;
  const parsed = parseSource(src);
  const facts = new FileFacts(parsed);
  const nodes = allNodes(parsed.ast);
  const value = nodes.find((x) => x.type === 'MemberAccess' && x.memberName === 'value') as Node;
  const f = nodes.find((x) => x.type === 'FunctionDefinition' && x.name === 'f') as Node;
  assert.ok(facts.usedAs(value, f, new Set(['integer'] as const)));
  assert.ok(!facts.usedAs(value, f, new Set(['comparison'] as const)));
});
