// Restricted Mode over stdio: a client that says the workspace is not trusted (initializationOptions
// trustedWorkspace: false, as VS Code does in Restricted Mode) gets the built-in findings only — no workspace pack,
// no .hindsight/config.yaml, no relative pack path — and hindsight/didChangeWorkspaceTrust brings them in without a
// restart. A client that says nothing about trust keeps workspace packs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { PackSourcesRequest, WorkspaceTrustNotification, type PackSourceEntry } from '../../server/src/shared/protocol';
import { TestClient, startIn } from './client';
import { PACK_PATH, PACK_YAML } from './fixtures';

const VAULT = `pragma solidity ^0.8.0;
contract Vault {
    address owner;
    function pay(address payable a, uint256 v) external {
        require(tx.origin == owner, "owner");
        (bool ok, ) = a.call{value: v}("");
        require(ok);
    }
}
`;

/** The test pack under another name, its ids prefixed X- instead of T-. */
const EXTRA_PACK = PACK_YAML.replace('name: lsp-test', 'name: extra').replace(/id: T-/g, 'id: X-');

const FILES = {
  [PACK_PATH]: PACK_YAML,
  // Re-grades a built-in finding: visible in the diagnostics only when the file is read.
  '.hindsight/config.yaml': 'findings:\n  HS-ACCESS-001:\n    severity: info\n',
  'extra/pack.yaml': EXTRA_PACK,
  'src/Vault.sol': VAULT,
};
const SETTINGS = { debounceMs: 20, packs: { paths: ['extra'] } };

const codes = (ds: Diagnostic[]) => [...new Set(ds.map((d) => String(d.code)))].sort();
const originSeverity = (ds: Diagnostic[]) => ds.find((d) => d.code === 'HS-ACCESS-001')?.severity;

async function sources(client: TestClient): Promise<PackSourceEntry[]> {
  return (await client.conn.sendRequest(PackSourcesRequest)).sources;
}

test('Restricted Mode runs the built-in packs only; granting trust loads workspace packs and config without a restart', async (t) => {
  const { ws, client } = await startIn(t, FILES, { settings: SETTINGS, initializationOptions: { trustedWorkspace: false } });
  const uri = ws.uri('src/Vault.sol');
  client.open(uri, VAULT);
  const restricted = await client.diagnosticsOf(uri, (d) => d.some((x) => x.code === 'HS-ACCESS-001'));
  assert.ok(!codes(restricted).includes('T-CALL'), `no workspace pack finding: ${codes(restricted)}`);
  assert.ok(!codes(restricted).includes('X-CALL'), `no relative settings path: ${codes(restricted)}`);
  const builtinSeverity = originSeverity(restricted);

  const before = await sources(client);
  const status = (location: RegExp) => before.find((s) => location.test(s.location))?.status;
  assert.equal(status(/\.hindsight[\\/]packs[\\/]lsp-test$/), 'restricted', JSON.stringify(before));
  assert.equal(status(/\.hindsight[\\/]config\.yaml$/), 'restricted', JSON.stringify(before));
  assert.equal(status(/extra$/), 'restricted', JSON.stringify(before));
  assert.ok(before.some((s) => s.kind === 'builtin' && s.status === 'loaded'));

  // The user trusts the folder.
  await client.conn.sendNotification(WorkspaceTrustNotification, { trusted: true });
  const trusted = await client.diagnosticsOf(uri, (d) => codes(d).includes('T-CALL') && codes(d).includes('X-CALL'));
  assert.notEqual(originSeverity(trusted), builtinSeverity, 'the config file re-grades the built-in finding');
  const after = await sources(client);
  assert.ok(!after.some((s) => s.status === 'restricted'), JSON.stringify(after));
  assert.equal(after.find((s) => /lsp-test$/.test(s.location))?.status, 'loaded');
});

test('a client that says nothing about trust keeps workspace packs (no Restricted Mode)', async (t) => {
  const { ws, client } = await startIn(t, FILES, { settings: SETTINGS });
  const uri = ws.uri('src/Vault.sol');
  client.open(uri, VAULT);
  const ds = await client.diagnosticsOf(uri, (d) => codes(d).includes('T-CALL'));
  assert.ok(codes(ds).includes('X-CALL'), codes(ds).join(', '));
  assert.ok(!(await sources(client)).some((s) => s.status === 'restricted'));
});
