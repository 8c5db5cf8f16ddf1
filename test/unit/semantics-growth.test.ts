// Facts of state variables: whether anyone can grow a storage array (semantics/growth.ts, `growable`: a push or a longer length in
// a function outside code runs without a sender check), and whether one is set behind a sender check (guarded-writes.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../server/src/engine/parse';
import { FileFacts } from '../../server/src/engine/semantics/facts';
import { allNodes } from './semantics-helpers';

const SOURCE = `pragma solidity ^0.8.20;
contract C {
    address[] open;
    address[] viaHelper;
    address[] guarded;
    address[] ctorOnly;
    uint[] legacy;
    address owner;

    constructor(address a) { ctorOnly.push(a); }
    function join() external { open.push(msg.sender); _add(msg.sender); }
    function _add(address a) internal { viaHelper.push(a); }
    function admin(address a) external { require(msg.sender == owner); guarded.push(a); }
    function grow() public { legacy.length += 1; }
    function uses() external view returns (uint) {
        return open.length + viaHelper.length + guarded.length + ctorOnly.length + legacy.length;
    }
}
`;

test('growable: unguarded push, through a helper, legacy length; not guarded or constructor-only', () => {
  const parsed = parseSource(SOURCE);
  const facts = new FileFacts(parsed);
  const uses = allNodes(parsed.ast).find((n) => n.type === 'FunctionDefinition' && n.name === 'uses')!;
  const ident = (name: string) => allNodes(uses).find((n) => n.type === 'Identifier' && n.name === name)!;
  assert.equal(facts.growable(ident('open')), true);
  assert.equal(facts.growable(ident('viaHelper')), true);
  assert.equal(facts.growable(ident('legacy')), true);
  assert.equal(facts.growable(ident('guarded')), false);
  assert.equal(facts.growable(ident('ctorOnly')), false);
});

const PRICES = `pragma solidity ^0.8.20;
contract S {
    address owner;
    uint256 price;
    uint256 counter;
    uint256 constant FEE = 1;
    modifier onlyOwner() { require(msg.sender == owner); _; }
    function setPrice(uint256 p) external onlyOwner { price = p; }
    function bump() external { counter += 1; }
    function read() external view returns (uint256) { return price + counter + FEE; }
}
`;

test('set-by-guarded: a state variable written behind a sender check; not one anyone writes, not a constant', () => {
  const parsed = parseSource(PRICES);
  const facts = new FileFacts(parsed);
  const read = allNodes(parsed.ast).find((n) => n.type === 'FunctionDefinition' && n.name === 'read')!;
  const ident = (name: string) => allNodes(read).find((n) => n.type === 'Identifier' && n.name === name)!;
  assert.equal(facts.setByGuarded(ident('price')), true);
  assert.equal(facts.setByGuarded(ident('counter')), false);
  assert.equal(facts.setByGuarded(ident('FEE')), false);
});
