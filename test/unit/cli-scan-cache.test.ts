// The on-disk result cache (server/src/engine/result-cache.ts, through project/scan-cache.ts): a cached result is the fresh one, and anything that
// could change a result — the file, the findings, the engine — misses; corrupt entries are ignored.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadBuiltinPacks } from '../../server/src/packs/load';
import { activeFindings, scanFiles, type ScanOptions } from '../../server/src/project/run-scan';
import { ScanCache } from '../../server/src/project/scan-cache';
import { ROOT } from './cli-helpers';

const temps: string[] = [];
const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
};
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const packs = loadBuiltinPacks();
const base: ScanOptions = { minSeverity: 'info', minConfidence: 'low' };

function demoCopy(): string[] {
  const dir = temp('hs-cache-src-');
  cpSync(join(ROOT, 'server', 'demo', 'contracts'), dir, { recursive: true });
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.sol'))
    .sort()
    .map((f) => join(dir, f));
}

const entries = (cacheDir: string) =>
  readdirSync(cacheDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json'))
    .map((e) => join(e.parentPath, e.name));

const strip = (r: ReturnType<typeof scanFiles>) => r.files;

describe('scan result cache', () => {
  test('a cached result equals a fresh one, and the second scan reads the cache', () => {
    const files = demoCopy();
    const cacheDir = temp('hs-cache-');
    const fresh = scanFiles(files, packs, base);
    assert.ok(
      fresh.files.some((f) => f.occurrences.length > 0),
      'the demo has findings',
    );
    const first = scanFiles(files, packs, { ...base, cacheDir });
    assert.deepEqual(strip(first), strip(fresh));
    assert.equal(entries(cacheDir).length, new Set(files).size);
    const second = scanFiles(files, packs, { ...base, cacheDir });
    assert.deepEqual(JSON.parse(JSON.stringify(strip(second))), JSON.parse(JSON.stringify(strip(fresh))));

    // Proof that the second scan came from the cache: a planted entry is what a lookup returns.
    const findings = activeFindings(packs, base);
    const cache = new ScanCache(cacheDir, findings);
    const text = 'contract C {}';
    cache.store(text, {
      file: 'x.sol',
      occurrences: [],
      syntaxErrors: [{ message: 'planted', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }],
      suppressed: [],
    });
    assert.equal(cache.lookup('y.sol', text)?.syntaxErrors[0].message, 'planted');
    assert.equal(cache.lookup('y.sol', text)?.file, 'y.sol');
  });

  test('a changed file misses and gets its fresh result', () => {
    const files = demoCopy();
    const cacheDir = temp('hs-cache-');
    scanFiles(files, packs, { ...base, cacheDir });
    const target = files.find((f) => scanFiles([f], packs, base).files[0].occurrences.length > 0)!;
    writeFileSync(target, '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\ncontract Empty {}\n');
    const cached = scanFiles([target], packs, { ...base, cacheDir }).files[0];
    assert.deepEqual(cached.occurrences, []);
    assert.deepEqual(cached, scanFiles([target], packs, base).files[0]);
  });

  test('other findings, another engine build or another format of entry never share entries', () => {
    const findings = activeFindings(packs, base);
    const dir = temp('hs-cache-');
    const text = 'contract C { function f() external {} }';
    const result = { file: 'a.sol', occurrences: [], syntaxErrors: [], suppressed: [] };
    new ScanCache(dir, findings, 'engine-a').store(text, result);
    assert.ok(new ScanCache(dir, findings, 'engine-a').lookup('a.sol', text));
    assert.equal(new ScanCache(dir, findings, 'engine-b').lookup('a.sol', text), undefined);
    assert.equal(new ScanCache(dir, findings.slice(1), 'engine-a').lookup('a.sol', text), undefined);
    const edited = findings.map((f, i) => (i === 0 ? ({ ...f, severity: f.severity === 'high' ? 'low' : 'high' } as typeof f) : f));
    assert.equal(new ScanCache(dir, edited, 'engine-a').lookup('a.sol', text), undefined);
    // --min-severity changes the active findings, hence the key.
    const high = scanFiles(demoCopy(), packs, { ...base, minSeverity: 'high', cacheDir: dir });
    const all = scanFiles(demoCopy(), packs, { ...base, cacheDir: dir });
    assert.ok(all.files.reduce((n, f) => n + f.occurrences.length, 0) >= high.files.reduce((n, f) => n + f.occurrences.length, 0));
    assert.deepEqual(
      all.files.map((f) => f.occurrences),
      scanFiles(demoCopy(), packs, base).files.map((f) => f.occurrences),
    );
  });

  test('corrupt or foreign entries are ignored and replaced', () => {
    const files = demoCopy();
    const cacheDir = temp('hs-cache-');
    const fresh = scanFiles(files, packs, base);
    scanFiles(files, packs, { ...base, cacheDir });
    const list = entries(cacheDir);
    list.forEach((e, i) =>
      writeFileSync(
        e,
        i % 3 === 0
          ? '{"format":"scan-v2","value":{"occurrences":'
          : i % 3 === 1
            ? '[]'
            : '{"format":"scan-v1","value":{"occurrences":[],"syntaxErrors":[],"suppressed":[]}}',
      ),
    );
    assert.deepEqual(strip(scanFiles(files, packs, { ...base, cacheDir })), strip(fresh));
    // Replaced with good entries: a third scan is still the fresh result.
    assert.deepEqual(JSON.parse(JSON.stringify(strip(scanFiles(files, packs, { ...base, cacheDir })))), JSON.parse(JSON.stringify(strip(fresh))));
  });

  test('an unwritable cache folder only costs speed', () => {
    const files = demoCopy();
    const blocker = join(temp('hs-cache-'), 'file');
    writeFileSync(blocker, 'not a folder');
    assert.deepEqual(strip(scanFiles(files, packs, { ...base, cacheDir: blocker })), strip(scanFiles(files, packs, base)));
  });
});
