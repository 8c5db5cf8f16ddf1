// "Record finding from selection" over the protocol: hindsight/generalizeSelection drafts a pattern from selected
// code, hindsight/countMatches counts it in the workspace, hindsight/recordFinding writes it into the local pack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { CountMatchesRequest, GeneralizeSelectionRequest, RecordFindingRequest, type FindingDraft } from '../../server/src/shared/protocol';
import { range, startIn } from './client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML, VAULT } from './fixtures';

test('generalizeSelection, countMatches and recordFinding: the server drafts, counts and writes the pack', async (t) => {
  const { ws, client } = await startIn(t, { [PACK_PATH]: PACK_YAML, 'contracts/Vault.sol': VAULT }, { settings: BASE_SETTINGS });
  const uri = ws.uri('contracts/Vault.sol');
  // An open document is read as edited: the second transfer now passes a name, not a literal.
  client.open(uri, VAULT.replace('t.transfer(b, 7);', 't.transfer(b, x);'));
  const selection = range(15, 8, 15, 25);

  const draft = (await client.conn.sendRequest(GeneralizeSelectionRequest, { uri, range: selection, count: true })) as FindingDraft;
  assert.equal(draft.exact, 't.transfer(b, x);');
  assert.match(draft.pattern, /^\$\w+\.transfer\(\$\w+, \$\w+\);$/);
  assert.deepEqual(draft.kept, ['transfer']);
  assert.equal(draft.contract, 'Vault');
  assert.equal(draft.function, 'more');
  assert.equal(draft.nextId, 'LOCAL-001');
  assert.equal(draft.packFile, ws.uri('.hindsight/packs/local/pack.yaml'));
  assert.deepEqual(draft.counts, { pattern: { total: 2, files: 1 }, exact: { total: 1, files: 1 } });

  assert.deepEqual(await client.conn.sendRequest(CountMatchesRequest, { pattern: 'tx.origin' }), { total: 1, files: 1 });
  const bad = await client.conn.sendRequest(CountMatchesRequest, { pattern: '$X.(' });
  assert.equal(bad.total, 0);
  assert.ok(bad.error, 'a pattern that does not compile says why');

  const blank = await client.conn.sendRequest(GeneralizeSelectionRequest, { uri, range: range(1, 0, 1, 0) });
  assert.ok('error' in blank && blank.error.length > 0);

  const answers = {
    uri,
    range: selection,
    pattern: draft.exact,
    id: 'LOCAL-001',
    title: 'Unchecked transfer of a caller amount',
    severity: 'medium' as const,
    description: 'The return value is dropped.',
    recommendation: 'Use safeTransfer.',
    reference: 'https://example.com/audits/vault',
  };
  await assert.rejects(client.conn.sendRequest(RecordFindingRequest, { ...answers, id: 'local 1' }), /"id" must be/);
  await assert.rejects(client.conn.sendRequest(RecordFindingRequest, { ...answers, reference: 'ftp://x' }), /"reference" must be an http/);
  await assert.rejects(client.conn.sendRequest(RecordFindingRequest, { ...answers, owasp: 'SC11' as 'SC01' }), /"owasp" must be one of SC01/);
  assert.equal(existsSync(ws.path('.hindsight/packs/local/pack.yaml')), false, 'nothing written for refused answers');

  const recorded = await client.conn.sendRequest(RecordFindingRequest, answers);
  assert.equal(recorded.packFile, draft.packFile);
  assert.equal(recorded.testFile, ws.uri('.hindsight/packs/local/tests/LOCAL-001.sol'));
  assert.equal(recorded.selectionMatched, true);
  const yaml = readFileSync(ws.path('.hindsight/packs/local/pack.yaml'), 'utf8');
  assert.match(yaml, /id: LOCAL-001/);
  assert.match(yaml, /Recorded from contracts\/Vault\.sol:16 \(Vault\.more\)/);
  assert.match(yaml, /pattern: t\.transfer\(b, x\);/);
  // No OWASP category given: guessed from the words ("the return value is dropped": an unchecked call).
  assert.match(yaml, /category: local\n\s+owasp: SC06\n/);
  assert.match(readFileSync(ws.path('.hindsight/packs/local/tests/LOCAL-001.sol'), 'utf8'), /expect: LOCAL-001/);

  await assert.rejects(client.conn.sendRequest(RecordFindingRequest, answers), /already exists/);
  const next = (await client.conn.sendRequest(GeneralizeSelectionRequest, { uri, range: selection })) as FindingDraft;
  assert.equal(next.nextId, 'LOCAL-002');
  assert.equal(next.counts, undefined);
});
