// The team triage file (.hindsight/triage.json): keyed per file by the occurrence identity, merge-friendly
// serialisation, the version 1 migration, atomic update, and malformed files reported with file:line:column and
// never overwritten.
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
import { occurrenceKey } from '../../server/src/shared/finding-identity';

const event = (status: 'confirmed' | 'false-positive' | 'open', author = 'Ada', comment = '') => ({
  status,
  comment,
  author,
  date: '2026-01-01T00:00:00.000Z',
});
const at = (fingerprint: string, file = 'a.sol', findingId = 'A-1') => ({ fingerprint, file, findingId });

test('serialises per file, one entry per line, sorted, and parses back', () => {
  let data = emptyTriage();
  data = recordDecision(data, at('ffff', 'b.sol'), event('confirmed'));
  data = recordDecision(data, at('0000', 'a.sol', 'A-2'), event('false-positive', 'Bob', 'not reachable'));
  data = recordDecision(data, at('ffff', 'a.sol'), event('confirmed'));
  const text = serializeTriage(data);
  const lines = text.split('\n');
  assert.deepEqual(lines.slice(0, 4), ['{', '  "version": 2,', '  "files": {', '    "a.sol": {']);
  assert.match(lines[4], /^ {6}"A-1#ffff": \{"status":"confirmed",/);
  assert.match(lines[5], /^ {6}"A-2#0000": \{"status":"false-positive","comment":"not reachable","author":"Bob",/);
  assert.equal(lines[7], '    "b.sol": {');
  assert.ok(text.endsWith('}\n'));
  assert.deepEqual(parseTriage(text, 'triage.json'), data);
});

test('the same code in two files is two entries: a verdict on one copy does not cover the other', () => {
  const data = recordDecision(emptyTriage(), at('abcd', 'src/Vault.sol'), event('false-positive', 'Ada', 'guarded'));
  assert.equal(data.entries[occurrenceKey(at('abcd', 'src/Vault.sol'))].status, 'false-positive');
  assert.equal(data.entries[occurrenceKey(at('abcd', 'test/Vault.sol'))], undefined);
});

test('two people triaging different occurrences change different lines', () => {
  const base = recordDecision(recordDecision(emptyTriage(), at('1111'), event('confirmed')), at('9999'), event('confirmed'));
  const ours = serializeTriage(recordDecision(base, at('1111'), event('false-positive'))).split('\n');
  const theirs = serializeTriage(recordDecision(base, at('9999'), event('open'))).split('\n');
  const baseLines = serializeTriage(base).split('\n');
  const changed = (x: string[]) => x.map((l, i) => (l === baseLines[i] ? -1 : i)).filter((i) => i >= 0);
  assert.equal(ours.length, baseLines.length);
  assert.equal(theirs.length, baseLines.length);
  assert.deepEqual(
    changed(ours).filter((i) => changed(theirs).includes(i)),
    [],
  );
});

test('history keeps every decision, oldest first; a moved entry takes its history to the new file', () => {
  let data = recordDecision(emptyTriage(), at('ab'), event('confirmed', 'Ada'));
  data = recordDecision(data, at('ab'), event('false-positive', 'Bob', 'guarded by caller'));
  const entry = data.entries[occurrenceKey(at('ab'))];
  assert.equal(entry.status, 'false-positive');
  assert.equal(entry.author, 'Bob');
  assert.deepEqual(
    entry.history.map((h) => `${h.status}/${h.author}`),
    ['confirmed/Ada', 'false-positive/Bob'],
  );
  const moved = recordDecision(data, at('ab', 'renamed.sol'), event('confirmed', 'Cy'), at('ab'));
  assert.deepEqual(Object.keys(moved.entries), [occurrenceKey(at('ab', 'renamed.sol'))]);
  assert.deepEqual(
    moved.entries[occurrenceKey(at('ab', 'renamed.sol'))].history.map((h) => h.author),
    ['Ada', 'Bob', 'Cy'],
  );
});

test('a version 1 file migrates without losing anything the user wrote', async () => {
  const v1 = [
    '{',
    '  "version": 1,',
    '  "owner": "audit team",',
    '  "entries": {',
    '    "aaaa": {"findingId":"A-1","file":"src/Vault.sol","status":"false-positive","comment":"capped","author":"Ada","date":"2026-01-01","history":[{"status":"confirmed","comment":"","author":"Ada","date":"2025-12-01"},{"status":"false-positive","comment":"capped","author":"Ada","date":"2026-01-01"}],"ticket":"SEC-12"},',
    '    "bbbb": {"status":"acknowledged","comment":"by hand, no file"}',
    '  }',
    '}',
  ].join('\n');
  const data = parseTriage(v1, 't.json');
  const a = data.entries[occurrenceKey(at('aaaa', 'src/Vault.sol'))];
  assert.equal(a.status, 'false-positive');
  assert.equal(a.comment, 'capped');
  assert.equal(a.history.length, 2);
  assert.deepEqual(a.extra, { ticket: 'SEC-12' });
  const b = data.entries[occurrenceKey(at('bbbb', '', ''))];
  assert.equal(b.status, 'wont-fix');
  assert.equal(b.comment, 'by hand, no file');
  assert.deepEqual(data.extra, { owner: 'audit team' });

  // Written back as version 2 at the next decision, atomically, with every entry and field kept.
  const dir = mkdtempSync(join(tmpdir(), 'triage-'));
  const file = join(dir, 'triage.json');
  writeFileSync(file, v1);
  await updateTriageFile(file, at('cccc', 'src/Other.sol'), event('confirmed'));
  const text = readFileSync(file, 'utf8');
  assert.match(text, /"version": 2/);
  assert.match(text, /"ticket":"SEC-12"/);
  assert.match(text, /"owner": "audit team"/);
  const after = parseTriage(text, file);
  assert.equal(Object.keys(after.entries).length, 3);
  assert.deepEqual(after.entries[occurrenceKey(at('aaaa', 'src/Vault.sol'))], a);
  assert.deepEqual(after.entries[occurrenceKey(at('bbbb', '', ''))], b);
  assert.deepEqual(readdirSync(dir), ['triage.json'], 'no temporary file left behind');
});

test('accepts "acknowledged" for wont-fix and an empty file', () => {
  const d = parseTriage('{"version":2,"files":{"a.sol":{"X-1#x":{"status":"acknowledged"}}}}', 'f');
  assert.equal(d.entries[occurrenceKey(at('x', 'a.sol', 'X-1'))].status, 'wont-fix');
  assert.deepEqual(parseTriage('  \n', 'f'), emptyTriage());
});

test('malformed files are errors with file, line and column', () => {
  const cases: Array<[string, RegExp]> = [
    ['{\n  "version": 2,,\n}', /^t\.json:2:\d+: not valid JSON/],
    ['{"version": 3, "files": {}}', /^t\.json:1:2: unsupported "version" 3/],
    ['{\n  "version": 1,\n  "entries": {\n    "fp1": {"status": "maybe"}\n  }\n}', /^t\.json:4:5: entry "fp1" has unknown status "maybe"/],
    ['{\n  "version": 2,\n  "files": {\n    "a.sol": {\n      "nohash": {"status": "open"}\n    }\n  }\n}', /^t\.json:5:7: entry "nohash" must be named/],
    ['{\n"version": 2,\n<<<<<<< HEAD\n"files": {}\n=======\n>>>>>>> x\n}', /^t\.json:3:1: unresolved git merge conflict markers/],
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
  const key = occurrenceKey(at('fp'));
  await updateTriageFile(file, at('fp'), event('confirmed'));
  assert.equal((await readTriageFile(file)).entries[key].status, 'confirmed');
  assert.deepEqual(readdirSync(join(dir, '.hindsight')), ['triage.json'], 'no temporary file left behind');
  // A decision that arrived on disk meanwhile (git pull) is kept.
  const pulled = recordDecision(await readTriageFile(file), at('other', 'b.sol', 'A-2'), event('open', 'Bob'));
  writeFileSync(file, serializeTriage(pulled));
  await updateTriageFile(file, at('fp'), event('false-positive'));
  const after = await readTriageFile(file);
  assert.deepEqual(Object.keys(after.entries).sort(), [key, occurrenceKey(at('other', 'b.sol', 'A-2'))].sort());
  writeFileSync(file, '{ "version": 2, oops');
  await assert.rejects(updateTriageFile(file, at('fp'), event('open')), TriageFileError);
  assert.equal(readFileSync(file, 'utf8'), '{ "version": 2, oops');
  assert.deepEqual(await readTriageFile(join(dir, 'missing.json')), emptyTriage());
});
