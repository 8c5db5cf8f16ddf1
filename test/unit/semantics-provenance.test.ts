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

test('used as a bound: compared itself with something other than 0, not after arithmetic', () => {
  const text = `pragma solidity ^0.8.20;
interface Feed { function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80); }
contract O {
    Feed feed;
    int256 floor;
    function positive() external view returns (int256) {
        (, int256 answer, , , ) = feed.latestRoundData();
        require(answer > 0);
        return answer;
    }
    function scaled() external view returns (int256) {
        (, int256 answer, , , ) = feed.latestRoundData();
        require(answer * 2 > floor);
        return answer;
    }
    function ranged() external view returns (uint256 price) {
        (, int256 answer, , , ) = feed.latestRoundData();
        price = uint256(answer);
        require(price > uint256(floor));
    }
}`;
  const parsed = parseSource(text);
  const facts = new FileFacts(parsed);
  const nodes = allNodes(parsed.ast);
  const calls = nodes.filter((n) => n.type === 'FunctionCall' && n.range && text.slice(n.range[0], n.range[1] + 1) === 'feed.latestRoundData()');
  const fns = ['positive', 'scaled', 'ranged'].map((name) => nodes.find((n) => n.type === 'FunctionDefinition' && n.name === name) as Node);
  const BOUND = new Set(['bound'] as const);
  assert.deepEqual(
    calls.map((c, i) => facts.usedAs(c, fns[i], BOUND, 1)),
    [false, false, true],
  );
  assert.ok(facts.usedAs(calls[0], fns[0], new Set(['comparison'] as const), 1), '`answer > 0` is a comparison all the same');
});
