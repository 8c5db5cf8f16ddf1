// Review scope (audit/review-scope*.ts, `hindsight review scope|mark`): the functions changed since a commit (or
// since the last recorded review), reviewers' marks in per-reviewer files, marks going stale when the code they
// covered changes, and the coverage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { functionsOf } from '../../server/src/audit/review-scope';
import { addMarks, readAllMarks, reviewerFile } from '../../server/src/audit/review-marks';
import { cli, commitAll, git, initRepo, write } from './audit-helpers';

const PACK = ['--no-builtin', '--pack', path.join(__dirname, '..', 'fixtures', 'cli', 'pack')];

const VAULT = `pragma solidity ^0.8.20;
contract Vault {
    address owner;
    function a() external view returns (bool) {
        return tx.origin == owner;
    }
    function b() external view returns (uint256) {
        return block.timestamp;
    }
    function b(uint256 x) external view returns (uint256) {
        return x;
    }
}
`;

test('functionsOf: functions by contract, overloads numbered, lines and a hash that ignores comments', () => {
  const fns = functionsOf(VAULT);
  assert.deepEqual(
    fns.map((f) => [f.key, f.startLine, f.endLine]),
    [
      ['Vault.a', 3, 5],
      ['Vault.b', 6, 8],
      ['Vault.b~2', 9, 11],
    ],
  );
  const commented = functionsOf(VAULT.replace('return block.timestamp;', 'return block.timestamp; // now'));
  assert.equal(commented[1].hash, fns[1].hash);
  assert.notEqual(functionsOf(VAULT.replace('block.timestamp', 'block.number'))[1].hash, fns[1].hash);
  // Half-typed code still has an outline.
  assert.deepEqual(
    functionsOf('contract C { function f() public { uint x = ; } function g() external {').map((f) => f.key),
    ['C.f', 'C.g'],
  );
});

test('review scope: changed since a commit, marks per reviewer, stale marks, coverage', async () => {
  const repo = initRepo();
  write(repo, 'src/Vault.sol', VAULT);
  write(repo, 'src/Other.sol', 'pragma solidity ^0.8.20;\ncontract Other { function o() external {} }\n');
  commitAll(repo, 'one');
  const first = git(repo, 'rev-parse', 'HEAD').trim();
  // b() changes, a copy appears (untracked), Other.sol stays.
  write(repo, 'src/Vault.sol', VAULT.replace('return block.timestamp;', 'return block.timestamp + 1;'));
  write(repo, 'src/Copy.sol', VAULT);

  const scope = async (...args: string[]) => {
    const r = await cli(repo, 'review', 'scope', ...PACK, '--format', 'json', ...args);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out) as {
      since?: string;
      files: Array<{
        file: string;
        status: string;
        reviewed: number;
        total: number;
        functions: Array<{ key: string; reviewedBy: string[]; staleBy: string[]; findings: number }>;
      }>;
      coverage: { reviewed: number; total: number };
    };
  };
  const s1 = await scope('--since', first);
  assert.equal(s1.since, first);
  assert.deepEqual(
    s1.files.map((f) => [f.file, f.status, f.functions.map((x) => x.key)]),
    [
      ['src/Copy.sol', 'added', ['Vault.a', 'Vault.b', 'Vault.b~2']],
      ['src/Vault.sol', 'modified', ['Vault.b']],
    ],
  );
  assert.equal(s1.files[0].functions[0].findings, 1, 'the tx.origin finding of a()');
  assert.deepEqual(s1.coverage, { reviewed: 0, total: 4 });

  // Two reviewers mark different things: two files, no conflict.
  assert.equal((await cli(repo, 'review', 'mark', 'src/Vault.sol#Vault.b', '--by', 'Ada')).code, 0);
  assert.equal((await cli(repo, 'review', 'mark', 'src/Copy.sol', '--by', 'Bob Builder')).code, 0);
  assert.ok(fs.existsSync(reviewerFile(repo, 'Ada')));
  assert.ok(fs.existsSync(path.join(repo, '.hindsight/reviewed/bob-builder.json')));
  assert.deepEqual(
    readAllMarks(repo).map((m) => m.reviewer),
    ['Ada', 'Bob Builder'],
  );
  const s2 = await scope('--since', first);
  assert.deepEqual(s2.coverage, { reviewed: 4, total: 4 });
  assert.deepEqual(s2.files[1].functions[0].reviewedBy, ['Ada']);

  // b() changes again after Ada's review: her mark is stale, coverage drops.
  write(repo, 'src/Vault.sol', VAULT.replace('return block.timestamp;', 'return block.timestamp + 2;'));
  const s3 = await scope('--since', first);
  assert.deepEqual(s3.files[1].functions[0].reviewedBy, []);
  assert.deepEqual(s3.files[1].functions[0].staleBy, ['Ada']);
  assert.deepEqual(s3.coverage, { reviewed: 3, total: 4 });

  // Without a commit and without a recorded review: every file, every function.
  const all = await scope();
  assert.equal(all.since, undefined);
  assert.equal(all.coverage.total, 7);

  // A recorded review sets the default commit: the last review's.
  commitAll(repo, 'two');
  const recorded = await cli(repo, 'review', 'record', ...PACK, '--by', 'Ada');
  assert.equal(recorded.code, 0, recorded.err);
  assert.match(recorded.out, /coverage 3\/7/);
  // The review stores what it covered: everything (no earlier review), Copy.sol's three functions by Bob's mark.
  const log = JSON.parse(fs.readFileSync(path.join(repo, '.hindsight/reviews.json'), 'utf8'));
  assert.deepEqual(log.reviews[0].coverage, { files: 3, reviewed: 3, total: 7 });
  write(repo, 'src/Other.sol', 'pragma solidity ^0.8.20;\ncontract Other { function o() external { revert(); } }\n');
  const s4 = await scope();
  assert.equal(s4.since, git(repo, 'rev-parse', 'HEAD').trim());
  assert.deepEqual(
    s4.files.map((f) => [f.file, f.functions.map((x) => x.key)]),
    [['src/Other.sol', ['Other.o']]],
  );
  const text = await cli(repo, 'review', 'scope', ...PACK);
  assert.match(text.out, /changed since [0-9a-f]{12} \(the last recorded review\)/);
  assert.match(text.out, /Other\.o \(lines 2-2\) not reviewed/);
  assert.match(text.out, /Coverage: 0\/1 \(0%\)/);
});

test('marks: written atomically, one per line, a malformed file is reported and kept', async () => {
  const repo = initRepo();
  await addMarks(repo, 'Ada', [{ file: 'a.sol', hash: 'h1', date: '2026-01-01' }]);
  await addMarks(repo, 'Ada', [
    { file: 'a.sol', hash: 'h2', date: '2026-01-02' },
    { file: 'a.sol', function: 'A.f', hash: 'h3', date: '2026-01-02' },
  ]);
  const file = reviewerFile(repo, 'Ada');
  const text = fs.readFileSync(file, 'utf8');
  assert.deepEqual(text.split('\n').filter((l) => l.startsWith('    {')).length, 2);
  assert.deepEqual(
    readAllMarks(repo)[0].marks.map((m) => m.hash),
    ['h2', 'h3'],
    'a later mark of the same target replaces the earlier one',
  );
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['ada.json'], 'no temporary file left behind');
  fs.writeFileSync(file, '{ "version": 1, oops');
  await assert.rejects(addMarks(repo, 'Ada', [{ file: 'b.sol', hash: 'x', date: 'd' }]), /ada\.json:1:\d+/);
  assert.equal(fs.readFileSync(file, 'utf8'), '{ "version": 1, oops');
  const bad = await cli(repo, 'review', 'mark', 'missing.sol', '--by', 'Ada');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /cannot read missing\.sol/);
});
