import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classify } from '../../server/src/audit/deployed';
import type { DeploymentState } from '../../server/src/audit/deployed-state';
import type { AuditFinding } from '../../server/src/audit/types';
import type { PackChange } from '../../server/src/packs/changelog';
import { cli, commitAll, git, initRepo, installPack, snapshotTree, tmp, write } from './audit-helpers';

const HEADER =
  '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\ninterface IERC20 { function transfer(address to, uint256 amount) external returns (bool); }\n\n';
const V1 = `${HEADER}contract Vault {
    address owner;
    IERC20 token;

    function withdraw(address to, uint256 amount) external {
        require(tx.origin == owner, "not owner");
        token.transfer(to, amount);
    }
}
`;
// v2 fixed the ignored transfer result, not the tx.origin check.
const V2 = V1.replace('        token.transfer(to, amount);', '        require(token.transfer(to, amount), "transfer failed");');
// What the repository looks like today: everything fixed, so any finding reported must come from git history.
const HEAD = V2.replace('tx.origin == owner', 'msg.sender == owner');

const DEPLOYMENTS = `deployments:
  - name: vault-v1
    chain: ethereum
    address: 0x1111111111111111111111111111111111111111
    tag: v1
    sources: ["contracts/**/*.sol"]
  - name: vault-v2
    chain: ethereum
    address: 0x2222222222222222222222222222222222222222
    tag: v2
    sources: ["contracts/**/*.sol"]
`;

interface JsonDeployment {
  name: string;
  commit: string;
  error: string | null;
  packChanges: Array<{ pack: string; kind: string; from: string | null; to: string; added: string[] }>;
  findings: Array<{
    id: string;
    status: string;
    reason: string | null;
    packChange: { pack: string; from?: string; to: string; listed?: string } | null;
    file: string;
    range: { start: { line: number } };
  }>;
}

function setup(): { repo: string; packDir: string } {
  const repo = initRepo();
  write(repo, 'contracts/Vault.sol', V1);
  write(repo, '.hindsight/deployments.yaml', DEPLOYMENTS);
  commitAll(repo, 'v1');
  git(repo, 'tag', 'v1');
  write(repo, 'contracts/Vault.sol', V2);
  commitAll(repo, 'v2');
  git(repo, 'tag', '-a', 'v2', '-m', 'release 2');
  write(repo, 'contracts/Vault.sol', HEAD);
  commitAll(repo, 'after v2');
  return { repo, packDir: tmp('hs-audit-packs-') };
}

function summary(d: JsonDeployment): string[] {
  return d.findings.map((f) => `${f.id}:${f.status}${f.reason ? `:${f.reason}` : ''}`);
}

test('a pack update that adds a finding affecting only the older deployment is marked as new because the pack changed', async () => {
  const { repo, packDir } = setup();
  const pack = installPack(packDir, '1.0.0');
  const before = snapshotTree(repo);
  const args = ['deployed', '--no-builtin', '--pack', pack, '--format', 'json'];

  // First review with 1.0.0: the tx.origin check is live in both deployments; nothing can be "new" yet.
  const first = await cli(repo, ...args);
  assert.equal(first.code, 1, first.err);
  let report = JSON.parse(first.out) as { deployments: JsonDeployment[] };
  assert.deepEqual(
    report.deployments.map((d) => [d.name, summary(d)]),
    [
      ['vault-v1', ['AUD-001:unreviewed']],
      ['vault-v2', ['AUD-001:unreviewed']],
    ],
  );
  assert.equal(report.deployments[0].findings[0].file, 'contracts/Vault.sol');
  assert.equal(report.deployments[0].findings[0].range.start.line, 11);
  assert.equal(report.deployments[0].commit, git(repo, 'rev-parse', 'v1').trim());
  assert.equal(report.deployments[1].commit, git(repo, 'rev-parse', 'v2^{commit}').trim(), 'annotated tags resolve to their commit');
  assert.ok(fs.existsSync(path.join(repo, '.hindsight/deployed-state.json')));

  // The pack is updated in place to 1.1.0, which adds AUD-002 (changelog: added).
  installPack(packDir, '1.1.0');
  const text = await cli(repo, 'deployed', '--no-builtin', '--pack', pack, '--dry-run');
  assert.equal(text.code, 1);
  assert.match(
    text.out,
    /contracts\/Vault\.sol:12:9 +medium +AUD-002 +Return value of ERC20 transfer is ignored +\[new since last review: pack update audit-lessons 1\.0\.0 → 1\.1\.0, added AUD-002\]/,
  );
  assert.match(text.out, /3 findings in 2 deployments, 1 brought by pack updates since the last review/);
  assert.match(text.out, /Pack updates since the last review: Pack audit-lessons upgraded 1\.0\.0 → 1\.1\.0 — new: AUD-002/);

  const second = await cli(repo, ...args);
  assert.equal(second.code, 1, second.err);
  report = JSON.parse(second.out) as { deployments: JsonDeployment[] };
  assert.deepEqual(
    report.deployments.map((d) => [d.name, summary(d)]),
    [
      ['vault-v1', ['AUD-001:known', 'AUD-002:new:pack-changed']],
      ['vault-v2', ['AUD-001:known']],
    ],
  );
  assert.deepEqual(report.deployments[0].findings[1].packChange, { pack: 'audit-lessons', from: '1.0.0', to: '1.1.0', listed: 'added' });
  assert.deepEqual(
    report.deployments[1].packChanges.map((c) => [c.kind, c.from, c.to, c.added]),
    [['upgraded', '1.0.0', '1.1.0', ['AUD-002']]],
  );
  assert.match(second.err, /A pack update \(audit-lessons 1\.0\.0 → 1\.1\.0\) adds 1 finding to deployed code: vault-v1 \(1\)\./);

  // Once recorded, the same finding is known; --only-new then has nothing to report.
  const third = await cli(repo, ...args);
  report = JSON.parse(third.out) as { deployments: JsonDeployment[] };
  assert.deepEqual(summary(report.deployments[0]), ['AUD-001:known', 'AUD-002:known']);
  const onlyNew = await cli(repo, ...args, '--only-new');
  assert.equal(onlyNew.code, 0, onlyNew.out);

  // Sources came from git objects: the working tree (whose code has no findings at all) is as it was.
  const after = snapshotTree(repo);
  delete after[path.join('.hindsight', 'deployed-state.json')];
  assert.deepEqual(after, before);
  assert.equal(git(repo, 'status', '--porcelain', '--untracked-files=all'), '?? .hindsight/deployed-state.json\n');
  assert.equal(git(repo, 'rev-parse', '--abbrev-ref', 'HEAD').trim(), 'main');
});

test('--dry-run leaves git status clean; a missing tag is an error naming the deployment, others still reported', async () => {
  const { repo, packDir } = setup();
  const pack = installPack(packDir, '1.1.0');
  write(repo, '.hindsight/deployments.yaml', DEPLOYMENTS.replace('tag: v2', 'tag: v9'));
  commitAll(repo, 'typo');
  const r = await cli(repo, 'deployed', '--no-builtin', '--pack', pack, '--dry-run', '--format', 'json');
  assert.equal(r.code, 2);
  assert.match(r.err, /deployment "vault-v2": "refs\/tags\/v9" is not a commit or tag in this clone/);
  const report = JSON.parse(r.out) as { deployments: JsonDeployment[] };
  assert.deepEqual(summary(report.deployments[0]), ['AUD-001:unreviewed', 'AUD-002:unreviewed']);
  assert.equal(git(repo, 'status', '--porcelain', '--untracked-files=all'), '');
  // With no review recorded, --only-new cannot call anything known: everything gates.
  const unreviewed = await cli(repo, 'deployed', '--no-builtin', '--pack', pack, '--dry-run', '--only-new', '--deployment', 'vault-v1');
  assert.equal(unreviewed.code, 1, unreviewed.out);
  assert.match(unreviewed.out, /2 findings in 1 deployment/);
});

test('a deployment whose sources match no Solidity file is an error, not a clean report', async () => {
  const { repo, packDir } = setup();
  const pack = installPack(packDir, '1.1.0');
  write(repo, '.hindsight/deployments.yaml', DEPLOYMENTS.replace('sources: ["contracts/**/*.sol"]', 'sources: ["contract/**/*.sol"]'));
  const r = await cli(repo, 'deployed', '--no-builtin', '--pack', pack, '--dry-run');
  assert.equal(r.code, 2);
  assert.match(r.err, /deployment "vault-v1": its sources match no \.sol file at v1 \(contract\/\*\*\/\*\.sol\)/);
  assert.match(r.out, /vault-v2 .*\n  contracts\/Vault\.sol:11:17 +high +AUD-001/);
});

test('deployments file errors carry file:line:col and exit 2', async () => {
  const { repo, packDir } = setup();
  const pack = installPack(packDir, '1.1.0');
  write(repo, '.hindsight/deployments.yaml', DEPLOYMENTS.replace('    tag: v2\n', '    tag: v2\n    branch: main\n'));
  const r = await cli(repo, 'deployed', '--no-builtin', '--pack', pack);
  assert.equal(r.code, 2);
  assert.match(r.err, /^hindsight: \.hindsight\/deployments\.yaml:11:5: deployments\[1\]: unknown property "branch"/);
  const missing = await cli(tmp('hs-empty-'), 'deployed', '--no-builtin', '--pack', pack);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /\.hindsight\/deployments\.yaml: no deployments file/);
});

test('SARIF: one run, results name their deployment, fingerprints differ per deployment', async () => {
  const { repo, packDir } = setup();
  const pack = installPack(packDir, '1.1.0');
  const r = await cli(repo, 'deployed', '--no-builtin', '--pack', pack, '--format', 'sarif', '--dry-run');
  assert.equal(r.code, 1);
  const sarif = JSON.parse(r.out) as {
    version: string;
    runs: Array<{
      results: Array<{ ruleId: string; message: { text: string }; partialFingerprints: Record<string, string>; properties: { deployment: { name: string } } }>;
    }>;
  };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs.length, 1);
  const results = sarif.runs[0].results;
  assert.deepEqual(
    results.map((x) => `${x.properties.deployment.name}:${x.ruleId}`),
    ['vault-v1:AUD-001', 'vault-v1:AUD-002', 'vault-v2:AUD-001'],
  );
  assert.match(results[0].message.text, /^\[deployed vault-v1 at v1 on ethereum, 0x1111111111111111111111111111111111111111\] /);
  const fps = results.map((x) => Object.values(x.partialFingerprints)[0]);
  assert.equal(new Set(fps).size, 3);
});

// ---------------------------------------------------------------------------------------------------------
// The classification rules, one by one.

const R = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
function f(findingId: string, fingerprint: string): AuditFinding {
  return { file: 'a.sol', findingId, pack: 'p', title: '', severity: 'high', contract: 'C', function: 'f', fingerprint, range: R };
}
function state(commit: string, tool = '1.0.0', fingerprints: string[] = ['k']): DeploymentState {
  return {
    reviewed: '2026-01-01T00:00:00.000Z',
    commit,
    tool,
    packs: [],
    findings: fingerprints.map((fp) => ({ fingerprint: fp, findingId: 'X-1', pack: 'p', file: 'a.sol' })),
  };
}
function change(kind: PackChange['kind'], added: string[] = [], changed: string[] = []): PackChange {
  return { name: 'p', previousVersion: '1.0.0', version: kind === 'modified' ? '1.0.0' : '1.1.0', kind, added, changed, removed: [], entries: [] };
}
const reasons = (xs: ReturnType<typeof classify>) =>
  xs.map((x) => `${x.findingId}:${x.status}${x.reason ? `:${x.reason}` : ''}${x.packChange?.listed ? `:${x.packChange.listed}` : ''}`);

test('classify: an added finding is pack-caused even when the tag moved; otherwise a moved tag means the code changed', () => {
  const found = [f('X-1', 'k'), f('X-2', 'n1'), f('X-3', 'n2')];
  assert.deepEqual(reasons(classify(found, state('old'), 'new', [change('upgraded', ['X-2'])], '1.0.0')), [
    'X-1:known',
    'X-2:new:pack-changed:added',
    'X-3:new:source-changed',
  ]);
});

test('classify: changed findings, version bumps, edits without a bump, engine updates and the unexplained', () => {
  const found = [f('X-1', 'n1'), f('X-2', 'n2')];
  assert.deepEqual(reasons(classify(found, state('c'), 'c', [change('upgraded', [], ['X-1'])], '1.0.0')), [
    'X-1:new:pack-changed:changed',
    'X-2:new:pack-changed',
  ]);
  assert.deepEqual(reasons(classify(found, state('c'), 'c', [change('modified', [], ['X-1'])], '1.0.0')), [
    'X-1:new:pack-changed:changed',
    'X-2:new:unexplained',
  ]);
  assert.deepEqual(reasons(classify(found, state('c', '0.9.0'), 'c', [], '1.0.0')), ['X-1:new:engine-changed', 'X-2:new:engine-changed']);
  assert.deepEqual(reasons(classify(found, undefined, 'c', [], '1.0.0')), ['X-1:unreviewed', 'X-2:unreviewed']);
});

test('a workspace below the repository top (monorepo): globs are relative to the workspace folder', async () => {
  const repo = initRepo();
  write(repo, 'packages/vault/contracts/Vault.sol', V1);
  write(repo, 'packages/other/contracts/Vault.sol', V1);
  write(repo, 'packages/vault/.hindsight/deployments.yaml', DEPLOYMENTS.split('  - name: vault-v2')[0]);
  commitAll(repo, 'v1');
  git(repo, 'tag', 'v1');
  const pack = installPack(tmp('hs-audit-packs-'), '1.1.0');
  const r = await cli(path.join(repo, 'packages', 'vault'), 'deployed', '--no-builtin', '--pack', pack, '--format', 'json', '--dry-run');
  assert.equal(r.code, 1, r.err);
  const d = (JSON.parse(r.out) as { deployments: Array<JsonDeployment & { files: string[] }> }).deployments[0];
  assert.deepEqual(d.files, ['contracts/Vault.sol']);
  assert.deepEqual(summary(d), ['AUD-001:unreviewed', 'AUD-002:unreviewed']);
});
