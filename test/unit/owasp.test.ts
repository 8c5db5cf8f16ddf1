// The OWASP vocabulary (server/src/shared/owasp.ts) and the pack schema agree: the same ten codes, named the same
// way in pack-file completion and hovers (the schema's enumDescriptions) as everywhere else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import packSchema from '../../server/packs/pack.schema.json';
import { isOwaspCategory, OWASP_CODES, owaspLabel, referenceSource } from '../../server/src/shared/owasp';
import { guessOwasp } from '../../server/src/packs/generalize/owasp-guess';
import { OWASP_CATEGORIES } from '../../server/src/shared/types';

const defs = packSchema.definitions as unknown as Record<string, { properties: Record<string, { enum: string[]; enumDescriptions: string[] }> }>;

test('the schema enumerates the ten codes with their names, for completion and hover in pack files', () => {
  const owasp = defs.finding.properties.owasp;
  assert.deepEqual(owasp.enum, OWASP_CODES);
  assert.deepEqual(owasp.enumDescriptions, Object.values(OWASP_CATEGORIES));
  const kind = defs.reference.properties.kind;
  assert.equal(kind.enumDescriptions.length, kind.enum.length);
});

test('labels and reference sources', () => {
  assert.equal(owaspLabel('SC07'), 'SC07 Flash Loan Attacks');
  assert.equal(owaspLabel(undefined), '');
  assert.equal(isOwaspCategory('SC11'), false);
  assert.equal(isOwaspCategory('toString'), false);
  assert.equal(referenceSource({ kind: 'audit', finding: 'H-01' }), 'audit, H-01');
  assert.equal(referenceSource({ kind: 'post-mortem' }), 'post-mortem');
  assert.equal(referenceSource({}), '');
});

test('a best-effort guess from the words of a finding: the title first, SC03 when nothing matches', () => {
  assert.equal(guessOwasp('Read-only reentrancy in the flash-loan callback'), 'SC05');
  assert.equal(guessOwasp('Collateral is priced from pair reserves', 'a flash loan can move them'), 'SC02');
  assert.equal(guessOwasp('Vault shares', 'the first depositor can inflate the share price with a donation attack'), 'SC07');
  assert.equal(guessOwasp('Chainlink price may be stale'), 'SC03');
  assert.equal(guessOwasp('Anyone can call setFee'), 'SC01');
  assert.equal(guessOwasp('Return value of transfer is ignored', ''), 'SC06');
  assert.equal(guessOwasp('Unbounded loop over users'), 'SC10');
  assert.equal(guessOwasp('Missing zero address validation'), 'SC04');
  assert.equal(guessOwasp('Setters emit no events'), 'SC03');
});
