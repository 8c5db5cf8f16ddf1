// One report per cause (server/src/project/one-per-cause.ts): the rule itself, then the CLI and the language
// server's view applying it to a pack's overlapping findings.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Finding, Occurrence, Range } from '../../server/src/engine';
import { loadPack } from '../../server/src/packs/load';
import { analyzeText, viewOf } from '../../server/src/project/analysis';
import { onePerCause } from '../../server/src/project/one-per-cause';
import { findingIndex } from '../../server/src/project/run-scan';
import { normalizeSettings } from '../../server/src/shared/settings';
import { removeBundle, ROOT, runCli } from './cli-helpers';

after(removeBundle);

const range = (line: number, from: number, to: number): Range => ({ start: { line, character: from }, end: { line, character: to } });

function finding(id: string, category: string, severity: Finding['severity'], confidence: Finding['confidence'] = 'medium'): Finding {
  return {
    id,
    category,
    severity,
    confidence,
    title: id,
    description: '',
    recommendation: '',
    references: [],
    match: { pattern: '' },
    pack: { name: 'p', version: '1', dir: '', file: '' },
    compiled: undefined,
  };
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

describe('the CLI and the language server apply it', () => {
  // Three findings on `owner` in `tx.origin == owner`: two access-control ones (high, critical) and one of
  // another category. One report per cause keeps the critical one and the other category's.
  const pack = join(ROOT, 'test', 'fixtures', 'cli', 'overlap');
  const code = 'pragma solidity ^0.8.20;\ncontract C {\n    address owner;\n    function f() external view returns (bool) { return tx.origin == owner; }\n}\n';

  test('hindsight scan reports OVL-SHARP and OVL-OTHER once each', async () => {
    const r = await runCli(['scan', '--no-builtin', '--pack', pack, '--format', 'json', '-', '--stdin-filename', 'C.sol'], { input: code });
    assert.equal(r.code, 1, r.stderr);
    const found = (JSON.parse(r.stdout) as { findings: Array<{ id: string; range: { start: { line: number; column: number } } }> }).findings;
    assert.deepEqual(
      found.map((f) => [f.id, f.range.start.line, f.range.start.column]),
      [
        ['OVL-OTHER', 4, 69],
        ['OVL-SHARP', 4, 69],
      ],
    );
  });

  test('the language server shows the same reports', () => {
    const findings = loadPack(pack).findings;
    const { analysis } = analyzeText(code, findings);
    assert.deepEqual(analysis.occurrences.map((o) => o.findingId).sort(), ['OVL-BROAD', 'OVL-OTHER', 'OVL-SHARP'], 'all three match: the rule picks');
    const view = viewOf(analysis, normalizeSettings({}), findingIndex(findings), findings);
    assert.deepEqual(view.kept.map((o) => o.findingId).sort(), ['OVL-OTHER', 'OVL-SHARP']);
  });
});
