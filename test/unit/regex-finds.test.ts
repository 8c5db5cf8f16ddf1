// A regex's remembered answers must be re2js's own, for short and long texts, before and after the memo fills.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { RE2JS } from 're2js';
import { regexFinds } from '../../server/src/engine/regex-finds';

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
