// action.yml, the GitHub Action: its shell steps run here as GitHub runs them (bash, inputs in the environment,
// $GITHUB_OUTPUT), with the CLI built from these sources standing in for the installed hindsight-solidity.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { cliBundle, makeTree, removeBundle, ROOT, runCli, sol } from './cli-helpers';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; steps: Step[] };
};
const step = (id: string) => action.runs.steps.find((s) => s.id === id || s.name === id)!;
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const temps: string[] = [];
let bin = '';
before(async () => {
  const dir = makeTree({});
  temps.push(dir);
  bin = join(dir, 'hindsight');
  writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${await cliBundle()}" "$@"\n`);
  chmodSync(bin, 0o755);
});
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
  removeBundle();
});

/** Runs a step's script with bash, its inputs given as the action's defaults overridden by `inputs`. */
function runStep(s: Step, cwd: string, env: Record<string, string>): { code: number | null; outputs: Record<string, string>; stdout: string; stderr: string } {
  const outputFile = join(cwd, '.github-output');
  writeFileSync(outputFile, '');
  const r = spawnSync('bash', ['-e', '-c', s.run!], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_OUTPUT: outputFile, ...env } });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { code: r.status, outputs, stdout: r.stdout, stderr: r.stderr };
}

const defaults = (): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) env[`INPUT_${k.toUpperCase().replace(/-/g, '_')}`] = v.default ?? '';
  return env;
};

describe('action.yml', { skip: process.platform === 'win32' ? 'bash steps' : false }, () => {
  test('a composite action: setup-node, install, scan, upload-sarif, gate', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(
      action.runs.steps.map((s) => s.uses?.replace(/@.*/, '') ?? s.name),
      ['actions/setup-node', 'Install hindsight-solidity', 'Scan', 'github/codeql-action/upload-sarif', 'Gate'],
    );
    assert.match(step('Upload SARIF').if!, /inputs\.upload-sarif == 'true'/);
    // Inputs reach the scripts through the environment only: an input can never be run as shell code.
    for (const s of action.runs.steps.filter((x) => x.run)) assert.doesNotMatch(s.run!, /\$\{\{/, `${s.name} interpolates no expression`);
  });

  test("installs hindsight-solidity at the action's own version, or the one asked for", () => {
    const dir = makeTree({ npm: '#!/bin/sh\necho "$@" > "$(dirname "$0")/npm-args"\n' });
    temps.push(dir);
    chmodSync(join(dir, 'npm'), 0o755);
    const env = { PATH: `${dir}:${process.env.PATH}`, ACTION_PATH: ROOT, PREFIX: join(dir, 'prefix') };
    const own = runStep(step('install'), dir, { ...env, INPUT_VERSION: '' });
    assert.equal(own.code, 0, own.stderr);
    assert.match(
      readFileSync(join(dir, 'npm-args'), 'utf8'),
      new RegExp(`^install --no-save .*--prefix ${join(dir, 'prefix')} hindsight-solidity@${version.replace(/\./g, '\\.')}\\n$`),
    );
    assert.equal(own.outputs.bin, join(dir, 'prefix', 'node_modules', '.bin', 'hindsight'));
    runStep(step('install'), dir, { ...env, INPUT_VERSION: '9.9.9' });
    assert.match(readFileSync(join(dir, 'npm-args'), 'utf8'), /hindsight-solidity@9\.9\.9\n$/);
  });

  test('scan writes SARIF and reports exit code 1 on findings; a baseline makes only new ones count', async () => {
    const repo = makeTree({ '.git/HEAD': 'ref: refs/heads/main\n', 'src/Vault.sol': sol.high });
    temps.push(repo);
    const first = runStep(step('scan'), repo, { ...defaults(), HINDSIGHT: bin });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.outputs['exit-code'], '1');
    const sarif = JSON.parse(readFileSync(join(repo, 'hindsight.sarif'), 'utf8')) as { runs: Array<{ results: unknown[] }> };
    assert.ok(sarif.runs[0].results.length > 0);

    assert.equal((await runCli(['baseline', 'save'], { cwd: repo })).code, 0);
    const known = runStep(step('scan'), repo, { ...defaults(), HINDSIGHT: bin });
    assert.equal(known.outputs['exit-code'], '0', known.stderr);
    assert.match(known.stderr, /known finding.* hidden by the baseline/);
  });

  test('annotations: a second pass prints workflow commands; an error is exit code 2', () => {
    const repo = makeTree({ '.git/HEAD': 'ref: refs/heads/main\n', 'src/Vault.sol': sol.high });
    temps.push(repo);
    const r = runStep(step('scan'), repo, { ...defaults(), HINDSIGHT: bin, INPUT_ANNOTATIONS: 'true', INPUT_BASELINE: '' });
    assert.equal(r.outputs['exit-code'], '1');
    assert.match(r.stdout, /^::error file=src\/Vault\.sol,line=3,/m);
    const broken = makeTree({ '.hindsight/config.yaml': 'exclude: [\n', 'A.sol': sol.high });
    temps.push(broken);
    const bad = runStep(step('scan'), broken, { ...defaults(), HINDSIGHT: bin });
    assert.equal(bad.outputs['exit-code'], '2');
    assert.ok(!existsSync(join(broken, 'hindsight.sarif')));
  });

  test('the gate fails on findings unless told not to, and always on errors', () => {
    const dir = makeTree({});
    temps.push(dir);
    const gate = (code: string, fail = 'true') => runStep(step('Gate'), dir, { CODE: code, INPUT_FAIL_ON_FINDINGS: fail });
    assert.equal(gate('0').code, 0);
    assert.equal(gate('1').code, 1);
    assert.match(gate('1').stdout, /^::error title=Hindsight::findings/m);
    assert.equal(gate('1', 'false').code, 0);
    assert.equal(gate('2').code, 2);
    assert.equal(gate('2', 'false').code, 2);
  });
});

describe('pre-commit hooks', { skip: process.platform === 'win32' ? 'sh hooks' : false }, () => {
  test(".pre-commit-hooks.yaml runs the package's hindsight command on staged .sol files", () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{
      id: string;
      entry: string;
      language: string;
      files: string;
      args: string[];
    }>;
    const hook = hooks.find((h) => h.id === 'hindsight')!;
    const bins = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
    assert.equal(hook.language, 'node');
    assert.ok(hook.entry.split(' ')[0] in bins, 'the entry is a command the package installs');
    assert.equal(hook.entry.split(' ')[1], 'scan');
    assert.deepEqual(hook.args, ['--quiet']);
    const files = new RegExp(hook.files);
    assert.ok(files.test('src/Vault.sol') && !files.test('README.md'));
  });

  test('the plain git hook of docs/cli.md blocks a commit with a high finding, lets others through', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
    const script = /```sh\n(#!\/bin\/sh\n# Hindsight on the staged Solidity files[\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(script, 'the hook is in docs/cli.md');
    // npx stands in for the registry: it runs the CLI built from these sources, whatever package it is asked for.
    const shims = makeTree({ npx: `#!/bin/sh\nwhile [ "$1" = "--yes" ] || [ "$1" = "hindsight-solidity" ]; do shift; done\nexec "${bin}" "$@"\n` });
    temps.push(shims);
    chmodSync(join(shims, 'npx'), 0o755);
    const repo = makeTree({ '.hindsight/config.yaml': 'exclude:\n  - test/**\n', 'README.md': 'x' });
    temps.push(repo);
    const git = (...args: string[]) =>
      spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, PATH: `${shims}:${process.env.PATH}`, NO_COLOR: '1' } });
    git('init', '-q');
    git('config', 'user.email', 'ci@example.com');
    git('config', 'user.name', 'CI');
    writeFileSync(join(repo, '.git', 'hooks', 'pre-commit'), script!);
    chmodSync(join(repo, '.git', 'hooks', 'pre-commit'), 0o755);

    writeFileSync(join(repo, 'Clean.sol'), sol.clean);
    git('add', '.');
    assert.equal(git('commit', '-q', '-m', 'clean').status, 0);

    writeFileSync(join(repo, 'Vault.sol'), sol.high);
    git('add', 'Vault.sol');
    const blocked = git('commit', '-q', '-m', 'vulnerable');
    assert.equal(blocked.status, 1, blocked.stderr);
    // git sends a hook's output to standard error.
    assert.match(blocked.stderr, /^Vault\.sol:3:\d+ +high +HS-ACCESS-001/m);

    git('reset', '-q', 'Vault.sol');
    spawnSync('mkdir', ['-p', join(repo, 'test')]);
    writeFileSync(join(repo, 'test', 'Attack.sol'), sol.high);
    git('add', 'test/Attack.sol');
    const excluded = git('commit', '-q', '-m', 'a test');
    assert.equal(excluded.status, 0, excluded.stdout);
    assert.match(excluded.stderr, /test\/Attack\.sol is not scanned: excluded by "exclude: test\/\*\*"/);
  });
});
