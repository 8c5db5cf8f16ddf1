// What `hindsight scan` prints and how it exits: the text report's code snippet and recommendation, the compact
// one-line layout, the same fields in JSON, GitHub workflow annotations, SARIF placed at the repository top,
// standard input, --quiet, --max-warnings and --exit-zero.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type * as Sarif from 'sarif';
import { CLI_PACK, removeBundle, runCli, sol } from './cli-helpers';
import { temporaryTrees } from './tree-helpers';

const PACK = ['--no-builtin', '--pack', CLI_PACK];
const tree = temporaryTrees();
after(removeBundle);

describe('hindsight scan: what it prints', { concurrency: 4 }, () => {
  const ws = tree({ 'contracts/A.sol': sol.both });

  test('text: each finding, then its code with a caret under the range, then the recommendation', async () => {
    const r = await runCli(['scan', ...PACK, 'contracts/A.sol'], { cwd: ws });
    assert.equal(r.code, 1, r.stderr);
    const expected = [
      'contracts/A.sol:5:16  high      CLI-HIGH-1  Authorisation through tx.origin  [fix, review]',
      '   5 | return tx.origin == owner;',
      '     |        ^^^^^^^^^^^^^^^^^^',
      '     = Compare msg.sender instead.',
      '',
      'contracts/A.sol:8:16  low       CLI-LOW-1   Block timestamp used',
      '   8 | return block.timestamp;',
      '     |        ^^^^^^^^^^^^^^^',
      '     = Do not rely on it for anything precise.',
      '',
    ].join('\n');
    assert.ok(r.stdout.startsWith(expected), r.stdout);
    assert.match(r.stdout, /^2 findings \(1 high, 1 low\) · 1 file scanned/m);
  });

  test('--format compact: one line per finding, as before', async () => {
    const r = await runCli(['scan', ...PACK, '--format', 'compact', 'contracts/A.sol'], { cwd: ws });
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 3), [
      'contracts/A.sol:5:16  high      CLI-HIGH-1  Authorisation through tx.origin  [fix, review]',
      'contracts/A.sol:8:16  low       CLI-LOW-1   Block timestamp used',
      '',
    ]);
  });

  test('json: the recommendation and the line of code with every finding', async () => {
    const r = await runCli(['scan', ...PACK, '--format', 'json', 'contracts/A.sol'], { cwd: ws });
    const out = JSON.parse(r.stdout) as { findings: Array<{ id: string; recommendation: string; snippet: string; owasp: string | null }> };
    assert.equal(out.findings[0].recommendation, 'Compare msg.sender instead.');
    // The OWASP category, null when the pack gives none.
    assert.deepEqual(
      out.findings.map((f) => f.owasp),
      [null, 'SC03'],
    );
    assert.equal(out.findings[0].snippet, '        return tx.origin == owner;');
    assert.equal(out.findings[1].snippet, '        return block.timestamp;');
  });

  test('github: workflow annotations relative to the repository top, escaped', async () => {
    const repo = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'pkg/contracts/A.sol': sol.both });
    const r = await runCli(['scan', ...PACK, '--format', 'github', '.'], { cwd: join(repo, 'pkg') });
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(
      lines[0],
      '::error file=pkg/contracts/A.sol,line=5,endLine=5,col=16,endColumn=34,title=CLI-HIGH-1 (high)::Authorisation through tx.origin (in A.a).%0ACompare msg.sender instead.',
    );
    assert.equal(
      lines[1],
      '::notice file=pkg/contracts/A.sol,line=8,endLine=8,col=16,endColumn=31,title=CLI-LOW-1 (low)::Block timestamp used (in A.b).%0ADo not rely on it for anything precise.',
    );
    assert.match(lines[2], /^2 findings \(1 high, 1 low\)/);
  });

  test('sarif: %SRCROOT% is the repository top and every location is relative to it, ../ paths too', async () => {
    const repo = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'pkg/contracts/A.sol': sol.high, 'vendor/V.sol': sol.high });
    const outside = tree({ 'Far.sol': sol.high });
    const r = await runCli(['scan', ...PACK, '--format', 'sarif', 'contracts', '../vendor/V.sol', join(outside, 'Far.sol')], { cwd: join(repo, 'pkg') });
    assert.equal(r.code, 1, r.stderr);
    const run = (JSON.parse(r.stdout) as Sarif.Log).runs[0];
    assert.equal(run.originalUriBaseIds?.['%SRCROOT%']?.uri, `file://${repo}/`);
    const locations = run.results!.map((x) => x.locations![0].physicalLocation!.artifactLocation!);
    const uris = locations.map((l) => l.uri ?? '');
    assert.ok(uris.includes('pkg/contracts/A.sol'), JSON.stringify(uris));
    assert.ok(uris.includes('vendor/V.sol'), JSON.stringify(uris));
    assert.ok(
      uris.some((u) => /^(\.\.\/)+[^/]+\/Far\.sol$/.test(u)),
      JSON.stringify(uris),
    );
    assert.equal(uris.length, 3);
    assert.ok(locations.every((l) => l.uriBaseId === '%SRCROOT%'));
  });

  test('outside a repository, %SRCROOT% is the working folder', async () => {
    const dir = tree({ 'A.sol': sol.high });
    mkdirSync(join(dir, 'sub'));
    const r = await runCli(['scan', ...PACK, '--format', 'sarif', '../A.sol'], { cwd: join(dir, 'sub') });
    const run = (JSON.parse(r.stdout) as Sarif.Log).runs[0];
    assert.equal(run.originalUriBaseIds?.['%SRCROOT%']?.uri, `file://${dir}/sub/`);
    assert.equal(run.results![0].locations![0].physicalLocation!.artifactLocation!.uri, '../A.sol');
  });
});

describe('hindsight scan -: standard input', { concurrency: 3 }, () => {
  test('the code is scanned and reported at --stdin-filename', async () => {
    const dir = tree({});
    const r = await runCli(['scan', ...PACK, '-', '--stdin-filename', 'src/Vault.sol'], { cwd: dir, input: sol.both });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^src\/Vault\.sol:5:16 +high +CLI-HIGH-1 /m);
    assert.match(r.stdout, /^ {3}5 \| return tx\.origin == owner;$/m);
  });

  test('without --stdin-filename it is <stdin>; clean code exits 0', async () => {
    const r = await runCli(['scan', ...PACK, '-'], { input: sol.high });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^<stdin>:3:\d+ +high +CLI-HIGH-1/m);
    const clean = await runCli(['scan', ...PACK, '-'], { input: sol.clean });
    assert.equal(clean.code, 0);
    assert.match(clean.stdout, /^No findings · 1 file scanned/m);
  });

  test('an --exclude or configured exclude that matches --stdin-filename is warned about; misuse is a usage error', async () => {
    const dir = tree({ '.hindsight/config.yaml': 'exclude:\n  - generated/**\n' });
    const r = await runCli(['scan', ...PACK, '-', '--stdin-filename', 'generated/G.sol'], { cwd: dir, input: sol.high });
    assert.equal(r.code, 0, r.stdout);
    assert.match(
      r.stderr,
      /warning: generated\/G\.sol \(standard input\) is not scanned: excluded by "exclude: generated\/\*\*" in \.hindsight\/config\.yaml:2:5/,
    );
    const both = await runCli(['scan', ...PACK, '-', 'other.sol'], { input: sol.high });
    assert.equal(both.code, 2);
    assert.match(both.stderr, /"-" \(standard input\) cannot be combined with other paths/);
    const stray = await runCli(['scan', ...PACK, '--stdin-filename', 'x.sol', '.'], { cwd: dir });
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /--stdin-filename names the code read from standard input/);
  });
});

describe('hindsight scan: what fails the run', { concurrency: 4 }, () => {
  // Two medium-or-lower ("warnings") and one high ("error") in one file.
  const ws = tree({
    'A.sol': sol.both,
    'L.sol': 'pragma solidity ^0.8.20;\ncontract L {\n    function t() external view returns (uint256) { return block.timestamp; }\n}\n',
  });

  test('--quiet reports errors only (critical and high)', async () => {
    const r = await runCli(['scan', ...PACK, '--quiet', '--format', 'compact', '.'], { cwd: ws });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /CLI-HIGH-1/);
    assert.doesNotMatch(r.stdout, /CLI-LOW-1/);
    const low = await runCli(['scan', ...PACK, '-q', 'L.sol'], { cwd: ws });
    assert.equal(low.code, 0, 'a low finding alone is no error');
  });

  test('--max-warnings N: findings below high fail only when more than N; high always fails', async () => {
    const under = await runCli(['scan', ...PACK, '--max-warnings', '1', 'L.sol'], { cwd: ws });
    assert.equal(under.code, 0, under.stderr);
    const over = await runCli(['scan', ...PACK, '--max-warnings', '1', 'L.sol', 'A.sol'], { cwd: ws });
    assert.equal(over.code, 1);
    assert.match(over.stderr, /2 findings below high, more than --max-warnings 1/);
    const high = await runCli(['scan', ...PACK, '--max-warnings', '10', 'A.sol'], { cwd: ws });
    assert.equal(high.code, 1);
    for (const bad of ['-1', 'many', '1.5']) assert.equal((await runCli(['scan', ...PACK, '--max-warnings', bad, 'A.sol'], { cwd: ws })).code, 2, bad);
  });

  test('--exit-zero reports and exits 0, but still 2 on errors', async () => {
    const r = await runCli(['scan', ...PACK, '--exit-zero', 'A.sol'], { cwd: ws });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /CLI-HIGH-1/);
    const missing = await runCli(['scan', ...PACK, '--exit-zero', 'Nope.sol'], { cwd: ws });
    assert.equal(missing.code, 2);
  });
});
