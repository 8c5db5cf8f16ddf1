// An editor's SARIF (server/src/report/sarif.ts findingsToSarif) and reading other tools' SARIF
// (server/src/report/sarif-import.ts): triage as suppressions, relative locations, the official schema, a round trip.
import { occurrenceHash } from '../../server/src/shared/finding-identity';
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import type { ReportItem } from '../../server/src/report/report-items';
import { findingsToSarif } from '../../server/src/report/sarif';
import { artifactResolver, importSarif, SarifImportError } from '../../server/src/report/sarif-import';

const ROOT = join(__dirname, '..', '..');
// The official schema (test/fixtures/sarif) is the committee specification's, where a suppression's review state is
// `state`; the OASIS Standard (and @types/sarif, and GitHub) call it `status`. Validate with the standard's name.
const validate = (() => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
  const props = schema.definitions.suppression.properties;
  assert.ok(props.state && !props.status);
  props.status = props.state;
  delete props.state;
  return ajv.compile(schema);
})();
const WS = '/ws';
const tool = { name: 'hindsight', version: '1.0.0', informationUri: 'https://example.com/hindsight' };
const resolve = (uri: string) => `file:///ws/${uri}`;

function item(over: Partial<ReportItem>): ReportItem {
  const range = { start: { line: 4, character: 8 }, end: { line: 4, character: 20 } };
  return {
    source: 'hindsight',
    uri: 'file:///ws/src/A.sol',
    file: '/ws/src/A.sol',
    path: 'src/A.sol',
    range,
    matchRange: range,
    findingId: 'HS-X-001',
    title: 'Title',
    severity: 'high',
    confidence: 'high',
    category: 'access-control',
    pack: 'core',
    packVersion: '1.0.0',
    fingerprint: 'fp1',
    contract: 'A',
    function: 'f',
    hasFix: false,
    triage: 'open',
    rule: { description: 'Why it matters.', recommendation: 'Do this. Then that.', references: [{ swc: 'SWC-115', url: 'https://example.com/r' }] },
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
          {
            ruleId: 'H-1',
            message: { text: 'uses block.timestamp' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'src/A.sol' }, region: { startLine: 3, startColumn: 5, endColumn: 9 } } }],
          },
          {
            ruleId: 'L-2',
            level: 'note',
            message: { text: 'pragma' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'src/B.sol' }, region: { startLine: 1 } } }],
          },
          { ruleId: 'X', level: 'warning', message: { text: 'no location' } },
          {
            ruleId: 'S',
            message: { text: 'slither words' },
            properties: { impact: 'Informational' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'src/C.sol' }, region: { startLine: 2 } } }],
          },
        ],
      },
    ],
  };
  const { findings, skipped } = importSarif(JSON.stringify(log), { file: 'a.sarif', resolve });
  assert.equal(skipped, 1);
  assert.deepEqual(
    findings.map((i) => [i.findingId, i.severity, i.title, i.uri, i.range.start.line, i.range.start.character, i.range.end.character]),
    [
      ['H-1', 'critical', 'Weak randomness', 'file:///ws/src/A.sol', 2, 4, 8],
      ['L-2', 'low', 'L-2', 'file:///ws/src/B.sol', 0, 0, 10000],
      ['S', 'info', 'S', 'file:///ws/src/C.sol', 1, 0, 10000],
    ],
  );
  assert.ok(
    findings.every(
      (i) => i.source === 'imported' && i.tool === 'Aderyn' && i.pack === 'imported:Aderyn' && i.fingerprint.startsWith('sarif-') && i.triage === 'open',
    ),
  );
  assert.equal(findings[0].message, 'uses block.timestamp');
  assert.equal(findings[0].rule.description, 'uses block.timestamp', 'without a rule description, the message describes it');
  // Stable identity across imports: triage keyed by it survives re-importing the same results.
  assert.deepEqual(
    importSarif(JSON.stringify(log), { file: 'a.sarif', resolve }).findings.map((i) => i.fingerprint),
    findings.map((i) => i.fingerprint),
  );
});

test('rejects what is not SARIF 2.1.0 with the file and position', () => {
  assert.throws(
    () => importSarif('{"runs": [', { file: 'x.sarif', resolve }),
    (e: unknown) => e instanceof SarifImportError && /^x\.sarif: not valid JSON/.test(e.message),
  );
  assert.throws(
    () => importSarif('{\n  "runs" []}', { file: 'x.sarif', resolve }),
    (e: unknown) => e instanceof SarifImportError && /^x\.sarif: not valid JSON at line 2, column 10 /.test(e.message),
  );
  assert.throws(() => importSarif('{"version":"2.1.0"}', { file: 'x.sarif', resolve }), /no "runs" array/);
  assert.throws(() => importSarif('{"version":"1.0.0","runs":[]}', { file: 'x.sarif', resolve }), /version 1\.0\.0 is not supported/);
});

test('artifact paths: file URIs and absolute paths as they are, base ids, then the first root that has the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-sarif-'));
  try {
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b', 'src'), { recursive: true });
    writeFileSync(join(dir, 'b', 'src', 'X.sol'), '');
    const r = artifactResolver([join(dir, 'a'), join(dir, 'b')]);
    const run = { tool: { driver: { name: 't' } }, originalUriBaseIds: { BASE: { uri: pathToFileURL(join(dir, 'base') + '/').href } } } as Sarif.Run;
    assert.equal(r('src/X.sol', undefined, run), pathToFileURL(join(dir, 'b', 'src', 'X.sol')).href);
    assert.equal(r('src/Missing.sol', undefined, run), pathToFileURL(join(dir, 'a', 'src', 'Missing.sol')).href, 'found nowhere: the first root');
    assert.equal(r('src/With%20Space.sol', 'BASE', run), pathToFileURL(join(dir, 'base', 'src', 'With Space.sol')).href);
    assert.equal(r(pathToFileURL('/abs/Y.sol').href, undefined, run), pathToFileURL('/abs/Y.sol').href);
    assert.equal(r('/abs/Y.sol', undefined, run), pathToFileURL('/abs/Y.sol').href);
    assert.equal(artifactResolver([])('src/X.sol', undefined, run), undefined, 'nowhere to look: skipped');
    assert.equal(r('https://example.com/X.sol', undefined, run), undefined, 'not a file: skipped');
    if (process.platform !== 'win32') assert.equal(r('file://host/share/X.sol', undefined, run), undefined, 'a file on another host: skipped');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SARIF export carries fingerprints, severity and triage as suppressions', () => {
  const log = findingsToSarif(
    [
      item({}),
      item({ fingerprint: 'fp2', triage: 'false-positive', note: { comment: 'guarded', author: 'Ada', date: '' } }),
      item({ fingerprint: 'fp3', triage: 'wont-fix' }),
    ],
    { roots: [{ id: '%SRCROOT%', path: WS }], tool },
  );
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const run = log.runs[0];
  assert.equal(run.tool.driver.rules?.length, 1);
  assert.equal(run.tool.driver.rules?.[0].properties?.['security-severity'], '8.0');
  assert.match(run.tool.driver.rules?.[0].help?.markdown ?? '', /Pack: core 1\.0\.0/);
  const [a, b, c] = run.results!;
  assert.deepEqual(a.partialFingerprints, { 'hindsight/v2': occurrenceHash({ findingId: 'HS-X-001', file: 'src/A.sol', fingerprint: 'fp1' }) });
  assert.deepEqual(a.locations?.[0].physicalLocation?.region, { startLine: 5, startColumn: 9, endLine: 5, endColumn: 21 });
  assert.deepEqual(a.locations?.[0].physicalLocation?.artifactLocation, { uri: 'src/A.sol', uriBaseId: '%SRCROOT%' });
  assert.equal(run.originalUriBaseIds?.['%SRCROOT%']?.uri, 'file:///ws/');
  assert.equal(a.message.text, 'Title (in A.f). Do this.');
  assert.equal(a.suppressions, undefined);
  assert.equal(a.properties?.triage, 'open');
  assert.deepEqual(b.suppressions, [{ kind: 'external', status: 'accepted', justification: 'false-positive: guarded' }]);
  assert.deepEqual([b.properties?.triage, b.properties?.triageAuthor, b.properties?.triageComment], ['false-positive', 'Ada', 'guarded']);
  assert.deepEqual(c.suppressions, [{ kind: 'external', status: 'accepted', justification: 'wont-fix' }]);
});

test('SARIF export: imported results, id clashes between packs, several folders, files outside them', () => {
  const imported = item({
    source: 'imported',
    tool: 'Slither',
    message: 'tx.origin used',
    findingId: 'tx-origin',
    pack: 'imported:Slither',
    packVersion: undefined,
    fingerprint: 'sarif-1',
    severity: 'medium',
    rule: { description: '', recommendation: '', references: [] },
  });
  const log = findingsToSarif(
    [
      item({}),
      item({ pack: 'team', fingerprint: 'fp2', file: '/other/src/B.sol', uri: 'file:///other/src/B.sol' }),
      imported,
      item({ fingerprint: 'fp3', file: '/elsewhere/C.sol', uri: 'file:///elsewhere/C.sol' }),
    ],
    {
      roots: [
        { id: '%SRCROOT%', path: WS },
        { id: 'other', path: '/other' },
      ],
      tool,
    },
  );
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const run = log.runs[0];
  assert.deepEqual(
    run.tool.driver.rules?.map((r) => r.id),
    ['HS-X-001', 'team/HS-X-001', 'tx-origin'],
  );
  assert.deepEqual(
    run.results?.map((r) => r.locations?.[0].physicalLocation?.artifactLocation),
    [
      { uri: 'src/A.sol', uriBaseId: '%SRCROOT%' },
      { uri: 'src/B.sol', uriBaseId: 'other' },
      { uri: 'src/A.sol', uriBaseId: '%SRCROOT%' },
      { uri: 'file:///elsewhere/C.sol' },
    ],
  );
  assert.equal(run.results?.[2].message.text, 'tx.origin used');
  assert.equal(run.results?.[2].properties?.pack, 'imported:Slither');
  const rule = run.tool.driver.rules![2];
  assert.equal(rule.fullDescription, undefined);
  assert.match(rule.help?.markdown ?? '', /Imported from Slither$/);
});

test('round trip: what the export writes, the import reads back as the same findings', () => {
  const items = [
    item({}),
    item({ fingerprint: 'fp2', severity: 'critical', findingId: 'HS-C', title: 'Crit', confidence: 'low', category: 'calls' }),
    item({
      fingerprint: 'fp3',
      severity: 'info',
      findingId: 'HS-I',
      title: 'Info',
      confidence: 'medium',
      contract: '',
      function: '',
      file: '/ws/src/With Space.sol',
      uri: 'file:///ws/src/With%20Space.sol',
    }),
  ];
  const text = JSON.stringify(findingsToSarif(items, { roots: [{ id: '%SRCROOT%', path: WS }], tool }));
  const { findings, skipped } = importSarif(text, { file: 'h.sarif', resolve: artifactResolver([]) });
  assert.equal(skipped, 0);
  const shape = (f: { findingId: string; title: string; severity: string; confidence: string; category: string; uri: string; range: unknown }) => [
    f.findingId,
    f.title,
    f.severity,
    f.confidence,
    f.category,
    f.uri,
    f.range,
  ];
  assert.deepEqual(findings.map(shape), items.map(shape));
  assert.deepEqual(
    findings.map((f) => f.message),
    ['Title (in A.f). Do this.', 'Crit (in A.f). Do this.', 'Info. Do this.'],
  );
  assert.ok(findings.every((f) => f.tool === 'hindsight' && f.rule.description === 'Why it matters.' && f.rule.references[0]?.url === 'https://example.com/r'));
  assert.equal(new Set(findings.map((f) => f.fingerprint)).size, 3);
});
