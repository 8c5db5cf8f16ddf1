// `hindsight explain <ID>` and `hindsight rules`, on the built-in pack, a --pack pack and a configured workspace;
// and `pack docs|test|validate` with the name of a built-in pack.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { CLI_PACK, makeTree, removeBundle, runCli, sol } from './cli-helpers';

const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
  removeBundle();
});

describe('hindsight explain', { concurrency: 4 }, () => {
  test("a built-in finding: what, why, what to do, references, and its test file's first expected case", async () => {
    const r = await runCli(['explain', 'HS-REENT-001']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^HS-REENT-001 {2}\S.+$/m);
    assert.match(r.stdout, /^high · \w+ confidence · reentrancy · pack hindsight-core \d+\.\d+\.\d+$/m);
    assert.match(r.stdout, /^OWASP SC05 Reentrancy Attacks$/m);
    assert.match(r.stdout, /^Recommendation\n.*checks-effects-interactions/m);
    assert.match(r.stdout, /^References\n {2}SWC-107/m);
    assert.match(r.stdout, /^Example \(server\/packs\/hindsight-core\/tests\/HS-REENT-001\.sol:\d+\)$/m);
    // The example is the function holding the first `// expect:` case; its line is marked.
    assert.match(r.stdout, /^ {2}\s*\d+ \| function \w+\(/m);
    assert.match(r.stdout, /^ {2}\s*\d+ \| {5}\/\/ expect: HS-REENT-001/m);
    assert.match(r.stdout, /^> \s*\d+ \| {5}\S/m);
  });

  test('a fix is described by its kind: a safe one is applied by fix-all, a review one is not', async () => {
    const safe = await runCli(['explain', 'HS-DEPR-001']);
    assert.equal(safe.code, 0, safe.stderr);
    assert.match(safe.stdout, /^Fix \(safe, applied by fix-all\): /m);
    const json = await runCli(['explain', 'HS-DEPR-001', '--format', 'json']);
    assert.equal(JSON.parse(json.stdout).fix.kind, 'safe');
    const review = await runCli(['explain', 'HS-ACCESS-001']);
    assert.match(review.stdout, /^Fix \(review before applying\): /m);
  });

  test('--format json has the same parts; ids are found in any case and as pack/ID', async () => {
    const r = await runCli(['explain', 'hindsight-core/hs-access-001', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout) as Record<string, unknown> & { example: { file: string; line: number; code: string }; references: unknown[] };
    assert.equal(e.id, 'HS-ACCESS-001');
    assert.deepEqual(Object.keys(e), [
      'id',
      'pack',
      'title',
      'severity',
      'confidence',
      'category',
      'owasp',
      'enabled',
      'description',
      'recommendation',
      'references',
      'fix',
      'example',
    ]);
    assert.equal(e.category, 'access-control');
    assert.deepEqual(e.owasp, { code: 'SC01', name: 'Access Control Vulnerabilities' });
    assert.ok(e.references.length > 0);
    assert.equal(e.example.file, 'server/packs/hindsight-core/tests/HS-ACCESS-001.sol');
    assert.match(e.example.code, /tx\.origin/);
  });

  test('a --pack finding, and a finding the configuration disables (said so)', async () => {
    const ws = makeTree({ '.hindsight/config.yaml': 'findings:\n  CLI-LOW-1:\n    enabled: false\n', 'A.sol': sol.clean });
    temps.push(ws);
    const r = await runCli(['explain', 'CLI-LOW-1', '--no-builtin', '--pack', CLI_PACK], { cwd: ws });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^low · low confidence · time · pack cli-fixture 1\.0\.0 · disabled in \.hindsight\/config\.yaml$/m);
    assert.match(r.stdout, /Do not rely on it for anything precise\./);
    // A reference says what kind of source it is and which finding of the report.
    assert.match(r.stdout, /^ {2}Fixture audit #7: timestamp window \(audit, #7\) {2}https:\/\/example\.com\/audits\/fixture#7$/m);
  });

  test('an unknown id exits 2 with the nearest ids', async () => {
    const r = await runCli(['explain', 'HS-REENT-01']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no loaded finding has the id "HS-REENT-01" \(did you mean "HS-REENT-001"/);
    assert.equal(r.stdout, '');
    const none = await runCli(['explain']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /explain needs one finding id/);
  });
});

describe('hindsight rules', { concurrency: 4 }, () => {
  test('a table of id, severity, category, OWASP category and title, most severe first', async () => {
    const r = await runCli(['rules']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^ID +SEVERITY +CATEGORY +OWASP +TITLE$/);
    assert.match(r.stdout, /^HS-REENT-001 +high +reentrancy +SC05 +\S/m);
    const sevs = lines
      .slice(1)
      .filter((l) => /^HS-/.test(l))
      .map((l) => l.split(/ +/)[1]);
    assert.ok(sevs.length > 50);
    assert.equal(sevs[0], 'critical');
    assert.match(r.stdout, /^\d+ rules from 1 pack; "hindsight explain <ID>" tells more$/m);
  });

  test('--severity, --category and --format json filter and describe', async () => {
    const r = await runCli(['rules', '--severity', 'critical,high', '--category', 'access-control', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { version: number; rules: Array<{ id: string; severity: string; category: string; pack: string; title: string }> };
    assert.equal(out.version, 1);
    assert.ok(out.rules.length > 0);
    for (const rule of out.rules) {
      assert.ok(['critical', 'high'].includes(rule.severity), rule.id);
      assert.equal(rule.category, 'access-control');
      assert.equal(rule.pack, 'hindsight-core');
    }
    assert.equal((await runCli(['rules', '--severity', 'severe'])).code, 2);
  });

  test('--owasp filters by OWASP category (repeatable, comma-separated, any case); json carries the code', async () => {
    const r = await runCli(['rules', '--owasp', 'sc02,SC09', '--owasp', 'SC05', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { rules: Array<{ id: string; owasp: string | null }> };
    const seen = new Set(out.rules.map((rule) => rule.owasp));
    assert.deepEqual([...seen].sort(), ['SC02', 'SC05', 'SC09']);
    assert.ok(out.rules.some((rule) => rule.id === 'HS-ORACLE-006' && rule.owasp === 'SC02'));
    const bad = await runCli(['rules', '--owasp', 'SC11']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--owasp must be one of SC01, .*SC10 \(got "SC11"\)/);
  });

  test('--pack filters by name or loads a path; the configuration applies', async () => {
    const ws = makeTree({
      '.hindsight/config.yaml': 'findings:\n  CLI-LOW-1:\n    enabled: false\n  CLI-HIGH-1:\n    severity: critical\n',
      'A.sol': sol.clean,
    });
    temps.push(ws);
    const r = await runCli(['rules', '--pack', CLI_PACK], { cwd: ws });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^CLI-HIGH-1 +critical +access-control +- +Authorisation through tx\.origin$/m);
    assert.doesNotMatch(r.stdout, /CLI-LOW-1|HS-/);
    assert.match(r.stdout, /^1 rule of \d+ from 1 pack \(1 disabled in \.hindsight\/config\.yaml\)/m);
    const byName = await runCli(['rules', '--pack', 'hindsight-core', '--severity', 'critical']);
    assert.equal(byName.code, 0);
    assert.match(byName.stdout, /^HS-\S+ +critical /m);
    const unknown = await runCli(['rules', '--pack', 'hindsight-cor']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no loaded pack is named "hindsight-cor" \(loaded: hindsight-core\)/);
  });
});

describe('a built-in pack by name', { concurrency: 3 }, () => {
  test('pack docs hindsight-core renders the built-in catalogue', async () => {
    const r = await runCli(['pack', 'docs', 'hindsight-core']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# hindsight-core \d+\.\d+\.\d+$/m);
    assert.match(r.stdout, /^## HS-REENT-001: /m);
  });

  test('pack validate and pack test take the name too', async () => {
    const v = await runCli(['pack', 'validate', 'hindsight-core']);
    assert.match(v.stdout, /^hindsight-core \d+\.\d+\.\d+: /m);
    const t = await runCli(['pack', 'test', 'hindsight-core', '--only', 'HS-REENT-001']);
    assert.equal(t.code, 0, t.stdout);
    assert.match(t.stdout, /PASS {2}HS-REENT-001/);
  });

  test('a name that is no pack is still "not found" (exit 2)', async () => {
    const r = await runCli(['pack', 'docs', 'no-such-pack']);
    assert.equal(r.code, 2);
  });
});
