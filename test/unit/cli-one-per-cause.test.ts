// One report per cause (server/src/project/one-per-cause.ts): the rule itself, then the CLI and the language
// server's view applying it to the built-in pack's overlapping findings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Finding, Occurrence, Range } from '../../server/src/engine';
import { loadBuiltinPacks } from '../../server/src/packs/load';
import { analyzeText, viewOf } from '../../server/src/project/analysis';
import { onePerCause } from '../../server/src/project/one-per-cause';
import { findingIndex } from '../../server/src/project/run-scan';
import { normalizeSettings } from '../../server/src/shared/settings';
import { removeBundle, ROOT, runCli } from './cli-helpers';

after(removeBundle);

const range = (line: number, from: number, to: number): Range => ({ start: { line, character: from }, end: { line, character: to } });

function finding(id: string, category: string, severity: Finding['severity'], confidence: Finding['confidence'] = 'medium'): Finding {
  return { id, category, severity, confidence, title: id, description: '', recommendation: '', references: [], match: { pattern: '' }, pack: { name: 'p', version: '1', dir: '', file: '' }, compiled: undefined };
}

function occ(id: string, r: Range, match: Range = r): Occurrence {
  return { findingId: id, pack: 'p', range: r, matchRange: match, contract: 'C', function: 'f', bindings: {}, fingerprint: id };
}

describe('one report per cause', () => {
  const findings = [
    finding('A-BROAD', 'access-control', 'high'),
    finding('A-SHARP', 'access-control', 'critical'),
    finding('A-SURE', 'access-control', 'high', 'high'),
    finding('T-1', 'tokens', 'low'),
  ];
  const find = findingIndex(findings);
  const ids = (list: Occurrence[]) => list.map((o) => o.findingId);

  test('same category, same range: the more severe is kept, whatever the order', () => {
    const a = occ('A-BROAD', range(3, 4, 10));
    const b = occ('A-SHARP', range(3, 4, 10));
    assert.deepEqual(ids(onePerCause([a, b], find)), ['A-SHARP']);
    assert.deepEqual(ids(onePerCause([b, a], find)), ['A-SHARP']);
  });

  test('equal severity: the more confident, then the narrower match', () => {
    assert.deepEqual(ids(onePerCause([occ('A-BROAD', range(1, 0, 5)), occ('A-SURE', range(1, 0, 5))], find)), ['A-SURE']);
    const wide = occ('A-BROAD', range(1, 0, 5), { start: { line: 0, character: 0 }, end: { line: 9, character: 1 } });
    const narrow = { ...occ('A-BROAD', range(1, 0, 5), range(1, 0, 20)), findingId: 'A-BROAD', fingerprint: 'n' };
    assert.equal(onePerCause([wide, narrow], find)[0], narrow);
  });

  test('other categories or other ranges are other causes', () => {
    const list = [occ('A-BROAD', range(3, 4, 10)), occ('T-1', range(3, 4, 10)), occ('A-SHARP', range(3, 4, 11)), occ('A-SHARP', range(4, 4, 10))];
    assert.deepEqual(onePerCause(list, find), list);
  });

  test('the same finding from two packs: both are reported (each pack speaks for itself)', () => {
    const team = { ...finding('A-SHARP', 'access-control', 'critical'), pack: { name: 'team', version: '1', dir: '', file: '' } };
    const both = findingIndex([...findings, team]);
    const list = [occ('A-SHARP', range(3, 4, 10)), { ...occ('A-SHARP', range(3, 4, 10)), pack: 'team' }];
    assert.deepEqual(onePerCause(list, both), list);
  });

  test('occurrences of unknown findings are kept as they are', () => {
    const unknown = { ...occ('X-1', range(3, 4, 10)), pack: 'other' };
    assert.deepEqual(ids(onePerCause([unknown, occ('A-BROAD', range(3, 4, 10))], find)), ['X-1', 'A-BROAD']);
  });
});

describe('the built-in pack: HS-ACCESS-003 and HS-ACCESS-007 on one unprotected initializer', () => {
  const file = join(ROOT, 'server', 'packs', 'hindsight-core', 'tests', 'HS-ACCESS-003.sol');

  test('the CLI reports HS-ACCESS-007 (critical) alone on that line', async () => {
    const r = await runCli(['scan', '--format', 'json', file]);
    assert.equal(r.code, 1, r.stderr);
    const found = (JSON.parse(r.stdout) as { findings: Array<{ id: string; range: { start: { line: number } } }> }).findings;
    const line10 = found.filter((f) => f.range.start.line === 10).map((f) => f.id);
    assert.deepEqual(line10, ['HS-ACCESS-007']);
  });

  test('the language server shows the same single report', () => {
    const findings = loadBuiltinPacks().flatMap((p) => p.findings);
    const { analysis } = analyzeText(readFileSync(file, 'utf8'), findings);
    const raw = analysis.occurrences.filter((o) => o.range.start.line === 9).map((o) => o.findingId).sort();
    assert.deepEqual(raw, ['HS-ACCESS-003', 'HS-ACCESS-007'], 'both findings match: the rule picks one');
    const view = viewOf(analysis, normalizeSettings({}), findingIndex(findings), findings);
    assert.deepEqual(
      view.kept.filter((o) => o.range.start.line === 9).map((o) => o.findingId),
      ['HS-ACCESS-007'],
    );
  });
});
