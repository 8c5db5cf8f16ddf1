import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { main } from '../../server/src/cli/cli';
import { loadPack } from '../../server/src/packs/load';
import { packDocs, scaffoldPack } from '../../server/src/packs/pack-tools';
import { runPackTests } from '../../server/src/packs/pack-test';
import { resolvePackSources } from '../../server/src/packs/sources';
import { tempDir, write } from './team-helpers';

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { cwd, out: (s: string) => void out.push(s), err: (s: string) => void err.push(s), colourOut: false, colourErr: false, stdout: out, stderr: err };
}

test('pack new: a valid pack whose example finding passes its own test', () => {
  const dir = path.join(tempDir(), 'Team Lessons');
  const r = scaffoldPack(dir);
  assert.equal(r.name, 'team-lessons');
  assert.equal(r.findingId, 'TEAM-001');
  const pack = loadPack(dir);
  assert.deepEqual(pack.problems, []);
  assert.deepEqual(
    pack.findings.map((f) => f.id),
    ['TEAM-001'],
  );
  const report = runPackTests(pack);
  assert.deepEqual(
    report.results.map((x) => [x.id, x.passed, x.expectLines.length, x.okLines.length]),
    [['TEAM-001', true, 1, 1]],
  );
  assert.equal(fs.existsSync(path.join(dir, 'package.json')), false);
});

test('pack new --npm: the package is found in node_modules and read as data', async () => {
  const ws = tempDir();
  scaffoldPack(path.join(ws, 'node_modules', 'hindsight-pack-acme'), { name: 'acme', npm: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(ws, 'node_modules', 'hindsight-pack-acme', 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'hindsight-pack-acme');
  const r = await resolvePackSources({ workspaceFolder: ws, trusted: true, includeBuiltin: false });
  assert.deepEqual(
    r.packs.map((p) => [p.info.name, p.findings.map((f) => f.id)]),
    [['acme', ['ACME-001']]],
  );
});

test('pack new refuses a non-empty folder and a bad name', () => {
  const dir = tempDir();
  write(path.join(dir, 'keep.txt'), 'x');
  assert.throws(() => scaffoldPack(dir), /already exists and is not an empty folder/);
  assert.throws(() => scaffoldPack(path.join(tempDir(), 'x'), { name: 'Bad_Name' }), /not a valid pack name/);
});

test('pack docs: summary table by severity, one section per finding, changelog', () => {
  const dir = path.join(tempDir(), 'docs-pack');
  scaffoldPack(dir);
  const md = packDocs(loadPack(dir));
  assert.match(md, /^# docs-pack 0\.1\.0\n/);
  assert.match(md, /1 finding \(1 medium\)\./);
  assert.match(
    md,
    /\| \[DOCS-001\]\(#docs-001-ownership-handed-over-in-one-step\) \| Ownership handed over in one step \| medium \| medium \| access-control \| SC01 \|/,
  );
  assert.match(md, /^\| SC01 Access Control Vulnerabilities \| 1 \| 0 \|$/m);
  assert.match(md, /\*\*Category\*\* access-control · \*\*OWASP\*\* SC01 Access Control Vulnerabilities/);
  assert.match(md, /## DOCS-001: Ownership handed over in one step/);
  assert.match(md, /```solidity\n\s+\$OWNER = \$NEW;/);
  assert.match(md, /- inside:/);
  assert.match(md, /\[OpenZeppelin Ownable2Step\]\(https:\/\/docs\.openzeppelin\.com\/contracts\/5\.x\/api\/access#Ownable2Step\) \(docs\)/);
  assert.match(md, /## Changelog\n\n- \*\*0\.1\.0\*\*: added DOCS-001/);
});

test('pack docs: the changelog names the audit reports its added and changed findings are traced to', () => {
  const dir = path.join(tempDir(), 'sourced-pack');
  scaffoldPack(dir);
  const file = path.join(dir, 'pack.yaml');
  const yaml = fs
    .readFileSync(file, 'utf8')
    .replace(
      '        kind: docs',
      '        kind: docs\n      - title: "Contest 2024 #12: one-step transfer"\n        url: https://example.com/contest/issues/12\n        kind: audit\n        finding: M-12',
    );
  fs.writeFileSync(file, yaml);
  const md = packDocs(loadPack(dir));
  assert.match(
    md,
    /## Changelog\n\n- \*\*0\.1\.0\*\*: added SOURCED-001\n {2}- SOURCED-001: \[Contest 2024 #12: one-step transfer\]\(https:\/\/example\.com\/contest\/issues\/12\) \(audit, M-12\)$/m,
  );
  assert.match(md, /^\| SC01 Access Control Vulnerabilities \| 1 \| 1 \|$/m);
});

test('CLI: pack new, pack test, pack docs -o', async () => {
  const cwd = tempDir();
  const a = io(cwd);
  assert.equal(await main(['pack', 'new', 'packs/team'], a), 0);
  assert.match(a.stdout.join(''), /Created pack "team" with example finding TEAM-001:\n {2}packs\/team\/pack\.yaml/);
  const b = io(cwd);
  assert.equal(await main(['pack', 'test', 'packs/team'], b), 0);
  const c = io(cwd);
  assert.equal(await main(['pack', 'docs', 'packs/team', '-o', 'FINDINGS.md'], c), 0);
  assert.match(fs.readFileSync(path.join(cwd, 'FINDINGS.md'), 'utf8'), /## TEAM-001/);
  const d = io(cwd);
  assert.equal(await main(['pack', 'new', 'packs/team'], d), 2);
  assert.match(d.stderr.join(''), /already exists/);
  const e = io(cwd);
  assert.equal(await main(['pack', 'docs', 'nope'], e), 2);
});
