// Pack loading with the compile-verdict cache (server/src/packs/compile-verdicts.ts): a second load of the same
// pack reports exactly the same problems, defers compiling the findings that were fine, and those match exactly
// as eagerly compiled ones; a corrupt entry is a miss.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { compiledOf } from '../../server/src/engine/compile';
import { scanSource } from '../../server/src/engine';
import { usePackCompileCache } from '../../server/src/packs/compile-verdicts';
import { loadBuiltinPacks, loadPack, loadPackText } from '../../server/src/packs/load';

const dir = mkdtempSync(join(tmpdir(), 'hs-verdicts-'));
after(() => {
  usePackCompileCache(undefined);
  rmSync(dir, { recursive: true, force: true });
});

const FILE = '/packs/team/pack.yaml';
const finding = (id: string, match: string) =>
  [
    `  - id: ${id}`,
    '    title: t',
    '    severity: high',
    '    confidence: high',
    '    category: c',
    '    description: d',
    '    recommendation: r',
    '    references:',
    '      - title: x',
    '        url: https://example.com/x',
    `    match:`,
    `      pattern: '${match}'`,
  ].join('\n');
const PACK = [
  'name: team',
  'version: 1.0.0',
  'findings:',
  finding('GOOD-1', 'tx.origin'),
  finding('BAD-1', '$X.call{value: $V}(('),
  finding('GOOD-2', '$A.call{value: $V}(...)'),
  '',
].join('\n');
const CODE = 'pragma solidity ^0.8.0;\ncontract C { function f(address a) external { a.call{value: 1}(""); require(tx.origin == a); } }\n';

const entries = () => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.json'));
const deferred = (f: { compiled: unknown }) => (f.compiled as object).constructor.name === 'LazyCompiled';

describe('compile verdicts', () => {
  test('a second load reports the same problems and defers compiling the good findings, which match the same', () => {
    usePackCompileCache(undefined);
    const eager = loadPackText(PACK, FILE);
    assert.deepEqual(
      eager.findings.map((f) => f.id),
      ['GOOD-1', 'GOOD-2'],
    );
    assert.equal(eager.problems.length, 1);
    assert.equal(eager.problems[0].findingId, 'BAD-1');

    usePackCompileCache(dir, 'test-engine');
    const first = loadPackText(PACK, FILE);
    assert.equal(entries().length, 1);
    assert.ok(!first.findings.some(deferred), 'a miss compiles at once');
    const second = loadPackText(PACK, FILE);
    assert.deepEqual(second.problems, eager.problems);
    assert.deepEqual(
      second.findings.map((f) => f.id),
      ['GOOD-1', 'GOOD-2'],
    );
    assert.ok(second.findings.every(deferred), 'a hit defers compiling');
    assert.deepEqual(scanSource(CODE, second.findings), scanSource(CODE, eager.findings));
    assert.equal(scanSource(CODE, second.findings).occurrences.length, 2);
    // Compiled once, then shared by copies (config severity overrides copy findings).
    const copy = { ...second.findings[0], severity: 'low' as const };
    assert.equal(compiledOf(copy), compiledOf(second.findings[0]));

    // Another engine build does not read it.
    usePackCompileCache(dir, 'other-engine');
    assert.ok(!loadPackText(PACK, FILE).findings.some(deferred));
  });

  test('loading an unchanged pack file again gives the same pack, problems and matches, without compiling', () => {
    usePackCompileCache(dir, 'test-engine-load');
    const packDir = join(dir, 'src', 'team');
    mkdirSync(packDir, { recursive: true });
    writeFileSync(join(packDir, 'pack.yaml'), PACK);
    const first = loadPack(packDir);
    const second = loadPack(packDir);
    assert.deepEqual(second.info, first.info);
    assert.deepEqual(second.problems, first.problems);
    const defs = (l: typeof first) => l.findings.map(({ compiled: _c, ...d }) => d);
    assert.deepEqual(defs(second), defs(first));
    assert.ok(second.findings.every(deferred));
    assert.deepEqual(scanSource(CODE, second.findings), scanSource(CODE, first.findings));
    // A changed file misses.
    writeFileSync(join(packDir, 'pack.yaml'), PACK.replace('GOOD-2', 'GOOD-3'));
    assert.deepEqual(
      loadPack(packDir).findings.map((f) => f.id),
      ['GOOD-1', 'GOOD-3'],
    );
    // A pack naming test files is never served from the load cache (its checks read the file system).
    const loads = () => entries().filter((e) => e.parentPath.includes('pack-load-v1')).length;
    const before = loads();
    writeFileSync(join(packDir, 'pack.yaml'), PACK.replaceAll('    category: c\n', '    category: c\n    tests: tests/x.sol\n'));
    const a = loadPack(packDir);
    const b = loadPack(packDir);
    assert.equal(loads(), before);
    assert.deepEqual(b.problems, a.problems);
    assert.deepEqual(
      b.findings.map((f) => f.tests),
      ['tests/x.sol', 'tests/x.sol'],
    );
  });

  test('a corrupt entry is a miss; the built-in pack loads the same deferred', () => {
    usePackCompileCache(dir, 'test-engine-2');
    const eager = loadBuiltinPacks();
    const deferredPacks = loadBuiltinPacks();
    assert.ok(deferredPacks.every((p) => p.findings.every(deferred)));
    assert.deepEqual(
      deferredPacks.map((p) => p.problems),
      eager.map((p) => p.problems),
    );
    const code = CODE.replace('}\n', 'function g(address t) external { (bool ok, ) = t.call(""); ok; } }\n');
    for (let i = 0; i < eager.length; i++) assert.deepEqual(scanSource(code, deferredPacks[i].findings), scanSource(code, eager[i].findings));

    for (const e of entries()) writeFileSync(join(e.parentPath, e.name), '{"format":"compile-v1","value":[{"message":');
    const again = loadPackText(PACK, FILE);
    assert.ok(!again.findings.some(deferred));
    assert.equal(again.problems.length, 1);
  });
});
