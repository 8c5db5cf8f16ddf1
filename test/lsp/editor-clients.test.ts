// What editors other than VS Code send and need, over stdio: settings in every shape they push them
// (initializationOptions, didChangeConfiguration, workspace/configuration) and the "Show details" code action,
// whose command such clients send back to the server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestClient, range, startIn } from './client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML, VAULT } from './fixtures';

// VAULT has 4 findings of the test pack: T-CALL high, 2 x T-TRANSFER medium, T-ORIGIN low.
const HIGH_ONLY = { ...BASE_SETTINGS, minSeverity: 'high' };

async function countWith(
  t: { after: (fn: () => Promise<void>) => void },
  opts: Parameters<typeof TestClient.start>[0],
): Promise<{ client: TestClient; uri: string }> {
  const { ws, client } = await startIn(t, { [PACK_PATH]: PACK_YAML }, opts);
  const uri = ws.uri('V.sol');
  client.open(uri, VAULT);
  return { client, uri };
}

test('initializationOptions: {settings: {...}}, {settings: {hindsight: {...}}} and {hindsight: {...}} (Helix)', async (t) => {
  for (const initializationOptions of [{ settings: HIGH_ONLY }, { settings: { hindsight: HIGH_ONLY } }, { hindsight: HIGH_ONLY }]) {
    const { client, uri } = await countWith(t, { without: ['configuration'], initializationOptions });
    const ds = await client.diagnosticsOf(uri, (d) => d.length > 0);
    assert.deepEqual(
      ds.map((d) => d.code),
      ['T-CALL'],
      JSON.stringify(initializationOptions),
    );
  }
});

test('a client that answers workspace/configuration with nothing for hindsight keeps its initializationOptions', async (t) => {
  // Neovim answers null for a section its `settings` table does not have; this client answers {}.
  const { client, uri } = await countWith(t, { settings: {}, initializationOptions: { settings: { hindsight: HIGH_ONLY } } });
  const ds = await client.diagnosticsOf(uri, (d) => d.length > 0);
  assert.deepEqual(
    ds.map((d) => d.code),
    ['T-CALL'],
  );
});

test('didChangeConfiguration: {settings: {hindsight: {...}}} and {settings: {...}}; a payload for another tool changes nothing', async (t) => {
  const { client, uri } = await countWith(t, { without: ['configuration'], initializationOptions: { settings: BASE_SETTINGS } });
  await client.diagnosticsOf(uri, (d) => d.length === 4);
  await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { hindsight: HIGH_ONLY } });
  await client.diagnosticsOf(uri, (d) => d.length === 1);
  await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { ...BASE_SETTINGS, minSeverity: 'medium' } });
  await client.diagnosticsOf(uri, (d) => d.length === 3);
  await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { solidity: { compileUsingRemoteVersion: 'latest' } } });
  // Handled before the next request: the settings stay as they were (defaults would show the built-in pack too).
  assert.equal((await client.findings(uri)).findings.length, 3);
  await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { hindsight: { ...BASE_SETTINGS, minSeverity: 'low' } } });
  const ds = await client.diagnosticsOf(uri, (d) => d.length === 4);
  assert.equal(ds.length, 4);
});

test('workspace/configuration: the section the client answers, also when it wraps it in {hindsight: ...}', async (t) => {
  const { client, uri } = await countWith(t, { settings: HIGH_ONLY });
  await client.diagnosticsOf(uri, (d) => d.length === 1);
  // A client that ignores `section` and answers its whole settings table.
  client.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) =>
    p.items.map(() => ({ hindsight: { ...BASE_SETTINGS, minSeverity: 'medium' } })),
  );
  await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.diagnosticsOf(uri, (d) => d.length === 3);
});

test('"Show details" works in any client: the server answers its command with a message and the markdown', async (t) => {
  const { client, uri } = await countWith(t, { without: ['configuration'], initializationOptions: { settings: BASE_SETTINGS } });
  const ds = await client.diagnosticsOf(uri, (d) => d.length === 4);
  const call = ds.find((d) => d.code === 'T-CALL')!;
  const actions = await client.codeActions(uri, range(6, 8, 6, 9), undefined, [call]);
  const details = actions.find((a) => a.title.startsWith('Show details of T-CALL'));
  assert.ok(details?.command, JSON.stringify(actions.map((a) => a.title)));
  // It stays out of executeCommandProvider (vscode-languageclient would register it next to the extension's own) ...
  const advertised = client.initializeResult.capabilities.executeCommandProvider?.commands ?? [];
  assert.ok(!advertised.includes(details.command.command));
  // ... and a client that sends it anyway, as Neovim, Emacs and Helix do, gets an answer.
  const result = (await client.conn.sendRequest('workspace/executeCommand', { command: details.command.command, arguments: details.command.arguments })) as {
    id: string;
    markdown: string;
    recommendation: string;
  };
  assert.equal(result.id, 'T-CALL');
  assert.match(result.markdown, /\*\*Low-level call with value\*\* `T-CALL`/);
  assert.match(result.markdown, /\*\*Recommendation\.\*\* Use a pull pattern\./);
  const shown = await client.until('the details shown', () => client.messages.find((m) => m.startsWith('T-CALL')));
  assert.match(
    shown,
    /^T-CALL \(high, calls\): Low-level call with value\n\nA call with value hands control to the receiver\.\n\nRecommendation: Use a pull pattern\./,
  );
  assert.match(shown, /References:\n {2}Example reference: https:\/\/example\.com\/t-call/);

  const missing = await client.conn.sendRequest('workspace/executeCommand', { command: details.command.command, arguments: [{ findingId: 'NOPE-1' }] });
  assert.equal(missing, null);
  await client.until('a warning', () => client.messages.find((m) => /no loaded pack has NOPE-1/.test(m)));
});
