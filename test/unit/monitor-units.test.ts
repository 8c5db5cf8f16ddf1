// The monitor's pieces that need no chain: argument conditions, the functions a finding flags and their selectors
// (the expected ones computed independently with ethers), shards, struct-log call extraction.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callsFromStructLogs } from '../../server/src/monitor/chain';
import { parseCondition } from '../../server/src/monitor/conditions';
import { SourceIndex } from '../../server/src/monitor/entry-points';
import { inShard } from '../../server/src/monitor/runner';

describe('monitor conditions', () => {
  test('comparisons joined by and/or/not, numbers as integers, addresses case-insensitive', () => {
    const c = parseCondition('value > 1000 AND (to == 0xAbCdEf0000000000000000000000000000000001 or not flag == true)');
    assert.equal(c({ value: 1001n, to: '0xabcdef0000000000000000000000000000000001', flag: true }), true);
    assert.equal(c({ value: 1000n, to: '0xabcdef0000000000000000000000000000000001', flag: true }), false);
    assert.equal(c({ value: 5000n, to: '0x00000000000000000000000000000000000000ff', flag: false }), true);
    assert.equal(c({ value: 5000n, to: '0x00000000000000000000000000000000000000ff', flag: true }), false);
    assert.equal(parseCondition('amount >= 0x10 && amount <= 32')({ amount: 16n }), true);
    assert.equal(parseCondition("name == 'Alice'")({ name: 'alice' }), true);
  });
  test('a missing argument makes a comparison false, never an error', () => {
    assert.equal(parseCondition('value > 1')({}), false);
  });
  test('malformed conditions are refused with the column', () => {
    assert.throws(() => parseCondition('value >'), /expected a value at the end/);
    assert.throws(() => parseCondition('value 5'), /expected a comparison .* at column 7/);
    assert.throws(() => parseCondition('(value > 5'), /expected "\)"/);
    assert.throws(() => parseCondition('value > 5 ; drop'), /unexpected ";" at column 11/);
  });
});

describe('functions a finding flags', () => {
  const source = [
    'pragma solidity ^0.8.0;',
    'interface IToken { function transfer(address, uint) external returns (bool); }',
    'contract Base {',
    '  struct Order { address maker; uint96 amount; bytes32[] proofs; }',
    '  enum Side { Buy, Sell }',
    '  modifier checked() { _; }',
    '  function _pay(address to, uint amount) internal { payable(to).transfer(amount); }',
    '}',
    'contract Vault is Base {',
    '  function settle(Order calldata o, Side s, IToken t) external checked { _pay(o.maker, o.amount); }',
    '  function withdraw(uint amount) public { _pay(msg.sender, amount); }',
    '  function view1() external view returns (uint) { return 1; }',
    '  receive() external payable { }',
    '}',
  ].join('\n');
  const index = new SourceIndex([{ file: 'src/Vault.sol', text: source }]);
  const names = (line: number, character: number) =>
    index.entryPointsFor({ file: 'src/Vault.sol', line, character }, 'Vault').map((e) => `${e.signature} ${e.selector}`);

  test('the deployed contract is the one nothing inherits from', () => {
    assert.deepEqual(index.deployedContracts(), ['Vault']);
  });
  test('a finding in an internal function flags every external function that reaches it, with ABI signatures', () => {
    assert.deepEqual(names(6, 55), ['settle((address,uint96,bytes32[]),uint8,address) 0x32c05831', 'withdraw(uint256) 0x2e1a7d4d']);
  });
  test('a finding in a modifier flags the functions that use it', () => {
    assert.deepEqual(
      names(5, 24).map((n) => n.split(' ')[0]),
      ['settle((address,uint96,bytes32[]),uint8,address)'],
    );
  });
  test('receive() is called with empty input', () => {
    assert.deepEqual(names(12, 30), ['receive() 0x']);
  });
});

describe('shards and traces', () => {
  test('every deployment falls in exactly one shard', () => {
    for (const name of ['vault', 'proxy', 'token-7', 'a', 'b', 'c']) {
      const hits = [1, 2, 3].filter((index) => inShard(name, { index, count: 3 }));
      assert.equal(hits.length, 1, name);
    }
  });
  test('struct logs: the calls a contract makes, their input and whether they failed', () => {
    const word = (n: bigint | number) => BigInt(n).toString(16).padStart(64, '0');
    const target = 'aa'.repeat(20);
    const memory = [`2e1a7d4d${'00'.repeat(28)}`];
    const logs = [
      // CALL: gas, address, value, argsOffset, argsLength, retOffset, retLength (top of the stack last)
      { op: 'CALL', depth: 1, stack: [word(0), word(0), word(4), word(0), word(0), word(BigInt(`0x${target}`)), word(50000)], memory },
      { op: 'STOP', depth: 2, stack: [] },
      { op: 'ISZERO', depth: 1, stack: [word(0)] },
    ];
    assert.deepEqual(callsFromStructLogs(logs, '0xtx', '0x' + 'bb'.repeat(20)), [
      { transaction: '0xtx', from: `0x${'bb'.repeat(20)}`, to: `0x${target}`, input: '0x2e1a7d4d', reverted: true, depth: 1 },
    ]);
  });
});
