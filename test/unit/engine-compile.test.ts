import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFinding, PatternError, type FindingDefinition, type MatchNode } from '../../server/src/engine';
import { finding, PACK } from './engine-helpers';

function error(match: MatchNode, extra: Partial<FindingDefinition> = {}): PatternError {
  try {
    compileFinding(finding(match, extra), PACK);
  } catch (e) {
    assert.ok(e instanceof PatternError, `expected a PatternError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected compileFinding to throw');
}

test('a pattern that does not parse points into the pattern string', () => {
  const e = error({ all: [{ pattern: 'f($X)' }, { not: { pattern: 'a(); b();\n  c(;' } }] });
  assert.deepEqual(e.path, ['match', 'all', 1, 'not', 'pattern']);
  assert.match(e.message, /^pattern does not parse as Solidity: .*line 2, column 4/);
  assert.equal(e.offset, 'a(); b();\n  c'.length);
});

test('offsets stay exact after `...` rewriting', () => {
  const e = error({ pattern: 'a(); ... b(;' });
  assert.equal(e.offset, 'a(); ... b'.length);
  const f = error({ pattern: 'a();\n...\n...\nb(;\nc();' });
  assert.equal(f.offset, 'a();\n...\n...\nb'.length);
  const g = error({ pattern: 'function f(...) {\n  ...\n  x = = 1;\n}' });
  assert.equal(g.offset, 'function f(...) {\n  ...\n  '.length);
});

test('patterns on which the parser crashes still give a clear error', () => {
  const e = error({ pattern: 'uint x = ;' });
  assert.match(e.message, /pattern does not parse as Solidity/);
  assert.deepEqual(e.path, ['match', 'pattern']);
  assert.equal(typeof e.offset, 'number');
});

test('malformed metavariables are rejected with their position', () => {
  const e = error({ pattern: 'f($X, $lower)' });
  assert.match(e.message, /invalid metavariable '\$lower'/);
  assert.equal(e.offset, 6);
});

test('an expression pattern must be one expression', () => {
  assert.match(error({ pattern: 'a(), b() ,' }).message, /does not parse|one expression/);
});

test('a pattern of only ... is rejected', () => {
  assert.match(error({ pattern: '...' }).message, /match everything/);
});

test('`all` needs a positive item; unknown nodes are named', () => {
  const e = error({ all: [{ not: { pattern: 'f()' } }] });
  assert.deepEqual(e.path, ['match', 'all']);
  assert.match(e.message, /at least one positive item/);
  assert.match(error({ patterns: 'x' } as unknown as MatchNode).message, /unknown match node `patterns`/);
  assert.match(error({ all: [{ pattern: 'f()' }, { insde: { pattern: 'g()' } }] } as unknown as MatchNode).message, /unknown `all` item `insde`/);
});

test('metavariables in focus, filters and fixes must be bound by a positive pattern', () => {
  assert.deepEqual(error({ pattern: 'f($X)' }, { focus: '$Y' }).path, ['focus']);
  const notBinds = error({ all: [{ pattern: 'f($X)' }, { not: { pattern: 'g($Y)' } }] }, { focus: '$Y' });
  assert.match(notBinds.message, /focus uses \$Y, which no positive pattern binds \(bound: \$X\)/);
  const filter = error({ all: [{ pattern: 'f($X)' }, { where: [{ metavariable: '$Y', regex: 'a' }] }] });
  assert.deepEqual(filter.path, ['match', 'all', 1, 'where', 0, 'metavariable']);
  const cmp = error({ all: [{ pattern: 'f($X)' }, { where: [{ metavariable: '$X', comparison: '$X > $Z' }] }] });
  assert.match(cmp.message, /\$Z/);
  const fix = error({ pattern: 'f($X)' }, { fix: { title: 't', edits: [{ replace: '$X', with: 'g($Z)' }] } });
  assert.deepEqual(fix.path, ['fix', 'edits', 0, 'with']);
  assert.equal(fix.offset, 2);
  const target = error({ pattern: 'f($X)' }, { fix: { title: 't', edits: [{ 'insert-before': '$W', text: 'x' }] } });
  assert.deepEqual(target.path, ['fix', 'edits', 0, 'insert-before']);
  const focusTarget = error({ pattern: 'f($X)' }, { fix: { title: 't', edits: [{ replace: 'focus', with: 'x' }] } });
  assert.match(focusTarget.message, /no `focus`/);
});

test('inside binds metavariables usable in focus and fixes', () => {
  assert.doesNotThrow(() =>
    compileFinding(finding({ all: [{ pattern: 'f($X)' }, { inside: { pattern: 'function $F(...) { ... }' } }] }, { focus: '$F' }), PACK),
  );
});

test('invalid regexes, comparisons and version ranges', () => {
  const re = error({ all: [{ pattern: 'f($X)' }, { where: [{ metavariable: '$X', regex: '(?=a)' }] }] });
  assert.deepEqual(re.path, ['match', 'all', 1, 'where', 0, 'regex']);
  assert.match(re.message, /invalid regex/);
  const fnRe = error({ all: [{ pattern: 'f($X)' }, { where: [{ function: { 'name-regex': '(' } }] }] });
  assert.deepEqual(fnRe.path, ['match', 'all', 1, 'where', 0, 'function', 'name-regex']);
  const mod = error({ all: [{ pattern: 'f($X)' }, { where: [{ function: { 'has-modifier': ['/(/'] } }] }] });
  assert.deepEqual(mod.path, ['match', 'all', 1, 'where', 0, 'function', 'has-modifier', 0]);
  const call = error({ all: [{ pattern: 'f($X)' }, { where: [{ metavariable: '$X', comparison: 'foo($X) > 1' }] }] });
  assert.match(call.message, /not allowed in a comparison/);
  const op = error({ all: [{ pattern: 'f($X)' }, { where: [{ metavariable: '$X', comparison: '$X ** 2 > 1' }] }] });
  assert.match(op.message, /operator '\*\*' is not allowed/);
  assert.equal(op.offset, 0);
  const broken = error({ all: [{ pattern: 'f($X)' }, { where: [{ metavariable: '$X', comparison: '$X > ' }] }] });
  assert.match(broken.message, /comparison does not parse/);
  const sol = error({ all: [{ pattern: 'f($X)' }, { where: [{ solidity: 'banana' }] }] });
  assert.deepEqual(sol.path, ['match', 'all', 1, 'where', 0, 'solidity']);
  const vis = error({ all: [{ pattern: 'f($X)' }, { where: [{ function: { visibility: ['open'] } }] }] } as unknown as MatchNode);
  assert.deepEqual(vis.path, ['match', 'all', 1, 'where', 0, 'function', 'visibility', 0]);
});

test('compiled findings keep their definition and pack', () => {
  const f = compileFinding(finding({ pattern: 'f()' }), PACK);
  assert.equal(f.id, 'TEST-001');
  assert.equal(f.pack, PACK);
  assert.ok(f.compiled);
});
