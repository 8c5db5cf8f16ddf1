import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startIn } from './client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML, VAULT } from './fixtures';

test('configuration changes apply without a restart: minSeverity, disabled pack, master switch', async (t) => {
  const { ws, client } = await startIn(t, { [PACK_PATH]: PACK_YAML }, { settings: BASE_SETTINGS });
  const uri = ws.uri('V.sol');
  client.open(uri, VAULT);
  await client.diagnosticsOf(uri, (d) => d.length === 4);

  await client.changeSettings({ ...BASE_SETTINGS, minSeverity: 'medium' });
  let ds = await client.diagnosticsOf(uri, (d) => d.length === 3);
  assert.deepEqual(
    ds.map((d) => d.code),
    ['T-CALL', 'T-TRANSFER', 'T-TRANSFER'],
  );

  await client.changeSettings({ ...BASE_SETTINGS, minSeverity: 'high' });
  ds = await client.diagnosticsOf(uri, (d) => d.length === 1);
  assert.equal(ds[0].code, 'T-CALL');

  await client.changeSettings({ packs: { disabled: ['hindsight-core', 'lsp-test'] }, debounceMs: 20 });
  await client.diagnosticsOf(uri, (d) => d.length === 0);
  const f = await client.findings();
  assert.equal(f.findings.length, 0);

  await client.changeSettings({ ...BASE_SETTINGS, packs: { enabled: ['lsp-test'] } });
  await client.diagnosticsOf(uri, (d) => d.length === 4);

  await client.changeSettings({ ...BASE_SETTINGS, enable: false });
  await client.diagnosticsOf(uri, (d) => d.length === 0);
  await client.changeSettings(BASE_SETTINGS);
  await client.diagnosticsOf(uri, (d) => d.length === 4);

  // Excluding the file clears it, even while open.
  await client.changeSettings({ ...BASE_SETTINGS, exclude: ['*.sol'] });
  await client.diagnosticsOf(uri, (d) => d.length === 0);
});

test('a broken pack file gets diagnostics at its line and column; fixing it on disk re-loads and re-scans', async (t) => {
  const broken = PACK_YAML.replace('    severity: medium\n', '    severity: severe\n').replace('pattern: tx.origin', "pattern: 'tx.origin +'");
  const { ws, client } = await startIn(t, { [PACK_PATH]: broken, 'V.sol': VAULT }, { settings: BASE_SETTINGS });
  const packUri = ws.uri(PACK_PATH);
  const pd = await client.diagnosticsOf(packUri, (d) => d.length >= 2);
  const lines = broken.split('\n');
  const sevLine = lines.findIndex((l) => l.includes('severity: severe'));
  const patLine = lines.findIndex((l) => l.includes("'tx.origin +'"));
  const sev = pd.find((d) => d.range.start.line === sevLine);
  assert.ok(sev, JSON.stringify(pd));
  assert.equal(sev.source, 'hindsight');
  assert.equal(sev.code, 'HS-PACK');
  assert.equal(sev.severity, 1);
  assert.equal(lines[sevLine].slice(sev.range.start.character, sev.range.end.character), 'severe');
  assert.ok(
    pd.some((d) => d.range.start.line === patLine && d.range.start.character > 0),
    JSON.stringify(pd),
  );
  // The finding that is fine still runs.
  const vd = await client.diagnosticsOf(ws.uri('V.sol'), (d) => d.length === 1);
  assert.equal(vd[0].code, 'T-CALL');

  ws.write(PACK_PATH, PACK_YAML);
  await client.watchedFiles([{ uri: packUri, type: 2 }]);
  await client.diagnosticsOf(packUri, (d) => d.length === 0);
  await client.diagnosticsOf(ws.uri('V.sol'), (d) => d.length === 4);

  // A pack added later is picked up too.
  ws.write(
    '.hindsight/packs/extra/pack.yaml',
    PACK_YAML.replace('name: lsp-test', 'name: extra')
      .replace(/T-CALL/g, 'X-CALL')
      .replace(/T-TRANSFER/g, 'X-TRANSFER')
      .replace(/T-ORIGIN/g, 'X-ORIGIN'),
  );
  await client.watchedFiles([{ uri: ws.uri('.hindsight/packs/extra/pack.yaml'), type: 1 }]);
  const both = await client.diagnosticsOf(ws.uri('V.sol'), (d) => d.length === 8);
  assert.equal(both.filter((d) => String(d.code).startsWith('X-')).length, 4);

  // The reload request reports what is loaded.
  const r = (await client.conn.sendRequest('hindsight/reloadPacks')) as {
    packs: Array<{ name: string; findings: number; enabled: boolean }>;
    problems: unknown[];
  };
  const names = r.packs.map((p) => [p.name, p.findings, p.enabled]);
  assert.deepEqual(
    names.filter((n) => n[0] !== 'hindsight-core'),
    [
      ['extra', 3, true],
      ['lsp-test', 3, true],
    ],
  );
  // (problems of the built-in pack, if any, are its own business)
  assert.deepEqual(
    r.problems.filter((p) => !(p as { uri: string }).uri.includes('/server/packs/')),
    [],
  );
});

test('a pack file open in the editor is checked as you type', async (t) => {
  const { ws, client } = await startIn(t, { [PACK_PATH]: PACK_YAML }, { settings: BASE_SETTINGS });
  const packUri = ws.uri(PACK_PATH);
  client.open(packUri, PACK_YAML, 'yaml');
  await client.diagnosticsOf(packUri, (d) => d.length === 0);
  client.replaceAll(packUri, PACK_YAML.replace('confidence: high\n', 'confidence: sure\n'));
  const d = await client.diagnosticsOf(packUri, (x) => x.length === 1);
  assert.equal(
    d[0].range.start.line,
    PACK_YAML.split('\n').findIndex((l) => l.includes('confidence: high')),
  );
});

test('run: onSave checks on open and save only', async (t) => {
  const { ws, client } = await startIn(t, { [PACK_PATH]: PACK_YAML }, { settings: { ...BASE_SETTINGS, run: 'onSave' } });
  const uri = ws.uri('V.sol');
  client.open(uri, VAULT);
  await client.diagnosticsOf(uri, (d) => d.length === 4);
  client.replaceAll(uri, VAULT.replace('tx.origin', 'msg.sender'));
  // Nothing is published for the change; the findings request still reports the last check.
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(client.diagnostics.get(uri)!.length, 4);
  client.save(uri);
  await client.diagnosticsOf(uri, (d) => d.length === 3);
});

test('clients without workspace/configuration: settings from initializationOptions and didChangeConfiguration', async (t) => {
  const { ws, client } = await startIn(
    t,
    { [PACK_PATH]: PACK_YAML },
    {
      without: ['configuration', 'watchers', 'workDoneProgress'],
      initializationOptions: { settings: { ...BASE_SETTINGS, minSeverity: 'high' } },
    },
  );
  const uri = ws.uri('V.sol');
  client.open(uri, VAULT);
  await client.diagnosticsOf(uri, (d) => d.length === 1);
  await client.changeSettings({ ...BASE_SETTINGS, minSeverity: 'low' });
  await client.diagnosticsOf(uri, (d) => d.length === 4);
});
