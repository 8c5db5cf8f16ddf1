// What the last `hindsight monitor` run recorded, over the protocol: hindsight/monitorStatus for a panel, and the
// hover of a finding whose function was called on chain. The state file is written as the monitor writes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MonitorStatusRequest } from '../../server/src/shared/protocol';
import { TestClient, uriOf, workspace, startIn } from './client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML, VAULT } from './fixtures';

const ALERT = {
  deployment: 'vault',
  chain: 'mainnet',
  address: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
  block: 120,
  transaction: '0xabc',
  kind: 'flagged-call',
  monitor: 'HM-CALL-001',
  severity: 'high',
  message: 'pay(address,address) called by 0xdef: T-CALL Low-level call with value',
  function: 'pay(address,address)',
  seenVia: 'trace',
  count: 3,
  finding: { id: 'T-CALL', title: 'Low-level call with value', file: 'contracts/Vault.sol', line: 7, column: 9 },
};

const STATE = JSON.stringify({
  version: 1,
  deployments: {
    vault: { chain: 'mainnet', address: ALERT.address, lastBlock: 130, lastHash: '0x1', slots: {}, balances: {}, anomalies: {}, gaps: [], recent: [ALERT] },
  },
});

test('monitorStatus: each deployment, its checkpoint and newest alerts; nothing configured without a state file', async (t) => {
  const ws = workspace({ [PACK_PATH]: PACK_YAML, 'contracts/Vault.sol': VAULT, '.hindsight/monitor-state.json': STATE });
  const bare = workspace({ [PACK_PATH]: PACK_YAML });
  const client = await TestClient.start({ folders: [ws.root, bare.root], settings: BASE_SETTINGS });
  t.after(async () => {
    await client.stop();
    ws.dispose();
    bare.dispose();
  });
  const status = await client.conn.sendRequest(MonitorStatusRequest, { folder: uriOf(ws.root) });
  assert.equal(status.configured, true);
  assert.equal(status.deployments.length, 1);
  assert.equal(status.deployments[0].lastBlock, 130);
  assert.equal(status.deployments[0].recent[0].finding?.id, 'T-CALL');
  assert.deepEqual(await client.conn.sendRequest(MonitorStatusRequest, { folder: uriOf(bare.root) }), { configured: false, deployments: [] });
});

test('monitorStatus reports a malformed state file with its line and column', async (t) => {
  const { ws, client } = await startIn(
    t,
    { [PACK_PATH]: PACK_YAML, '.hindsight/monitor-state.json': '{ "version": 1, "deployments": { "x": [ }' },
    { settings: BASE_SETTINGS },
  );
  const status = await client.conn.sendRequest(MonitorStatusRequest, { folder: uriOf(ws.root) });
  assert.match(status.error ?? '', /monitor-state\.json:1:\d+: invalid JSON/);
});

test('the hover of a finding whose function was called on chain says so', async (t) => {
  const { ws, client } = await startIn(
    t,
    { [PACK_PATH]: PACK_YAML, 'contracts/Vault.sol': VAULT, '.hindsight/monitor-state.json': STATE },
    { settings: BASE_SETTINGS },
  );
  const uri = uriOf(ws.path('contracts/Vault.sol'));
  client.open(uri, VAULT);
  await client.until('diagnostics', () => (client.diagnostics.get(uri)?.length ?? 0) > 0);
  const called = await client.hover(uri, 6, 8);
  assert.ok(called);
  assert.match(
    (called.contents as { value: string }).value,
    /^\*\*Called on chain:\*\* `pay\(address,address\)` 3 times on deployment vault \(mainnet\) in block 120/,
  );
  const other = await client.hover(uri, 7, 12);
  assert.ok(other);
  assert.doesNotMatch((other.contents as { value: string }).value, /Called on chain/);
});
