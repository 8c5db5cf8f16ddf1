// The extension's pure report modules: SARIF import (Slither/Aderyn shapes), SARIF export, Markdown report, filters.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { importSarif, SarifImportError } from '../../client/src/report/sarifImport';
import { renderSarif } from '../../client/src/report/sarifExport';
import { renderMarkdownReport } from '../../client/src/report/markdown';
import { applyFilters, NO_FILTER } from '../../client/src/filters';
import type { Item } from '../../client/src/findingsModel';

const resolve = (uri: string) => `file:///ws/${uri}`;

function item(over: Partial<Item>): Item {
  const range = { start: { line: 4, character: 8 }, end: { line: 4, character: 20 } };
  return {
    source: 'hindsight', uri: 'file:///ws/src/A.sol', range, matchRange: range, findingId: 'HS-X-001', title: 'Title', severity: 'high',
    confidence: 'high', category: 'access-control', pack: 'core', fingerprint: 'fp1', contract: 'A', function: 'f', hasFix: false, triage: 'open',
    ...over,
  };
}

test('imports results with severity from security-severity, level or impact', () => {
  const log = {
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Aderyn', rules: [{ id: 'H-1', shortDescription: { text: 'Weak randomness' }, properties: { 'security-severity': '9.1' } }] } },
        results: [
          { ruleId: 'H-1', message: { text: 'uses block.timestamp' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/A.sol' }, region: { startLine: 3, startColumn: 5, endColumn: 9 } } }] },
          { ruleId: 'L-2', level: 'note', message: { text: 'pragma' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'src/B.sol' }, region: { startLine: 1 } } }] },
          { ruleId: 'X', level: 'warning', message: { text: 'no location' } },
        ],
      },
    ],
  };
  const { items, skipped } = importSarif(JSON.stringify(log), { file: 'a.sarif', resolve });
  assert.equal(skipped, 1);
  assert.deepEqual(items.map((i) => [i.findingId, i.severity, i.title, i.uri, i.range.start.line, i.range.start.character, i.range.end.character]), [
    ['H-1', 'critical', 'Weak randomness', 'file:///ws/src/A.sol', 2, 4, 8],
    ['L-2', 'low', 'L-2', 'file:///ws/src/B.sol', 0, 0, 10000],
  ]);
  assert.ok(items.every((i) => i.source === 'imported' && i.pack === 'imported:Aderyn' && i.fingerprint.startsWith('sarif-')));
  // Stable identity across imports: triage keyed by it survives re-importing the same results.
  assert.deepEqual(importSarif(JSON.stringify(log), { file: 'a.sarif', resolve }).items.map((i) => i.fingerprint), items.map((i) => i.fingerprint));
});

test('rejects what is not SARIF 2.1.0 with the file and position', () => {
  assert.throws(() => importSarif('{"runs": [', { file: 'x.sarif', resolve }), (e: unknown) => e instanceof SarifImportError && /^x\.sarif: not valid JSON/.test(e.message));
  assert.throws(() => importSarif('{"version":"2.1.0"}', { file: 'x.sarif', resolve }), /no "runs" array/);
  assert.throws(() => importSarif('{"version":"1.0.0","runs":[]}', { file: 'x.sarif', resolve }), /version 1\.0\.0 is not supported/);
});

test('SARIF export carries fingerprints, severity and triage as suppressions', () => {
  const log = renderSarif({
    items: [item({}), item({ fingerprint: 'fp2', triage: 'false-positive' })],
    version: '1.0.0',
    relPath: (u) => u.replace('file:///ws/', ''),
    details: () => null,
    triage: (i) => (i.triage === 'false-positive' ? { findingId: i.findingId, file: '', status: 'false-positive', comment: 'guarded', author: 'Ada', date: '', history: [] } : undefined),
  });
  const run = log.runs[0];
  assert.equal(run.tool.driver.rules?.length, 1);
  assert.equal(run.tool.driver.rules?.[0].properties?.['security-severity'], '8.0');
  const [a, b] = run.results!;
  assert.deepEqual(a.partialFingerprints, { 'hindsight/v1': 'fp1' });
  assert.deepEqual(a.locations?.[0].physicalLocation?.region, { startLine: 5, startColumn: 9, endLine: 5, endColumn: 21 });
  assert.equal(a.suppressions, undefined);
  assert.deepEqual(b.suppressions, [{ kind: 'external', status: 'accepted', justification: 'false-positive: guarded' }]);
});

test('Markdown report numbers findings by severity and lists false positives apart', () => {
  const md = renderMarkdownReport({
    title: 'Report',
    generated: new Date('2026-01-02T00:00:00Z'),
    items: [item({}), item({ fingerprint: 'fp2', range: { start: { line: 9, character: 0 }, end: { line: 9, character: 3 } } }), item({ fingerprint: 'fp3', findingId: 'HS-Y-001', title: 'Other', severity: 'low' }), item({ fingerprint: 'fp4', triage: 'false-positive' })],
    relPath: (u) => u.replace('file:///ws/', ''),
    details: () => ({ id: 'HS-X-001', title: 'Title', severity: 'high', confidence: 'high', category: 'c', description: 'Why it matters.', recommendation: 'Do this.', references: [{ title: 'Ref', url: 'https://example.com/r' }], pack: { name: 'core', version: '1.0.0', file: '' } }),
    code: () => 'x = 1;',
    triage: () => undefined,
  });
  assert.match(md, /\| High \| 1 \| 2 \|/);
  assert.match(md, /## H-01: Title/);
  assert.match(md, /## L-01: Other/);
  assert.match(md, /- `src\/A\.sol:5` in `A\.f` — Open/);
  assert.match(md, /- \[Ref\]\(https:\/\/example\.com\/r\)/);
  assert.match(md, /## Appendix: triaged as false positive\n\n- `HS-X-001` Title at `src\/A\.sol:5`/);
  assert.match(md, /3 occurrences reported, 1 triaged as false positive/);
});

test('filters: false positives hidden unless asked for; words must all match', () => {
  const list = [item({}), item({ fingerprint: 'b', triage: 'false-positive' }), item({ fingerprint: 'c', severity: 'low', title: 'Reentrancy in withdraw' })];
  const rel = (u: string) => u;
  assert.deepEqual(applyFilters(list, NO_FILTER, rel, undefined).map((i) => i.fingerprint), ['fp1', 'c']);
  assert.deepEqual(applyFilters(list, { ...NO_FILTER, triage: ['false-positive'] }, rel, undefined).map((i) => i.fingerprint), ['b']);
  assert.deepEqual(applyFilters(list, { ...NO_FILTER, text: 'reentrancy WITHDRAW' }, rel, undefined).map((i) => i.fingerprint), ['c']);
  assert.deepEqual(applyFilters(list, { ...NO_FILTER, severities: ['high'] }, rel, undefined).map((i) => i.fingerprint), ['fp1']);
  assert.deepEqual(applyFilters(list, { ...NO_FILTER, newSinceBaseline: true }, rel, (i) => i.fingerprint === 'c').map((i) => i.fingerprint), ['c']);
});
