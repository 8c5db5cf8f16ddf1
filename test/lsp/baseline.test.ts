// "Only new since baseline" over the protocol: hindsight/compareBaseline pairs findings with each folder's
// .hindsight/baseline.json as `scan --baseline` does (by rule, file and fingerprint; an entry of a file that is gone
// follows its code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompareBaselineRequest } from '../../server/src/shared/protocol';
import { uriOf, startIn } from './client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML, VAULT } from './fixtures';

test('compareBaseline: without a baseline everything is new; with one, accepted findings are not; a malformed one is a problem', async (t) => {
  const { ws, client } = await startIn(t, { [PACK_PATH]: PACK_YAML, 'contracts/Vault.sol': VAULT, 'contracts/Copy.sol': VAULT }, { settings: BASE_SETTINGS });
  await client.until('the scan', () => client.findingsChanged.find((n) => !n.scanning && n.total === 8));
  const { findings } = await client.findings();
  const items = findings.map((f) => ({ uri: f.uri, findingId: f.findingId, fingerprint: f.fingerprint }));

  const none = await client.conn.sendRequest(CompareBaselineRequest, { items });
  assert.deepEqual(none, { folders: [], problems: [], isNew: items.map(() => true) });

  // Vault.sol's findings are accepted; Copy.sol has the same code, so the same fingerprints, but its copies are new.
  const vault = findings.filter((f) => f.uri === ws.uri('contracts/Vault.sol'));
  assert.equal(vault.length, 4);
  ws.write(
    '.hindsight/baseline.json',
    JSON.stringify({ version: 1, findings: vault.map((f) => ({ fingerprint: f.fingerprint, findingId: f.findingId, file: 'contracts/Vault.sol' })) }),
  );
  const withBaseline = await client.conn.sendRequest(CompareBaselineRequest, {
    items: [...items, { uri: uriOf('/outside/X.sol'), findingId: vault[0].findingId, fingerprint: vault[0].fingerprint }],
  });
  assert.deepEqual(withBaseline.folders, [uriOf(ws.root)]);
  assert.deepEqual(withBaseline.problems, []);
  assert.deepEqual(
    withBaseline.isNew,
    [...findings.map((f) => f.uri !== ws.uri('contracts/Vault.sol')), true],
    'Copy.sol and files outside the folder are new',
  );

  // Entries recorded for a file that no longer exists (renamed to Copy.sol) follow their code; those of an existing
  // file never leak to a copy.
  ws.write(
    '.hindsight/baseline.json',
    JSON.stringify({
      version: 1,
      findings: vault.flatMap((f) => [
        { fingerprint: f.fingerprint, findingId: f.findingId, file: 'contracts/Vault.sol' },
        { fingerprint: f.fingerprint, findingId: f.findingId, file: 'contracts/Renamed-away.sol' },
      ]),
    }),
  );
  const moved = await client.conn.sendRequest(CompareBaselineRequest, { items });
  assert.ok(
    moved.isNew.every((n) => !n),
    'Copy.sol is covered by the entries of the file that is gone',
  );

  ws.write('.hindsight/baseline.json', '{ "version": 1, "findings": [ { "fingerprint": "" } ] }');
  const broken = await client.conn.sendRequest(CompareBaselineRequest, { items });
  assert.deepEqual(broken.folders, []);
  assert.equal(broken.problems.length, 1);
  assert.match(broken.problems[0], /^\.hindsight\/baseline\.json:1:\d+: /);
  assert.ok(broken.isNew.every(Boolean));

  await assert.rejects(client.conn.sendRequest(CompareBaselineRequest, {} as never), /needs "items"/);
});
