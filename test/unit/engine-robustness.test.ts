import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { compileFinding, scanSource, type Finding, type MatchNode } from '../../server/src/engine';
import { finding, PACK } from './engine-helpers';

const MATCHES: MatchNode[] = [
  { pattern: '$T.transfer($A, $B);' },
  { pattern: '$X.call{value: $V}(...)' },
  { pattern: 'function $F(...) external { ... }' },
  { pattern: 'contract $C is ..., $B, ... {}' },
  { pattern: '$T public $V = $E;' },
  { pattern: 'uint256 $V = $E; ... $V = $W;' },
  { pattern: 'if ($C) { ... }' },
  { all: [{ pattern: '$A == $A' }, { 'not-inside': { pattern: 'function $F(...) view { ... }' } }] },
  {
    all: [
      { pattern: '$X.$M(...)' },
      { inside: { pattern: 'contract $C { ... }' } },
      { where: [{ metavariable: '$M', regex: '^(call|delegatecall)$' }, { solidity: '>=0.8.0' }, { function: { visibility: ['external', 'public'] } }] },
    ],
  },
  { all: [{ pattern: 'require($N > $M)' }, { where: [{ metavariable: '$N', comparison: '$N > 0' }] }] },
];
const FINDINGS: Finding[] = MATCHES.map((m, i) =>
  compileFinding(finding(m, { id: `ROBUST-${i + 1}`, fix: { title: 'f', edits: [{ 'insert-line-before': 'match', text: '// x' }] } }), PACK),
);

const OZ = join(__dirname, '../../node_modules/@openzeppelin/contracts');
const REAL = ['token/ERC20/ERC20.sol', 'utils/Address.sol', 'utils/math/Math.sol', 'governance/Governor.sol', 'proxy/utils/Initializable.sol'].map((f) =>
  readFileSync(join(OZ, f), 'utf8'),
);

test('inputs on which the parser throws never escape scanSource', () => {
  for (const text of [
    'uint x = ;',
    'contract C { function f() { uint x = ; } }',
    'contract C { function f( { }',
    '}}}{{{',
    '',
    '\u0000\uffff',
    'pragma solidity ^0.8.0; contract {',
  ]) {
    const r = scanSource(text, FINDINGS);
    assert.ok(Array.isArray(r.occurrences));
    assert.ok(Array.isArray(r.syntaxErrors));
  }
  const broken = scanSource('contract C { function f() public { uint x = ; } }', FINDINGS);
  assert.ok(broken.syntaxErrors.length > 0);
});

test('a finding that crashes is skipped; the others still report', () => {
  const bad: Finding = { ...FINDINGS[0], id: 'BROKEN-1', compiled: { match: { op: 'pattern', pattern: null } } };
  const src = 'contract C { function f() public { t.transfer(a, b); } }';
  const failed: string[] = [];
  const r = scanSource(src, [bad, FINDINGS[0]], { onFindingError: (f) => failed.push(f.id) });
  assert.deepEqual(
    r.occurrences.map((o) => o.findingId),
    ['ROBUST-1'],
  );
  assert.deepEqual(failed, ['BROKEN-1']);
  const throwingLogger = scanSource(src, [bad, FINDINGS[0]], {
    onFindingError: () => {
      throw new Error('logger broke');
    },
  });
  assert.equal(throwingLogger.occurrences.length, 1);
});

test('parts of a broken file that still parse are matched', () => {
  const src = 'contract C {\n  function f() public { t.transfer(a, b); }\n  function g() public { uint x = ; }\n}';
  const r = scanSource(src, FINDINGS);
  assert.ok(r.syntaxErrors.length > 0);
  assert.ok(
    r.occurrences.some((o) => o.findingId === 'ROBUST-1'),
    'the intact function is still scanned',
  );
});

test('occurrences are sorted by position and deduplicated', () => {
  const src = 'contract C { function f() public { if (a == a) { b == b; } a == a; } }';
  const occ = scanSource(src, [FINDINGS[7]]).occurrences;
  const keys = occ.map((o) => `${o.range.start.line}:${o.range.start.character}`);
  assert.deepEqual(keys, [...new Set(keys)]);
  const sorted = [...occ].sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character);
  assert.deepEqual(occ, sorted);
  assert.equal(occ.length, 3);
});

test('property: scanSource never throws on random text', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (text) => {
      const r = scanSource(text, FINDINGS);
      return Array.isArray(r.occurrences);
    }),
    { numRuns: 200 },
  );
});

test('property: scanSource never throws on truncations and splices of real OpenZeppelin files', () => {
  fc.assert(
    fc.property(fc.constantFrom(...REAL), fc.nat(), fc.nat(), fc.string({ maxLength: 20 }), (text, a, b, junk) => {
      const cut = a % (text.length + 1);
      const resume = Math.min(text.length, cut + (b % 200));
      const mutated = text.slice(0, cut) + junk + text.slice(resume);
      const r = scanSource(mutated, FINDINGS);
      for (const o of r.occurrences) {
        if (o.range.start.line > o.range.end.line) return false;
      }
      return true;
    }),
    { numRuns: 60 },
  );
});

test('real OpenZeppelin files scan cleanly', () => {
  for (const text of REAL) {
    const r = scanSource(text, FINDINGS);
    assert.equal(r.syntaxErrors.length, 0);
    for (const o of r.occurrences) assert.match(o.fingerprint, /^[0-9a-f]{16}$/);
  }
});
