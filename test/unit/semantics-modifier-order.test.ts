// Order and lock questions about code inside a modifier (facts-modifiers.ts): asked of the functions that apply it,
// with their other modifiers around it; and the unseen token's balances (effects-unseen-token.ts): `balanceOf` and
// `_safeMint` of a base the file does not contain read and write one place.
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
  const fn = (name: string): Node => {
    const hit = nodes.find((x) => (x.type === 'FunctionDefinition' || x.type === 'ModifierDefinition') && x.name === name);
    assert.ok(hit, `function ${name}`);
    return hit;
  };
  return { facts, node, fn };
}

const MODIFIERS = `pragma solidity ^0.8.20;
interface IHook { function ping() external returns (bool); }
contract M {
  mapping(address => uint256) credit;
  uint256 locked = 1;
  modifier fresh() { require(credit[msg.sender] == 0); _; }
  modifier asks() { require(IHook(msg.sender).ping()); _; }
  modifier lock() { require(locked == 1); locked = 2; _; locked = 1; }
  function checkedFirst() external fresh asks { credit[msg.sender] += 1; }
  function askedFirst() external asks fresh { credit[msg.sender] += 1; }
  function unused() external {}
}
contract L is M {
  function lockedOnly() external lock fresh asks { credit[msg.sender] += 1; }
}`;

test('a call in a modifier is ordered on the graphs of the functions that apply it', () => {
  const { facts, node, fn } = fixture(MODIFIERS);
  const call = node('FunctionCall', 'IHook(msg.sender).ping()');
  // checkedFirst reads credit in `fresh`, then calls in `asks`, then writes credit: reentrancy's shape.
  assert.equal(facts.fn.followedByWrite(fn('checkedFirst'), call, true), true);
  assert.equal(facts.fn.followedByWrite(fn('askedFirst'), call, true), false);
  assert.equal(facts.fn.followedByWrite(fn('asks'), call, true), true, 'some unlocked user has the shape');
  assert.equal(facts.fn.reentrancyLocked(fn('asks')), false, 'not every user is locked');
  assert.equal(facts.fn.reentrancyLocked(fn('lock')), true, 'its only user runs under it');
  const write = node('ExpressionStatement', 'credit[msg.sender] += 1;');
  assert.equal(facts.fn.runsAfter(fn('asks'), call, write.range![0], write.range![1] + 1), true);
});

test('a modifier no function applies answers nothing', () => {
  const { facts, node, fn } = fixture(`pragma solidity ^0.8.20;
contract N { uint256 x; modifier idle() { require(x == 0); _; } }`);
  const check = node('FunctionCall', 'require(x == 0)');
  assert.equal(facts.fn.followedByWrite(fn('idle'), check, true), undefined);
  assert.equal(facts.fn.reentrancyLocked(fn('idle')), undefined);
});

test('an unseen token base: balanceOf reads and _safeMint writes its balances', () => {
  const { facts, node, fn } = fixture(`pragma solidity ^0.8.20;
import "./ERC721Missing.sol";
contract D is ERC721Missing {
  function many(uint256 n) external {
    require(balanceOf(msg.sender) + n <= 10);
    for (uint256 i = 0; i < n; i++) _safeMint(msg.sender, i);
  }
  function once(uint256 id) external {
    require(balanceOf(msg.sender) == 0);
    _safeMint(msg.sender, id);
  }
  function other(address t, uint256 id) external {
    require(IERC721Missing(t).balanceOf(msg.sender) == 0);
    _safeMint(msg.sender, id);
  }
}`);
  assert.equal(facts.fn.followedByWrite(fn('many'), node('FunctionCall', '_safeMint(msg.sender, i)'), true), true, 'the loop mints again after the hook');
  assert.equal(facts.fn.followedByWrite(fn('once'), node('FunctionCall', '_safeMint(msg.sender, id)'), true), false);
  assert.equal(facts.fn.followedByWrite(fn('other'), node('FunctionCall', '_safeMint(msg.sender, id)', 1), false), false, 'nothing after it');
});
