// The built-in pack as a product: every finding passes its own pack tests (same runner as `hindsight pack test`),
// and the catalogue meets the metadata rules of issue 5 (size, references, test cases, fixes, ids).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { detectKind } from '../../server/src/engine/pattern/parse-pattern';
import { readChangelog } from '../../server/src/packs/changelog';
import { loadPack, testFileOf } from '../../server/src/packs/load';
import { fixedFileOf, parseAnnotations, runPackTests } from '../../server/src/packs/pack-test';
import { renderCatalogue } from '../precision/findings-doc';
import { PACK_DIR, ROOT } from '../precision/libraries';

const pack = loadPack(PACK_DIR);
const findings = pack.findings;

/** Families of issue 5, as pack categories. */
const FAMILIES = [
  'reentrancy',
  'access-control',
  'oracle',
  'tokens',
  'math',
  'slippage',
  'signatures',
  'low-level-calls',
  'randomness',
  'denial-of-service',
  'arithmetic',
  'upgradeability',
  'eth-transfer',
];

describe('built-in pack: loading', () => {
  // Also what lets the built-in packs load with their compiling deferred (loadPack's `shipped`): every finding compiles.
  it('loads without problems', () => {
    assert.deepEqual(
      pack.problems.map((p) => `${p.findingId ?? ''} ${p.message}`),
      [],
    );
    assert.equal(pack.info.name, 'hindsight-core');
  });
  it('has at least 60 findings with unique, well-formed ids', () => {
    assert.ok(findings.length >= 60, `only ${findings.length} findings`);
    const ids = findings.map((f) => f.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
    for (const id of ids) assert.match(id, /^HS-[A-Z][A-Z0-9]*-\d{3}$/);
  });
  it('covers every family of issue 5', () => {
    const categories = new Set(findings.map((f) => f.category));
    for (const family of FAMILIES) assert.ok(categories.has(family), `no finding in category ${family}`);
  });
});

describe('built-in pack: metadata of every finding', () => {
  for (const f of findings) {
    it(f.id, () => {
      assert.ok(f.title.length >= 10 && f.title.length <= 90, 'title length');
      assert.ok(f.description.trim().length >= 80, 'description says why it matters');
      assert.ok(f.recommendation.trim().length >= 15, 'recommendation says what to do');
      assert.ok(f.references.length >= 1, 'at least one reference');
      for (const r of f.references) {
        assert.match(r.url, /^https:\/\/[^\s]+$/, `reference ${r.url} is an https URL`);
        if (r.swc) assert.equal(r.url, `https://swcregistry.io/docs/${r.swc}`, 'SWC reference points at its registry page');
      }
      const text = readFileSync(testFileOf(f, PACK_DIR), 'utf8');
      const mine = parseAnnotations(text).filter((a) => a.ids.includes(f.id));
      const expects = mine.filter((a) => a.kind === 'expect').length;
      const oks = mine.filter((a) => a.kind === 'ok').length;
      assert.ok(expects >= 2, `${expects} expect case(s), need 2`);
      assert.ok(oks >= 2, `${oks} ok case(s), need 2`);
      if (f.fix) {
        assert.ok(existsSync(fixedFileOf(testFileOf(f, PACK_DIR))), 'a finding with a fix has a .fixed.sol');
        assert.ok(f.fix.kind === 'safe' || f.fix.kind === 'review', 'fix says its kind explicitly (safe or review)');
      }
    });
  }
});

describe('built-in pack: fixes', () => {
  it('at least 40 findings carry a fix (issue 18)', () => {
    const withFix = findings.filter((f) => f.fix);
    assert.ok(withFix.length >= 40, `only ${withFix.length} findings with a fix`);
  });
});

describe('built-in pack: pack tests', () => {
  const report = runPackTests(pack);
  it('runs a test for every finding', () => {
    assert.equal(report.results.length, findings.length);
  });
  for (const r of report.results) {
    it(r.id, () => {
      assert.deepEqual(
        r.failures.map((x) => (x.line ? `line ${x.line}: ${x.message}` : x.message)),
        [],
      );
      assert.equal(r.passed, true);
      const f = findings.find((x) => x.id === r.id);
      if (f?.fix) assert.equal(r.fixChecked, true, 'the fix was checked against the .fixed.sol file');
    });
  }
});

describe('built-in pack: exercises the whole pattern language', () => {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      seen.add(key);
      if (key === 'pattern' && typeof value === 'string') {
        seen.add(`kind:${detectKind(value)}`);
        if (detectKind(value) === 'statements' && value.includes('...')) seen.add('statements with ...');
      }
      if (key === 'where' && Array.isArray(value)) for (const filter of value) for (const k of Object.keys(filter)) seen.add(`filter:${k}`);
      visit(value);
    }
  };
  for (const f of findings) {
    visit(f.match);
    if (f.focus) seen.add('focus');
    if (f.fix) for (const e of f.fix.edits) for (const k of Object.keys(e)) seen.add(`edit:${k}`);
  }
  const wanted = [
    'kind:expression',
    'kind:statements',
    'statements with ...',
    'kind:member',
    'kind:state-variable',
    'kind:contract',
    'any',
    'all',
    'not',
    'inside',
    'not-inside',
    'filter:function',
    'filter:contract',
    'filter:solidity',
    'regex',
    'comparison',
    'focus',
    'edit:replace',
    'edit:insert-before',
    'edit:insert-line-after',
  ];
  for (const w of wanted) it(w, () => assert.ok(seen.has(w), `no finding uses ${w}`));
});

describe('built-in pack: docs/findings.md', () => {
  it('is regenerated from the pack (node --import tsx test/precision/findings-doc.ts)', () => {
    const expected = renderCatalogue(findings, pack.info.name, pack.info.version, readChangelog(pack.info.file));
    assert.equal(readFileSync(join(ROOT, 'docs', 'findings.md'), 'utf8'), expected);
  });
});
