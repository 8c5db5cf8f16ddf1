import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { auditWorkspaceDeployments, workspaceReviewStatus } from '../../server/src/audit/api';
import { loadPack } from '../../server/src/packs/load';
import { commitAll, git, initRepo, installPack, tmp, write } from './audit-helpers';

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

test('editor entry point: deployed audit with a notice when a pack update adds findings, recorded only on request', async () => {
  const repo = initRepo();
  write(repo, 'src/Vault.sol', VAULT);
  write(
    repo,
    '.hindsight/deployments.yaml',
    'deployments:\n  - name: vault\n    chain: 10\n    address: 0x5555555555555555555555555555555555555555\n    tag: v1\n    sources: ["src/*.sol"]\n',
  );
  commitAll(repo, 'v1');
  git(repo, 'tag', 'v1');
  const packDir = tmp('hs-api-pack-');
  installPack(packDir, '1.0.0');
  const v1 = [loadPack(path.join(packDir, 'audit-lessons'))];
  const first = await auditWorkspaceDeployments(repo, v1, { toolVersion: '0.1.0', record: true });
  assert.equal(first.configured, true);
  assert.equal(first.notice, undefined);
  assert.deepEqual(
    first.reports[0].findings.map((f) => `${f.findingId}:${f.status}`),
    ['AUD-001:unreviewed'],
  );

  installPack(packDir, '1.1.0');
  const v2 = [loadPack(path.join(packDir, 'audit-lessons'))];
  const seen = await auditWorkspaceDeployments(repo, v2, { toolVersion: '0.1.0' });
  assert.equal(seen.notice, 'A pack update (audit-lessons 1.0.0 → 1.1.0) adds 1 finding to deployed code: vault (1).');
  const again = await auditWorkspaceDeployments(repo, v2, { toolVersion: '0.1.0', record: true });
  assert.equal(again.notice, seen.notice, 'not recorded before: the notice stays until recorded');
  assert.equal((await auditWorkspaceDeployments(repo, v2, { toolVersion: '0.1.0' })).notice, undefined);

  assert.deepEqual(await auditWorkspaceDeployments(tmp('hs-api-none-'), v2, { toolVersion: '0.1.0' }), { configured: false, reports: [] });
  write(repo, '.hindsight/deployments.yaml', 'deployments: 3\n');
  const broken = await auditWorkspaceDeployments(repo, v2, { toolVersion: '0.1.0' });
  assert.match(broken.error ?? '', /^\.hindsight\/deployments\.yaml:1:14: deployments: must be array/);
});

test('editor entry point: review status label and detail', () => {
  const dir = tmp('hs-api-review-');
  const now = new Date('2026-05-01T12:00:00Z');
  assert.deepEqual([workspaceReviewStatus(dir, 30, now).label, workspaceReviewStatus(dir, 30, now).due], ['Review due', true]);
  // A fresh workspace in an editor (no interval configured): no premature "Review due".
  const fresh = workspaceReviewStatus(dir, 30, now, false);
  assert.deepEqual([fresh.label, fresh.due], ['No review yet', false]);
  assert.match(fresh.detail, /start with the first recorded review/);
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0, total: 0 };
  write(dir, '.hindsight/reviews.json', JSON.stringify({ version: 1, reviews: [{ date: '2026-04-20T12:00:00Z', by: 'Ada', packs: [], findings: counts }] }));
  const s = workspaceReviewStatus(dir, 30, now);
  assert.deepEqual([s.label, s.due, s.detail], ['Review in 19 days', false, 'Last review 2026-04-20 by Ada. Next review due on 2026-05-20.']);
  assert.equal(workspaceReviewStatus(dir, 7, now).label, 'Review due');
  assert.equal(workspaceReviewStatus(dir, 0, now).detail, 'Last review 2026-04-20 by Ada. Review reminders are off.');
  fs.writeFileSync(path.join(dir, '.hindsight/reviews.json'), '{"version": 1, "reviews": [}');
  const bad = workspaceReviewStatus(dir, 30, now);
  assert.match(bad.error ?? '', /^\.hindsight\/reviews\.json:1:28: invalid JSON: value expected/);
  assert.equal(bad.due, true);
});
