// No silent passes in the audit subcommands: `baseline save`, `deployed` and `review record` stop as `hindsight scan`
// does (exit 2, saying why, writing nothing) on a configuration or workspace-pack error, when no rule is enabled,
// and (baseline save, review record) when there is no Solidity file to scan.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { cli, snapshotTree } from './audit-helpers';
import { CLI_PACK, sol } from './cli-helpers';
import { temporaryTrees } from './tree-helpers';

const PACK = ['--no-builtin', '--pack', CLI_PACK];
const DEPLOYMENTS = '.hindsight/deployments.yaml';
const DEPLOYMENTS_YAML = `deployments:\n  - name: vault\n    chain: ethereum\n    address: 0x1111111111111111111111111111111111111111\n    tag: v1\n    sources: ["**/*.sol"]\n`;
const TEAM_PACK = `name: team\nversion: 1.0.0\nfindings:\n  - id: TEAM-001\n    title: t\n    severity: hgih\n    confidence: high\n    category: c\n    description: d\n    recommendation: r\n    references: [{ swc: SWC-100, url: "https://example.com" }]\n    match: { pattern: tx.origin }\n`;

const tree = temporaryTrees({ realPath: true });

/** Runs `args` in a workspace of `files` and checks it stopped with exit 2, printed `message` and wrote nothing. */
async function refuses(files: Record<string, string>, args: string[], message: RegExp): Promise<string> {
  const dir = tree(files);
  const before = snapshotTree(dir);
  const r = await cli(dir, ...args);
  assert.equal(r.code, 2, r.out + r.err);
  assert.match(r.err, message);
  assert.equal(r.out, '');
  assert.deepEqual(snapshotTree(dir), before, 'nothing written');
  return r.err;
}

describe('nothing to scan is an error that names the folder', { concurrency: 4 }, () => {
  test('baseline save in a folder without Solidity', async () => {
    await refuses({ 'README.md': '# nothing here' }, ['baseline', 'save', ...PACK], /^hindsight: no Solidity file to scan in \.$/m);
    await refuses({ 'src/notes.txt': 'x', 'A.sol': sol.high }, ['baseline', 'save', ...PACK, 'src'], /^hindsight: no Solidity file to scan in src$/m);
  });

  test('baseline save when the configuration excludes every file', async () => {
    await refuses(
      { '.hindsight/config.yaml': 'exclude:\n  - contracts/**\n', 'contracts/A.sol': sol.high },
      ['baseline', 'save', ...PACK],
      /no Solidity file to scan in \. \(1 file excluded by \.hindsight\/config\.yaml\)/,
    );
  });

  test('review record in a folder without Solidity', async () => {
    await refuses({ 'README.md': '# nothing here' }, ['review', 'record', '--by', 'Ada', ...PACK], /^hindsight: no Solidity file to scan in \.$/m);
  });

  test('standard input is refused, not read', async () => {
    await refuses({ 'A.sol': sol.high }, ['baseline', 'save', ...PACK, '-'], /"-" \(standard input\) is not supported here/);
  });
});

describe('no rule to scan with is an error', { concurrency: 4 }, () => {
  test('baseline save with --no-builtin and no --pack', async () => {
    await refuses({ 'A.sol': sol.high }, ['baseline', 'save', '--no-builtin'], /hindsight: no rule to scan with: --no-builtin was given without --pack/);
  });

  test('deployed with a configuration that switches every pack off', async () => {
    await refuses(
      { '.hindsight/config.yaml': 'packs:\n  disabled: [hindsight-core]\n', [DEPLOYMENTS]: DEPLOYMENTS_YAML, 'A.sol': sol.high },
      ['deployed', '--dry-run'],
      /no rule to scan with: \.hindsight\/config\.yaml switches every pack off \(hindsight-core: /,
    );
  });

  test('review record with a configuration that disables every finding', async () => {
    await refuses(
      { '.hindsight/config.yaml': 'findings:\n  CLI-HIGH-1: { enabled: false }\n  CLI-LOW-1: { enabled: false }\n', 'A.sol': sol.high },
      ['review', 'record', '--by', 'Ada', ...PACK],
      /no rule to scan with: every finding is disabled in \.hindsight\/config\.yaml/,
    );
  });
});

describe('configuration and workspace-pack errors exit 2 with file:line:col', { concurrency: 4 }, () => {
  const badValue = { '.hindsight/config.yaml': 'findings:\n  CLI-LOW-1:\n    enabled: false\n  CLI-HIGH-1:\n    severity: urgent\n', 'A.sol': sol.high };
  const AT = /^\.hindsight\/config\.yaml:5:15: error: findings\.CLI-HIGH-1\.severity must be one of/m;

  test('baseline save: invalid YAML in the configuration', async () => {
    const err = await refuses(
      { '.hindsight/config.yaml': 'exclude: [lib/**\n', 'A.sol': sol.high },
      ['baseline', 'save', ...PACK],
      /^\.hindsight\/config\.yaml:\d+:\d+: error: Invalid YAML: /m,
    );
    assert.match(err, /hindsight: \.hindsight\/config\.yaml has errors \(above\); fix it, or run with --no-config/);
  });

  test('baseline save: a bad value in the configuration; --no-config gets past it', async () => {
    await refuses(badValue, ['baseline', 'save', ...PACK], AT);
    const dir = tree(badValue);
    const r = await cli(dir, 'baseline', 'save', ...PACK, '--no-config');
    assert.equal(r.code, 0, r.err);
    assert.ok(fs.existsSync(path.join(dir, '.hindsight', 'baseline.json')));
  });

  test('deployed: a bad value in the configuration', async () => {
    await refuses({ ...badValue, [DEPLOYMENTS]: DEPLOYMENTS_YAML }, ['deployed', ...PACK], AT);
  });

  test('review record: a bad value in the configuration', async () => {
    await refuses(badValue, ['review', 'record', '--by', 'Ada', ...PACK], AT);
  });

  test('a broken pack in .hindsight/packs, for each command', async () => {
    const files = { '.hindsight/packs/team/pack.yaml': TEAM_PACK, [DEPLOYMENTS]: DEPLOYMENTS_YAML, 'A.sol': sol.high };
    for (const args of [['baseline', 'save'], ['deployed'], ['review', 'record', '--by', 'Ada']]) {
      const err = await refuses(files, args, /^\.hindsight\/packs\/team\/pack\.yaml:6:15: error: TEAM-001 "severity" must be one of/m);
      assert.match(err, /hindsight: a pack of the workspace has errors \(above\)/, args.join(' '));
    }
  });

  test('a warning in the configuration (an unknown finding id) does not stop baseline save', async () => {
    const dir = tree({ '.hindsight/config.yaml': 'findings:\n  CLI-HIGH-2: { enabled: false }\n', 'A.sol': sol.high });
    const r = await cli(dir, 'baseline', 'save', ...PACK);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /config\.yaml:2:3: warning: No loaded finding has the id "CLI-HIGH-2"/);
    assert.match(r.out, /^Baseline saved to \.hindsight\/baseline\.json: 1 finding/m);
  });
});
