import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSource } from '../../server/src/engine/parse';
import { MAX_EXPRESSION_NESTING, MAX_NESTING, nestingProblem } from '../../server/src/engine/parse/depth';
import { scanSource } from '../../server/src/engine';
import { tokenize } from '../../server/src/engine/parse/outline';
import * as fc from 'fast-check';

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

/** nestingProblem as it was written over `tokenize`'s tokens: the scan without tokens must find the same. */
function nestingOverTokens(text: string): { offset: number; message: string } | undefined {
  let all = 0;
  let expr = 0;
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const t = { start: tokens.start(i), text: tokens.text(i) };
    if (t.text === '(' || t.text === '[') {
      all++;
      if (++expr > MAX_EXPRESSION_NESTING)
        return { offset: t.start, message: `Syntax error: brackets nested more than ${MAX_EXPRESSION_NESTING} deep; Hindsight does not read this code` };
      if (all > MAX_NESTING) return { offset: t.start, message: `Syntax error: code nested more than ${MAX_NESTING} deep; Hindsight does not read this code` };
    } else if (t.text === '{') {
      if (++all > MAX_NESTING)
        return { offset: t.start, message: `Syntax error: code nested more than ${MAX_NESTING} deep; Hindsight does not read this code` };
    } else if (t.text === ')' || t.text === ']') {
      if (expr > 0) expr--;
      if (all > 0) all--;
    } else if (t.text === '}') {
      if (all > 0) all--;
      expr = Math.min(expr, all);
    }
  }
  return undefined;
}

test('the nesting check finds what a walk over the tokens finds, comments, strings and escapes included', () => {
  const piece = fc.constantFrom('(', ')', '[', ']', '{', '}', '"', "'", '\\', '/', '*', '//', '/*', '*/', '\n', '\r', ' ', 'a', '1.5', '$x', 'hex"', 'é');
  const deep = (open: string, n: number) => fc.constant(open.repeat(n));
  fc.assert(
    fc.property(fc.array(fc.oneof(piece, deep('(', 33), deep('{', 257), deep('[(', 20)), { maxLength: 80 }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual(nestingProblem(text), nestingOverTokens(text));
    }),
    { numRuns: 2000 },
  );
});
