// hasValueSyntax asks a cheaper regex first: it must answer as VALUE_SYNTAX does on every text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hasValueSyntax, VALUE_SYNTAX } from '../../server/src/engine/semantics/facts';

const PIECES = [
  'value',
  'Value',
  ':',
  '=',
  ' ',
  '\n',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '.',
  'x',
  '_',
  'a.call',
  'send',
  'sendValue',
  'WithValue',
  'TransferETH',
  'TransferAllETH',
  'transfer',
  'selfdestruct',
  'suicide',
  'create',
  'create2',
  'uint256',
];

test('hasValueSyntax answers as VALUE_SYNTAX on texts made of the pieces they read', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      assert.equal(hasValueSyntax(text), VALUE_SYNTAX.test(text), JSON.stringify(text));
    }),
    { numRuns: 5000, seed: 20261207 },
  );
});

test('hasValueSyntax: each way of sending ether, and look-alikes that are not', () => {
  for (const yes of [
    'to.call{value: 1}("")',
    'a.call.value(1)()',
    'Address.sendValue(p, 1)',
    'x.functionCallWithValue(d, 1)',
    'SafeTransferLib.safeTransferETH(to, 1)',
    'p.transfer(1)',
    'p.send(1)',
    'selfdestruct(p)',
    'suicide(p)',
    'new C{value: 1}()',
    'create2(0, 0, 0, 0)',
  ])
    assert.equal(hasValueSyntax(`function f() public { ${yes}; }`), true, yes);
  for (const no of [
    'uint256 value = 1;',
    'if (value > type(uint248).max) revert();',
    'mapping(address => uint256) value;',
    'emit E({value: 1 == 2});',
    'x.value = 2;',
  ])
    assert.equal(hasValueSyntax(`function f(uint256 value) public { ${no} }`), VALUE_SYNTAX.test(`function f(uint256 value) public { ${no} }`), no);
});
