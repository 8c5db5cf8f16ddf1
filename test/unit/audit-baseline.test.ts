import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeBaselineArgs } from '../../server/src/cli/audit-commands';
import { cli, installPack, tmp, write } from './audit-helpers';

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

    function sweep(address to) external {
        token.transfer(to, 1);
    }
}
`;

function workspace(): { dir: string; pack: string } {
  const dir = tmp('hs-baseline-');
  write(dir, 'contracts/Vault.sol', VAULT);
  return { dir, pack: installPack(tmp('hs-baseline-pack-'), '1.1.0') };
}

test('baseline across edits: moved and unrelated edits add nothing, one new vulnerable call is exactly one new finding', async () => {
  const { dir, pack } = workspace();
  const p = ['--no-builtin', '--pack', pack];
  const saved = await cli(dir, 'baseline', 'save', ...p);
  assert.equal(saved.code, 0, saved.err);
  assert.match(saved.out, /^Baseline saved to \.hindsight\/baseline\.json: 3 findings \(1 high, 2 medium\) in 1 file\n$/);
  const first = fs.readFileSync(path.join(dir, '.hindsight/baseline.json'), 'utf8');

  const clean = await cli(dir, 'scan', '.', ...p, '--baseline');
  assert.equal(clean.code, 0, clean.out);
  assert.match(clean.err, /3 known findings hidden by the baseline \.hindsight\/baseline\.json/);

  // Move everything down, add an unrelated function and reorder the two existing ones.
  const edited = VAULT.replace(
    'contract Vault {',
    '// a comment\n\n\ncontract Vault {\n    uint256 counter;\n\n    function bump() external {\n        counter += 2;\n    }\n',
  ).replace(
    / {4}function withdraw[\s\S]*?\n {4}}\n\n( {4}function sweep[\s\S]*?\n {4}}\n)/,
    (m, sweep: string) => `${sweep}\n${m.slice(0, m.indexOf('\n\n    function sweep'))}\n`,
  );
  assert.notEqual(edited, VAULT);
  assert.ok(edited.indexOf('function sweep') < edited.indexOf('function withdraw'), 'functions were reordered');
  write(dir, 'contracts/Vault.sol', edited);
  const moved = await cli(dir, 'scan', '.', ...p, '--baseline', '--format', 'json');
  assert.equal(moved.code, 0, moved.out);
  assert.deepEqual(JSON.parse(moved.out).findings, []);

  // Saving again after unrelated edits gives the same findings (only the date differs).
  await cli(dir, 'baseline', 'save', ...p);
  const second = fs.readFileSync(path.join(dir, '.hindsight/baseline.json'), 'utf8');
  const strip = (s: string) => s.replace(/"created": "[^"]+"/, '');
  assert.equal(strip(second), strip(first));

  write(dir, 'contracts/Vault.sol', edited.replace('        counter += 2;\n', '        counter += 2;\n        token.transfer(owner, counter);\n'));
  const added = await cli(dir, 'scan', '.', ...p, '--baseline', '--format', 'json');
  assert.equal(added.code, 1);
  const findings = JSON.parse(added.out).findings as Array<{ id: string; function: string; range: { start: { line: number } } }>;
  assert.deepEqual(
    findings.map((f) => `${f.id}@${f.function}:${f.range.start.line}`),
    ['AUD-002@bump:14'],
  );

  // --min-severity high gates on new high findings only: the new medium does not fail the build.
  const high = await cli(dir, 'scan', '.', ...p, '--baseline', '.hindsight/baseline.json', '--min-severity', 'high');
  assert.equal(high.code, 0, high.out);
  assert.doesNotMatch(high.err, /no longer found/, 'medium entries are not "fixed" just because mediums were not scanned');
});

test('baseline: fixed findings are pointed out; a custom file; a malformed or missing baseline is exit 2 with file:line:col', async () => {
  const { dir, pack } = workspace();
  const p = ['--no-builtin', '--pack', pack];
  assert.equal((await cli(dir, 'baseline', 'save', ...p, '-o', 'ci/accepted.json')).code, 0);
  write(dir, 'contracts/Vault.sol', VAULT.replace('tx.origin == owner', 'msg.sender == owner'));
  const fixed = await cli(dir, 'scan', '.', ...p, '--baseline', 'ci/accepted.json');
  assert.equal(fixed.code, 0);
  assert.match(fixed.err, /1 baseline entry is no longer found \(fixed\?\)/);

  write(dir, 'ci/accepted.json', '{\n  "version": 1,\n  "findings": [\n    {"fingerprint": "x", "findingId": "A-1", "file": "a.sol"},\n  ]\n}\n');
  const bad = await cli(dir, 'scan', '.', ...p, '--baseline', 'ci/accepted.json');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^hindsight: ci\/accepted\.json:5:3: invalid JSON: value expected/);
  const refused = await cli(dir, 'baseline', 'save', ...p, '-o', 'ci/accepted.json');
  assert.equal(refused.code, 2);
  assert.match(refused.err, /not overwritten \(use --force to replace it\)/);
  assert.match(fs.readFileSync(path.join(dir, 'ci/accepted.json'), 'utf8'), /"x"/);
  assert.equal((await cli(dir, 'baseline', 'save', ...p, '-o', 'ci/accepted.json', '--force')).code, 0);

  const missing = await cli(dir, 'scan', '.', ...p, '--baseline');
  assert.equal(missing.code, 2);
  assert.match(missing.err, /\.hindsight\/baseline\.json: baseline not found; create it with `hindsight baseline save`/);
});

test('baseline save scans what scan scans: .hindsight/config.yaml exclusions apply to both', async () => {
  const { dir, pack } = workspace();
  write(dir, 'contracts/mocks/Mock.sol', VAULT.replace('contract Vault', 'contract Mock'));
  write(dir, '.hindsight/config.yaml', 'exclude: ["contracts/mocks/**"]\n');
  const p = ['--no-builtin', '--pack', pack];
  const saved = await cli(dir, 'baseline', 'save', ...p);
  assert.match(saved.out, /3 findings \(1 high, 2 medium\) in 1 file/);
  const scan = await cli(dir, 'scan', '.', ...p, '--baseline');
  assert.equal(scan.code, 0, scan.out);
  // Without the exclusion the mock's findings are all new.
  const all = await cli(dir, 'scan', '.', ...p, '--baseline', '--no-config', '--include-tests', '--format', 'json');
  assert.equal(all.code, 1);
  assert.deepEqual([...new Set((JSON.parse(all.out).findings as Array<{ file: string }>).map((f) => f.file))], ['contracts/mocks/Mock.sol']);
});

test('--baseline takes a value only when it names a .json file', () => {
  assert.deepEqual(normalizeBaselineArgs(['--baseline', '.']), ['--baseline=.hindsight/baseline.json', '.']);
  assert.deepEqual(normalizeBaselineArgs(['.', '--baseline']), ['.', '--baseline=.hindsight/baseline.json']);
  assert.deepEqual(normalizeBaselineArgs(['--baseline', 'b.json', '--format', 'sarif']), ['--baseline=b.json', '--format', 'sarif']);
  assert.deepEqual(normalizeBaselineArgs(['--baseline', '--format', 'sarif']), ['--baseline=.hindsight/baseline.json', '--format', 'sarif']);
  assert.deepEqual(normalizeBaselineArgs(['--baseline=x.json']), ['--baseline=x.json']);
});
