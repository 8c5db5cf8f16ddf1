// Incremental parsing must give exactly the tree a fresh parse gives (loc and range included), on real
// audited code, for random edits inside function bodies, and must never mutate the previous tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import * as parser from '@solidity-parser/parser';
import { parseSource, type ParsedSource } from '../../server/src/engine/parse';
import { spliceEdit } from '../../server/src/engine/parse/splice';
import { apply, bodies, editArb, type Edit } from './body-edits-helpers';

const require_ = createRequire(__filename);
const pkgDir = (name: string) => dirname(require_.resolve(`${name}/package.json`));
const OZ = pkgDir('@openzeppelin/contracts');
const UNI = pkgDir('@uniswap/v3-core');
const FILES = [
  join(OZ, 'token/ERC20/ERC20.sol'),
  join(OZ, 'utils/math/Math.sol'),
  join(OZ, 'governance/Governor.sol'),
  join(OZ, 'utils/structs/EnumerableSet.sol'),
  join(OZ, 'proxy/utils/Initializable.sol'),
  join(OZ, 'token/ERC721/ERC721.sol'),
  join(UNI, 'contracts/libraries/Oracle.sol'),
  join(UNI, 'contracts/libraries/TickMath.sol'),
];

/** The parser itself, or null when it throws (it does on some broken code even in tolerant mode). */
function fullParse(text: string): (object & { errors?: unknown[] }) | null {
  try {
    return parser.parse(text, { tolerant: true, loc: true, range: true });
  } catch {
    return null;
  }
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

test('an edit inside a function body gives the same tree as a fresh parse (real code, random edits)', () => {
  for (const file of FILES) {
    const text = readFileSync(file, 'utf8');
    const base = deepFreeze(parseSource(text));
    assert.equal(base.syntaxErrors.length, 0, file);
    const bs = bodies(base.ast);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bs.length - 1 }).chain((i) => fc.array(editArb(text, bs[i]), { minLength: 1, maxLength: 1 })),
        ([edit]) => {
          const next = apply(text, edit);
          const inc = parseSource(next, base);
          const expected = fullParse(next);
          if (!expected || expected.errors?.length) return; // edits that happen not to parse are covered below
          assert.deepStrictEqual(inc.syntaxErrors, []);
          assert.deepStrictEqual(inc.ast, expected, `${file}: ${JSON.stringify(edit)}`);
          // The fast path itself took it (rather than the piece-by-piece fallback).
          assert.deepStrictEqual(spliceEdit(text, base.ast!, next), expected);
        },
      ),
      { seed: 20261125, numRuns: 15 },
    );
  }
});

test('a sequence of keystrokes, each parsed from the previous result, stays equal to fresh parses', () => {
  const text = readFileSync(join(OZ, 'token/ERC20/ERC20.sol'), 'utf8');
  const anchor = text.indexOf('_spendAllowance(from, spender, value);');
  assert.ok(anchor > 0);
  // Typing a new statement one character at a time passes through many texts that do not parse.
  const typed = 'require(value > 0, "zero");\n        ';
  let prev: ParsedSource = deepFreeze(parseSource(text));
  for (let i = 1; i <= typed.length; i++) {
    const next = text.slice(0, anchor) + typed.slice(0, i) + text.slice(anchor);
    const inc = deepFreeze(parseSource(next, prev));
    const fresh = parseSource(next);
    assert.deepStrictEqual(inc.ast, fresh.ast, `after typing ${JSON.stringify(typed.slice(0, i))}`);
    assert.deepStrictEqual(inc.syntaxErrors, fresh.syntaxErrors);
    if (fresh.syntaxErrors.length === 0) assert.deepStrictEqual(inc.ast, fullParse(next));
    prev = inc;
  }
  // And deleting it again, back to the original.
  let cur = text.slice(0, anchor) + typed + text.slice(anchor);
  while (cur.length > text.length) {
    cur = cur.slice(0, anchor) + cur.slice(anchor + 1);
    const inc = deepFreeze(parseSource(cur, prev));
    assert.deepStrictEqual(inc.ast, parseSource(cur).ast);
    prev = inc;
  }
  assert.deepStrictEqual(prev.ast, fullParse(text));
});

test('edits outside function bodies (new function, header change, deletion of a member) reuse pieces and stay exact', () => {
  const text = readFileSync(join(OZ, 'utils/math/Math.sol'), 'utf8');
  const base = deepFreeze(parseSource(text));
  const at = text.indexOf('    function tryAdd');
  const edits: Edit[] = [
    { at, del: 0, ins: '    function added(uint256 a) internal pure returns (uint256) { return a; }\n' },
    { at: text.indexOf('tryAdd'), del: 6, ins: 'tryPlus' },
    { at, del: text.indexOf('    function ', at + 10) - at, ins: '' },
    { at: text.indexOf('library Math'), del: 12, ins: 'library Maths' },
  ];
  for (const e of edits) {
    const next = apply(text, e);
    const inc = parseSource(next, base);
    assert.deepStrictEqual(inc.syntaxErrors, [], JSON.stringify(e));
    assert.deepStrictEqual(inc.ast, fullParse(next), JSON.stringify(e));
  }
});

test('arbitrary single-character edits: incremental result equals a fresh parseSource', () => {
  const text = readFileSync(join(UNI, 'contracts/libraries/Oracle.sol'), 'utf8');
  const base = deepFreeze(parseSource(text));
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: text.length - 1 }),
      fc.constantFrom('', ';', ')', '(', '{', '}', '"', '/*', '//', 'x', '\n', '*/'),
      fc.boolean(),
      (at, ins, del) => {
        const next = text.slice(0, at) + ins + text.slice(at + (del ? 1 : 0));
        const inc = parseSource(next, base);
        const fresh = parseSource(next);
        assert.deepStrictEqual(inc.ast, fresh.ast);
        assert.deepStrictEqual(inc.syntaxErrors, fresh.syntaxErrors);
      },
    ),
    { seed: 7, numRuns: 40 },
  );
});

test('edits inside every kind of statement (modifier placeholder, unchecked, if/else, try/catch, assembly, for) splice exactly', () => {
  const text = `contract A {
  modifier m() { require(x > 0); _; emit E(1); }
  function f() public m returns (uint) {
    unchecked { a += 1; }
    if (a > 1) { b = 2; } else c = 3;
    try T(t).g() returns (uint v) { d = v; } catch Error(string memory r) { e = r; } catch { }
    assembly { let z := add(1, 2) }
    for (uint i = 0; i < 10; i++) { s += i; }
    return a;
  }
}`;
  const base = deepFreeze(parseSource(text));
  const edits: Array<[string, string]> = [
    ['_;', '_ ;'],
    ['x > 0', 'x >= 0'],
    ['a += 1', 'a += 12'],
    ['b = 2', 'b = 22'],
    ['c = 3', 'c = 3\n'],
    ['d = v', 'd = v + 1'],
    ['e = r', 'e = r '],
    ['add(1, 2)', 'add(1, 3)'],
    ['s += i', 's -= i'],
    ['i < 10', 'i < 100'],
    ['return a', 'return a + 1'],
    ['emit E(1)', 'emit E(2)'],
    ['b = 2;', 'b = 2; uint b2 = b;'],
  ];
  for (const [from, to] of edits) {
    const at = text.indexOf(from);
    const next = text.slice(0, at) + to + text.slice(at + from.length);
    const expected = fullParse(next);
    assert.ok(expected && !expected.errors?.length, to);
    assert.deepStrictEqual(spliceEdit(text, base.ast!, next), expected, `${from} -> ${to}`);
    assert.deepStrictEqual(parseSource(next, base).ast, expected, `${from} -> ${to}`);
  }
});

/** Objects a tree holds in more than one place, as "parent.field == parent.field" (deepEqual cannot see sharing). */
function sharedObjects(ast: unknown): string[] {
  const seen = new Map<object, string>();
  const out: string[] = [];
  const visit = (v: unknown, at: string): void => {
    if (!v || typeof v !== 'object') return;
    const first = seen.get(v);
    if (first !== undefined) {
      out.push(`${first} == ${at}`);
      return;
    }
    seen.set(v, at);
    if (Array.isArray(v)) return v.forEach((c, i) => visit(c, `${at}[${i}]`));
    const node = v as Record<string, unknown>;
    for (const k in node) if (k !== 'loc' && k !== 'range') visit(node[k], `${at}.${k}`);
  };
  visit(ast, '');
  return out;
}

test('moved state variables keep their initial value as one object, as a fresh parse has it', () => {
  const text = `pragma solidity ^0.8.20;
contract C {
    function f(uint256 by) external returns (uint256) {
        return by;
    }
    uint256 public limit = 10 * 2;
    address public owner = msg.sender;
    uint256 private constant CAP = 1000 + 1;
}
`;
  const at = text.indexOf('return by;');
  let previous = parseSource(text);
  // Whole-file parses (the splice moves what follows the edit), then a broken member (piece by piece), then mended.
  for (const typed of ['uint256 x = by; ', 'uint256 x = by', 'uint256 x = ', 'uint256 x = by; ']) {
    const next = text.slice(0, at) + typed + text.slice(at);
    const incremental = parseSource(next, previous);
    const fresh = parseSource(next);
    assert.deepEqual(incremental.ast, fresh.ast, JSON.stringify(typed));
    assert.deepEqual(sharedObjects(incremental.ast), sharedObjects(fresh.ast), JSON.stringify(typed));
    assert.equal(sharedObjects(fresh.ast).length, 3, 'the parser shares each initial value');
    previous = incremental;
  }
});
