// What counts as checking a call's result beyond the function itself (semantics/facts.ts resultChecked): a
// checking helper the model resolves in a library of another file (OpenZeppelin's Address.verifyCallResult), a
// helper that tests the flag to decide what a failure means, a returned tuple, and calls with no result at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../server/src/engine/parse';
import type { Node } from '../../server/src/engine/pattern/ast';
import { FileFacts } from '../../server/src/engine/semantics/facts';
import { SemanticProject } from '../../server/src/engine/semantics/project';
import { allNodes } from './semantics-helpers';

const ADDRESS = `pragma solidity ^0.8.20;
library Address {
  error Failed();
  function verifyCallResult(bool success, bytes memory returndata) internal pure returns (bytes memory) {
    if (!success) { _revert(returndata); } else { return returndata; }
  }
  function _revert(bytes memory returndata) private pure { if (returndata.length > 0) { assembly { revert(add(32, returndata), mload(returndata)) } } revert Failed(); }
}`;

const MAIN = `pragma solidity ^0.8.20;
import {Address} from "./Address.sol";
interface INft { function transferFrom(address from, address to, uint256 id) external; }
contract C {
  INft nft;
  event Failed(uint256 index);
  function viaLibrary(address t, bytes calldata d) external { (bool ok, bytes memory r) = t.call(d); Address.verifyCallResult(ok, r); }
  function viaMode(address u, bytes calldata e, bool strict) external { (bool ok, ) = u.call(e); _handle(ok, strict); }
  function viaTuple(address t) external returns (bool, bytes memory) { (bool ok, bytes memory r) = t.staticcall(""); return (ok, r); }
  function passedOn(address t) external { (bool ok, ) = t.call(""); _log(ok); }
  function voidCall(address to, uint256 id) external { nft.transferFrom(msg.sender, to, id); }
  function _handle(bool ok, bool strict) internal { if (!ok && strict) revert(); if (!ok) emit Failed(0); }
  function _log(bool ok) internal { ok; }
}`;

function fixture() {
  const files: Record<string, string> = { '/p/Address.sol': ADDRESS, '/p/Main.sol': MAIN };
  const parsed = parseSource(MAIN);
  const project = new SemanticProject({ host: { readFile: (f: string) => files[f] }, root: '/p' });
  const facts = new FileFacts(parsed, { project, path: '/p/Main.sol' });
  const nodes = allNodes(parsed.ast);
  const text = (x: Node) => MAIN.slice(x.range![0], x.range![1] + 1);
  const call = (t: string) => {
    const hit = nodes.find((x) => x.type === 'FunctionCall' && x.range && text(x) === t);
    assert.ok(hit, t);
    return hit;
  };
  const fn = (name: string) => nodes.find((x) => x.type === 'FunctionDefinition' && x.name === name);
  return { facts, call, fn };
}

test('a flag handed to a helper that reverts on it, wherever the model finds it, is checked', () => {
  const { facts, call, fn } = fixture();
  assert.equal(facts.resultChecked(call('t.call(d)'), fn('viaLibrary')), true);
});

test('a flag handed to a helper that tests it (a mode that reports failure) is checked', () => {
  const { facts, call, fn } = fixture();
  assert.equal(facts.resultChecked(call('u.call(e)'), fn('viaMode')), true);
});

test('a flag returned in a tuple is the caller’s to check', () => {
  const { facts, call, fn } = fixture();
  assert.equal(facts.resultChecked(call('t.staticcall("")'), fn('viaTuple')), true);
});

test('a flag passed to a function that ignores it stays unchecked', () => {
  const { facts, call, fn } = fixture();
  assert.equal(facts.resultChecked(call('t.call("")'), fn('passedOn')), false);
});

test('a call known to return nothing has no result to check', () => {
  const { facts, call, fn } = fixture();
  assert.equal(facts.resultChecked(call('nft.transferFrom(msg.sender, to, id)'), fn('voidCall')), undefined);
});
