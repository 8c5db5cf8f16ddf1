// The language server reads the same team packs and `.hindsight/config.yaml` as the CLI (loadWorkspacePacks):
// disabled findings, severity overrides and excludes show in the editor, and editing the config reloads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestClient, workspace } from '../lsp/client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML, VAULT } from '../lsp/fixtures';
import { ReloadPacksRequest, type ReloadPacksResult } from '../../server/src/shared/protocol';

test('LSP: config.yaml disables a finding, overrides a severity, excludes a folder; reloads when edited', async (t) => {
  const ws = workspace({
    [PACK_PATH]: PACK_YAML,
    '.hindsight/config.yaml': 'findings:\n  T-ORIGIN:\n    enabled: false\n  T-TRANSFER:\n    severity: critical\nexclude:\n  - generated\n',
    'contracts/Vault.sol': VAULT,
    'generated/Gen.sol': VAULT,
  });
  const client = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS });
  t.after(async () => {
    await client.stop();
    ws.dispose();
  });
  const vault = ws.uri('contracts/Vault.sol');
  const diags = await client.diagnosticsOf(vault, (d) => d.length === 3);
  assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, (d.data as { severity: string }).severity]).sort(), [
    ['T-CALL', 6, 'high'],
    ['T-TRANSFER', 15, 'critical'],
    ['T-TRANSFER', 7, 'critical'],
  ]);
  await client.until('the workspace scan', () => client.findingsChanged.find((n) => !n.scanning));
  const all = await client.findings();
  assert.equal(all.findings.length, 3);
  assert.ok(
    all.findings.every((f) => f.uri === vault),
    'generated/ is excluded by the config',
  );

  // The team turns T-ORIGIN back on: the server reloads on the watched-file change.
  ws.write('.hindsight/config.yaml', 'findings:\n  T-TRANSFER:\n    severity: critical\n');
  await client.watchedFiles([{ uri: ws.uri('.hindsight/config.yaml'), type: 2 }]);
  const after = await client.diagnosticsOf(vault, (d) => d.length === 4);
  assert.ok(after.some((d) => d.code === 'T-ORIGIN'));
});

test('LSP: a typo in config.yaml is a diagnostic in config.yaml itself', async (t) => {
  const ws = workspace({
    [PACK_PATH]: PACK_YAML,
    '.hindsight/config.yaml': 'findings:\n  T-ORIGN:\n    enabled: false\nexlude: [x]\n',
    'contracts/Vault.sol': VAULT,
  });
  const client = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS });
  t.after(async () => {
    await client.stop();
    ws.dispose();
  });
  const config = ws.uri('.hindsight/config.yaml');
  const diags = await client.diagnosticsOf(config, (d) => d.length === 2);
  assert.deepEqual(diags.map((d) => [d.range.start.line, d.message]).sort(), [
    [1, 'No loaded finding has the id "T-ORIGN" (did you mean "T-ORIGIN"?)'],
    [3, 'Unknown key "exlude" (did you mean "exclude"?)'],
  ]);
});

test('LSP: when a pack changes, the user is told what is new, and the workspace is re-checked', async (t) => {
  const v1 = PACK_YAML.replace('version: 1.0.0', 'version: 1.0.0');
  const ws = workspace({ [PACK_PATH]: v1.replace(/  - id: T-ORIGIN[\s\S]*$/, ''), 'contracts/Vault.sol': VAULT });
  const client = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS });
  t.after(async () => {
    await client.stop();
    ws.dispose();
  });
  const vault = ws.uri('contracts/Vault.sol');
  await client.diagnosticsOf(vault, (d) => d.length === 3);
  assert.deepEqual(
    client.messages.filter((m) => m.includes('Pack ')),
    [],
    'nothing to announce on the first load',
  );

  ws.write(PACK_PATH, PACK_YAML.replace('version: 1.0.0', 'version: 1.1.0\nchangelog:\n  - version: 1.1.0\n    added: [T-ORIGIN]'));
  await client.watchedFiles([{ uri: ws.uri(PACK_PATH), type: 2 }]);
  const message = await client.until('the pack change message', () => client.messages.find((m) => m.includes('upgraded')));
  assert.equal(message, 'Hindsight: Pack lsp-test upgraded 1.0.0 → 1.1.0 — new: T-ORIGIN');
  await client.diagnosticsOf(vault, (d) => d.some((x) => x.code === 'T-ORIGIN'));
});

test('LSP: hindsight/reloadPacks lists every pack source with its status, for the panel', async (t) => {
  const ws = workspace({
    [PACK_PATH]: PACK_YAML,
    '.hindsight/packs/shadow/pack.yaml': PACK_YAML.replace('version: 1.0.0', 'version: 9.0.0'),
    '.hindsight/config.yaml': `packs:\n  disabled: [hindsight-core]\nsources:\n  - npm: hindsight-pack-missing\n`,
    'contracts/Vault.sol': VAULT,
  });
  const client = await TestClient.start({ folders: [ws.root], settings: { debounceMs: 20 } });
  t.after(async () => {
    await client.stop();
    ws.dispose();
  });
  const result = await client.conn.sendRequest(ReloadPacksRequest.method);
  const r = result as ReloadPacksResult;
  assert.deepEqual(
    r.sources!.map((s) => [s.kind, s.declaredIn, s.status, s.pack?.version ?? s.location]),
    [
      ['builtin', 'built-in', 'loaded', r.sources![0].pack!.version],
      ['npm', '.hindsight/config.yaml', 'error', 'hindsight-pack-missing'],
      ['workspace', '.hindsight/packs', 'loaded', '1.0.0'],
      ['workspace', '.hindsight/packs', 'shadowed', '9.0.0'],
    ],
  );
  assert.deepEqual(
    r.packs.map((p) => [p.name, p.enabled]),
    [
      ['hindsight-core', false],
      ['lsp-test', true],
    ],
  );
  await client.diagnosticsOf(ws.uri('.hindsight/config.yaml'), (d) => d.some((x) => /not installed/.test(String(x.message))));
});

test('LSP: a per-finding exclude in config.yaml silences that finding under the glob only', async (t) => {
  const ws = workspace({
    [PACK_PATH]: PACK_YAML,
    '.hindsight/config.yaml': 'findings:\n  T-TRANSFER:\n    exclude: ["legacy/**"]\n',
    'contracts/Vault.sol': VAULT,
    'legacy/Vault.sol': VAULT,
  });
  const client = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS });
  t.after(async () => {
    await client.stop();
    ws.dispose();
  });
  const inContracts = await client.diagnosticsOf(ws.uri('contracts/Vault.sol'), (d) => d.length === 4);
  assert.equal(inContracts.filter((d) => d.code === 'T-TRANSFER').length, 2);
  const inLegacy = await client.diagnosticsOf(ws.uri('legacy/Vault.sol'), (d) => d.length === 2);
  assert.deepEqual(inLegacy.map((d) => d.code).sort(), ['T-CALL', 'T-ORIGIN']);
});
