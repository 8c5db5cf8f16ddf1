// `hindsight learn` end to end, in a git checkout of the fixture repository: every layout gives a pack that passes
// `hindsight pack test` and whose findings `hindsight scan` reports at the linked lines; learning again leaves
// edited findings alone; broken reports exit 2 with file:line and write nothing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { main } from '../../server/src/cli/cli';
import { applyDecisions, learnReport, writeLearned } from '../../server/src/learn';
import { diffPackVersions, formatPackChanges } from '../../server/src/packs/changelog';
import { loadPack } from '../../server/src/packs/load';
import { runPackTests } from '../../server/src/packs/pack-test';

const FIXTURES = join(__dirname, '..', 'fixtures', 'learn');
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { cwd, out: (s: string) => void out.push(s), err: (s: string) => void err.push(s), colourOut: false, colourErr: false, stdout: out, stderr: err };
}

/** The fixture repository as a git checkout with one commit; the reports with that commit's id filled in. */
function checkout(): { dir: string; sha: string; report: (name: string, sha?: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-learn-'));
  dirs.push(dir);
  cpSync(join(FIXTURES, 'repo'), dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { encoding: 'utf8' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'audited');
  const sha = git('rev-parse', 'HEAD').trim();
  return {
    dir,
    sha,
    report: (name, at = sha) => {
      const file = join(dir, 'reports', name);
      cpSync(join(FIXTURES, 'reports', name), file);
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll('{{SHA}}', at));
      return file;
    },
  };
}

async function learn(cwd: string, ...args: string[]) {
  const s = io(cwd);
  const code = await main(['learn', ...args], s);
  return { code, out: s.stdout.join(''), err: s.stderr.join('') };
}

async function scanLines(cwd: string): Promise<Array<[string, number]>> {
  const s = io(cwd);
  await main(['scan', '.', '--no-builtin', '--format', 'json', '--no-cache'], s);
  const report = JSON.parse(s.stdout.join('')) as { findings: Array<{ id: string; range: { start: { line: number } } }> };
  return report.findings.map((f) => [f.id, f.range.start.line]);
}

const PACK = join('.hindsight', 'packs', 'learned');
const packOf = (dir: string) =>
  parse(readFileSync(join(dir, PACK, 'pack.yaml'), 'utf8')) as { version: string; findings: Array<Record<string, unknown>>; changelog: unknown[] };

describe('every layout learns a pack that passes its tests and finds the linked code', () => {
  // [report, extra args, ids expected live with the line scan reports them on, ids expected as drafts]
  const cases: Array<[string, string[], Array<[string, number]>, string[]]> = [
    [
      'code4rena.md',
      [],
      [
        ['CODE4RENA-H-01', 32],
        ['CODE4RENA-M-01', 37],
        ['CODE4RENA-M-02', 48],
      ],
      [],
    ],
    [
      'sherlock.md',
      [],
      [
        ['SHERLOCK-H-1', 32],
        ['SHERLOCK-M-1', 48],
      ],
      [],
    ],
    ['sherlock-2024.md', [], [['SHERLOCK-M-1', 37]], []],
    [
      'cyfrin.md',
      ['--url', 'https://example.invalid/lendco-report.pdf', '--prefix', 'LENDCO'],
      [
        ['LENDCO-H-1', 32],
        ['LENDCO-M-1', 48],
      ],
      ['LENDCO-I-1'],
    ],
    [
      'table.md',
      ['--url', 'https://example.invalid/lendco-review'],
      [
        ['LEND-01', 48],
        ['LEND-02', 37],
      ],
      ['LEND-03'],
    ],
    [
      'solodit.json',
      [],
      [
        ['SOLODIT-S-41001', 32],
        ['SOLODIT-S-41002', 48],
      ],
      [],
    ],
    ['community.md', [], [['COMMUNITY-M-1', 48]], []],
  ];
  for (const [name, args, live, drafts] of cases) {
    test(name, async () => {
      const repo = checkout();
      const r = await learn(repo.dir, repo.report(name), ...args);
      assert.equal(r.code, drafts.length ? 1 : 0, r.out + r.err);
      const pack = loadPack(join(repo.dir, PACK));
      assert.deepEqual(pack.problems, []);
      assert.deepEqual(pack.findings.map((f) => f.id).sort(), live.map(([id]) => id).sort());
      assert.deepEqual(
        (pack.drafts ?? []).map((d) => d.id),
        drafts,
      );
      const tests = runPackTests(pack);
      assert.equal(tests.failed, 0, JSON.stringify(tests.results.filter((t) => !t.passed)));
      assert.equal(tests.passed, live.length);
      const found = await scanLines(repo.dir);
      for (const [id, line] of live)
        assert.ok(
          found.some(([f, l]) => f === id && l === line),
          `${id} at line ${line}: ${JSON.stringify(found)}`,
        );
      const data = packOf(repo.dir);
      for (const f of data.findings) {
        assert.equal((f.learned as { hash: string }).hash.length, 64);
        assert.ok((f.references as unknown[] | undefined)?.length || f.draft, `${f.id} has a reference`);
      }
      assert.deepEqual(
        (data.changelog[0] as { learned: Array<{ findings: string[] }> }).learned[0].findings.sort(),
        [...live.map(([id]) => id), ...drafts].sort(),
      );
    });
  }

  test('a community report is tagged with its source', async () => {
    const repo = checkout();
    await learn(repo.dir, repo.report('community.md'));
    const [f] = packOf(repo.dir).findings;
    assert.equal(f.category, 'community');
    assert.deepEqual(f.learned, { ...(f.learned as object), format: 'community', source: 'github-issue', report: 'https://github.com/lendco/pool/issues/7' });
  });

  test('an access-control finding asks the semantic model: the guarded setter is its ok case', async () => {
    const repo = checkout();
    await learn(repo.dir, repo.report('code4rena.md'));
    const h1 = packOf(repo.dir).findings.find((f) => f.id === 'CODE4RENA-H-01')!;
    assert.deepEqual((h1.match as { all: unknown[] }).all[1], { where: [{ function: { 'sender-guarded': false, 'reachable-externally': true } }] });
    const test = readFileSync(join(repo.dir, PACK, 'tests', 'CODE4RENA-H-01.sol'), 'utf8');
    assert.match(test, /\/\/ expect: CODE4RENA-H-01\n\s*function setLiquidationBonus/);
    assert.match(test, /\/\/ ok: CODE4RENA-H-01/);
  });
});

test('places are counted where a default scan looks: a copy in test/ does not make a finding too broad', async () => {
  const repo = checkout();
  const pool = readFileSync(join(repo.dir, 'src', 'LendingPool.sol'), 'utf8');
  for (let i = 0; i < 25; i++) writeFileSync(join(repo.dir, 'src', `Copy${i}.t.sol`), pool.replace('contract LendingPool', `contract LendingPool${i}`));
  const r = await learn(repo.dir, repo.report('code4rena.md'), '--json');
  assert.equal(r.code, 0, r.out);
  const json = JSON.parse(r.out) as { findings: Array<{ id: string; matches: number; draft?: string }> };
  assert.deepEqual(
    json.findings.map((f) => [f.id, f.matches, f.draft]),
    [
      ['CODE4RENA-H-01', 1, undefined],
      ['CODE4RENA-M-01', 1, undefined],
      ['CODE4RENA-M-02', 1, undefined],
    ],
  );
});

test('a pattern that matches too many places is a draft', async () => {
  const repo = checkout();
  const pool = readFileSync(join(repo.dir, 'src', 'LendingPool.sol'), 'utf8');
  for (let i = 0; i < 25; i++) writeFileSync(join(repo.dir, 'src', `Pool${i}.sol`), pool.replace('contract LendingPool', `contract LendingPool${i}`));
  const r = await learn(repo.dir, repo.report('code4rena.md'), '--json');
  assert.equal(r.code, 1);
  const json = JSON.parse(r.out) as { findings: Array<{ id: string; matches: number; draft?: string }> };
  assert.match(json.findings[0].draft ?? '', /^the pattern matches 26 places in this checkout: too broad to run unreviewed$/);
});

test('learned findings carry an OWASP category guessed from the report, marked as a guess in the pack file', async () => {
  const repo = checkout();
  await learn(repo.dir, repo.report('code4rena.md'));
  const owasp = Object.fromEntries(packOf(repo.dir).findings.map((f) => [f.id, f.owasp]));
  // "Any account can raise the liquidation bonus" is access control; "priced from pair reserves" an oracle problem.
  assert.equal(owasp['CODE4RENA-H-01'], 'SC01');
  assert.equal(owasp['CODE4RENA-M-01'], 'SC02');
  assert.match(readFileSync(join(repo.dir, PACK, 'pack.yaml'), 'utf8'), /^ {4}owasp: SC01 # guessed from the report's wording: check it/m);
});

test('the pack says per version what was learned from which report: pack docs and update notices', async () => {
  const repo = checkout();
  await learn(repo.dir, repo.report('cyfrin.md'), '--url', 'https://example.invalid/lendco-report.pdf', '--prefix', 'LENDCO');
  const s = io(repo.dir);
  await main(['pack', 'docs', PACK], s);
  const docs = s.stdout.join('');
  assert.match(
    docs,
    /## Drafts\n\nKept in the pack but not run until the `draft:` line is deleted:\n\n- \*\*LENDCO-I-1\*\*: the report links no Solidity lines/,
  );
  assert.match(
    docs,
    /- \*\*0\.1\.0\*\*: added LENDCO-H-1, LENDCO-M-1, LENDCO-I-1; learned from https:\/\/example\.invalid\/lendco-report\.pdf \(LENDCO-H-1, LENDCO-M-1, LENDCO-I-1\)/,
  );
  const pack = loadPack(join(repo.dir, PACK));
  const [line] = formatPackChanges(diffPackVersions([{ name: 'learned', version: '0.0.0', findingIds: [] }], [pack]));
  assert.match(line, /learned from https:\/\/example\.invalid\/lendco-report\.pdf/);
});

test("a reviewer's decisions: an edited pattern re-marks the test, an accepted draft runs, both stay the reviewer's", () => {
  const repo = checkout();
  const learned = learnReport({ report: repo.report('code4rena.md'), root: repo.dir });
  const exact = 'asset.transfer(msg.sender, amount);';
  const chosen = applyDecisions(learned, [
    { id: 'CODE4RENA-M-02', action: 'accept', pattern: exact, severity: 'high' },
    { id: 'CODE4RENA-M-01', action: 'drop' },
  ]);
  assert.deepEqual(
    chosen.findings.map((f) => f.definition.id),
    ['CODE4RENA-M-02'],
    'undecided and dropped findings are left out',
  );
  writeLearned(chosen, join(repo.dir, PACK));
  const pack = loadPack(join(repo.dir, PACK));
  const m02 = pack.findings.find((f) => f.id === 'CODE4RENA-M-02')!;
  assert.deepEqual([m02.severity, m02.match], ['high', { pattern: exact }]);
  assert.equal(runPackTests(pack).failed, 0);
  // Learning again treats the reviewed finding as the reviewer's.
  const again = writeLearned(learnReport({ report: join(repo.dir, 'reports', 'code4rena.md'), root: repo.dir }), join(repo.dir, PACK));
  assert.deepEqual(
    again.outcomes.find((o) => o.id === 'CODE4RENA-M-02'),
    { id: 'CODE4RENA-M-02', outcome: 'kept', why: 'edited since it was learned' },
  );
});

describe('learning again', () => {
  test('unchanged findings stay, edited ones are kept, untouched ones follow the report', async () => {
    const repo = checkout();
    const report = repo.report('code4rena.md');
    assert.equal((await learn(repo.dir, report)).code, 0);
    const first = readFileSync(join(repo.dir, PACK, 'pack.yaml'), 'utf8');

    const again = await learn(repo.dir, report);
    assert.equal(again.code, 0);
    assert.match(again.out, /is up to date/);
    assert.equal(readFileSync(join(repo.dir, PACK, 'pack.yaml'), 'utf8'), first);

    // The team edits M-01's recommendation; the report then changes M-01 and H-01.
    const packFile = join(repo.dir, PACK, 'pack.yaml');
    writeFileSync(packFile, first.replace('Use a time-weighted price or an oracle.', 'Use our TWAP library.'));
    writeFileSync(
      report,
      readFileSync(report, 'utf8')
        .replace('Use a time-weighted price or an oracle.', 'Use an oracle.')
        .replace('Restrict the setter to the admin.', 'Only the admin.'),
    );
    const third = await learn(repo.dir, report);
    assert.equal(third.code, 1, 'a kept finding asks for a look');
    assert.match(third.out, /kept: edited since it was learned/);
    const data = packOf(repo.dir);
    const byId = new Map(data.findings.map((f) => [f.id, f]));
    assert.equal(byId.get('CODE4RENA-M-01')!.recommendation, 'Use our TWAP library.');
    assert.equal(byId.get('CODE4RENA-H-01')!.recommendation, 'Only the admin.');
    assert.equal(data.version, '0.2.0');
    assert.deepEqual((data.changelog[0] as { changed: string[] }).changed, ['CODE4RENA-H-01']);

    // An edit to a test file counts as an edit too.
    const testFile = join(repo.dir, PACK, 'tests', 'CODE4RENA-M-02.sol');
    writeFileSync(testFile, `${readFileSync(testFile, 'utf8')}\n// our own note\n`);
    writeFileSync(report, readFileSync(report, 'utf8').replace("Use SafeERC20's `safeTransfer`.", 'Use safeTransfer.'));
    const fourth = await learn(repo.dir, report);
    assert.match(fourth.out, /CODE4RENA-M-02[\s\S]*kept: edited since it was learned/);
    assert.match(readFileSync(testFile, 'utf8'), /our own note/);
  });

  test('a finding written by hand with the same id is never replaced', async () => {
    const repo = checkout();
    const report = repo.report('sherlock-2024.md');
    await learn(repo.dir, report);
    const packFile = join(repo.dir, PACK, 'pack.yaml');
    writeFileSync(packFile, readFileSync(packFile, 'utf8').replace(/ {4}learned:\n(?: {6}.*\n)+/g, ''));
    const r = await learn(repo.dir, report);
    assert.match(r.out, /kept: written by hand, not learned/);
  });
});

describe('links the checkout cannot confirm', () => {
  test('a commit that is not in the local repository: the working tree is read, with a warning', async () => {
    const repo = checkout();
    const r = await learn(repo.dir, repo.report('code4rena.md', 'c'.repeat(40)));
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.err,
      /warning: reports\/code4rena\.md:26: .*commit cccccccccccc is not in the local repository; read src\/LendingPool\.sol from the working tree \(lines may have moved\)/,
    );
  });

  test('blob/main links: resolved with a warning that lines may have moved', async () => {
    const repo = checkout();
    const r = await learn(repo.dir, repo.report('sherlock.md'));
    assert.match(r.err, /links to "main", not a commit; read src\/LendingPool\.sol from the working tree \(lines may have moved\)/);
  });

  test('code changed since the audit: the finding learns the audited commit, a scan of today stays quiet', async () => {
    const repo = checkout();
    const report = repo.report('code4rena.md');
    const file = join(repo.dir, 'src', 'LendingPool.sol');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('        asset.transfer(msg.sender, amount);', '        require(asset.transfer(msg.sender, amount), "push");'),
    );
    const r = await learn(repo.dir, report);
    assert.equal(r.code, 0, r.out + r.err);
    const tests = runPackTests(loadPack(join(repo.dir, PACK)));
    assert.equal(tests.failed, 0);
    const found = await scanLines(repo.dir);
    assert.ok(!found.some(([id]) => id === 'CODE4RENA-M-02'), 'the fixed code is not reported');
  });

  test('no code here: a draft that says why', async () => {
    const repo = checkout();
    rmSync(join(repo.dir, 'src', 'LendingPool.sol'));
    writeFileSync(join(repo.dir, 'src', 'Other.sol'), 'pragma solidity ^0.8.0;\ncontract Other {}\n');
    const r = await learn(repo.dir, repo.report('code4rena.md'));
    assert.equal(r.code, 1);
    const drafts = loadPack(join(repo.dir, PACK)).drafts ?? [];
    assert.equal(drafts.length, 3);
    assert.match(drafts[0].reason, /no code to learn from: no file here ends with LendingPool\.sol/);
  });
});

describe('reports that cannot be read', () => {
  for (const [name, line] of [
    ['code4rena-broken.md', 7],
    ['sherlock-broken.md', 8],
    ['table-broken.md', 6],
    ['solodit-broken.json', 6],
    ['unknown.md', 1],
  ] as const) {
    test(`${name}: exit 2, file:line, nothing written`, async () => {
      const repo = checkout();
      const r = await learn(repo.dir, repo.report(name));
      assert.equal(r.code, 2);
      assert.match(r.err, new RegExp(`^hindsight: reports/${name.replace('.', '\\.')}:${line}: `));
      assert.equal(existsSync(join(repo.dir, '.hindsight')), false);
    });
  }

  test('usage errors', async () => {
    const repo = checkout();
    assert.equal((await learn(repo.dir)).code, 2);
    assert.equal((await learn(repo.dir, 'a.md', '--format', 'pdf')).code, 2);
    const missing = await learn(repo.dir, 'nope.md');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read the report .*nope\.md: no such file/);
  });

  test('--dry-run writes nothing; --json says what would be learned', async () => {
    const repo = checkout();
    const r = await learn(repo.dir, repo.report('code4rena.md'), '--dry-run', '--json');
    assert.equal(r.code, 0);
    const json = JSON.parse(r.out) as { format: string; findings: Array<{ id: string; code: { file: string; startLine: number } }> };
    assert.equal(json.format, 'code4rena');
    assert.deepEqual(json.findings[0].code, { file: 'src/LendingPool.sol', startLine: 32, endLine: 34 });
    assert.equal(existsSync(join(repo.dir, '.hindsight')), false);
    assert.deepEqual(readdirSync(repo.dir).sort(), ['.git', 'reports', 'src']);
  });
});
