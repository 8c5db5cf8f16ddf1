// Where a value comes from and where it goes (semantics/provenance.ts, the `value:` filter): block values, through
// locals, state variables' initial values and internal functions' returns, with or without a hash on the way;
// tx.gasprice, balances and the literal 0; and whether a value ends up used as a number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../server/src/engine/parse';
import type { Node } from '../../server/src/engine/pattern/ast';
import { FileFacts } from '../../server/src/engine/semantics/facts';
import { allNodes, nodesByText } from './semantics-helpers';

const SOURCE = `pragma solidity ^0.8.20;
contract C {
    uint256 private salt = block.timestamp;
    uint256 private plain = 7;
    mapping(address => uint256) private committed;
    address[] private players;

    function a(uint256 max) external view returns (uint256) {
        uint256 seed = block.number / 3 + max;
        uint256 h = uint256(blockhash(seed));
        uint256 fromState = salt * 2;
        uint256 other = plain + max;
        return h % max + fromState + other;
    }

    function b(bytes32 guess) external view returns (bool) {
        bytes32 past = blockhash(committed[msg.sender]);
        bytes32 recent = keccak256(abi.encodePacked(block.prevrandao, msg.sender));
        return past == guess || recent == guess;
    }

    function c() external view returns (uint256) {
        return _seed() % 10;
    }

    function _seed() internal view returns (uint256) {
        return block.timestamp + plain;
    }

    function d() external view returns (bytes32 id) {
        id = keccak256(abi.encode(msg.sender, block.timestamp));
    }

    function e(uint256 target) external view returns (bool) {
        uint256 bal = address(this).balance;
        uint256 fee = 21000 * tx.gasprice;
        uint256 minOut = 0;
        uint256 notZero = 0 + target;
        uint256 forever = type(uint256).max;
        return bal == target && fee > 0 && minOut == notZero;
    }
}
`;

function fixture() {
  const parsed = parseSource(SOURCE);
  const facts = new FileFacts(parsed);
  const nodes = allNodes(parsed.ast);
  const node = nodesByText(parsed.ast, SOURCE);
  const fn = (name: string) => nodes.find((x) => x.type === 'FunctionDefinition' && x.name === name)!;
  return { facts, node, fn };
}

const sources = (facts: FileFacts, n: Node) => [...(facts.origins(n)?.sources ?? [])].sort();

test('block values: direct, through locals, a state initial value and a helper, hashed or not', () => {
  const { facts, node } = fixture();
  assert.deepEqual(sources(facts, node('seed', 1)), ['block-values']);
  const h = facts.origins(node('h', 1))!;
  assert.ok(h.sources.has('block-values') && h.hashedBlock && !h.plainBlock, 'blockhash of a recent block is hashed');
  const s = facts.origins(node('fromState', 1))!;
  assert.ok(s.sources.has('block-values') && s.plainBlock && !s.hashedBlock, 'salt is initialised from block.timestamp');
  assert.deepEqual(sources(facts, node('other', 1)), []);
  assert.ok(facts.origins(node('_seed()'))!.plainBlock, 'an internal function returning block values');
});

test('the hash of a committed block number is no block value; a hash of block values is', () => {
  const { facts, node } = fixture();
  assert.deepEqual(sources(facts, node('blockhash(committed[msg.sender])')), []);
  const r = facts.origins(node('keccak256(abi.encodePacked(block.prevrandao, msg.sender))'))!;
  assert.ok(r.sources.has('block-values') && r.hashedBlock);
});

test('gasprice, balance, zero and max-uint', () => {
  const { facts, node } = fixture();
  assert.deepEqual(sources(facts, node('bal', 1)), ['balance']);
  assert.deepEqual(sources(facts, node('fee', 1)), ['tx-gasprice']);
  assert.deepEqual(sources(facts, node('minOut', 1)), ['zero']);
  assert.deepEqual(sources(facts, node('notZero', 1)), [], 'arithmetic on 0 is not 0');
  assert.deepEqual(sources(facts, node('type(uint256).max')), ['max-uint']);
});

test('used as a number: converted, in arithmetic or compared, through locals; not as an identifier', () => {
  const { facts, node, fn } = fixture();
  const INT = new Set(['integer'] as const);
  const CMP = new Set(['comparison'] as const);
  assert.ok(facts.usedAs(node('blockhash(seed)'), fn('a'), INT));
  assert.ok(facts.usedAs(node('keccak256(abi.encodePacked(block.prevrandao, msg.sender))'), fn('b'), CMP));
  assert.ok(!facts.usedAs(node('keccak256(abi.encodePacked(block.prevrandao, msg.sender))'), fn('b'), INT));
  assert.ok(!facts.usedAs(node('keccak256(abi.encode(msg.sender, block.timestamp))'), fn('d'), new Set(['integer', 'comparison'] as const)));
});
