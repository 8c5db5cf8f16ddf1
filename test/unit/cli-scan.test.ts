import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CLI_PACK, removeBundle, ROOT, runCli, sol } from './cli-helpers';
import { temporaryTrees } from './tree-helpers';

const PACK = ['--no-builtin', '--pack', CLI_PACK];
const tree = temporaryTrees();
after(removeBundle);

describe('hindsight: usage', { concurrency: 2 }, () => {
  test('--help prints usage and exits 0', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /hindsight scan \[paths\.\.\.\]/);
    assert.match(r.stdout, /Exit codes: 0/);
  });

  test('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), version);
  });

  test('no command is a usage error (exit 2)', async () => {
    const r = await runCli([]);
    assert.equal(r.code, 2);
  });

  test('an unknown flag is a usage error naming the flag', async () => {
    const r = await runCli(['scan', '--frobnicate']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--frobnicate/);
    assert.match(r.stderr, /hindsight scan --help/);
  });

  test('an unknown command and a bad --format are usage errors', async () => {
    assert.equal((await runCli(['scna'])).code, 2);
    const r = await runCli(['scan', '--format', 'xml', ...PACK]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format must be text, compact, json, sarif or github/);
  });

  test('a missing path is an input error', async () => {
    const r = await runCli(['scan', ...PACK, 'does/not/exist']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /does\/not\/exist: no such file or folder/);
  });

  test('a broken pack is an input error printed as file:line:col', async () => {
    const dir = tree({ 'pack/pack.yaml': 'name: broken\nversion: 1.0.0\nfindings:\n  - id: X-1\n    severity: hgih\n', 'src/A.sol': sol.clean });
    const r = await runCli(['scan', '--no-builtin', '--pack', 'pack', 'src'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^pack\/pack\.yaml:5:15: error: X-1 "severity" must be one of/m);
    assert.equal(r.stdout, '');
  });
});

describe('hindsight scan: files and output', { concurrency: 2 }, () => {
  const ws = tree({
    'contracts/A.sol': sol.both,
    'contracts/A.t.sol': sol.high,
    'contracts/Clean.sol': sol.clean,
    'contracts/lib/Math.sol': sol.high, // not a Foundry dependency folder: scanned
    'lib/forge-std/src/Test.sol': sol.high, // Foundry dependencies at the root: skipped
    'node_modules/dep/Dep.sol': sol.high, // skipped
    'build/Out.sol': sol.high, // ignored by .gitignore
    'sub/.gitignore': 'local.sol\n',
    'sub/local.sol': sol.high, // ignored by the nested .gitignore
    'sub/kept.sol': sol.high,
    '.gitignore': 'build/\n',
    'README.md': 'not solidity',
  });

  test('text output: file:line:col severity id title, grouped by file, with a summary; exit 1', async () => {
    const r = await runCli(['scan', ...PACK, '--include-tests', '.'], { cwd: ws });
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.ok(lines.includes('contracts/A.sol:5:16  high      CLI-HIGH-1  Authorisation through tx.origin  [fix, review]'), r.stdout);
    assert.ok(lines.includes('contracts/A.sol:8:16  low       CLI-LOW-1   Block timestamp used'), r.stdout);
    assert.match(r.stdout, /^contracts\/A\.t\.sol:3:/m);
    assert.match(r.stdout, /^contracts\/lib\/Math\.sol:3:/m);
    assert.match(r.stdout, /^sub\/kept\.sol:3:/m);
    assert.doesNotMatch(r.stdout, /forge-std|node_modules|build\/Out|local\.sol|Clean\.sol/);
    assert.match(r.stdout, /^5 findings \(4 high, 1 low\) · 5 files scanned, 4 with findings · 2 rules from 1 pack · \d+ ms$/m);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when stdout is not a terminal');
  });

  test('--min-severity filters what is reported and what fails', async () => {
    const high = await runCli(['scan', ...PACK, '--min-severity', 'high', 'contracts/A.sol'], { cwd: ws });
    assert.equal(high.code, 1);
    assert.match(high.stdout, /CLI-HIGH-1/);
    assert.doesNotMatch(high.stdout, /CLI-LOW-1/);
    const critical = await runCli(['scan', ...PACK, '--min-severity', 'critical', 'contracts/A.sol'], { cwd: ws });
    assert.equal(critical.code, 0);
    assert.match(critical.stdout, /^No findings · 1 file scanned/m);
    const bad = await runCli(['scan', ...PACK, '--min-severity', 'severe'], { cwd: ws });
    assert.equal(bad.code, 2);
  });

  test('--exclude and --include globs', async () => {
    const r = await runCli(['scan', ...PACK, '--exclude', '*.t.sol', '--exclude', 'sub/**', '.'], { cwd: ws });
    assert.doesNotMatch(r.stdout, /A\.t\.sol|sub\/kept/);
    assert.match(r.stdout, /contracts\/A\.sol/);
    const inc = await runCli(['scan', ...PACK, '--include', 'contracts/lib/**', '.'], { cwd: ws });
    assert.match(inc.stdout, /^contracts\/lib\/Math\.sol/m);
    assert.match(inc.stdout, /1 file scanned/);
  });

  test('--no-gitignore and --include-deps widen the walk', async () => {
    const r = await runCli(['scan', ...PACK, '--no-gitignore', '--include-deps', '.'], { cwd: ws });
    assert.match(r.stdout, /build\/Out\.sol/);
    assert.match(r.stdout, /sub\/local\.sol/);
    assert.match(r.stdout, /lib\/forge-std\/src\/Test\.sol/);
    assert.match(r.stdout, /node_modules\/dep\/Dep\.sol/);
  });

  test('a file named explicitly is scanned even if ignored', async () => {
    const r = await runCli(['scan', ...PACK, 'build/Out.sol'], { cwd: ws });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^build\/Out\.sol:3:/m);
  });

  test('nothing found: exit 0', async () => {
    const r = await runCli(['scan', ...PACK, 'contracts/Clean.sol'], { cwd: ws });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^No findings · 1 file scanned/m);
  });

  test('JSON output has the documented shape', async () => {
    const r = await runCli(['scan', ...PACK, '--format', 'json', 'contracts/A.sol'], { cwd: ws });
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    assert.equal(out.tool.name, 'hindsight');
    assert.deepEqual(out.packs, [{ name: 'cli-fixture', version: '1.0.0', findings: 2 }]);
    assert.equal(out.findings.length, 2);
    const f = out.findings[0];
    assert.equal(f.file, 'contracts/A.sol');
    assert.deepEqual(f.range, { start: { line: 5, column: 16 }, end: { line: 5, column: 34 } });
    assert.equal(f.id, 'CLI-HIGH-1');
    assert.equal(f.pack, 'cli-fixture');
    assert.equal(f.severity, 'high');
    assert.equal(f.confidence, 'high');
    assert.equal(f.title, 'Authorisation through tx.origin');
    assert.equal(f.contract, 'A');
    assert.equal(f.function, 'a');
    assert.match(f.fingerprint, /^\S+$/);
    assert.deepEqual(f.fix, { available: true, title: 'Compare msg.sender', safe: false });
    assert.deepEqual(out.findings[1].fix, { available: false });
    assert.deepEqual(out.syntaxErrors, []);
    assert.deepEqual(out.summary.bySeverity, { critical: 0, high: 1, medium: 0, low: 1, info: 0 });
    assert.equal(out.summary.filesScanned, 1);
  });

  test('--output writes the report to a file and the summary to stderr', async () => {
    const r = await runCli(['scan', ...PACK, '--format', 'json', '--output', 'out/report.json', 'contracts/A.sol'], { cwd: ws });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /2 findings/);
    assert.ok(existsSync(join(ws, 'out', 'report.json')));
    assert.equal(JSON.parse(readFileSync(join(ws, 'out', 'report.json'), 'utf8')).findings.length, 2);
  });

  test('colour only when asked: FORCE_COLOR colours, NO_COLOR wins', async () => {
    const forced = await runCli(['scan', ...PACK, 'contracts/A.sol'], { cwd: ws, env: { FORCE_COLOR: '1' } });
    assert.match(forced.stdout, /\u001b\[31mhigh/);
    const no = await runCli(['scan', ...PACK, 'contracts/A.sol'], { cwd: ws, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.doesNotMatch(no.stdout, /\u001b\[/);
  });
});

describe('hindsight scan: the one engine', { concurrency: 2 }, () => {
  test('syntax errors are warnings with positions and never abort the scan', async () => {
    const dir = tree({
      'Broken.sol': 'pragma solidity ^0.8.20;\ncontract B {\n    function f() external { uint x = ; }\n}\n',
      'A.sol': sol.high,
    });
    const r = await runCli(['scan', ...PACK, '.'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^Broken\.sol:\d+:\d+\s+warning\s+syntax\s+/m);
    assert.match(r.stdout, /^A\.sol:3:\d+\s+high\s+CLI-HIGH-1/m);
    assert.match(r.stdout, /1 syntax error/);
  });

  test('files over --max-file-size are skipped with a warning, not an error', async () => {
    const dir = tree({ 'Big.sol': `${sol.high}${'// padding\n'.repeat(200)}`, 'A.sol': sol.high });
    const r = await runCli(['scan', ...PACK, '--max-file-size', '1', '.'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^Big\.sol\s+warning\s+not scanned: 3 KB is over the 1 KB limit \(--max-file-size\)$/m);
    assert.match(r.stdout, /1 file scanned, 1 with findings · 1 too large, skipped/);
    assert.equal((await runCli(['scan', ...PACK, '--max-file-size', 'big', '.'], { cwd: dir })).code, 2);
  });

  test('hindsight-ignore-next-line comments are honoured', async () => {
    const dir = tree({
      'A.sol': [
        'pragma solidity ^0.8.20;',
        'contract A {',
        '    function a(address o) external view returns (bool) {',
        '        // hindsight-ignore-next-line CLI-HIGH-1: o is checked by the factory',
        '        return tx.origin == o;',
        '    }',
        '}',
        '',
      ].join('\n'),
    });
    const r = await runCli(['scan', ...PACK, '--format', 'json', '.'], { cwd: dir });
    assert.equal(r.code, 0, r.stdout);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.findings, []);
    assert.equal(out.suppressed.length, 1);
    assert.equal(out.suppressed[0].id, 'CLI-HIGH-1');
    assert.equal(out.suppressed[0].reason, 'o is checked by the factory');
  });

  test('the built-in pack finds the demo workspace problems (npm start)', async () => {
    const r = await runCli(['scan', 'server/demo', '--exclude', 'safe/**']);
    assert.equal(r.code, 1, r.stderr);
    const expected: Array<[string, string]> = [
      ['EtherVault.sol', 'HS-REENT-001'],
      ['PriceConsumer.sol', 'HS-ORACLE-001'],
      ['TokenSale.sol', 'HS-ACCESS-001'],
      ['TokenSale.sol', 'HS-TOKEN-001'],
      ['StakingVaultUpgradeable.sol', 'HS-UPG-001'],
      ['Raffle.sol', 'HS-RAND-001'],
      ['AirdropClaim.sol', 'HS-SIG-001'],
      ['LegacyToken.sol', 'HS-ARITH-001'],
      ['ProxyWallet.sol', 'HS-CALL-002'],
    ];
    for (const [file, id] of expected)
      assert.match(r.stdout, new RegExp(`^server/demo/contracts/${file.replace('.', '\\.')}:\\d+:\\d+\\s+\\w+\\s+${id}\\b`, 'm'));
  });

  test('the fixed versions of the demo contracts are clean', async () => {
    const r = await runCli(['scan', 'server/demo/contracts/safe']);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /^No findings · 5 files scanned/m);
  });
});

describe('hindsight pack', { concurrency: 2 }, () => {
  test('pack test: passing pack exits 0', async () => {
    const r = await runCli(['pack', 'test', 'test/fixtures/packs/good']);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /PASS\s+GOOD-001/);
    assert.match(r.stdout, /warning: still reported on line 6 of tests\/GOOD-003\.fixed\.sol/);
    assert.match(r.stdout, /3 passed/);
  });

  test('pack test --only runs the named findings', async () => {
    const r = await runCli(['pack', 'test', 'test/fixtures/packs/bad', '--only', 'BAD-005']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /FAIL\s+BAD-005/);
    assert.doesNotMatch(r.stdout, /BAD-00[12346]/);
    assert.match(r.stdout, /1 of 1 failed/);
  });

  test('pack test: failing pack exits 1 with reasons and line numbers', async () => {
    const r = await runCli(['pack', 'test', 'test/fixtures/packs/bad']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /FAIL\s+BAD-001/);
    assert.match(r.stdout, /test\/fixtures\/packs\/bad\/tests\/BAD-001\.sol:6: expected on line 6 but not reported/);
    assert.match(r.stdout, /6 of 6 failed/);
  });

  test('pack validate: valid pack exits 0, broken pack 1 with file:line:col, missing pack 2', async () => {
    const ok = await runCli(['pack', 'validate', 'test/fixtures/packs/good']);
    assert.equal(ok.code, 0);
    assert.match(ok.stdout, /fixture-good 1\.0\.0: valid; 3 findings loaded/);
    const bad = await runCli(['pack', 'validate', 'test/fixtures/packs/bad/pack.yaml']);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^test\/fixtures\/packs\/bad\/pack\.yaml:\d+:\d+: error: BAD-006: /m);
    const missing = await runCli(['pack', 'validate', 'nope']);
    assert.equal(missing.code, 2);
    const none = await runCli(['pack', 'validate']);
    assert.equal(none.code, 2);
  });
});

describe('hindsight scan --jobs', () => {
  test('worker threads give exactly the single-threaded report', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`c/F${i}.sol`] = i % 3 === 0 ? sol.both : i % 3 === 1 ? sol.high : sol.clean;
    const dir = tree(files);
    const strip = (s: string) => {
      const j = JSON.parse(s) as { summary: { durationMs?: number } };
      delete j.summary.durationMs;
      return j;
    };
    const one = await runCli(['scan', ...PACK, '--format', 'json', '-j', '1', '.'], { cwd: dir });
    const two = await runCli(['scan', ...PACK, '--format', 'json', '-j', '2', '.'], { cwd: dir });
    assert.equal(one.code, 1);
    assert.equal(two.code, 1, two.stderr);
    assert.deepEqual(strip(two.stdout), strip(one.stdout));
    assert.equal((strip(one.stdout) as unknown as { findings: unknown[] }).findings.length, 30);
    assert.equal((await runCli(['scan', ...PACK, '-j', '0', '.'], { cwd: dir })).code, 2);
  });
});
