// The outline's tokens live in typed arrays (engine/parse/outline.ts `Tokens`) rather than one object per token.
// These properties hold them to the object tokenizer they replaced (outline-oracle.ts, a copy of it): the same
// tokens (start, end, text), the same cuts into units and members, the same error ranges, on random Solidity-ish
// text, half-typed code, unterminated strings and comments included, and on damaged real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fc from 'fast-check';
import { outline, tokenize, type Tokens } from '../../server/src/engine/parse/outline';
import { tokenAt, tokenProblem } from '../../server/src/engine/parse/token-problem';
import * as old from './outline-oracle';

const OZ = join(dirname(createRequire(__filename).resolve('@openzeppelin/contracts/package.json')));

/** Every word a caller asks `is` about, and some it does not. */
const ASKED = ['abstract', 'contract', 'interface', 'library', 'function', 'modifier', 'event', 'struct', 'enum', 'constructor'];
const ASKED2 = ['pragma', 'import', 'assembly', 'for', 'as', 'from', 'else', 'catch', 'while', 'f', 'functions', 'x'];

const PIECES = [
  ...ASKED,
  ...ASKED2,
  'C',
  'is',
  'using',
  'returns',
  'uint256',
  '_x$1',
  '$',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ';',
  ',',
  '.',
  '=',
  '+',
  '=>',
  '/',
  '*',
  '\\',
  '"s',
  '"ok"',
  "'q'",
  '"a\\"b"',
  '"esc\\',
  'unicode"é"',
  "hex'00'",
  '/*',
  '*/',
  '//',
  '/**/',
  '// note\n',
  '/* {( */',
  '0',
  '1.5',
  '1.',
  '.5',
  '0x1f',
  '1e18',
  '1_000',
  '2.5e-3',
  '\n',
  '\r\n',
  '\r',
  '\t',
  ' ',
  '\u00a0',
  '\ufeff',
  '\u000b',
  '\u0000',
  'é',
  '😀',
  '\ud800',
  '\uffff',
];

/** Whole phrases, so that the outline meets contracts, members, nested blocks and what ends them. */
const PHRASES = [
  'contract C {',
  'abstract contract A is B(1) {',
  'interface I {',
  'library L {',
  'function f(uint a) public {',
  'function g() external;',
  'function (uint) h;',
  'modifier m() {',
  'event E(uint);',
  'struct S { uint a; }',
  'enum E { A }',
  'constructor() {',
  'using {f} for T;',
  'using L for uint;',
  'import {a} from "x";',
  'import "y" as Y;',
  'T {a} from',
  'T {a} as',
  'pragma solidity ^0.8.0;',
  'assembly { function h() {} }',
  'assembly ("memory-safe") {',
  'if (x) { } else { }',
  'try f() { } catch { }',
  'do { } while (x);',
  'S({a: 1})',
  'x = 1;',
  'uint[] a = [1];',
];

const soup = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PIECES),
      fc.constantFrom(...PIECES).map((p) => `${p} `),
    ),
    { maxLength: 60 },
  )
  .map((ps) => ps.join(''));
/** Joined with spaces: more of it reads as code, so the outline sees contracts, members and definitions. */
const code = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.constantFrom(...PHRASES), fc.constantFrom(...PHRASES)), { maxLength: 40 })
  .map((ps) => ps.join(' '));

function plain(t: Tokens) {
  const out: old.Token[] = [];
  for (let i = 0; i < t.length; i++) out.push({ start: t.start(i), end: t.end(i), text: t.text(i) });
  return out;
}

function same(text: string): void {
  const openNew: number[] = [];
  const openOld: number[] = [];
  const t = tokenize(text, openNew);
  const o = old.tokenize(text, openOld);
  assert.deepStrictEqual(plain(t), o);
  assert.deepStrictEqual(openNew, openOld);
  // The cheap tests callers use agree with the text they stand for.
  for (let i = 0; i <= t.length; i++) {
    const x = o[i]?.text;
    const word = x !== undefined && /^[A-Za-z_$]/.test(x);
    assert.equal(t.isWord(i), word, `isWord(${i}) of ${JSON.stringify(x)}`);
    assert.equal(t.char(i), x === undefined || word ? -1 : x.charCodeAt(0));
    for (const w of [...ASKED, ...ASKED2]) assert.equal(t.is(i, w), x === w, `is(${i}, ${w}) of ${JSON.stringify(x)}`);
  }
  const n = outline(text);
  const p = old.outline(text);
  assert.deepStrictEqual(n.units, p.units);
  assert.equal(n.openComment, p.openComment);
  assert.deepStrictEqual(plain(n.tokens), p.tokens);
  // Handed back, so that the next text is written over this one's tokens (as on every keystroke).
  n.tokens.release();
  t.release();
}

function sameProblems(text: string, offsets: number[]): void {
  const t = tokenize(text);
  const o = old.tokenize(text);
  for (const off of offsets) {
    assert.equal(tokenAt(t, off), old.tokenAt(o, off));
    // Pieces around the offset of several sizes, the empty piece and the whole text included.
    for (const [s, e] of [
      [0, text.length],
      [off, off],
      [Math.max(0, off - 3), Math.min(text.length, off + 3)],
      [off, Math.min(text.length, off + 1)],
    ])
      assert.deepStrictEqual(tokenProblem(t, off, s, e, 'm'), old.tokenProblem(o, off, s, e, 'm'));
  }
}

test('packed tokens equal the object tokenizer on random Solidity-ish text, and the outline is unchanged', () => {
  fc.assert(fc.property(soup, same), { seed: 81, numRuns: 600 });
  fc.assert(fc.property(code, same), { seed: 82, numRuns: 600 });
  fc.assert(fc.property(fc.string({ maxLength: 80 }), same), { seed: 83, numRuns: 300 });
});

test('packed tokens find the same error ranges (tokenAt, tokenProblem)', () => {
  fc.assert(
    fc.property(soup, fc.array(fc.nat(), { maxLength: 5 }), (text, xs) =>
      sameProblems(
        text,
        xs.map((x) => x % (text.length + 2)),
      ),
    ),
    { seed: 84, numRuns: 300 },
  );
  sameProblems('', [0, 1]);
});

test('packed tokens equal the object tokenizer on real files and on half-typed edits of them', () => {
  const files = ['utils/Packing.sol', 'access/manager/AccessManager.sol', 'token/ERC1155/ERC1155.sol', 'utils/cryptography/EIP712.sol'].map((f) =>
    readFileSync(join(OZ, f), 'utf8'),
  );
  for (const text of files) same(text);
  // The file by index, so that a counterexample is short.
  fc.assert(
    fc.property(
      fc.nat(files.length - 1),
      fc.nat(),
      fc.integer({ min: 0, max: 40 }),
      fc.constantFrom(...PIECES, ...PHRASES, 'function g(', '"', '/*', '}', '{', ';'),
      (f, at, del, ins) => {
        const text = files[f];
        const a = at % (text.length + 1);
        same(text.slice(0, a) + ins + text.slice(a + del));
      },
    ),
    { seed: 85, numRuns: 60 },
  );
});

test('released tokens read as none, and the array they hand back serves the next text, larger or smaller', () => {
  const a = tokenize('contract C { function f() public { x = 1; } }');
  const kept = plain(a);
  // Not released: a second text gets an array of its own.
  const b = tokenize('library L { }');
  assert.deepStrictEqual(plain(a), kept);
  b.release();
  a.release();
  // Twice is harmless, even with no spare array left: the next text still gets an array that holds it.
  const c = tokenize('library L { }');
  a.release();
  const d = tokenize('contract D { }');
  assert.deepStrictEqual(plain(d), old.tokenize('contract D { }'));
  assert.deepStrictEqual(plain(c), old.tokenize('library L { }'));
  c.release();
  d.release();
  assert.equal(a.length, 0);
  assert.equal(a.char(0), -1);
  assert.equal(a.isWord(0), false);
  assert.equal(a.is(0, 'contract'), false);
  // A text larger than the handed-back array grows it; one too large to keep is not kept; all read right.
  for (const text of ['a '.repeat(300_000), 'x', 'b '.repeat(900_000), 'y = 1;', '']) {
    const t = tokenize(text);
    assert.deepStrictEqual(plain(t), old.tokenize(text));
    t.release();
  }
  same('contract C { function f() public { x = 1; } }');
});
