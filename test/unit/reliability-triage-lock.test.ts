import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTriage, updateTriageFile, TriageFileError } from '../../client/src/triage/triageFile';

const WRITER = join(__dirname, 'reliability-triage-writer.ts');

function run(file: string, tag: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, tag, String(count)], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

test('two processes adding 200 triage entries each to the same file at once: all 400 are kept', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-triage-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, '.hindsight', 'triage.json');
  const codes = await Promise.all([run(file, 'a', 200), run(file, 'b', 200)]);
  assert.deepEqual(codes, [0, 0]);
  const data = parseTriage(readFileSync(file, 'utf8'), file);
  assert.equal(Object.keys(data.entries).length, 400);
  assert.ok(!existsSync(`${file}.lock`), 'the lock is released');
});

test('a malformed triage file is reported with its place and left as it is', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-triage-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'triage.json');
  const bad = '{\n  "version": 1,\n  "entries": {\n    "x": {"status": "open",}\n  }\n}\n';
  writeFileSync(file, bad);
  await assert.rejects(
    updateTriageFile(file, { findingId: 'F-1', file: 'A.sol', fingerprint: 'fp' }, { status: 'confirmed', comment: '', author: 'me', date: '2026-01-01' }),
    (e: unknown) => e instanceof TriageFileError && e.line === 4 && e.file === file,
  );
  assert.equal(readFileSync(file, 'utf8'), bad);
  assert.ok(!existsSync(`${file}.lock`));
});
