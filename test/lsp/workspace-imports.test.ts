// The workspace scan analyses a closed file with its imports, as `hindsight scan` does: a finding that depends on
// an imported base (its modifier's guard) is published as the CLI's scan reports it, and when the imported file
// changes on disk, the importer's diagnostics follow it on a re-scan and after a restart with the on-disk cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPack } from '../../server/src/packs/load';
import { scanFiles } from '../../server/src/project/run-scan';
import { TestClient, workspace } from './client';
import { AUTH_GUARDED as GUARDED, AUTH_LOOSE as LOOSE, BASE_SETTINGS, T_KILL } from './fixtures';

const PACK = `name: imports-test
version: 1.0.0
findings:
${T_KILL}`;

// Guarded or not only by what the imported Auth's modifier checks; selfdestruct is on line 4 (0-based).
const MAIN = `pragma solidity ^0.8.0;
import "./Auth.sol";
contract Main is Auth {
    function kill() external whenAllowed {
        selfdestruct(payable(owner));
    }
}
`;
// Two imports away, through a base that adds nothing.
const MIDDLE = `pragma solidity ^0.8.0;
import "./Auth.sol";
abstract contract Middle is Auth {}
`;
const FAR = MAIN.replace('./Auth.sol', './Middle.sol').replace('Main is Auth', 'Far is Middle');

const PACK_DIR = '.hindsight/packs/imports-test';
// Enough files for the scan to run on worker threads (workspace-scan.ts: MIN_FILES_FOR_WORKERS).
const FILLERS = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`src/f/F${i}.sol`, `pragma solidity ^0.8.0;\ncontract F${i} {}\n`]));
const FILES = { [`${PACK_DIR}/pack.yaml`]: PACK, 'src/Auth.sol': GUARDED, 'src/Main.sol': MAIN, 'src/Middle.sol': MIDDLE, 'src/Far.sol': FAR, ...FILLERS };
const SOL = Object.keys(FILES).filter((f) => f.endsWith('.sol'));

type Ws = ReturnType<typeof workspace>;

/** What the CLI's scan reports, per file: `id@line` (0-based). */
function cliReport(ws: Ws): Record<string, string[]> {
  const report = scanFiles(
    SOL.map((rel) => ws.path(rel)),
    [loadPack(ws.path(PACK_DIR))],
    { minSeverity: 'info', minConfidence: 'low' },
  );
  return Object.fromEntries(report.files.map((f, i) => [SOL[i], f.occurrences.map((o) => `${o.findingId}@${o.range.start.line}`)]));
}

function published(client: TestClient, ws: Ws): Record<string, string[]> {
  return Object.fromEntries(SOL.map((rel) => [rel, (client.diagnostics.get(ws.uri(rel)) ?? []).map((d) => `${d.code}@${d.range.start.line}`)]));
}

async function scanned(client: TestClient): Promise<void> {
  await client.until('the startup scan', () => client.findingsChanged.find((n) => !n.scanning) && client.logs.some((l) => l.includes('Hindsight: scanned')));
}

function scanLog(client: TestClient): string {
  return client.logs.filter((l) => l.includes('Hindsight: scanned')).at(-1) ?? '';
}

test('closed files are analysed with their imports, as the CLI scans them, and follow an imported file changed on disk', async (t) => {
  const ws = workspace(FILES);
  const cacheDir = mkdtempSync(join(tmpdir(), 'hs-lsp-imports-cache-'));
  t.after(() => {
    ws.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  });
  const settings = { ...BASE_SETTINGS, debounceMs: 0 };

  const first = await TestClient.start({ folders: [ws.root], settings, cacheDir });
  t.after(() => first.stop());
  await scanned(first);
  const guarded = cliReport(ws);
  assert.deepEqual(guarded['src/Main.sol'], [], 'the CLI sees the imported guard');
  assert.deepEqual(published(first, ws), guarded);
  assert.match(scanLog(first), /\(10 analysed, 0 from the cache, 0 unchanged\)/);
  assert.ok(
    first.logs.some((l) => /the scan ran on \d+ worker thread/.test(l)),
    'the scan ran on worker threads',
  );

  // The guard goes from the imported base on disk: a re-scan analyses it and the files whose findings asked about
  // it (Middle asked nothing) again, and they report.
  ws.write('src/Auth.sol', LOOSE);
  const again = await first.scanWorkspace();
  assert.deepEqual({ analysed: again.analysed, unchanged: again.unchanged }, { analysed: 3, unchanged: 7 });
  const loose = cliReport(ws);
  assert.deepEqual(loose['src/Main.sol'], ['T-KILL@4']);
  assert.deepEqual(loose['src/Far.sol'], ['T-KILL@4']);
  await first.diagnosticsOf(ws.uri('src/Far.sol'), (d) => d.length === 1);
  assert.deepEqual(published(first, ws), loose);
  await first.stop();

  // A new process on the same cache serves every file from it while the imports are as they were.
  const second = await TestClient.start({ folders: [ws.root], settings, cacheDir });
  t.after(() => second.stop());
  await scanned(second);
  assert.match(scanLog(second), /\(0 analysed, 10 from the cache, 0 unchanged\)/);
  assert.deepEqual(published(second, ws), loose);
  await second.stop();

  // The guard comes back while no server runs: the cached analyses of its importers no longer hold (Auth's own,
  // of this text, is still in the cache from the first process).
  ws.write('src/Auth.sol', GUARDED);
  const third = await TestClient.start({ folders: [ws.root], settings, cacheDir });
  t.after(() => third.stop());
  await scanned(third);
  assert.match(scanLog(third), /\(2 analysed, 8 from the cache, 0 unchanged\)/);
  assert.deepEqual(published(third, ws), guarded);
});
