// Periodic reviews over the protocol: hindsight/reviewStatus and hindsight/recordReview, which writes
// .hindsight/reviews.json as `hindsight review record` does and leaves a malformed log alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { RecordReviewRequest, ReviewStatusRequest } from '../../server/src/shared/protocol';
import { TestClient, uriOf, workspace, startIn } from './client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML, VAULT } from './fixtures';

test('reviewStatus says when a review is due; recordReview appends to the log with packs, counts and commit', async (t) => {
  const ws = workspace({ [PACK_PATH]: PACK_YAML, 'contracts/Vault.sol': VAULT });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: ws.root });
  execFileSync(
    'git',
    ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', 'start'],
    { cwd: ws.root },
  );
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ws.root }).toString().trim();
  const client = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS, initializationOptions: { trustedWorkspace: true } });
  t.after(async () => {
    await client.stop();
    ws.dispose();
  });
  const folder = uriOf(ws.root);
  await client.until('the scan', () => client.findingsChanged.find((n) => !n.scanning && n.total === 4));

  const before = await client.conn.sendRequest(ReviewStatusRequest, { folder });
  assert.equal(before.due, true);
  assert.equal(before.label, 'Review due');
  assert.equal(before.last, undefined);
  assert.match(before.detail, /No review recorded yet/);
  const fresh = await client.conn.sendRequest(ReviewStatusRequest, { folder, dueBeforeFirst: false });
  assert.deepEqual([fresh.due, fresh.label], [false, 'No review yet'], 'an editor with no interval configured is not told a review is due');

  const review = await client.conn.sendRequest(RecordReviewRequest, { folder, note: ' quarterly ', by: 'Tester' });
  assert.equal(review.by, 'Tester');
  assert.equal(review.note, 'quarterly');
  assert.equal(review.commit, head);
  assert.deepEqual(review.packs, [{ name: 'lsp-test', version: '1.0.0' }], 'the packs that run: not the disabled built-in one');
  assert.deepEqual(review.findings, { critical: 0, high: 1, medium: 2, low: 1, info: 0, total: 4 });
  const log = JSON.parse(readFileSync(ws.path('.hindsight/reviews.json'), 'utf8'));
  assert.deepEqual(log.reviews, [review]);

  const after = await client.conn.sendRequest(ReviewStatusRequest, { folder, intervalDays: 30 });
  assert.equal(after.due, false);
  assert.match(after.label, /^Review in (29|30) days$/);
  assert.equal(after.last?.by, 'Tester');
  assert.ok(after.nextDue && Date.parse(after.nextDue) > Date.now());
  const off = await client.conn.sendRequest(ReviewStatusRequest, { folder, intervalDays: 0 });
  assert.match(off.label, /^Reviewed \d{4}-\d\d-\d\d$/);
});

test('recordReview refuses a malformed log and leaves it as it was; reviewStatus reports it', async (t) => {
  const broken = '{ "version": 1, "reviews": [ { "date": "yesterday" } ] }\n';
  const { ws, client } = await startIn(t, { [PACK_PATH]: PACK_YAML, '.hindsight/reviews.json': broken }, { settings: BASE_SETTINGS });
  const folder = uriOf(ws.root);
  await assert.rejects(client.conn.sendRequest(RecordReviewRequest, { folder, by: 'Tester' }), /^Error: \.hindsight\/reviews\.json:1:\d+: /);
  assert.equal(readFileSync(ws.path('.hindsight/reviews.json'), 'utf8'), broken);
  const status = await client.conn.sendRequest(ReviewStatusRequest, { folder });
  assert.match(status.error ?? '', /^\.hindsight\/reviews\.json:1:\d+: /);
  await assert.rejects(client.conn.sendRequest(ReviewStatusRequest, { folder: uriOf('/elsewhere') }), /not a workspace folder/);
});
