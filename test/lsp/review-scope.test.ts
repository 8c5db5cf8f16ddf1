// Review scope over the protocol: hindsight/reviewScope lists what changed since the last recorded review with the
// server's findings and reviewers' marks; hindsight/markReviewed marks the functions a selection touches (or a whole
// file) in the reviewer's own file. Untrusted, git does not run and everything is in scope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { MarkReviewedRequest, RecordReviewRequest, ReviewScopeRequest } from '../../server/src/shared/protocol';
import { TestClient, uriOf, workspace } from './client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML, VAULT } from './fixtures';

test('review scope and reviewed marks over the protocol', async (t) => {
  const ws = workspace({ [PACK_PATH]: PACK_YAML, 'contracts/Vault.sol': VAULT, 'contracts/Other.sol': VAULT.replace('contract Vault', 'contract Other') });
  const run = (...args: string[]) => execFileSync('git', args, { cwd: ws.root }).toString().trim();
  run('init', '-q', '-b', 'main');
  run('-c', 'user.name=T', '-c', 'user.email=t@x', '-c', 'commit.gpgsign=false', 'commit', '-q', '--allow-empty', '-m', 'empty');
  run('add', '-A');
  run('-c', 'user.name=T', '-c', 'user.email=t@x', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'code');
  const client = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS, initializationOptions: { trustedWorkspace: true } });
  t.after(async () => {
    await client.stop();
    ws.dispose();
  });
  const folder = uriOf(ws.root);
  await client.until('the scan', () => client.findingsChanged.find((n) => !n.scanning && n.total === 8));

  // No review yet: everything, with the server's findings per function.
  const all = await client.conn.sendRequest(ReviewScopeRequest, { folder });
  assert.equal(all.sinceSource, 'none');
  assert.deepEqual(
    all.files.map((f) => f.file),
    ['contracts/Other.sol', 'contracts/Vault.sol'],
  );
  const vault = all.files[1];
  assert.deepEqual(
    vault.functions.map((f) => [f.key, f.findings]),
    [
      ['Vault.pay', 2],
      ['Vault.who', 1],
      ['Vault.more', 1],
    ],
  );
  assert.deepEqual(all.coverage, { reviewed: 0, total: 6 });

  // A review is recorded (at HEAD); then more() changes: only it is in scope.
  const review = await client.conn.sendRequest(RecordReviewRequest, { folder, by: 'Ada' });
  assert.deepEqual(review.coverage, { files: 2, reviewed: 0, total: 6 }, 'the review records what it covered');
  ws.write('contracts/Vault.sol', VAULT.replace('t.transfer(b, 7);', 't.transfer(b, 8);'));
  const changed = await client.conn.sendRequest(ReviewScopeRequest, { folder });
  assert.equal(changed.sinceSource, 'last-review');
  assert.equal(changed.since, run('rev-parse', 'HEAD'));
  assert.deepEqual(
    changed.files.map((f) => [f.file, f.status, f.functions.map((x) => x.key)]),
    [['contracts/Vault.sol', 'modified', ['Vault.more']]],
  );

  // A selection inside more() marks more(); a mark of the whole file covers every function.
  const uri = ws.uri('contracts/Vault.sol');
  assert.deepEqual(await client.conn.sendRequest(MarkReviewedRequest, { uri, lines: { start: 15, end: 15 }, by: 'Ada' }), { reviewer: 'Ada', marks: 1 });
  const marks = JSON.parse(readFileSync(ws.path('.hindsight/reviewed/ada.json'), 'utf8'));
  assert.deepEqual(
    marks.marks.map((m: { file: string; function?: string }) => [m.file, m.function]),
    [['contracts/Vault.sol', 'Vault.more']],
  );
  const after = await client.conn.sendRequest(ReviewScopeRequest, { folder });
  assert.deepEqual(after.files[0].functions[0].reviewedBy, ['Ada']);
  assert.deepEqual(after.coverage, { reviewed: 1, total: 1 });
  await client.conn.sendRequest(MarkReviewedRequest, { uri: ws.uri('contracts/Other.sol'), by: 'Bob' });
  const since = await client.conn.sendRequest(ReviewScopeRequest, { folder, since: 'HEAD~1' });
  assert.deepEqual(
    since.files.map((f) => [f.file, f.reviewed, f.total, f.reviewedBy]),
    [
      ['contracts/Other.sol', 3, 3, ['Bob']],
      ['contracts/Vault.sol', 1, 3, []],
    ],
  );
  await assert.rejects(client.conn.sendRequest(ReviewScopeRequest, { folder, since: 'no-such-commit' }), /not a commit/);
});
