import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadPack } from '../../server/src/packs/load';
import { parseAnnotations, runPackTests, type FindingTestResult, type PackTestReport } from '../../server/src/packs/pack-test';
import { unifiedDiff } from '../../server/src/packs/diff';

const FIXTURES = join(__dirname, '..', 'fixtures', 'packs');

function result(report: PackTestReport, id: string): FindingTestResult {
  const r = report.results.find((x) => x.id === id);
  assert.ok(r, `no result for ${id}`);
  return r;
}

describe('parseAnnotations', () => {
  test('expect / ruleid / ok apply to the next code line, several ids, stacked comments', () => {
    const text = [
      '// expect: A-1, B-2', // 0
      '', // 1
      'a();', // 2
      '// ok: A-1', // 3
      '// ruleid: C-3', // 4
      'b();', // 5
      'c(); // expect: D-4', // 6: trailing annotations are not supported
      '// ok: E-5', // 7
    ].join('\n');
    const a = parseAnnotations(text);
    assert.deepEqual(
      a.map((x) => [x.kind, x.ids, x.line, x.target]),
      [
        ['expect', ['A-1', 'B-2'], 0, 2],
        ['ok', ['A-1'], 3, 5],
        ['expect', ['C-3'], 4, 5],
        ['ok', ['E-5'], 7, -1],
      ],
    );
  });
});

describe('runPackTests on a passing pack', () => {
  const report = runPackTests(loadPack(join(FIXTURES, 'good')));

  test('every finding passes', () => {
    assert.deepEqual(
      report.results.map((r) => [r.id, r.passed, r.failures]),
      [
        ['GOOD-001', true, []],
        ['GOOD-002', true, []],
        ['GOOD-003', true, []],
      ],
    );
    assert.equal(report.passed, 3);
    assert.equal(report.failed, 0);
  });

  test('expect and ok lines are counted, the fix is checked against .fixed.sol', () => {
    const r = result(report, 'GOOD-001');
    assert.deepEqual(r.expectLines, [9, 20]);
    assert.deepEqual(r.okLines, [15]);
    assert.deepEqual(r.reportedLines, [9, 20]);
    assert.equal(r.fixChecked, true);
  });

  test('a fix that leaves the finding in place passes with a warning', () => {
    assert.deepEqual(result(report, 'GOOD-001').warnings, []);
    assert.deepEqual(result(report, 'GOOD-003').warnings, [
      { message: 'still reported on line 6 of tests/GOOD-003.fixed.sol: the fix does not resolve the finding there', line: 6 },
    ]);
  });

  test('a custom tests path is honoured and annotations for other ids are ignored', () => {
    const r = result(report, 'GOOD-002');
    assert.match(r.testFile, /tests[\\/]custom[\\/]selfdestruct\.sol$/);
    assert.deepEqual(r.expectLines, [7]);
    assert.equal(r.fixChecked, false);
  });
});

describe('runPackTests on a failing pack', () => {
  const report = runPackTests(loadPack(join(FIXTURES, 'bad')));

  test('failed and passed counts', () => {
    assert.equal(report.passed, 0);
    assert.equal(report.failed, 6);
  });

  test('missing expected line, unexpected line and a match on an ok line, with line numbers', () => {
    const r = result(report, 'BAD-001');
    assert.equal(r.passed, false);
    assert.deepEqual(r.failures, [
      { message: 'expected on line 6 but not reported', line: 6 },
      { message: 'reported on line 7, which has no "// expect: BAD-001" annotation', line: 7 },
      { message: 'reported on line 12, which is annotated ok', line: 12 },
    ]);
  });

  test('a fix whose output differs from .fixed.sol shows a diff', () => {
    const r = result(report, 'BAD-002');
    assert.equal(r.failures.length, 1);
    const msg = r.failures[0].message;
    assert.match(msg, /^fixed output differs from tests\/BAD-002\.fixed\.sol:/);
    assert.match(msg, /^-        return msg\.sender == owner && true;$/m);
    assert.match(msg, /^\+        return msg\.sender == owner;$/m);
    assert.equal(r.failures[0].line, 6);
  });

  test('a fix without .fixed.sol fails', () => {
    const r = result(report, 'BAD-003');
    assert.deepEqual(
      r.failures.map((f) => f.message),
      ['BAD-003 has a fix but tests/BAD-003.fixed.sol is missing: write the test file as it must look after every fix'],
    );
  });

  test('a missing test file fails', () => {
    assert.match(result(report, 'BAD-004').failures[0].message, /test file tests\/BAD-004\.sol is missing/);
  });

  test('a finding needs an ok case', () => {
    assert.deepEqual(
      result(report, 'BAD-005').failures.map((f) => f.message),
      ['tests/BAD-005.sol has no "// ok: BAD-005" case: every finding needs at least one place it must not match'],
    );
  });

  test('a finding that does not load fails with the loader problem', () => {
    const r = result(report, 'BAD-006');
    assert.match(r.failures[0].message, /^did not load: pack\.yaml:\d+:\d+: BAD-006: /);
  });
});

describe('runPackTests on the built-in pack', () => {
  test('hindsight-core has a test for every finding, and the runner reports per finding', () => {
    const report = runPackTests(loadPack(join(__dirname, '..', '..', 'server', 'packs', 'hindsight-core')));
    assert.ok(report.results.length >= 12);
    for (const r of report.results) {
      assert.ok(!r.failures.some((f) => /is missing \(write annotated cases/.test(f.message)), `${r.id} has a test file`);
    }
  });
});

describe('unifiedDiff', () => {
  test('equal texts have no diff', () => assert.equal(unifiedDiff('a\nb', 'a\nb', 'x', 'y'), ''));
  test('changed line with context', () => {
    const d = unifiedDiff('1\n2\n3\n4\n5\n6\n7', '1\n2\n3\nX\n5\n6\n7', 'exp', 'act');
    assert.equal(d, ['--- exp', '+++ act', '@@ -2 +2 @@', ' 2', ' 3', '-4', '+X', ' 5', ' 6'].join('\n'));
  });
});
