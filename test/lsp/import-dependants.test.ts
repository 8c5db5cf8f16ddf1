// The files that import a changed file follow it: an unsaved edit of an open import, the import closed unsaved,
// and a change on disk announced by didChangeWatchedFiles each reach the open importers and the closed ones the
// workspace scan analysed (two imports away too), without a re-scan. Eight closed importers make the re-analysis
// run on the scan workers, which must see the editor's unsaved text as well.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPack } from '../../server/src/packs/load';
import { DEFAULT_MAX_FILE_BYTES, scanFiles } from '../../server/src/project/run-scan';
import { TestClient, range, startIn, workspace } from './client';
import { AUTH_GUARDED as GUARDED, AUTH_LOOSE as LOOSE, BASE_SETTINGS, T_KILL } from './fixtures';

const PACK_DIR = '.hindsight/packs/dependants-test';
const PACK = `name: dependants-test
version: 1.0.0
findings:
${T_KILL}`;

// The require on line 4 (0-based) of GUARDED, as an edit range.
const REQUIRE = range(4, 8, 4, 43);

// Guarded only by what Auth's modifier checks; selfdestruct on line 4 (0-based).
const importer = (name: string) => `pragma solidity ^0.8.0;
import "./Auth.sol";
contract ${name} is Auth {
    function kill() external whenAllowed {
        selfdestruct(payable(owner));
    }
}
`;
// A imports B imports C: Far imports Middle, which imports Auth and adds nothing.
const MIDDLE = `pragma solidity ^0.8.0;
import "./Auth.sol";
abstract contract Middle is Auth {}
`;
const FAR = importer('Far').replace('./Auth.sol', './Middle.sol').replace('Far is Auth', 'Far is Middle');

const MAINS = Array.from({ length: 8 }, (_, i) => `src/Main${i}.sol`);
const FILES: Record<string, string> = {
  [`${PACK_DIR}/pack.yaml`]: PACK,
  'src/Auth.sol': GUARDED,
  'src/Middle.sol': MIDDLE,
  'src/Far.sol': FAR,
  ...Object.fromEntries(MAINS.map((m, i) => [m, importer(`Main${i}`)])),
};
const SOL = Object.keys(FILES).filter((f) => f.endsWith('.sol'));
const IMPORTERS = ['src/Far.sol', ...MAINS];

const ws = workspace(FILES);
const cacheDir = mkdtempSync(join(tmpdir(), 'hs-lsp-dependants-cache-'));
let client: TestClient;

before(async () => {
  client = await TestClient.start({ folders: [ws.root], settings: { ...BASE_SETTINGS, debounceMs: 0 }, cacheDir });
  await client.until('the startup scan', () => client.logs.some((l) => l.includes('Hindsight: scanned')) && client.findingsChanged.find((n) => !n.scanning));
});
after(async () => {
  await client.stop();
  ws.dispose();
  rmSync(cacheDir, { recursive: true, force: true });
});

const kills = (rel: string) => (client.diagnostics.get(ws.uri(rel)) ?? []).filter((d) => d.code === 'T-KILL').map((d) => d.range.start.line);

/** Until every importer reports the unguarded selfdestruct (`loose`) or none does; the time it took. */
async function importersFollow(loose: boolean, what: string): Promise<number> {
  const t0 = Date.now();
  await client.until(what, () => IMPORTERS.every((rel) => kills(rel).length === (loose ? 1 : 0)));
  for (const rel of IMPORTERS) assert.deepEqual(kills(rel), loose ? [4] : [], rel);
  return Date.now() - t0;
}

/** What the CLI's scan reports of the files on disk, per file: `id@line` (0-based). */
function cliReport(): Record<string, string[]> {
  const report = scanFiles(
    SOL.map((rel) => ws.path(rel)),
    [loadPack(ws.path(PACK_DIR))],
    { minSeverity: 'info', minConfidence: 'low' },
  );
  return Object.fromEntries(report.files.map((f, i) => [SOL[i], f.occurrences.map((o) => `${o.findingId}@${o.range.start.line}`)]));
}

function published(): Record<string, string[]> {
  return Object.fromEntries(SOL.map((rel) => [rel, (client.diagnostics.get(ws.uri(rel)) ?? []).map((d) => `${d.code}@${d.range.start.line}`)]));
}

test('an unsaved edit of an open import reaches its open and closed importers, and undoing it too', async (t) => {
  assert.deepEqual(published(), cliReport(), 'the scan reports as the CLI');
  const far = ws.uri('src/Far.sol');
  // Opened with the text on disk: nothing to publish anew (what the scan published stands).
  client.open(far, FAR);
  const auth = ws.uri('src/Auth.sol');
  client.open(auth, GUARDED);

  const t0 = Date.now();
  client.edit(auth, { range: REQUIRE, newText: '' });
  await client.until('the open Far to report the loose modifier', () => kills('src/Far.sol').length === 1);
  t.diagnostic(`edit to the open importer's new diagnostics: ${Date.now() - t0} ms`);
  t.diagnostic(`edit to every importer's new diagnostics: ${Date.now() - t0 + (await importersFollow(true, 'the importers to report the loose modifier'))} ms`);
  // The closed importers (Far is open) were analysed again, on the scan workers.
  await client.until('the re-analysis log', () => client.logs.some((l) => /re-analysed 8 closed files that import a changed file/.test(l)));
  client.edit(auth, { range: range(4, 8, 4, 8), newText: 'require(msg.sender == owner, "no");' });
  t.diagnostic(`undo to every importer's new diagnostics: ${await importersFollow(false, 'the importers to report nothing again')} ms`);
});

test('an import closed unsaved takes its importers back to its text on disk', async () => {
  const auth = ws.uri('src/Auth.sol');
  client.edit(auth, { range: REQUIRE, newText: '' });
  await importersFollow(true, 'the importers to report the loose modifier');
  client.close(auth);
  await importersFollow(false, 'the importers to see the file on disk');
});

test('a closed import changed on disk reaches its open and closed importers (didChangeWatchedFiles)', async (t) => {
  const main0 = ws.uri('src/Main0.sol');
  client.open(main0, importer('Main0'));
  ws.write('src/Auth.sol', LOOSE);
  await client.watchedFiles([{ uri: ws.uri('src/Auth.sol'), type: 2 }]);
  t.diagnostic(`disk change to every importer's new diagnostics: ${await importersFollow(true, 'the importers to report the loose modifier')} ms`);
  assert.deepEqual(published(), cliReport(), 'as the CLI scans the changed files');

  ws.write('src/Auth.sol', GUARDED);
  await client.watchedFiles([{ uri: ws.uri('src/Auth.sol'), type: 2 }]);
  await importersFollow(false, 'the importers to report nothing again');
  assert.deepEqual(published(), cliReport());
});

test('a change two imports away (A imports B imports C, C edited) reaches A, open or closed', async () => {
  // Far (open) and Main0 (open) import Auth; the closed Far-like chain is Far itself before it was opened, so
  // close Far to have the chain closed, and edit Auth in the editor.
  client.close(ws.uri('src/Far.sol'));
  const auth = ws.uri('src/Auth.sol');
  client.open(auth, GUARDED);
  client.edit(auth, { range: REQUIRE, newText: '' });
  await importersFollow(true, 'the closed Far, two imports away, to report the loose modifier');
  client.edit(auth, { range: range(4, 8, 4, 8), newText: 'require(msg.sender == owner, "no");' });
  await importersFollow(false, 'the closed Far to report nothing again');
});

test('a closed importer grown past the size limit is not analysed again when its import changes', async (t) => {
  const files = { [`${PACK_DIR}/pack.yaml`]: PACK, 'src/Auth.sol': GUARDED, 'src/Small.sol': importer('Small'), 'src/Big.sol': importer('Big') };
  const { client: other, ws: sized } = await startIn(t, files, { settings: { ...BASE_SETTINGS, debounceMs: 0 } });
  await other.until('the startup scan', () => other.logs.some((l) => l.includes('Hindsight: scanned')) && other.findingsChanged.find((n) => !n.scanning));
  const killsIn = (rel: string) => (other.diagnostics.get(sized.uri(rel)) ?? []).filter((d) => d.code === 'T-KILL').length;
  // Generated code appended to Big on disk (its own change unannounced, as when a watcher drops an event), then
  // Auth loses its check: Small follows; Big, now past the limit open documents and scans keep, is not read.
  sized.write('src/Big.sol', `${importer('Big')}${'// generated\n'.repeat(Math.ceil(DEFAULT_MAX_FILE_BYTES / 13) + 1)}`);
  sized.write('src/Auth.sol', LOOSE);
  await other.watchedFiles([{ uri: sized.uri('src/Auth.sol'), type: 2 }]);
  await other.until('the pass over the closed importers', () => other.logs.some((l) => /re-analysed \d+ closed files? that import a changed file/.test(l)));
  assert.equal(killsIn('src/Small.sol'), 1);
  assert.equal(killsIn('src/Big.sol'), 0);
  assert.ok(
    other.logs.some((l) => l.includes('Big.sol: not scanned')),
    other.logs.join('\n'),
  );
});
