import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../server/src/engine/parse';
import { MAX_EXPRESSION_NESTING, MAX_NESTING, nestingProblem } from '../../server/src/engine/parse/depth';
import { scanSource } from '../../server/src/engine';

const N = 10_000;
const fn = (body: string) => `contract C {\n  function ok() public { x.transfer(1); }\n  function f() public {\n    ${body}\n  }\n}\n`;

for (const [name, body] of [
  ['parentheses', `uint x = ${'('.repeat(N)}1${')'.repeat(N)};`],
  ['index accesses', `x = ${'a['.repeat(N)}1${']'.repeat(N)};`],
  ['blocks', `${'{'.repeat(N)}${'}'.repeat(N)}`],
  ['unchecked blocks', `${'unchecked {'.repeat(N)}${'}'.repeat(N)}`],
  ['unclosed blocks', '{'.repeat(N)],
] as const) {
  test(`${N.toLocaleString('en')}-deep ${name}: a syntax problem where it goes too deep, the rest of the file still read`, () => {
    const text = fn(body);
    const parsed = parseSource(text);
    const deep = parsed.syntaxErrors.find((e) => /nested more than/.test(e.message));
    assert.ok(deep, JSON.stringify(parsed.syntaxErrors.slice(0, 3)));
    assert.equal(deep.range.start.line, 3, 'reported on the line of the nesting');
    if (!name.startsWith('unclosed')) {
      const names = (parsed.ast?.children ?? []).flatMap((c) => ('subNodes' in c ? c.subNodes : [])).map((n) => ('name' in n ? n.name : ''));
      assert.ok(names.includes('ok'), `the intact function survives: ${names.join(',')}`);
    }
    const r = scanSource(text, []);
    assert.ok(r.syntaxErrors.length > 0);
  });
}

test('nesting up to the limits is left to the parser', () => {
  const parens = `contract C { function f() public { uint x = ${'('.repeat(MAX_EXPRESSION_NESTING - 2)}1${')'.repeat(MAX_EXPRESSION_NESTING - 2)}; } }`;
  assert.equal(nestingProblem(parens), undefined);
  const blocks = `contract C { function f() public { ${'{'.repeat(MAX_NESTING - 3)}${'}'.repeat(MAX_NESTING - 3)} } }`;
  assert.equal(nestingProblem(blocks), undefined);
  const p = parseSource(blocks);
  assert.deepEqual(p.syntaxErrors, []);
  assert.ok(p.ast);
});

test('brackets inside strings and comments do not count', () => {
  const text = `contract C { string s = "${'('.repeat(1000)}"; /* ${'{'.repeat(1000)} */ }`;
  assert.equal(nestingProblem(text), undefined);
  assert.deepEqual(parseSource(text).syntaxErrors, []);
});
