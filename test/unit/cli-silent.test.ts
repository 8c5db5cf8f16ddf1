// No silent passes: each way `hindsight scan` could end up checking nothing, or checking less than configured,
// exits 2 or warns, saying why; and every usage or input error of the commands exits 2 with its message.
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { applyWorkspaceConfig, parseWorkspaceConfig } from '../../server/src/packs/workspace-config';
import { loadPack } from '../../server/src/packs/load';
import { CLI_PACK, removeBundle, runCli, sol } from './cli-helpers';
import { temporaryTrees } from './tree-helpers';

const PACK = ['--no-builtin', '--pack', CLI_PACK];
const TEAM_PACK = `name: team\nversion: 1.0.0\nfindings:\n  - id: TEAM-001\n    title: t\n    severity: hgih\n    confidence: high\n    category: c\n    description: d\n    recommendation: r\n    references: [{ swc: SWC-100, url: "https://example.com" }]\n    match: { pattern: tx.origin }\n`;
const tree = temporaryTrees();
after(removeBundle);

describe('nothing to scan is an error that names the folder', { concurrency: 4 }, () => {
  test('an empty folder, or one without Solidity', async () => {
    const dir = tree({ 'README.md': '# nothing here', 'src/notes.txt': 'x' });
    const r = await runCli(['scan', ...PACK, '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^hindsight: no Solidity file to scan in \.$/m);
    assert.equal(r.stdout, '');
    const sub = await runCli(['scan', ...PACK, 'src'], { cwd: dir });
    assert.equal(sub.code, 2);
    assert.match(sub.stderr, /no Solidity file to scan in src/);
  });

  test('every file excluded by the configuration', async () => {
    const dir = tree({ '.hindsight/config.yaml': 'exclude:\n  - contracts/**\n', 'contracts/A.sol': sol.high, 'contracts/B.sol': sol.high });
    const r = await runCli(['scan', ...PACK, '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no Solidity file to scan in \. \(2 files excluded by \.hindsight\/config\.yaml\)/);
  });

  test('a folder with nothing to scan next to one with files is a warning', async () => {
    const dir = tree({ 'a/A.sol': sol.high, 'b/notes.txt': 'x' });
    const r = await runCli(['scan', ...PACK, 'a', 'b'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /warning: no Solidity file to scan in b/);
  });
});

describe('no rule to scan with is an error', { concurrency: 4 }, () => {
  test('--no-builtin without --pack', async () => {
    const dir = tree({ 'A.sol': sol.high });
    const r = await runCli(['scan', '--no-builtin', '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no rule to scan with: --no-builtin was given without --pack/);
  });

  test('a configuration that switches every pack off', async () => {
    const dir = tree({ '.hindsight/config.yaml': 'packs:\n  disabled: [hindsight-core]\n', 'A.sol': sol.high });
    const r = await runCli(['scan', '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /no rule to scan with: \.hindsight\/config\.yaml switches every pack off \(hindsight-core: disabled in \.hindsight\/config\.yaml \(packs\.disabled\)\)/,
    );
  });

  test('a configuration that disables every finding', async () => {
    const dir = tree({ '.hindsight/config.yaml': 'findings:\n  CLI-HIGH-1: { enabled: false }\n  CLI-LOW-1: { enabled: false }\n', 'A.sol': sol.high });
    const r = await runCli(['scan', ...PACK, '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no rule to scan with: every finding is disabled in \.hindsight\/config\.yaml/);
  });

  test('thresholds that leave no rule are warned about (the user chose them)', async () => {
    const r = await runCli(['scan', ...PACK, '--min-severity', 'critical', '-'], { input: sol.high });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /warning: none of the 2 rules is at or above severity critical/);
  });
});

describe('configuration and pack errors exit 2 with file:line:col', { concurrency: 4 }, () => {
  test('invalid YAML in .hindsight/config.yaml', async () => {
    const dir = tree({ '.hindsight/config.yaml': 'exclude: [lib/**\n', 'A.sol': sol.high });
    const r = await runCli(['scan', ...PACK, '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^\.hindsight\/config\.yaml:\d+:\d+: error: Invalid YAML: /m);
    assert.match(r.stderr, /hindsight: \.hindsight\/config\.yaml has errors \(above\); fix it, or run with --no-config/);
    assert.equal(r.stdout, '');
  });

  test('a bad value in the configuration', async () => {
    const dir = tree({ '.hindsight/config.yaml': 'findings:\n  CLI-LOW-1:\n    enabled: false\n  CLI-HIGH-1:\n    severity: urgent\n', 'A.sol': sol.high });
    const r = await runCli(['scan', ...PACK, '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^\.hindsight\/config\.yaml:5:15: error: findings\.CLI-HIGH-1\.severity must be one of critical, high, medium, low, info$/m);
    const ignored = await runCli(['scan', ...PACK, '--no-config', '.'], { cwd: dir });
    assert.equal(ignored.code, 1, '--no-config gets past it');
  });

  test('a broken pack in .hindsight/packs', async () => {
    const dir = tree({ '.hindsight/packs/team/pack.yaml': TEAM_PACK, 'A.sol': sol.high });
    const r = await runCli(['scan', '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^\.hindsight\/packs\/team\/pack\.yaml:6:15: error: TEAM-001 "severity" must be one of/m);
    assert.match(r.stderr, /hindsight: a pack of the workspace has errors \(above\)/);
    assert.equal(r.stdout, '');
  });

  test('a warning in the configuration (an unknown finding id) does not stop the scan', async () => {
    const dir = tree({ '.hindsight/config.yaml': 'findings:\n  CLI-HIGH-2: { enabled: false }\n', 'A.sol': sol.high });
    const r = await runCli(['scan', ...PACK, '.'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /config\.yaml:2:3: warning: No loaded finding has the id "CLI-HIGH-2"/);
  });

  test('one bad value under findings: drops only itself', () => {
    const cfg = parseWorkspaceConfig(
      ['findings:', '  CLI-LOW-1:', '    enabled: false', '  CLI-HIGH-1:', '    severity: urgent', '    exclude: [vendor/**]', ''].join('\n'),
      '/ws/.hindsight/config.yaml',
    );
    assert.deepEqual(cfg.config, { findings: { 'CLI-LOW-1': { enabled: false }, 'CLI-HIGH-1': { exclude: ['vendor/**'] } } });
    const eff = applyWorkspaceConfig([loadPack(CLI_PACK)], cfg, '/ws');
    assert.deepEqual(eff.disabledFindings, ['cli-fixture/CLI-LOW-1'], 'the disabled finding stays disabled');
    assert.deepEqual(
      eff.findingsFor('/ws/vendor/X.sol').map((f) => f.id),
      [],
    );
  });
});

describe('a file named on the command line that an exclude drops is warned about', { concurrency: 4 }, () => {
  const ws = tree({
    '.hindsight/config.yaml': '# team setup\nexclude:\n  - generated/**\n',
    'generated/G.sol': sol.high,
    'src/A.t.sol': sol.high,
    'src/A.sol': sol.high,
  });

  test('by the configuration: the warning names the entry and its line', async () => {
    const r = await runCli(['scan', ...PACK, 'generated/G.sol', 'src/A.sol'], { cwd: ws });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /warning: generated\/G\.sol is not scanned: excluded by "exclude: generated\/\*\*" in \.hindsight\/config\.yaml:3:5/);
    assert.doesNotMatch(r.stdout, /generated\/G\.sol/);
    assert.match(r.stdout, /^src\/A\.sol:3:/m);
  });

  test('by --exclude, like the configuration (it used to be scanned anyway)', async () => {
    const r = await runCli(['scan', ...PACK, '--exclude', '*.t.sol', 'src/A.t.sol'], { cwd: ws });
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stderr, /warning: src\/A\.t\.sol is not scanned: excluded by --exclude '\*\.t\.sol'/);
    assert.match(r.stdout, /^No findings · 0 files scanned/m);
  });

  test('by an --include that does not match it', async () => {
    const r = await runCli(['scan', ...PACK, '--include', 'lib/**', 'src/A.sol'], { cwd: ws });
    assert.match(r.stderr, /warning: src\/A\.sol is not scanned: not matched by --include 'lib\/\*\*'/);
  });
});

describe('every usage and input error exits 2 with its message', { concurrency: 4 }, () => {
  const ws = tree({ 'A.sol': sol.high });
  const cases: Array<[string[], RegExp]> = [
    [['scan', ...PACK, '--min-confidence', 'sure', '.'], /--min-confidence must be one of high, medium, low \(got "sure"\)/],
    [['scan', ...PACK, '--jobs', 'many', '.'], /--jobs must be auto or a whole number/],
    [['scan', ...PACK, '--max-file-size', '0', '.'], /--max-file-size must be a size in KB/],
    [['scan', ...PACK, 'missing.sol'], /missing\.sol: no such file or folder/],
    [['rules', '--format', 'xml'], /--format must be text or json \(got "xml"\)/],
    [['rules', 'contracts/'], /rules takes no paths/],
    [['explain', 'HS-REENT-001', '--format', 'yaml'], /--format must be text or json \(got "yaml"\)/],
    [['pack', 'validate'], /pack validate needs at least one pack folder/],
    [['pack', 'new'], /pack new needs exactly one folder/],
    [['pack', 'docs'], /pack docs needs exactly one pack folder or file/],
    [['lsp', '--tcp'], /unknown lsp option --tcp/],
    [['baseline'], /missing baseline command: save/],
    [['review', 'audit'], /unknown review command "audit"/],
  ];
  for (const [args, message] of cases) {
    test(`hindsight ${args.filter((a) => a !== CLI_PACK).join(' ')}`, async () => {
      const r = await runCli(args, { cwd: ws });
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.stderr, message);
    });
  }

  test('an --output that cannot be written', async () => {
    // Its folder would have to be inside a file: refused whoever runs the test (root writes anywhere else).
    const r = await runCli(['scan', ...PACK, '--format', 'json', '-o', 'A.sol/report.json', 'A.sol'], { cwd: ws });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot write A\.sol\/report\.json: /);
  });

  test('a file that cannot be read is an error of the run, the others are still reported', async () => {
    const dir = tree({ 'A.sol': sol.high, 'B.sol': sol.high });
    chmodSync(join(dir, 'B.sol'), 0o000);
    try {
      const r = await runCli(['scan', ...PACK, '--format', 'compact', '.'], { cwd: dir });
      if (process.getuid?.() === 0) return; // root reads it anyway
      assert.equal(r.code, 2);
      assert.match(r.stdout, /^A\.sol:3:/m);
      assert.match(r.stdout, /^B\.sol +error +cannot read: /m);
    } finally {
      chmodSync(join(dir, 'B.sol'), 0o600);
    }
  });
});
