// One identity for a finding occurrence over the protocol: duplicated code (two identical functions in one file,
// and the same file in two places) is reported as distinct occurrences whose identities (file, rule, fingerprint)
// never collide, and the diagnostics carry the same fingerprints as hindsight/findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { occurrenceKey } from '../../server/src/shared/finding-identity';
import { startIn } from './client';
import { BASE_SETTINGS, PACK_PATH, PACK_YAML } from './fixtures';

const TWINS = `pragma solidity ^0.8.0;

contract Twins {
    function who() external view returns (address) {
        return tx.origin;
    }

    function who(uint256) external view returns (address) {
        return tx.origin;
    }
}
`;

test('duplicated code: two identical functions in one file and a copied file are four occurrences', async (t) => {
  const { ws, client } = await startIn(t, { [PACK_PATH]: PACK_YAML, 'src/Twins.sol': TWINS, 'src/flat/Twins.sol': TWINS }, { settings: BASE_SETTINGS });
  await client.until('the scan', () => client.findingsChanged.find((n) => !n.scanning && n.total === 4));
  const { findings } = await client.findings();
  const origin = findings.filter((f) => f.findingId === 'T-ORIGIN');
  assert.equal(origin.length, 4);
  const file = (uri: string) => relative(ws.root, fileURLToPath(uri)).split(sep).join('/');
  const keys = origin.map((f) => occurrenceKey({ file: file(f.uri), findingId: f.findingId, fingerprint: f.fingerprint }));
  assert.equal(new Set(keys).size, 4, 'every occurrence its own identity');
  const inOne = origin.filter((f) => file(f.uri) === 'src/Twins.sol');
  assert.notEqual(inOne[0].fingerprint, inOne[1].fingerprint, 'the twins in one file differ');
  const inCopy = origin.filter((f) => file(f.uri) === 'src/flat/Twins.sol');
  assert.deepEqual(
    inCopy.map((f) => f.fingerprint).sort(),
    inOne.map((f) => f.fingerprint).sort(),
    'the copy has the same code fingerprints: only the file tells them apart',
  );

  // The diagnostics carry the same fingerprints, so the editor's triage finds the same identity.
  const uri = ws.uri('src/Twins.sol');
  const diags = await client.diagnosticsOf(uri, (d) => d.length === 2);
  assert.deepEqual(diags.map((d) => (d.data as { fingerprint: string }).fingerprint).sort(), inOne.map((f) => f.fingerprint).sort());
});
