import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseReviews } from '../../server/src/audit/reviews';
import { cli, commitAll, git, initRepo, installPack, tmp, write } from './audit-helpers';

const VAULT = `pragma solidity ^0.8.20;
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

test('review record appends date, packs, counts per severity, who (git user.name by default) and the commit', async () => {
  const repo = initRepo();
  write(repo, 'contracts/Vault.sol', VAULT);
  commitAll(repo, 'code');
  const pack = installPack(tmp('hs-review-pack-'), '1.1.0');
  const p = ['--no-builtin', '--pack', pack];

  const first = await cli(repo, 'review', 'record', ...p);
  assert.equal(first.code, 0, first.err);
  assert.match(
    first.out,
    /^Review recorded in \.hindsight\/reviews\.json: \S+ by Ada Auditor, 2 findings \(1 high, 1 medium\), packs audit-lessons 1\.1\.0, coverage 0\/1\n$/,
  );
  const second = await cli(repo, 'review', 'record', ...p, '--by', 'Grace', '--note', 'Q3 review');
  assert.equal(second.code, 0, second.err);

  const file = path.join(repo, '.hindsight/reviews.json');
  const log = parseReviews(fs.readFileSync(file, 'utf8'), file);
  assert.equal(log.reviews.length, 2);
  const [a, b] = log.reviews;
  assert.equal(a.by, 'Ada Auditor');
  assert.equal(b.by, 'Grace');
  assert.equal(b.note, 'Q3 review');
  assert.deepEqual(a.packs, [{ name: 'audit-lessons', version: '1.1.0' }]);
  assert.deepEqual(a.findings, { critical: 0, high: 1, medium: 1, low: 0, info: 0, total: 2 });
  assert.equal(a.commit, git(repo, 'rev-parse', 'HEAD').trim());
  // What each review covered: the first everything; the second what changed since the first (nothing).
  assert.deepEqual(a.coverage, { files: 1, reviewed: 0, total: 1 });
  assert.deepEqual(b.coverage, { since: a.commit, files: 0, reviewed: 0, total: 0 });
  assert.ok(Math.abs(Date.parse(a.date) - Date.now()) < 60 * 60 * 1000);

  const status = await cli(repo, 'review', 'status');
  assert.equal(status.code, 0, status.out);
  assert.match(
    status.out,
    /^Last review: \d{4}-\d\d-\d\d by Grace \(0 days ago\): 2 findings \(1 high, 1 medium\)\.\nNext review due on \d{4}-\d\d-\d\d \(in 2\d days\)\.\n$/,
  );
});

test('review status: due when there is none or the last is older than the interval (exit 1); 0 turns reminders off', async () => {
  const dir = tmp('hs-review-');
  const none = await cli(dir, 'review', 'status');
  assert.equal(none.code, 1);
  assert.match(none.out, /No review recorded yet/);

  const day = 86_400_000;
  // Half a day past the whole number: the day counts below stay exact even if the clock moves a little mid-test.
  const old = new Date(Date.now() - 40.5 * day).toISOString();
  const older = new Date(Date.now() - 100 * day).toISOString();
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0, total: 0 };
  write(
    dir,
    '.hindsight/reviews.json',
    JSON.stringify(
      {
        version: 1,
        reviews: [
          { date: old, by: 'A', packs: [], findings: counts },
          { date: older, by: 'B', packs: [], findings: counts },
        ],
      },
      null,
      2,
    ),
  );
  const due = await cli(dir, 'review', 'status');
  assert.equal(due.code, 1);
  assert.match(due.out, /Last review: .* by A \(40 days ago\)/);
  assert.match(due.out, /A review is due: it was due on .* \(interval 30 days, 10 days overdue\)/);
  assert.equal((await cli(dir, 'review', 'status', '--interval-days', '60')).code, 0);
  assert.equal((await cli(dir, 'review', 'status', '--interval-days', '0')).code, 0);
  const json = await cli(dir, 'review', 'status', '--format', 'json', '--interval-days', '45');
  const data = JSON.parse(json.out) as { due: boolean; daysLeft: number; lastReview: { by: string } };
  assert.deepEqual([data.due, data.daysLeft, data.lastReview.by], [false, 4, 'A']);
  const bad = await cli(dir, 'review', 'status', '--interval-days', 'soon');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--interval-days must be a number of days/);
});

test('a malformed reviews.json is reported with line:col and left untouched by review record', async () => {
  const dir = tmp('hs-review-bad-');
  write(dir, 'a.sol', VAULT);
  const pack = installPack(tmp('hs-review-pack-'), '1.1.0');
  const text = '{ "version": 1, "reviews": [\n  { "date": "2026-01-01T00:00:00Z", "by": 3, "packs": [], "findings": { "total": 0 } }\n] }\n';
  write(dir, '.hindsight/reviews.json', text);
  const r = await cli(dir, 'review', 'record', '--no-builtin', '--pack', pack);
  assert.equal(r.code, 2);
  assert.match(r.err, /^hindsight: \.hindsight\/reviews\.json:2:43: reviews\[0\]\.by: must be string/);
  assert.equal(fs.readFileSync(path.join(dir, '.hindsight/reviews.json'), 'utf8'), text);
});
