// The workspace scan does not redo work: a re-scan with nothing changed analyses nothing, a file changed on disk
// is re-analysed alone, a second server process on the same folder and cache dir serves every file from the
// on-disk cache with the same diagnostics, and a pack change or a corrupt cache entry still gives fresh results.
// Observed through the counts of `hindsight/scanWorkspace` and the scan's log line, never through timings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClient, workspace, startIn } from './client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML, VAULT } from './fixtures';

const ORIGIN = 'pragma solidity ^0.8.0;\ncontract H { function f() external view returns (address) { return tx.origin; } }\n';
const SUPPRESSED =
  'pragma solidity ^0.8.0;\ncontract S {\n    function f() external view returns (address) {\n        // hindsight-ignore-next-line T-ORIGIN: only logged\n        return tx.origin;\n    }\n    // hindsight-ignore-next-line T-CALL: nothing here\n    function g() external {}\n}\n';
const BROKEN = 'pragma solidity ^0.8.0;\ncontract B {\n    function f() external view returns (address) { return tx.origin; }\n    function g( external {\n}\n';

const FILES = {
  [PACK_PATH]: PACK_YAML,
  'contracts/Vault.sol': VAULT,
  'contracts/Helper.sol': ORIGIN,
  'contracts/Suppressed.sol': SUPPRESSED,
  'contracts/Broken.sol': BROKEN,
};
const SOL = Object.keys(FILES).filter((f) => f.endsWith('.sol'));

type Ws = ReturnType<typeof workspace>;

async function scanned(client: TestClient, total: number): Promise<void> {
  await client.until('the startup scan', () => client.findingsChanged.find((n) => !n.scanning && n.total === total));
}

function diagnosticsByFile(client: TestClient, ws: Ws): Record<string, unknown> {
  return Object.fromEntries(SOL.map((rel) => [rel, client.diagnostics.get(ws.uri(rel))]));
}

function scanLog(client: TestClient): string | undefined {
  return client.logs.filter((l) => l.includes('Hindsight: scanned')).at(-1);
}

test('re-scan with nothing changed analyses nothing; a changed file is re-analysed alone; a pack change invalidates', async (t) => {
  const { ws, client } = await startIn(t, FILES, { settings: BASE_SETTINGS });
  await scanned(client, 4 + 1 + 1);
  const before = await client.findings();

  const again = await client.scanWorkspace();
  assert.deepEqual(
    { files: again.files, analysed: again.analysed, cached: again.cached, unchanged: again.unchanged },
    { files: 4, analysed: 0, cached: 0, unchanged: 4 },
  );
  assert.deepEqual(await client.findings(), before);

  // Both files change on disk, only Helper is reported by the watcher: Helper alone is re-analysed.
  ws.write('contracts/Helper.sol', ORIGIN.replace('tx.origin', 'msg.sender'));
  ws.write('contracts/Vault.sol', VAULT.replace('        t.transfer(b, 7);\n', ''));
  await client.watchedFiles([{ uri: ws.uri('contracts/Helper.sol'), type: 2 }]);
  await client.diagnosticsOf(ws.uri('contracts/Helper.sol'), (d) => d.length === 0);
  assert.equal(client.diagnostics.get(ws.uri('contracts/Vault.sol'))?.length, 4, 'Vault.sol was not re-analysed');
  // The next scan finds the unreported change, and only that one.
  const third = await client.scanWorkspace();
  assert.deepEqual({ analysed: third.analysed, cached: third.cached, unchanged: third.unchanged }, { analysed: 1, cached: 0, unchanged: 3 });
  await client.diagnosticsOf(ws.uri('contracts/Vault.sol'), (d) => d.length === 3);

  // A pack edit changes what matches: every file is analysed again with the new pack.
  ws.write(PACK_PATH, PACK_YAML.replace('pattern: tx.origin', 'pattern: msg.sender'));
  await client.watchedFiles([{ uri: ws.uri(PACK_PATH), type: 2 }]);
  await client.diagnosticsOf(ws.uri('contracts/Helper.sol'), (d) => d.map((x) => x.code).join() === 'T-ORIGIN');
  await client.diagnosticsOf(ws.uri('contracts/Vault.sol'), (d) => !d.some((x) => x.code === 'T-ORIGIN'));
  const afterPack = await client.scanWorkspace();
  assert.equal(afterPack.analysed, 0);
  assert.equal(afterPack.unchanged, 4);
});

test('a second server process on the same folder and cache dir reads every file from the cache, with the same diagnostics', async (t) => {
  const ws = workspace(FILES);
  const cacheDir = mkdtempSync(join(tmpdir(), 'hs-lsp-shared-cache-'));
  t.after(() => {
    ws.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const first = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS, cacheDir });
  await scanned(first, 6);
  const findings = await first.findings();
  const diagnostics = diagnosticsByFile(first, ws);
  assert.match(scanLog(first) ?? '', /\(4 analysed, 0 from the cache, 0 unchanged\)/);
  // Suppression problems and syntax errors are part of what is cached.
  assert.ok((diagnostics['contracts/Suppressed.sol'] as Array<{ code: string }>).some((d) => d.code === 'HS-SUPPRESS-UNUSED'));
  assert.ok((diagnostics['contracts/Broken.sol'] as Array<{ code: string }>).some((d) => d.code === 'HS-SYNTAX'));
  await first.stop();

  const second = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS, cacheDir });
  t.after(() => second.stop());
  await scanned(second, 6);
  assert.match(scanLog(second) ?? '', /\(0 analysed, 4 from the cache, 0 unchanged\)/);
  assert.deepEqual(await second.findings(), findings);
  assert.deepEqual(diagnosticsByFile(second, ws), diagnostics);
  // Code actions and views built on a cached analysis behave as on a fresh one: a re-scan sees nothing new.
  const again = await second.scanWorkspace();
  assert.equal(again.unchanged, 4);
  await second.stop();

  // Corrupt entries (analyses, and the packs' compile verdicts) are misses: a third process analyses every file
  // again and gets the same results.
  const entries = readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.json'));
  assert.equal(entries.filter((e) => e.parentPath.includes('lsp-v2')).length, 4);
  assert.ok(entries.some((e) => e.parentPath.includes('compile-v1')));
  entries.forEach((e, i) => writeFileSync(join(e.parentPath, e.name), i % 2 ? '{"format":"lsp-v2","value":{"occurrences":' : '{"format":"lsp-v2","value":[]}'));
  const third = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS, cacheDir });
  t.after(() => third.stop());
  await scanned(third, 6);
  assert.match(scanLog(third) ?? '', /\(4 analysed, 0 from the cache, 0 unchanged\)/);
  assert.deepEqual(await third.findings(), findings);
  assert.deepEqual(diagnosticsByFile(third, ws), diagnostics);
});

test('HINDSIGHT_NO_CACHE=1: nothing is written to the cache folder, and a restart analyses every file again', async (t) => {
  const ws = workspace(FILES);
  const cacheDir = mkdtempSync(join(tmpdir(), 'hs-lsp-no-cache-'));
  t.after(() => {
    ws.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  });
  for (let run = 0; run < 2; run++) {
    const client = await TestClient.start({ folders: [ws.root], settings: BASE_SETTINGS, cacheDir, env: { HINDSIGHT_NO_CACHE: '1' } });
    t.after(() => client.stop());
    await scanned(client, 6);
    assert.match(scanLog(client) ?? '', /\(4 analysed, 0 from the cache, 0 unchanged\)/);
    // Within the process, unchanged files are still skipped.
    assert.equal((await client.scanWorkspace()).unchanged, 4);
    await client.stop();
  }
  assert.deepEqual(readdirSync(cacheDir), []);
});
