// Runs the `npx hindsight-solidity` commands of the GitHub Actions workflow in docs/continuous-audit.md exactly as written
// (through the built CLI, server/bin/hindsight.js), and checks their exit codes and that the SARIF is valid.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { commitAll, git, initRepo, write } from './audit-helpers';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'server', 'bin', 'hindsight.js');
const DOC = path.join(ROOT, 'docs', 'continuous-audit.md');

/**
 * `npm test` builds first (the workflow runs the built CLI). A lone run of this file builds only when there is no
 * bundle: rebuilding a stale one here would race other tests that use dist/ at the same time.
 */
before(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
});

interface Step {
  id?: string;
  run?: string;
}

function workflowCommands(): Record<string, string[]> {
  const doc = fs.readFileSync(DOC, 'utf8');
  const marker = doc.indexOf('<!-- test/unit/audit-workflow.test.ts');
  assert.ok(marker >= 0, 'the workflow marker is in docs/continuous-audit.md');
  const block = /```yaml\n([\s\S]*?)```/.exec(doc.slice(marker));
  assert.ok(block);
  const workflow = parse(block[1]) as { on: Record<string, unknown>; jobs: Record<string, { steps: Step[] }> };
  assert.ok('pull_request' in workflow.on && 'schedule' in workflow.on, 'runs on pull requests and on a schedule');
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  assert.ok(
    steps.some((s) => (s as { uses?: string }).uses?.startsWith('github/codeql-action/upload-sarif')),
    'uploads SARIF',
  );
  const commands: Record<string, string[]> = {};
  // The npm package is hindsight-solidity: `npx hindsight` would run an unrelated package of that name.
  assert.ok(!steps.some((s) => /\bnpx hindsight\s/.test(s.run ?? '')), 'no step runs `npx hindsight`');
  for (const s of steps) {
    if (!s.run?.startsWith('npx hindsight-solidity ')) continue;
    assert.doesNotMatch(s.run, /["'$`\\|&;<>]/, 'plain arguments only, so splitting on spaces is exact');
    commands[s.id ?? s.run.split(' ')[2]] = s.run.trim().split(/\s+/).slice(2);
  }
  return commands;
}

function hindsight(cwd: string, args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validateSarif = ajv.compile(JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')));

interface SarifLog {
  runs: Array<{ results: Array<{ ruleId: string; message: { text: string } }> }>;
}

function readSarif(file: string): SarifLog {
  const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const valid = validateSarif(data);
  assert.ok(valid, `${file} is valid SARIF 2.1.0: ${ajv.errorsText(validateSarif.errors)}`);
  return data as SarifLog;
}

const VAULT = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IERC20 { function transfer(address to, uint256 amount) external returns (bool); }

contract Vault {
    address owner;
    IERC20 token;

    function withdraw(address to, uint256 amount) external {
        require(tx.origin == owner, "not owner");
        token.transfer(to, amount);
    }
}
`;
const NEW_CALL = VAULT.replace('        token.transfer(to, amount);\n', '        token.transfer(to, amount);\n        token.transfer(owner, amount / 100);\n');

test('the documented workflow: scan with a baseline gates on new findings only and writes valid SARIF', () => {
  const cmd = workflowCommands();
  assert.deepEqual(cmd.scan, [
    'scan',
    '.',
    '--format',
    'sarif',
    '--output',
    'hindsight.sarif',
    '--min-severity',
    'medium',
    '--baseline',
    '.hindsight/baseline.json',
  ]);
  const repo = initRepo();
  write(repo, 'contracts/Vault.sol', VAULT);
  const save = hindsight(repo, ['baseline', 'save']);
  assert.equal(save.code, 0, save.err);
  commitAll(repo, 'code and baseline');

  const clean = hindsight(repo, cmd.scan);
  assert.equal(clean.code, 0, clean.err);
  assert.equal(readSarif(path.join(repo, 'hindsight.sarif')).runs[0].results.length, 0);

  write(repo, 'contracts/Vault.sol', NEW_CALL);
  const fresh = hindsight(repo, cmd.scan);
  assert.equal(fresh.code, 1, fresh.err);
  const results = readSarif(path.join(repo, 'hindsight.sarif')).runs[0].results;
  assert.equal(results.length, 1, JSON.stringify(results.map((r) => r.message.text)));

  // A broken baseline fails the gate with exit 2 and leaves no stale SARIF claiming success.
  write(repo, '.hindsight/baseline.json', '{ "version": 1, "findings": [ }');
  fs.rmSync(path.join(repo, 'hindsight.sarif'));
  const broken = hindsight(repo, cmd.scan);
  assert.equal(broken.code, 2);
  assert.match(broken.err, /\.hindsight\/baseline\.json:1:31: invalid JSON: value expected/);
  assert.ok(!fs.existsSync(path.join(repo, 'hindsight.sarif')));
});

test('the documented workflow: deployed code and review status', () => {
  const cmd = workflowCommands();
  assert.deepEqual(cmd.deployed, [
    'deployed',
    '--format',
    'sarif',
    '--output',
    'hindsight-deployed.sarif',
    '--min-severity',
    'medium',
    '--only-new',
    '--dry-run',
  ]);
  assert.deepEqual(cmd.review ?? cmd[Object.keys(cmd).find((k) => cmd[k][0] === 'review')!], ['review', 'status', '--interval-days', '30']);
  const review = cmd[Object.keys(cmd).find((k) => cmd[k][0] === 'review')!];
  const repo = initRepo();
  write(repo, '.gitignore', '*.sarif\n');
  write(repo, 'contracts/Vault.sol', VAULT);
  write(
    repo,
    '.hindsight/deployments.yaml',
    'deployments:\n  - name: vault\n    chain: 1\n    address: 0x3333333333333333333333333333333333333333\n    tag: v1\n    sources: ["contracts/**/*.sol"]\n',
  );
  commitAll(repo, 'v1');
  git(repo, 'tag', 'v1');

  // A reviewer records the deployed state and commits it; the weekly job then has nothing new.
  assert.equal(hindsight(repo, ['deployed']).code, 1);
  commitAll(repo, 'deployed review');
  const quiet = hindsight(repo, cmd.deployed);
  assert.equal(quiet.code, 0, quiet.err);
  assert.equal(readSarif(path.join(repo, 'hindsight-deployed.sarif')).runs[0].results.length, 0);

  // The tag is moved to a release with one more ignored transfer: exactly that finding is new, and the job fails.
  write(repo, 'contracts/Vault.sol', NEW_CALL);
  commitAll(repo, 'v1 re-release');
  git(repo, 'tag', '-f', 'v1');
  fs.rmSync(path.join(repo, 'hindsight-deployed.sarif'));
  const moved = hindsight(repo, cmd.deployed);
  assert.equal(moved.code, 1, moved.err);
  const results = readSarif(path.join(repo, 'hindsight-deployed.sarif')).runs[0].results;
  assert.equal(results.length, 1);
  assert.match(
    results[0].message.text,
    /^\[deployed vault at v1 on 1, 0x3333333333333333333333333333333333333333\] .*new since last review: the deployment now points at another commit/,
  );
  assert.equal(git(repo, 'status', '--porcelain'), '', '--dry-run and git reads leave the checkout alone');

  assert.equal(hindsight(repo, review).code, 1, 'no review yet: due');
  assert.equal(hindsight(repo, ['review', 'record', '--by', 'CI test']).code, 0);
  const status = hindsight(repo, review);
  assert.equal(status.code, 0, status.out);
  assert.match(status.out, /Last review: .* by CI test/);
});
