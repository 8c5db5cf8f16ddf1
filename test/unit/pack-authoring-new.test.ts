// `hindsight pack new` starts a pack with a lesson the built-in pack does not already teach: its example finding,
// run over every built-in test file, reports no line a built-in finding is expected on, and the built-in pack
// reports nothing on the example's expected line. Checked by running both, not by comparing names.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { scanSource } from '../../server/src/engine';
import { loadBuiltinPacks, loadPack } from '../../server/src/packs/load';
import { parseAnnotations, runPackTests } from '../../server/src/packs/pack-test';
import { scaffoldPack } from '../../server/src/packs/pack-tools';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function scaffold(): { dir: string; id: string } {
  const base = mkdtempSync(join(tmpdir(), 'hs-pack-new-'));
  dirs.push(base);
  const r = scaffoldPack(join(base, 'team'));
  return { dir: r.dir, id: r.findingId };
}

test('the scaffolded finding loads, passes its own test, and matches no line a built-in finding expects', () => {
  const { dir, id } = scaffold();
  const pack = loadPack(dir);
  assert.deepEqual(pack.problems, []);
  assert.ok(runPackTests(pack).results.every((r) => r.passed));

  const [builtin] = loadBuiltinPacks();
  const testsDir = join(builtin.info.dir, 'tests');
  const clashes: string[] = [];
  let scanned = 0;
  for (const name of readdirSync(testsDir).filter((n) => n.endsWith('.sol') && !n.endsWith('.fixed.sol'))) {
    const text = readFileSync(join(testsDir, name), 'utf8');
    const expected = new Set(
      parseAnnotations(text)
        .filter((a) => a.kind === 'expect')
        .map((a) => a.target),
    );
    scanned++;
    for (const o of scanSource(text, pack.findings).occurrences) {
      if (expected.has(o.range.start.line) || expected.has(o.matchRange.start.line)) clashes.push(`${name}:${o.range.start.line + 1} ${o.findingId}`);
    }
  }
  assert.ok(scanned > 50, `built-in test files found: ${scanned}`);
  assert.deepEqual(clashes, [], `${id} duplicates built-in findings`);
});

test('the built-in pack reports nothing on the scaffolded example', () => {
  const { dir, id } = scaffold();
  const text = readFileSync(join(dir, 'tests', `${id}.sol`), 'utf8');
  const builtin = loadBuiltinPacks().flatMap((p) => p.findings);
  const reported = scanSource(text, builtin).occurrences.map((o) => `${o.findingId}@${o.range.start.line + 1}`);
  assert.deepEqual(reported, []);
});
