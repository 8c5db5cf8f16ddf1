import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { scanSource } from '../../server/src/engine';
import { compileFinding } from '../../server/src/engine/compile';
import { parsePattern } from '../../server/src/engine/pattern/parse-pattern';
import { findExtensionRoot, loadPack, loadPackText, type LoadedPack } from '../../server/src/packs/load';
import { precompile, precompiledLoader, type Precompiled } from '../../server/src/packs/precompiled';

const CORE = join(findExtensionRoot() as string, 'server', 'packs', 'hindsight-core');
const TEXT = readFileSync(join(CORE, 'pack.yaml'), 'utf8');
const temp = mkdtempSync(join(tmpdir(), 'hindsight-precompiled-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** The pack as the build writes it: precompiled, then through JSON (the file on disk). */
function frozen(packs: Array<{ file: string; text: string }>, engines = ['engine-a']): Precompiled {
  const data = precompile(
    packs.map((p) => ({ ...p, load: () => loadPackText(p.text, p.file, { shipped: true }) })),
    engines,
  );
  return JSON.parse(JSON.stringify(data)) as Precompiled;
}

/** A pack folder named like the built-in one, holding `text`. */
function packDir(name: string, text: string): string {
  const dir = join(temp, name, 'hindsight-core');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pack.yaml'), text);
  return dir;
}

const definitions = (p: LoadedPack) => p.findings.map(({ compiled: _c, ...d }) => d);

describe('precompiled built-in packs', () => {
  const file = join(CORE, 'pack.yaml');
  const data = frozen([{ file, text: TEXT }]);

  test('load the same pack as the YAML, and the same parsed patterns', () => {
    const dir = packDir('same', TEXT);
    const fresh = loadPack(dir, { shipped: true });
    const pre = loadPack(dir, { shipped: true, precompiled: precompiledLoader(data, 'engine-a') });
    assert.ok(pre.findings.length > 100);
    assert.deepEqual(pre.info, fresh.info);
    assert.deepEqual(pre.problems, fresh.problems);
    assert.deepEqual(definitions(pre), definitions(fresh));
    assert.deepEqual(pre.monitors, fresh.monitors);
    // Seeding keeps the trees this process parsed; the frozen ones must be equal to them, field for field.
    assert.ok(data.patterns.length > 100);
    for (const [text, parsed] of data.patterns) assert.deepStrictEqual(parsed, parsePattern(text), text);
  });

  test('the findings match what the freshly loaded ones match', () => {
    const dir = packDir('scan', TEXT);
    const pre = loadPack(dir, { shipped: true, precompiled: precompiledLoader(data, 'engine-a') });
    const fresh = loadPackText(TEXT, join(dir, 'pack.yaml')).findings.map((f) => compileFinding(f, f.pack));
    const tests = join(CORE, 'tests');
    const sources = readdirSync(tests)
      .filter((f) => f.endsWith('.sol'))
      .sort()
      .slice(0, 12)
      .map((f) => readFileSync(join(tests, f), 'utf8'));
    assert.ok(sources.length > 0);
    for (const src of sources) assert.deepEqual(scanSource(src, pre.findings), scanSource(src, fresh));
  });

  test('an edited pack, another engine or another format loads from its YAML', () => {
    const edited = TEXT.replace(/(\n  - id: HS-[A-Z]+-\d+\n    title: )[^\n]+/, '$1Edited after the build');
    assert.notEqual(edited, TEXT);
    const dir = packDir('edited', edited);
    const loader = precompiledLoader(data, 'engine-a');
    assert.equal(loader(edited, join(dir, 'pack.yaml')), undefined);
    const loaded = loadPack(dir, { shipped: true, precompiled: loader });
    assert.deepEqual(definitions(loaded), definitions(loadPack(dir, { shipped: true })));
    assert.ok(loaded.findings.some((f) => f.title === 'Edited after the build'));
    assert.equal(precompiledLoader(data, 'engine-b')(TEXT, file), undefined, 'another build');
    assert.equal(precompiledLoader({ ...data, format: 'builtin-packs-v0' }, 'engine-a')(TEXT, file), undefined, 'another format');
    assert.equal(precompiledLoader(undefined, 'engine-a')(TEXT, file), undefined, 'no file');
    const damaged = { ...data, patterns: [['$X', { nodes: 'not a list' }]] } as unknown as Precompiled;
    assert.equal(precompiledLoader(damaged, 'engine-a')(TEXT, file), undefined, 'a damaged file');
    assert.ok(precompiledLoader(data, 'engine-a')(TEXT, file));
  });

  test('a pack with problems is not frozen: it loads, and reports them, from its YAML', () => {
    const broken = TEXT.replace(/severity: high/, 'severity: extreme');
    const dir = packDir('broken', broken);
    const d = frozen([{ file: join(dir, 'pack.yaml'), text: broken }]);
    assert.deepEqual(d.packs, []);
    assert.ok(loadPack(dir, { shipped: true, precompiled: precompiledLoader(d, 'engine-a') }).problems.length > 0);
  });
});
