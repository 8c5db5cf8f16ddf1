// A regex's remembered answers must be re2js's own, for short and long texts, before and after the memo fills; so
// must its answers on long texts that a precheck read off its source (a literal it starts with, a non-ASCII class)
// turns down without running it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { RE2JS } from 're2js';
import { leadingLiteral, precheckOf, regexFinds } from '../../server/src/engine/regex-finds';

const SOURCES = ['(?i)recover|isValid', '^u?int(8|16|24|32)$', '[\\x{202A}-\\x{202E}]', '\\bowner\\b', '^$', 'a+b'];

test('regexFinds answers as re2js does, asked again and again (property)', () => {
  const regexes = SOURCES.map((s) => RE2JS.compile(s));
  const text = fc.oneof(
    fc.constantFrom('', 'recover', 'isValidSig', 'uint8', 'int32', 'uint256', 'owner', '_owner', 'aab', '\u202E'),
    fc.string({ maxLength: 12 }),
    fc.string({ minLength: 120, maxLength: 300 }),
  );
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: regexes.length - 1 }), text), { maxLength: 60 }), (asks) => {
      for (const [i, t] of asks) assert.equal(regexFinds(regexes[i], t), regexes[i].matcher(t).find(), `${SOURCES[i]} on ${JSON.stringify(t)}`);
    }),
    { seed: 3, numRuns: 200 },
  );
});

test('regexFinds keeps answering right past its bound on remembered texts', () => {
  const re = RE2JS.compile('7$');
  for (let round = 0; round < 2; round++) for (let i = 0; i < 5000; i++) assert.equal(regexFinds(re, `n${i}`), String(i).endsWith('7'));
});

const PRECHECKED = [
  '(?s)\\bassembly\\b[^{]*\\{(?:[^}]*\\b(?:mstore|sstore)\\s*\\(|(?:[^}]*\\n)?\\s*[A-Za-z_][\\w.]*\\s*:=)',
  '\\.length\\s*(==|!=)\\s*[A-Za-z_$][A-Za-z0-9_$.]*\\.length',
  '[\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}]',
  'assemblyx?',
  'assem*bly',
  'asse{2}mbly',
  'x|assembly',
  '[|]assembly',
  '(?i)assembly',
  '^sstore\\(',
  '(a|b)ssembly',
  '\\bsstore\\b',
];

test('leadingLiteral reads what every match starts with, or nothing', () => {
  assert.equal(leadingLiteral(PRECHECKED[0]), 'assembly');
  assert.equal(leadingLiteral(PRECHECKED[1]), '.length');
  assert.equal(leadingLiteral('assemblyx?'), 'assembly', 'an optional letter is not required');
  assert.equal(leadingLiteral('assem*bly'), 'asse');
  assert.equal(leadingLiteral('x|assembly'), undefined, 'an alternative at the top level');
  assert.equal(leadingLiteral('[|]assembly'), '', 'a class first');
  assert.equal(leadingLiteral('(?i)assembly'), '', 'case folding');
  assert.equal(precheckOf('(?i)recover|isValid'), null);
  assert.ok(precheckOf('[\\x{202A}-\\x{202E}]'));
  assert.equal(precheckOf('[\\x{41}-\\x{202E}]'), null, 'a class reaching into ASCII');
});

test('regexFinds answers as re2js does on long texts its prechecks read (property)', () => {
  const regexes = PRECHECKED.map((s) => RE2JS.compile(s));
  const piece = fc.constantFrom(
    'assembly',
    'assemblyx',
    'asssembly',
    'assebly',
    'asseembly',
    ' { ',
    '}',
    'mstore(',
    'sstore(',
    'x := 1',
    '\n',
    'a.length == b.length',
    '.length',
    ' ',
    'x',
    '|',
    'ssembly',
    '\u202E',
    '\u2067',
    'é',
  );
  const text = fc.array(piece, { minLength: 40, maxLength: 120 }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(fc.integer({ min: 0, max: regexes.length - 1 }), text, (i, t) => {
      assert.ok(t.length > 128);
      assert.equal(regexFinds(regexes[i], t), regexes[i].matcher(t).find(), `${PRECHECKED[i]} on ${JSON.stringify(t)}`);
    }),
    { seed: 7, numRuns: 400 },
  );
});
