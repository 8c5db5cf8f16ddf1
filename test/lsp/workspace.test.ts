import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient, uriOf, workspace, startIn } from './client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML, VAULT } from './fixtures';

test('background scan: closed files get diagnostics, with progress; findings request and change notification', async (t) => {
  const ws = workspace({
    [PACK_PATH]: PACK_YAML,
    'contracts/Vault.sol': VAULT,
    'contracts/lib/Helper.sol': 'pragma solidity ^0.8.0;\ncontract H { function f() external view returns (address) { return tx.origin; } }\n',
    'node_modules/dep/Dep.sol': VAULT,
    'lib/forge-std/Std.sol': VAULT,
    'generated/Gen.sol': VAULT,
  });
  const client = await TestClient.start({ folders: [ws.root], settings: { ...BASE_SETTINGS, exclude: ['generated/**'] } });
  t.after(async () => {
    await client.stop();
    ws.dispose();
  });
  const vault = ws.uri('contracts/Vault.sol');
  const helper = ws.uri('contracts/lib/Helper.sol');
  await client.diagnosticsOf(vault, (d) => d.length === 4);
  await client.diagnosticsOf(helper, (d) => d.length === 1);
  const changed = await client.until('findingsChanged after the scan', () => client.findingsChanged.find((n) => !n.scanning && n.total === 5));
  assert.deepEqual(changed.bySeverity, { critical: 0, high: 1, medium: 2, low: 2, info: 0 });
  assert.ok(client.findingsChanged.some((n) => n.uris.includes(vault)));
  // Work-done progress: begin ... end.
  const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
  assert.equal(kinds[0], 'begin');
  assert.equal(kinds.at(-1), 'end');

  const all = await client.findings();
  assert.equal(all.scanning, false);
  assert.deepEqual(
    all.findings.map((f) => [f.uri === vault ? 'Vault' : f.uri === helper ? 'Helper' : f.uri, f.findingId, f.range.start.line]),
    [
      // sorted by uri, then position
      ['Vault', 'T-CALL', 6],
      ['Vault', 'T-TRANSFER', 7],
      ['Vault', 'T-ORIGIN', 11],
      ['Vault', 'T-TRANSFER', 15],
      ['Helper', 'T-ORIGIN', 1],
    ],
  );
  const tr = all.findings.find((f) => f.findingId === 'T-TRANSFER')!;
  assert.equal(tr.title, 'Unchecked ERC20 transfer');
  assert.equal(tr.severity, 'medium');
  assert.equal(tr.confidence, 'medium');
  assert.equal(tr.category, 'tokens');
  assert.equal(tr.owasp, 'SC06');
  assert.equal(all.findings.find((f) => f.findingId === 'T-ORIGIN')!.owasp, undefined);
  assert.equal(tr.pack, 'lsp-test');
  assert.equal(tr.contract, 'Vault');
  assert.equal(tr.function, 'pay');
  assert.equal(tr.hasFix, true);
  assert.equal(tr.fixSafe, true);
  assert.equal(tr.triage, 'open');
  assert.ok(tr.fingerprint);
  // node_modules, root lib/ and excluded globs are never scanned.
  for (const rel of ['node_modules/dep/Dep.sol', 'lib/forge-std/Std.sol', 'generated/Gen.sol']) {
    assert.equal(client.diagnostics.has(ws.uri(rel)), false, rel);
  }
  const one = await client.findings(helper);
  assert.deepEqual(
    one.findings.map((f) => f.findingId),
    ['T-ORIGIN'],
  );

  // A file created on disk is picked up through the watcher; a deleted one is cleared.
  ws.write('contracts/New.sol', 'pragma solidity ^0.8.0;\ncontract N { function f() external view returns (address) { return tx.origin; } }\n');
  await client.watchedFiles([{ uri: ws.uri('contracts/New.sol'), type: 1 }]);
  await client.diagnosticsOf(ws.uri('contracts/New.sol'), (d) => d.length === 1);
  await client.watchedFiles([{ uri: helper, type: 3 }]);
  await client.diagnosticsOf(helper, (d) => d.length === 0);
  assert.equal((await client.findings()).findings.length, 5);

  // Opening a scanned file: the buffer wins; closing it goes back to the disk version.
  client.open(vault, VAULT.replace('tx.origin', 'msg.sender'));
  await client.diagnosticsOf(vault, (d) => d.length === 3);
  client.close(vault);
  await client.diagnosticsOf(vault, (d) => d.length === 4);
});

test('multi-root: each folder has its own packs and settings; files outside any folder work', async (t) => {
  const a = workspace({ [PACK_PATH]: PACK_YAML, 'A.sol': VAULT });
  const b = workspace({ 'B.sol': VAULT });
  const outside = workspace({});
  const client = await TestClient.start({
    folders: [a.root, b.root],
    settings: BASE_SETTINGS,
    folderSettings: { [b.root]: { ...BASE_SETTINGS, packs: { disabled: ['hindsight-core'], paths: [a.path('.hindsight/packs')] }, minSeverity: 'medium' } },
  });
  t.after(async () => {
    await client.stop();
    a.dispose();
    b.dispose();
    outside.dispose();
  });
  // Folder A has the pack in .hindsight/packs; folder B gets it through packs.paths, with minSeverity medium.
  await client.diagnosticsOf(a.uri('A.sol'), (d) => d.length === 4);
  const bd = await client.diagnosticsOf(b.uri('B.sol'), (d) => d.length === 3);
  assert.deepEqual(
    bd.map((d) => d.code),
    ['T-CALL', 'T-TRANSFER', 'T-TRANSFER'],
  );

  // Outside every folder: built-in and global packs only. Here the global settings disable the built-in
  // pack, so nothing is reported — but the file is analysed (syntax errors show).
  const out = uriOf(outside.path('Loose.sol'));
  client.open(out, 'pragma solidity ^0.8.0;\ncontract L { function f() external { uint x = ; } }\n');
  const od = await client.diagnosticsOf(out);
  assert.ok(
    od.some((d) => d.code === 'HS-SYNTAX'),
    JSON.stringify(od),
  );
  // An untitled buffer works too.
  client.open('untitled:Untitled-1', VAULT);
  const ud = await client.diagnosticsOf('untitled:Untitled-1');
  assert.deepEqual(ud, []);
});

test('files outside any folder get built-in findings', async (t) => {
  const outside = workspace({});
  const client = await TestClient.start({ folders: [], settings: { debounceMs: 20 } });
  t.after(async () => {
    await client.stop();
    outside.dispose();
  });
  const out = uriOf(outside.path('Loose.sol'));
  client.open(
    out,
    `pragma solidity ^0.8.0;
contract L {
    function rand() external view returns (uint256) {
        return uint256(keccak256(abi.encodePacked(block.timestamp, block.prevrandao)));
    }
}
`,
  );
  const ds = await client.diagnosticsOf(out, (d) => d.length > 0);
  assert.ok(ds.every((d) => d.source === 'hindsight'));
  assert.ok(
    ds.some((d) => String(d.code).startsWith('HS-')),
    JSON.stringify(ds.map((d) => d.code)),
  );
});

test('a larger workspace is scanned (parsing and matching on worker threads) with the same results as opening each file', async (t) => {
  const files: Record<string, string> = { [PACK_PATH]: PACK_YAML };
  for (let i = 0; i < 20; i++) files[`contracts/v${String(i).padStart(2, '0')}/Vault.sol`] = VAULT.replace('contract Vault', `contract Vault${i}`);
  files['contracts/Broken.sol'] = VAULT.replace('t.transfer(b, 7);', 't.transfer(b, 7'); // a syntax error in more()
  // Per-file finding lists (the server filters the same findings again for every file) must not mean a worker
  // compiles them again per file: two distinct sets here, with and without T-ORIGIN.
  files['.hindsight/config.yaml'] = 'findings:\n  T-ORIGIN:\n    exclude:\n      - contracts/v19/**\n';
  const { ws, client } = await startIn(t, files, { settings: BASE_SETTINGS });
  await client.until('the scan to finish', () => client.findingsChanged.find((n) => !n.scanning && n.total >= 80));
  const all = await client.findings();
  assert.equal(all.findings.length, 20 * 4 - 1 + 3);
  for (let i = 0; i < 20; i++) {
    const uri = ws.uri(`contracts/v${String(i).padStart(2, '0')}/Vault.sol`);
    const expected = ['T-CALL@6', 'T-TRANSFER@7', 'T-ORIGIN@11', 'T-TRANSFER@15'].filter((d) => i !== 19 || d !== 'T-ORIGIN@11');
    assert.deepEqual(
      client.diagnostics.get(uri)?.map((d) => `${d.code}@${d.range.start.line}`),
      expected,
    );
    assert.equal(all.findings.find((f) => f.uri === uri)?.contract, `Vault${i}`);
  }
  const broken = client.diagnostics.get(ws.uri('contracts/Broken.sol'))!;
  assert.ok(broken.some((d) => d.code === 'HS-SYNTAX'));
  assert.deepEqual(
    broken.filter((d) => d.code !== 'HS-SYNTAX').map((d) => d.code),
    ['T-CALL', 'T-TRANSFER', 'T-ORIGIN'],
  );
  assert.deepEqual(
    all.syntaxErrors.map((s) => s.uri),
    [ws.uri('contracts/Broken.sol')],
  );
  assert.ok(
    client.logs.some((l) => /the scan ran on \d+ worker thread/.test(l)),
    'the files were analysed on worker threads',
  );
  const sets = client.logs.map((l) => /\((\d+) finding sets of \d+ findings\)/.exec(l)).find(Boolean);
  assert.equal(sets?.[1], '2', `one set per distinct list of findings, not one per file: ${sets?.[0]}`);
  const r = (await client.conn.sendRequest('hindsight/scanWorkspace')) as { files: number; findings: number };
  assert.equal(r.files, 21);
  assert.equal(r.findings, 82);
});

test('workspace folders added and removed at run time', async (t) => {
  const a = workspace({ [PACK_PATH]: PACK_YAML, 'A.sol': VAULT });
  const b = workspace({ [PACK_PATH]: PACK_YAML, 'B.sol': VAULT });
  const client = await TestClient.start({ folders: [a.root], settings: BASE_SETTINGS });
  t.after(async () => {
    await client.stop();
    a.dispose();
    b.dispose();
  });
  await client.diagnosticsOf(a.uri('A.sol'), (d) => d.length === 4);
  await client.conn.sendNotification('workspace/didChangeWorkspaceFolders', {
    event: { added: [{ uri: uriOf(b.root), name: 'b' }], removed: [{ uri: uriOf(a.root), name: 'a' }] },
  });
  await client.diagnosticsOf(b.uri('B.sol'), (d) => d.length === 4);
  await client.diagnosticsOf(a.uri('A.sol'), (d) => d.length === 0);
  const f = await client.findings();
  assert.deepEqual([...new Set(f.findings.map((x) => x.uri))], [b.uri('B.sol')]);
});
