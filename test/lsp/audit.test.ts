// Continuous audits over the protocol: hindsight/deployedAudit (deployments read from git at their tag, a pack
// update marking findings new), hindsight/deployedSource, hindsight/packSources, and their errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { DeployedAuditRequest, DeployedSourceRequest, PackSourcesRequest } from '../../server/src/shared/protocol';
import { TestClient, workspace } from './client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML, VAULT } from './fixtures';

const DEPLOYMENTS = `deployments:
  - name: vault-v1
    chain: ethereum
    address: "0x1111111111111111111111111111111111111111"
    tag: v1
    sources: ["contracts/**/*.sol"]
`;

const LATER_PACK = `name: later
version: 1.0.0
findings:
  - id: L-ORIGIN-RETURN
    title: Returns tx.origin
    severity: high
    confidence: medium
    category: access-control
    description: Callers may trust it as the sender.
    recommendation: Return msg.sender.
    references:
      - title: Later
        url: https://example.com/later
    match:
      pattern: return tx.origin;
`;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
}

/** A workspace whose contracts/Vault.sol exists only in git, at tag v1. */
function deployedWorkspace(extra: Record<string, string> = {}) {
  const ws = workspace({ [PACK_PATH]: PACK_YAML, 'contracts/Vault.sol': VAULT, '.hindsight/deployments.yaml': DEPLOYMENTS, ...extra });
  git(ws.root, 'init', '-q', '-b', 'main');
  git(ws.root, 'add', '-A');
  git(ws.root, 'commit', '-q', '-m', 'deploy');
  git(ws.root, 'tag', 'v1');
  rmSync(ws.path('contracts'), { recursive: true });
  return ws;
}

test('deployedAudit audits deployments from git; a pack update marks findings new with a notice; deployedSource reads git', async (t) => {
  const ws = deployedWorkspace();
  const client = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS, initializationOptions: { trustedWorkspace: true } });
  t.after(async () => {
    await client.stop();
    ws.dispose();
  });
  const first = await client.conn.sendRequest(DeployedAuditRequest, {});
  assert.equal(first.folders.length, 1);
  const [folder] = first.folders;
  assert.equal(folder.folder, ws.uri('').replace(/\/$/, ''));
  assert.equal(folder.configured, true);
  assert.equal(folder.error, undefined);
  const [dep] = folder.deployments;
  assert.equal(dep.name, 'vault-v1');
  assert.equal(dep.revision, 'v1');
  assert.match(dep.commit ?? '', /^[0-9a-f]{40}$/);
  assert.deepEqual(dep.files, ['contracts/Vault.sol']);
  assert.deepEqual(dep.findings.map((f) => `${f.findingId}:${f.range.start.line}:${f.status}`).sort(), [
    'T-CALL:6:unreviewed',
    'T-ORIGIN:11:unreviewed',
    'T-TRANSFER:15:unreviewed',
    'T-TRANSFER:7:unreviewed',
  ]);
  assert.ok(
    dep.findings.every((f) => !('occurrence' in f) && !('scan' in dep)),
    'no engine internals on the wire',
  );

  const source = await client.conn.sendRequest(DeployedSourceRequest, { folder: folder.folder, commit: dep.commit!, file: 'contracts/Vault.sol' });
  assert.equal(source.text, VAULT);

  // Reviewed now; then a pack arrives that finds something in the deployed code only.
  const recorded = await client.conn.sendRequest(DeployedAuditRequest, { record: true });
  assert.ok(recorded.folders[0].deployments[0].findings.every((f) => f.status === 'known'));
  ws.write('.hindsight/packs/later/pack.yaml', LATER_PACK);
  const after = await client.conn.sendRequest(DeployedAuditRequest, {});
  const fresh = after.folders[0].deployments[0].findings.filter((f) => f.status === 'new');
  assert.deepEqual(
    fresh.map((f) => [f.findingId, f.reason]),
    [['L-ORIGIN-RETURN', 'pack-changed']],
  );
  assert.match(fresh[0].whyNew ?? '', /pack update later 1\.0\.0 \(new pack\)/);
  assert.deepEqual(after.folders[0].deployments[0].packChanges, [{ name: 'later', version: '1.0.0' }]);
  assert.match(after.folders[0].notice ?? '', /adds 1 finding to deployed code: vault-v1 \(1\)/);

  const sources = (await client.conn.sendRequest(PackSourcesRequest)).sources;
  const row = (name: string) => sources.find((s) => s.pack?.name === name);
  assert.equal(row('hindsight-core')?.kind, 'builtin');
  assert.equal(row('hindsight-core')?.notRun, 'disabled in settings');
  assert.equal(row('lsp-test')?.kind, 'workspace');
  assert.equal(row('lsp-test')?.status, 'loaded');
  assert.equal(row('lsp-test')?.notRun, undefined);
  assert.equal(row('lsp-test')?.file, ws.path(PACK_PATH));
  assert.equal(row('later')?.pack?.findings, 1);
  assert.ok(sources.findIndex((s) => s.kind === 'builtin') < sources.findIndex((s) => s.kind === 'workspace'), 'precedence order');
});

test('deployedAudit: a malformed deployments file is an error naming file:line:col; untrusted workspaces and bad params are refused', async (t) => {
  const ws = deployedWorkspace({
    '.hindsight/deployments.yaml': 'deployments:\n  - name: vault-v1\n    chain: ethereum\n    tag: v1\n    sources: ["contracts/**/*.sol"]\n',
  });
  const client = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS, initializationOptions: { trustedWorkspace: true } });
  const untrusted = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS });
  t.after(async () => {
    await client.stop();
    await untrusted.stop();
    ws.dispose();
  });
  const r = await client.conn.sendRequest(DeployedAuditRequest, {});
  assert.equal(r.folders[0].configured, true);
  assert.deepEqual(r.folders[0].deployments, []);
  assert.match(r.folders[0].error ?? '', /^\.hindsight\/deployments\.yaml:2:5: .*address/);

  const u = await untrusted.conn.sendRequest(DeployedAuditRequest, {});
  assert.match(u.folders[0].error ?? '', /trusted workspace/);
  await assert.rejects(
    untrusted.conn.sendRequest(DeployedSourceRequest, { folder: r.folders[0].folder, commit: 'abcdef', file: 'contracts/Vault.sol' }),
    /trusted workspace/,
  );

  await assert.rejects(
    client.conn.sendRequest(DeployedSourceRequest, { folder: 'file:///nowhere', commit: 'abcdef', file: 'x.sol' }),
    /not a workspace folder/,
  );
  await assert.rejects(
    client.conn.sendRequest(DeployedSourceRequest, { folder: r.folders[0].folder, commit: 'HEAD; rm -rf /', file: 'x.sol' }),
    /not a commit id/,
  );
  // The server is still serving.
  assert.ok((await client.conn.sendRequest(PackSourcesRequest)).sources.length > 0);
});
