// The findings panel's filters (client/src/filters.ts): pure, so tested without VS Code. The report tests that used
// to live here moved with the code to the server: test/unit/report-markdown.test.ts and report-sarif.test.ts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyFilters, NO_FILTER } from '../../client/src/filters';
import type { Item } from '../../client/src/findingsModel';

function item(over: Partial<Item>): Item {
  const range = { start: { line: 4, character: 8 }, end: { line: 4, character: 20 } };
  return {
    source: 'hindsight',
    uri: 'file:///ws/src/A.sol',
    range,
    matchRange: range,
    findingId: 'HS-X-001',
    title: 'Title',
    severity: 'high',
    confidence: 'high',
    category: 'access-control',
    pack: 'core',
    fingerprint: 'fp1',
    contract: 'A',
    function: 'f',
    hasFix: false,
    triage: 'open',
    ...over,
  };
}

test('filters: false positives hidden unless asked for; words must all match', () => {
  const list = [item({}), item({ fingerprint: 'b', triage: 'false-positive' }), item({ fingerprint: 'c', severity: 'low', title: 'Reentrancy in withdraw' })];
  const rel = (u: string) => u;
  assert.deepEqual(
    applyFilters(list, NO_FILTER, rel, undefined).map((i) => i.fingerprint),
    ['fp1', 'c'],
  );
  assert.deepEqual(
    applyFilters(list, { ...NO_FILTER, triage: ['false-positive'] }, rel, undefined).map((i) => i.fingerprint),
    ['b'],
  );
  assert.deepEqual(
    applyFilters(list, { ...NO_FILTER, text: 'reentrancy WITHDRAW' }, rel, undefined).map((i) => i.fingerprint),
    ['c'],
  );
  assert.deepEqual(
    applyFilters(list, { ...NO_FILTER, severities: ['high'] }, rel, undefined).map((i) => i.fingerprint),
    ['fp1'],
  );
  assert.deepEqual(
    applyFilters(list, { ...NO_FILTER, newSinceBaseline: true }, rel, (i) => i.fingerprint === 'c').map((i) => i.fingerprint),
    ['c'],
  );
});
