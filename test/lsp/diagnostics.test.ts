import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, range, startIn, workspace } from './client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML, VAULT } from './fixtures';

const ws = workspace({ [PACK_PATH]: PACK_YAML });
let client: TestClient;

before(async () => {
  client = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS });
});
after(async () => {
  await client.stop();
  ws.dispose();
});

const byCode = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

test('publishes narrowed, typed diagnostics with data for an open document', async () => {
  const uri = ws.uri('src/Vault.sol');
  client.open(uri, VAULT);
  const ds = await client.diagnosticsOf(uri, (d) => d.length >= 4);
  assert.deepEqual(
    ds.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity]),
    [
      ['T-CALL', 6, 8, 6, 9, 1],
      ['T-TRANSFER', 7, 8, 7, 25, 2],
      ['T-ORIGIN', 11, 15, 11, 24, 3],
      ['T-TRANSFER', 15, 8, 15, 25, 2],
    ],
  );
  const call = byCode(ds, 'T-CALL')[0];
  assert.equal(call.source, 'hindsight');
  assert.equal(call.message, 'Low-level call with value');
  assert.deepEqual(call.codeDescription, { href: 'https://example.com/t-call' });
  const data = call.data as Record<string, unknown>;
  assert.equal(data.kind, 'finding');
  assert.equal(data.findingId, 'T-CALL');
  assert.equal(data.pack, 'lsp-test');
  assert.equal(data.severity, 'high');
  assert.equal(data.confidence, 'high');
  assert.equal(data.hasFix, false);
  assert.match(String(data.fingerprint), /.+/);
  const tr = byCode(ds, 'T-TRANSFER')[0].data as Record<string, unknown>;
  assert.equal(tr.owasp, 'SC06');
  assert.equal(data.owasp, undefined);
  assert.equal(tr.hasFix, true);
  assert.equal(tr.fixSafe, true);
});

test('hover shows the finding only on flagged ranges', async () => {
  const uri = ws.uri('src/Vault.sol');
  const h = await client.hover(uri, 7, 12);
  assert.ok(h);
  const md = h.contents as { kind: string; value: string };
  assert.equal(md.kind, 'markdown');
  assert.match(md.value, /Unchecked ERC20 transfer/);
  assert.match(md.value, /Severity:\* medium/);
  assert.match(md.value, /The return value is ignored\./);
  assert.match(md.value, /Use SafeERC20\./);
  assert.match(md.value, /\[SWC-104\]\(https:\/\/swcregistry\.io\/docs\/SWC-104\)/);
  // The OWASP category, and what each reference is.
  assert.match(md.value, /^\*OWASP Smart Contract Top 10:\* SC06 Unchecked External Calls$/m);
  assert.match(md.value, /^- \[Fixture contest \\#12: transfer result dropped\]\(https:\/\/example\.com\/contest\/12\) \(audit, M-12\)$/m);
  assert.deepEqual(h.range, range(7, 8, 7, 25));
  assert.equal(await client.hover(uri, 5, 4), null);
  assert.equal(await client.hover(uri, 0, 0), null);
});

test('code actions: the fix (preferred when safe), ignore, details; edits produce the expected text', async () => {
  const uri = ws.uri('src/Vault.sol');
  const actions = await client.codeActions(uri, range(7, 10, 7, 10));
  const titles = actions.map((a) => a.title);
  assert.deepEqual(titles, [
    'Use safeTransfer (T-TRANSFER)',
    'Apply all 2 safe Hindsight fixes in this file',
    'Ignore T-TRANSFER here',
    'Show details of T-TRANSFER: Unchecked ERC20 transfer',
  ]);
  const fix = actions[0];
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.isPreferred, true);
  assert.equal(fix.diagnostics?.[0].code, 'T-TRANSFER');
  const fixed = client.applyWorkspaceEdit(uri, fix.edit);
  assert.equal(fixed.split('\n')[7], '        t.safeTransfer(a, 5);');
  assert.equal(fixed.split('\n')[15], '        t.transfer(b, 7);');

  const ignored = client.applyWorkspaceEdit(uri, actions[2].edit);
  assert.deepEqual(ignored.split('\n').slice(6, 9), [
    '        a.call{value: 1}("");',
    '        // hindsight-ignore-next-line T-TRANSFER: <reason>',
    '        t.transfer(a, 5);',
  ]);
  assert.deepEqual(actions[3].command, {
    title: 'Show finding details',
    command: 'hindsight.showFindingDetails',
    arguments: [{ findingId: 'T-TRANSFER', pack: 'lsp-test', uri, fingerprint: (actions[0].diagnostics![0].data as { fingerprint: string }).fingerprint }],
  });

  const unsafe = await client.codeActions(uri, range(11, 16, 11, 16));
  // A review fix is not preferred and shows its edit in the title.
  assert.equal(unsafe[0].title, 'Review: Use msg.sender (T-ORIGIN): `tx.origin` → `msg.sender`');
  assert.equal(unsafe[0].isPreferred, false);
  assert.equal(client.applyWorkspaceEdit(uri, unsafe[0].edit).split('\n')[11], '        return msg.sender;');
});

test('source.fixAll.hindsight applies every safe fix and only those', async () => {
  const uri = ws.uri('src/Vault.sol');
  const actions = await client.codeActions(uri, range(0, 0, 0, 0), ['source.fixAll.hindsight']);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.fixAll.hindsight');
  const out = client.applyWorkspaceEdit(uri, actions[0].edit);
  assert.equal(out, VAULT.replace('t.transfer(a, 5)', 't.safeTransfer(a, 5)').replace('t.transfer(b, 7)', 't.safeTransfer(b, 7)'));
  // `source` (the Source Action menu) includes it; a plain quick-fix request at a clean spot does not.
  assert.equal((await client.codeActions(uri, range(0, 0, 0, 0), ['source'])).length, 1);
  assert.equal((await client.codeActions(uri, range(0, 0, 0, 0))).length, 0);
  // The command form applies it through workspace/applyEdit.
  const applied = await client.conn.sendRequest('workspace/executeCommand', { command: 'hindsight.fixAll', arguments: [{ uri }] });
  assert.equal(applied, true);
  const last = client.appliedEdits.at(-1)!;
  assert.equal(client.applyWorkspaceEdit(uri, last.edit), out);
});

test('fix-all asked for right after an edit (a save participant) answers for the text just typed', async () => {
  const uri = ws.uri('src/SaveRace.sol');
  // The request follows didOpen at once: no analysis has run yet.
  client.open(uri, VAULT);
  const first = await client.codeActions(uri, range(0, 0, 0, 0), ['source.fixAll.hindsight']);
  assert.equal(client.applyWorkspaceEdit(uri, first[0]?.edit), allTransfersFixed(VAULT));
  await client.diagnosticsOf(uri, (d) => d.length === 4);
  // Each edit is followed at once by the request, before the debounced analysis of it: a line typed above the
  // fixes moves them, a new transfer adds one, and deleting one drops it. None of the analysed versions of the
  // document is the one asked about.
  const edits = [
    { range: range(5, 48, 5, 48), newText: '\n        uint256 calls = 1;' },
    { range: range(8, 25, 8, 25), newText: '\n        t.transfer(msg.sender, 9);' },
    { range: range(8, 0, 9, 0), newText: '' },
  ];
  for (const e of edits) {
    const text = client.edit(uri, e);
    const actions = await client.codeActions(uri, range(0, 0, 0, 0), ['source.fixAll.hindsight']);
    assert.equal(actions.length, 1, text);
    assert.equal(client.applyWorkspaceEdit(uri, actions[0].edit), allTransfersFixed(text));
  }
  client.close(uri);
});

test('fix-all asked for while the server is still loading its packs waits for them', async (t) => {
  const { client: starting, ws: fresh } = await startIn(t, { [PACK_PATH]: PACK_YAML }, { settings: BASE_SETTINGS });
  // Sent before the client has answered the server's workspace/configuration request: the packs are not loaded.
  const uri = fresh.uri('Early.sol');
  starting.open(uri, VAULT);
  const actions = await starting.codeActions(uri, range(0, 0, 0, 0), ['source.fixAll.hindsight']);
  assert.equal(starting.applyWorkspaceEdit(uri, actions[0]?.edit), allTransfersFixed(VAULT));
});

function allTransfersFixed(text: string): string {
  return text.replaceAll(/(\w+)\.transfer\(([\w.]+), (\w+)\);/g, '$1.safeTransfer($2, $3);');
}

test('ignore comments suppress; missing reasons and unused ones are reported; unused can be removed', async () => {
  const uri = ws.uri('src/Ignored.sol');
  const lines = VAULT.split('\n');
  lines.splice(7, 0, '        // hindsight-ignore-next-line T-TRANSFER: amount checked by caller');
  lines.splice(6, 0, '        // hindsight-ignore-next-line T-CALL');
  // now: line 6 = ignore T-CALL (no reason), 7 = call, 8 = ignore T-TRANSFER, 9 = transfer
  lines.splice(13, 0, '        // hindsight-ignore-next-line T-ORIGIN, T-CALL: stale');
  const text = lines.join('\n');
  client.open(uri, text);
  const ds = await client.diagnosticsOf(uri, (d) => d.some((x) => x.code === 'HS-SUPPRESS-UNUSED'));
  assert.deepEqual(
    ds.map((d) => [d.code, d.range.start.line, d.severity]).sort(),
    [
      ['HS-SUPPRESS-NO-REASON', 6, 3],
      ['HS-SUPPRESS-UNUSED', 13, 3],
      ['T-TRANSFER', 18, 2],
    ].sort(),
  );
  const unused = ds.find((d) => d.code === 'HS-SUPPRESS-UNUSED')!;
  assert.equal(text.split('\n')[13].slice(unused.range.start.character, unused.range.end.character), 'T-CALL');
  assert.deepEqual(unused.tags, [1]);
  const actions = await client.codeActions(uri, unused.range);
  assert.equal(actions[0].title, 'Remove unused suppression');
  assert.equal(client.applyWorkspaceEdit(uri, actions[0].edit).split('\n')[13], '        // hindsight-ignore-next-line T-ORIGIN: stale');
});

test('the ignore command inserts the comment with a given reason, and the finding goes away', async () => {
  const uri = ws.uri('src/Cmd.sol');
  client.open(uri, VAULT);
  await client.diagnosticsOf(uri, (d) => d.length === 4);
  const before = client.appliedEdits.length;
  const ok = await client.conn.sendRequest('workspace/executeCommand', {
    command: 'hindsight.ignoreFinding',
    arguments: [{ uri, findingId: 'T-ORIGIN', line: 11, reason: 'only used for logging' }],
  });
  assert.equal(ok, true);
  const edit = client.appliedEdits[before].edit;
  const next = client.applyWorkspaceEdit(uri, edit);
  assert.equal(next.split('\n')[11], '        // hindsight-ignore-next-line T-ORIGIN: only used for logging');
  client.edit(uri, ...edit.changes![uri]);
  const ds = await client.diagnosticsOf(uri, (d) => !d.some((x) => x.code === 'T-ORIGIN'));
  assert.deepEqual(
    ds.map((d) => d.code),
    ['T-CALL', 'T-TRANSFER', 'T-TRANSFER'],
  );
});

test('finding details request returns the full metadata', async () => {
  const d = await client.conn.sendRequest('hindsight/findingDetails', { findingId: 'T-TRANSFER', pack: 'lsp-test' });
  assert.deepEqual(d, {
    id: 'T-TRANSFER',
    title: 'Unchecked ERC20 transfer',
    severity: 'medium',
    confidence: 'medium',
    category: 'tokens',
    owasp: 'SC06',
    description: 'The return value is ignored.',
    recommendation: 'Use SafeERC20.',
    references: [
      { swc: 'SWC-104', url: 'https://swcregistry.io/docs/SWC-104' },
      { title: 'Fixture contest #12: transfer result dropped', url: 'https://example.com/contest/12', kind: 'audit', finding: 'M-12' },
    ],
    pack: { name: 'lsp-test', version: '1.0.0', file: ws.path(PACK_PATH) },
    fix: { title: 'Use safeTransfer', safe: true },
  });
  assert.equal(await client.conn.sendRequest('hindsight/findingDetails', { findingId: 'NOPE-1' }), null);
});
