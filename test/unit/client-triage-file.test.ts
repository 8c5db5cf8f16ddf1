// The team triage file (.hindsight/triage.json): parsing, merge-friendly serialisation, atomic update,
// and malformed files reported with file:line:column and never overwritten.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  TriageFileError,
  emptyTriage,
  parseTriage,
  readTriageFile,
  recordDecision,
  serializeTriage,
  updateTriageFile,
} from '../../client/src/triage/triageFile';

const event = (status: 'confirmed' | 'false-positive' | 'open', author = 'Ada', comment = '') => ({
  status,
  comment,
  author,
  date: '2026-01-01T00:00:00.000Z',
});

test('serialises one entry per line, sorted by fingerprint, and parses back', () => {
  let data = emptyTriage();
  data = recordDecision(data, 'ffff', { findingId: 'A-1', file: 'b.sol' }, event('confirmed'));
  data = recordDecision(data, '0000', { findingId: 'A-2', file: 'a.sol' }, event('false-positive', 'Bob', 'not reachable'));
  const text = serializeTriage(data);
  const lines = text.split('\n');
  assert.equal(lines[0], '{');
  assert.match(lines[3], /^ {4}"0000": \{"findingId":"A-2","file":"a.sol","status":"false-positive",/);
  assert.match(lines[4], /^ {4}"ffff": \{"findingId":"A-1",/);
  assert.ok(text.endsWith('}\n'));
  assert.deepEqual(parseTriage(text, 'triage.json'), data);
});

test('two people triaging different occurrences change different lines', () => {
  const base = recordDecision(
    recordDecision(emptyTriage(), '1111', { findingId: 'A-1', file: 'a.sol' }, event('confirmed')),
    '9999',
    { findingId: 'A-1', file: 'a.sol' },
    event('confirmed'),
  );
  const ours = serializeTriage(recordDecision(base, '1111', { findingId: 'A-1', file: 'a.sol' }, event('false-positive'))).split('\n');
  const theirs = serializeTriage(recordDecision(base, '9999', { findingId: 'A-1', file: 'a.sol' }, event('open'))).split('\n');
  const baseLines = serializeTriage(base).split('\n');
  const changed = (x: string[]) => x.map((l, i) => (l === baseLines[i] ? -1 : i)).filter((i) => i >= 0);
  assert.equal(ours.length, baseLines.length);
  assert.equal(theirs.length, baseLines.length);
  assert.deepEqual(
    changed(ours).filter((i) => changed(theirs).includes(i)),
    [],
  );
});

test('history keeps every decision, oldest first', () => {
  let data = recordDecision(emptyTriage(), 'ab', { findingId: 'A-1', file: 'a.sol' }, event('confirmed', 'Ada'));
  data = recordDecision(data, 'ab', { findingId: 'A-1', file: 'a.sol' }, event('false-positive', 'Bob', 'guarded by caller'));
  assert.equal(data.entries.ab.status, 'false-positive');
  assert.equal(data.entries.ab.author, 'Bob');
  assert.deepEqual(
    data.entries.ab.history.map((h) => `${h.status}/${h.author}`),
    ['confirmed/Ada', 'false-positive/Bob'],
  );
});

test('accepts "acknowledged" for wont-fix and an empty file', () => {
  const d = parseTriage('{"version":1,"entries":{"x":{"status":"acknowledged"}}}', 'f');
  assert.equal(d.entries.x.status, 'wont-fix');
  assert.deepEqual(parseTriage('  \n', 'f'), emptyTriage());
});

test('malformed files are errors with file, line and column', () => {
  const cases: Array<[string, RegExp]> = [
    ['{\n  "version": 1,,\n}', /^t\.json:2:\d+: not valid JSON/],
    ['{"version": 2, "entries": {}}', /^t\.json:1:2: unsupported "version" 2/],
    ['{\n  "version": 1,\n  "entries": {\n    "fp1": {"status": "maybe"}\n  }\n}', /^t\.json:4:5: entry "fp1" has unknown status "maybe"/],
    ['{\n"version": 1,\n<<<<<<< HEAD\n"entries": {}\n=======\n>>>>>>> x\n}', /^t\.json:3:1: unresolved git merge conflict markers/],
    ['[]', /^t\.json:1:1: expected an object/],
  ];
  for (const [text, re] of cases) {
    assert.throws(
      () => parseTriage(text, 't.json'),
      (e: unknown) => e instanceof TriageFileError && re.test(e.message),
      text,
    );
  }
});

test('updates atomically and never overwrites a malformed file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-'));
  const file = join(dir, '.hindsight', 'triage.json');
  await updateTriageFile(file, 'fp', { findingId: 'A-1', file: 'a.sol' }, event('confirmed'));
  assert.equal((await readTriageFile(file)).entries.fp.status, 'confirmed');
  assert.deepEqual(readdirSync(join(dir, '.hindsight')), ['triage.json'], 'no temporary file left behind');
  // A decision that arrived on disk meanwhile (git pull) is kept.
  const pulled = recordDecision(await readTriageFile(file), 'other', { findingId: 'A-2', file: 'b.sol' }, event('open', 'Bob'));
  writeFileSync(file, serializeTriage(pulled));
  await updateTriageFile(file, 'fp', { findingId: 'A-1', file: 'a.sol' }, event('false-positive'));
  const after = await readTriageFile(file);
  assert.deepEqual(Object.keys(after.entries).sort(), ['fp', 'other']);
  writeFileSync(file, '{ "version": 1, oops');
  await assert.rejects(updateTriageFile(file, 'fp', { findingId: 'A-1', file: 'a.sol' }, event('open')), TriageFileError);
  assert.equal(readFileSync(file, 'utf8'), '{ "version": 1, oops');
  assert.deepEqual(await readTriageFile(join(dir, 'missing.json')), emptyTriage());
});
