import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { compareWithBaseline, createBaseline, parseBaseline, readBaseline, serializeBaseline, writeBaseline } from '../../server/src/audit/baseline';
import { parseDeployments, selectSources } from '../../server/src/audit/deployments';
import { AuditInputError } from '../../server/src/audit/input-error';
import { countBySeverity, parseReviews, reviewDue, type Review } from '../../server/src/audit/reviews';
import { writeFileAtomic } from '../../server/src/shared/atomic-write';
import type { AuditFinding } from '../../server/src/audit/types';
import fc from 'fast-check';

const R = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
function finding(fingerprint: string, file = 'a.sol', findingId = 'T-1'): AuditFinding {
  return { file, findingId, pack: 'p', title: 't', severity: 'high', contract: 'C', function: 'f', fingerprint, range: R };
}
function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hs-audit-'));
}
function located(fn: () => unknown): AuditInputError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AuditInputError, `expected AuditInputError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}

test('baseline: sorted by file, id and fingerprint, with tool and pack versions', () => {
  const b = createBaseline(
    [finding('z', 'b.sol'), finding('y', 'a.sol', 'T-2'), finding('x', 'a.sol')],
    [{ name: 'p', version: '1.0.0' }],
    { name: 'hindsight', version: '0.1.0' },
    new Date('2026-01-02T03:04:05Z'),
  );
  assert.deepEqual(
    b.findings.map((f) => f.fingerprint),
    ['x', 'y', 'z'],
  );
  assert.equal(b.created, '2026-01-02T03:04:05.000Z');
  assert.deepEqual(b.packs, [{ name: 'p', version: '1.0.0' }]);
  assert.deepEqual(parseBaseline(serializeBaseline(b), 'b.json'), b);
});

test('baseline comparison is a multiset: a copy of known code in another file is new', () => {
  const base = createBaseline([finding('k', 'a.sol'), finding('gone', 'a.sol')], [], { name: 'h', version: '0' }, new Date());
  const cur = [finding('k', 'copy.sol'), finding('k', 'a.sol'), finding('n', 'a.sol')];
  const cmp = compareWithBaseline(cur, base);
  assert.deepEqual(
    cmp.added.map((f) => `${f.file}:${f.fingerprint}`),
    ['copy.sol:k', 'a.sol:n'],
  );
  assert.deepEqual(
    cmp.known.map((f) => `${f.file}:${f.fingerprint}`),
    ['a.sol:k'],
  );
  assert.deepEqual(
    cmp.gone.map((f) => f.fingerprint),
    ['gone'],
  );
});

test('baseline comparison (property): a partition of the current findings, a multiset difference of fingerprints', () => {
  const item = fc.record({ fingerprint: fc.constantFrom('a', 'b', 'c', 'd'), file: fc.constantFrom('x.sol', 'y.sol') });
  fc.assert(
    fc.property(fc.array(item, { maxLength: 12 }), fc.array(item, { maxLength: 12 }), (before, now) => {
      const base = createBaseline(
        before.map((b) => finding(b.fingerprint, b.file)),
        [],
        { name: 'h', version: '0' },
        new Date(0),
      );
      const current = now.map((n) => finding(n.fingerprint, n.file));
      const { added, known, gone } = compareWithBaseline(current, base);
      assert.equal(added.length + known.length, current.length);
      assert.ok(added.every((a) => !known.includes(a)));
      assert.equal(known.length + gone.length, base.findings.length);
      for (const fp of ['a', 'b', 'c', 'd']) {
        const n = (xs: Array<{ fingerprint: string }>) => xs.filter((x) => x.fingerprint === fp).length;
        assert.equal(n(known), Math.min(n(current), n(base.findings)));
      }
      assert.equal(compareWithBaseline(current, createBaseline(current, [], { name: 'h', version: '0' }, new Date(0))).added.length, 0);
    }),
    { numRuns: 300 },
  );
});

test('baseline comparison still pairs a finding whose file was renamed', () => {
  const base = createBaseline([finding('k', 'old.sol')], [], { name: 'h', version: '0' }, new Date());
  const cmp = compareWithBaseline([finding('k', 'new.sol')], base);
  assert.equal(cmp.added.length, 0);
  assert.equal(cmp.gone.length, 0);
});

test('malformed baseline: JSON syntax error with line and column', () => {
  const e = located(() => parseBaseline('{\n  "version": 1,\n  "findings": [,]\n}\n', '.hindsight/baseline.json'));
  assert.equal(e.file, '.hindsight/baseline.json');
  assert.equal(e.line, 3);
  assert.equal(e.column, 16);
  assert.match(e.message, /^\.hindsight\/baseline\.json:3:16: invalid JSON/);
});

test('malformed baseline: truncated file points at its end', () => {
  const e = located(() => parseBaseline('{\n  "version": 1,\n  "findings": [\n', 'b.json'));
  assert.equal(e.line, 4);
  assert.equal(e.column, 1);
});

test('malformed baseline: schema error at the offending value', () => {
  const text = '{\n  "version": 1,\n  "findings": [\n    { "fingerprint": "", "findingId": "X-1", "file": "a.sol" }\n  ]\n}\n';
  const e = located(() => parseBaseline(text, 'b.json'));
  assert.equal(e.line, 4);
  assert.equal(e.column, 22);
  assert.match(e.detail, /findings\[0\]\.fingerprint/);
});

test('malformed baseline: merge conflict markers are named as such', () => {
  const e = located(() => parseBaseline('{\n<<<<<<< HEAD\n  "version": 1,\n=======\n>>>>>>> other\n}\n', 'b.json'));
  assert.equal(e.line, 2);
  assert.match(e.detail, /merge conflict/);
});

test('a malformed baseline is never overwritten without --force, and the write is atomic', () => {
  const dir = tmpdir();
  const file = path.join(dir, '.hindsight', 'baseline.json');
  const b = createBaseline([finding('a')], [], { name: 'h', version: '0' }, new Date());
  writeBaseline(file, b);
  assert.deepEqual(readBaseline(file), b);
  fs.writeFileSync(file, '{ broken');
  const e = located(() => writeBaseline(file, b, 'baseline.json'));
  assert.match(e.message, /^baseline\.json:1:3: .*not overwritten.*--force/);
  assert.equal(fs.readFileSync(file, 'utf8'), '{ broken');
  writeBaseline(file, b, 'baseline.json', true);
  assert.deepEqual(readBaseline(file), b);
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['baseline.json'], 'no temp files left behind');
});

test('atomic write: a failed write leaves the old file and no temp file', () => {
  const dir = tmpdir();
  const file = path.join(dir, 'x.json');
  writeFileAtomic(file, 'old');
  fs.mkdirSync(path.join(dir, 'sub'));
  // renaming a file over a non-empty directory fails
  fs.writeFileSync(path.join(dir, 'sub', 'keep'), '');
  assert.throws(() => writeFileAtomic(path.join(dir, 'sub'), 'new'));
  assert.deepEqual(fs.readdirSync(dir).sort(), ['sub', 'x.json']);
  assert.equal(fs.readFileSync(file, 'utf8'), 'old');
});

test("atomic write: a temp file left by a killed writer is removed by the next write, a live writer's is kept", () => {
  const dir = tmpdir();
  const file = path.join(dir, 'state.json');
  // A pid that no longer runs: a child that has exited.
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  const orphan = path.join(dir, `.state.json.${gone}.0badc0de.tmp`);
  const live = path.join(dir, `.state.json.${process.ppid}.0badc0de.tmp`);
  fs.writeFileSync(orphan, '{"half":');
  fs.writeFileSync(live, '{"half":');
  writeFileAtomic(file, '{}');
  assert.deepEqual(fs.readdirSync(dir).sort(), [path.basename(live), 'state.json']);
});

test('missing baseline: a clear error naming the file', () => {
  const e = located(() => readBaseline(path.join(tmpdir(), 'nope.json'), '.hindsight/baseline.json'));
  assert.match(e.message, /^\.hindsight\/baseline\.json: baseline not found/);
});

const DEPLOYMENTS = `version: 1
deployments:
  - name: vault-v1
    chain: ethereum
    address: 0x00000000000000000000000000000000000000a1
    tag: v1
    sources: ["contracts/**/*.sol"]
    exclude: ["contracts/test/**"]
  - name: vault-v2
    chain: 42161
    address: "0x00000000000000000000000000000000000000A2"
    commit: 1234567
    sources: [contracts/Vault.sol]
`;

test('deployments: unquoted hex addresses and all-digit commits stay as written', () => {
  const d = parseDeployments(DEPLOYMENTS, 'deployments.yaml');
  assert.equal(d.deployments[0].address, '0x00000000000000000000000000000000000000a1');
  assert.equal(d.deployments[1].commit, '1234567');
  assert.equal(d.deployments[1].chain, 42161);
  assert.deepEqual(selectSources(d.deployments[0], ['contracts/Vault.sol', 'contracts/test/T.sol', 'contracts/README.md', 'lib/x.sol']), [
    'contracts/Vault.sol',
  ]);
});

test('deployments: schema errors carry line and column', () => {
  const cases: Array<[string, number, number, RegExp]> = [
    [DEPLOYMENTS.replace('    chain: ethereum\n', '    chain: ethereum\n    adress: x\n'), 5, 5, /unknown property "adress" \(allowed: name, chain, address/],
    [DEPLOYMENTS.replace('0x00000000000000000000000000000000000000a1', '0x12'), 5, 14, /deployments\[0\]\.address: must match pattern/],
    [DEPLOYMENTS.replace('    commit: 1234567\n', ''), 9, 5, /needs exactly one of "commit" or "tag"/],
    [DEPLOYMENTS.replace('vault-v2', 'vault-v1'), 9, 11, /duplicate deployment name "vault-v1"/],
    [DEPLOYMENTS.replace('    sources: [contracts/Vault.sol]\n', ''), 9, 5, /missing required property "sources"/],
    [DEPLOYMENTS.replace('tag: v1', 'tag: --upload-pack=x'), 6, 10, /tag: must match pattern/],
    [DEPLOYMENTS.replace('    tag: v1\n', '    tag: v1\n    tag: v2\n'), 7, 5, /invalid YAML: Map keys must be unique/],
  ];
  for (const [text, line, column, message] of cases) {
    const e = located(() => parseDeployments(text, '.hindsight/deployments.yaml'));
    assert.match(e.message, message);
    assert.deepEqual([e.line, e.column], [line, column], e.message);
  }
});

function review(date: string): Review {
  return { date, by: 'a', packs: [], findings: countBySeverity([]) };
}

test('reviewDue: no review is due; interval counted from the latest review whatever the order', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  assert.deepEqual(reviewDue([], 30, now), { due: true });
  const r = reviewDue([review('2026-02-10T00:00:00Z'), review('2026-01-01T00:00:00Z')], 30, now);
  assert.equal(r.due, false);
  assert.equal(r.last?.date, '2026-02-10T00:00:00Z');
  assert.equal(r.nextDue?.toISOString(), '2026-03-12T00:00:00.000Z');
  assert.equal(r.daysLeft, 11);
  const late = reviewDue([review('2026-01-01T00:00:00Z')], 30, now);
  assert.equal(late.due, true);
  assert.equal(late.daysLeft, -29);
  assert.equal(reviewDue([review('2026-01-30T00:00:00Z')], 30, now).due, true, 'due exactly at the interval');
  assert.equal(reviewDue([], 0, now).due, false, 'interval 0 switches reminders off');
  assert.deepEqual(reviewDue([], 30, now, false), { due: false }, 'nothing set up yet: not due before the first review');
  assert.equal(reviewDue([review('2026-01-01T00:00:00Z')], 30, now, false).due, true, 'after the first review the interval counts');
});

test('reviews: counts by severity and schema errors located', () => {
  assert.deepEqual(countBySeverity([{ severity: 'high' }, { severity: 'high' }, { severity: 'info' }]), {
    critical: 0,
    high: 2,
    medium: 0,
    low: 0,
    info: 1,
    total: 3,
  });
  const e = located(() => parseReviews('{"version":1,"reviews":[{"date":"yesterday","by":"a","packs":[],"findings":{"total":0}}]}', 'r.json'));
  assert.match(e.message, /^r\.json:1:33: reviews\[0\]\.date: must match format "date-time"/);
});
