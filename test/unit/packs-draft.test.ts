// `draft: <reason>`: a finding kept in its pack but never run, so a learned or half-written finding loses
// nothing and reports nothing until someone deletes the line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPackText } from '../../server/src/packs/load';

const FINDING = (extra: string) => `
  - id: TEAM-001
    title: T
    severity: high
    confidence: medium
    category: c
    description: d
    recommendation: r
${extra}`;

test('a draft is listed, not compiled, and may leave out match and references', () => {
  const pack = loadPackText(`name: p\nversion: 1.0.0\nfindings:${FINDING('    draft: the linked code was not found\n')}`, '/tmp/p/pack.yaml');
  assert.deepEqual(pack.problems, []);
  assert.deepEqual(pack.findings, []);
  assert.deepEqual(pack.drafts, [{ id: 'TEAM-001', reason: 'the linked code was not found' }]);
});

test('a draft with a pattern that would not compile loads quietly; without draft it is an error', () => {
  const body = '    references: [{ title: x, url: "https://example.invalid" }]\n    match: { pattern: "function (" }\n';
  assert.deepEqual(loadPackText(`name: p\nversion: 1.0.0\nfindings:${FINDING(`${body}    draft: pattern to be written\n`)}`, '/tmp/p/pack.yaml').problems, []);
  const live = loadPackText(`name: p\nversion: 1.0.0\nfindings:${FINDING(body)}`, '/tmp/p/pack.yaml');
  assert.equal(live.problems.length, 1);
  assert.equal(live.problems[0].findingId, 'TEAM-001');
});

test('a finding that is not a draft still needs match and references', () => {
  const pack = loadPackText(`name: p\nversion: 1.0.0\nfindings:${FINDING('')}`, '/tmp/p/pack.yaml');
  assert.deepEqual(
    pack.problems.map((p) => p.message),
    ['TEAM-001 is missing required properties "references", "match"'],
  );
});
