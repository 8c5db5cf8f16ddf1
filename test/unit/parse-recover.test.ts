// A file with a syntax error still yields every piece that parses, at exact positions, and the error is
// reported in the piece that is broken. Checked on real audited code by deleting one `;` or `)` in a function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fg from 'fast-glob';
import * as parser from '@solidity-parser/parser';
import { parseSource } from '../../server/src/engine/parse';
import { parseSegmented } from '../../server/src/engine/parse/recover';

const require_ = createRequire(__filename);
const OZ = dirname(require_.resolve('@openzeppelin/contracts/package.json'));
const UNI = dirname(require_.resolve('@uniswap/v3-core/package.json'));

type Node = {
  type: string;
  name?: string | null;
  range: [number, number];
  loc: { start: { line: number; column: number } };
  body?: Node | null;
  subNodes?: Node[];
  children?: Node[];
};

const full = (text: string) => parser.parse(text, { tolerant: true, loc: true, range: true }) as unknown as Node;

/** Independent of the engine's own shifting: where a node of the original lands after deleting one character. */
function afterDeletion<T>(v: T, at: number, line: number): T {
  if (Array.isArray(v)) return v.map((x) => afterDeletion(x, at, line)) as T;
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown> & { range?: [number, number] };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) {
    if (k === 'range') out.range = (x as number[]).map((n) => (n > at ? n - 1 : n));
    else if (k === 'loc') {
      const loc = x as { start: { line: number; column: number }; end: { line: number; column: number } };
      const move = (p: { line: number; column: number }, offset: number) => (offset > at && p.line === line ? { line: p.line, column: p.column - 1 } : p);
      out.loc = { start: move(loc.start, o.range![0]), end: move(loc.end, o.range![1]) };
    } else out[k] = afterDeletion(x, at, line);
  }
  return out as T;
}

function* bodyTargets(text: string, ast: Node): Generator<{ fn: Node; contract: Node; at: number }> {
  for (const c of ast.children ?? []) {
    if (c.type !== 'ContractDefinition') continue;
    for (const fn of c.subNodes ?? []) {
      if (fn.type !== 'FunctionDefinition' || !fn.body) continue;
      const [s, e] = fn.body.range;
      for (const ch of [';', ')']) {
        // The last such character of the body outside comments and strings, found through the parse.
        const at = lastTokenChar(text, fn.body, ch);
        if (at > s && at < e) yield { fn, contract: c, at };
      }
    }
  }
}

function lastTokenChar(text: string, node: unknown, ch: string): number {
  let best = -1;
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const n = v as { range?: [number, number]; type?: string };
    if (n.type && n.type !== 'InlineAssemblyStatement' && n.range && text[n.range[1]] === ch) best = Math.max(best, n.range[1]);
    if (n.type === 'InlineAssemblyStatement') return;
    for (const [k, x] of Object.entries(n)) if (k !== 'loc' && k !== 'range') walk(x);
  };
  walk(node);
  return best;
}

const FILES = fg
  .sync('**/*.sol', { cwd: OZ, absolute: true })
  .sort()
  .filter((f) => !f.includes('/interfaces/') && !f.includes('/mocks/'));

test('deleting one ; or ) in a function of 20 real files keeps every other member exact and points at the broken function', () => {
  let cases = 0;
  for (const file of FILES.filter((_, i) => i % 7 === 0)) {
    if (cases >= 20) break;
    const text = readFileSync(file, 'utf8');
    const ast = full(text);
    const targets = [...bodyTargets(text, ast)];
    if (targets.length < 2) continue;
    const { fn, contract, at } = targets[Math.floor(targets.length / 2)];
    const broken = text.slice(0, at) + text.slice(at + 1);
    const result = parseSource(broken);
    const line = text.slice(0, at).split('\n').length;
    assert.ok(result.ast, file);
    assert.ok(result.syntaxErrors.length > 0, `${file}: deleting ${text[at]} at ${at} must be reported`);
    assert.equal(result.recovered, true);
    const fnStart = result.lines.position(fn.range[0]);
    const fnEnd = result.lines.position(fn.range[1]); // one character earlier in the broken text: still inside
    for (const e of result.syntaxErrors) {
      const inside =
        (e.range.start.line > fnStart.line || (e.range.start.line === fnStart.line && e.range.start.character >= fnStart.character)) &&
        (e.range.start.line < fnEnd.line || (e.range.start.line === fnEnd.line && e.range.start.character <= fnEnd.character));
      assert.ok(inside, `${file}: error ${JSON.stringify(e)} outside ${fn.name} ${JSON.stringify([fnStart, fnEnd])}`);
    }
    const got = (result.ast!.children as unknown as Node[]).find((c) => c.type === 'ContractDefinition' && c.name === contract.name)!;
    const expected = contract.subNodes!.filter((m) => m !== fn).map((m) => afterDeletion(m, at, line));
    assert.deepStrictEqual(got.subNodes, expected, `${file}: members other than ${fn.name} must survive exactly`);
    // Other contracts of the file are untouched too.
    for (const c of ast.children ?? []) {
      if (c === contract || c.type !== 'ContractDefinition') continue;
      const other: Node | undefined = (result.ast!.children as unknown as Node[]).find((x) => x.type === 'ContractDefinition' && x.name === c.name);
      assert.deepStrictEqual(other, afterDeletion(c, at, line));
    }
    cases++;
  }
  assert.equal(cases, 20);
});

test('the parser throwing never escapes, and the error lands on the half-typed statement', () => {
  const text =
    'pragma solidity ^0.8.0;\ncontract A {\n  function f() public { uint a = 1; }\n  function g() public {\n    uint x = ;\n  }\n  function h() public {}\n}\n';
  assert.throws(() => parser.parse(text, { tolerant: true, loc: true, range: true }), TypeError);
  const r = parseSource(text);
  assert.equal(r.syntaxErrors.length, 1);
  assert.equal(r.syntaxErrors[0].range.start.line, 4);
  assert.deepStrictEqual(
    (r.ast!.children[1] as unknown as Node).subNodes!.map((n) => n.name),
    ['f', 'h'],
  );
  const h = (r.ast!.children[1] as unknown as Node).subNodes![1];
  assert.equal(text.slice(h.range[0], h.range[1] + 1), 'function h() public {}');
});

test('broken code of many kinds never throws and keeps what parses', () => {
  const cases: Array<[string, string[]]> = [
    ['contract A { function f() { g(1; } function g() {} }', ['g']],
    ['contract A { function f() { if (x) { a(); } function g() {} }', ['g']],
    ['contract A {\n function f() {\n  string s = "abc;\n }\n function g() {}\n}', ['g']],
    ['contract A { uint x = 1 function g() {} }', ['g']],
    ['contract A { function f() { a(); } /* open comment function g() {} }', ['f']],
    ['contract A is { function f() { a(); } }', ['f']],
    ['contract A { function f() public { a(); }', ['f']],
    ['contract A { function f() public { a(); } } }', ['f']],
    ['contract A { function f() { assembly { function y(a) -> b { b := a } } x( } function g() {} }', ['g']],
    ['contract A { modifier m() { _ } function g() {} }', ['g']],
    ['abstract contract A is B { event E(uint); function f() external; function g() { for (;;) { } } } garbage', ['E', 'f', 'g']],
    ['}}}{{{', []],
    ['', []],
    ['contract', []],
    ['/* typed at the top\ncontract A { function f() {} }', []],
    ['library L { function f() internal { uint x = ; uint y = ; } function g() internal {} }', ['g']],
  ];
  for (const [text, names] of cases) {
    const r = parseSource(text);
    assert.ok(r.syntaxErrors.length > 0 || text === '', text);
    const got: string[] = [];
    for (const c of (r.ast?.children ?? []) as unknown as Node[]) for (const m of c.subNodes ?? []) got.push(m.name ?? '');
    assert.deepStrictEqual(got, names, text);
    for (const e of r.syntaxErrors) assert.ok(r.lines.offset(e.range.end) <= text.length && r.lines.offset(e.range.start) < Math.max(1, text.length), text);
  }
});

test("piece-by-piece parsing of a file that parses gives exactly the parser's tree", () => {
  const files = [...FILES.filter((_, i) => i % 10 === 0), ...fg.sync('contracts/**/*.sol', { cwd: UNI, absolute: true })];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const seg = parseSegmented(text);
    assert.deepStrictEqual(seg.errors, [], file);
    assert.deepStrictEqual(seg.ast, full(text), file);
  }
});

test('a syntax error in one contract keeps the findings-relevant pieces of the others', () => {
  const text = [
    'pragma solidity ^0.8.0;',
    'import "./X.sol";',
    'contract A { function a() public { x(; } }',
    'function free(uint v) pure returns (uint) { return v; }',
    'contract B is A { function b() public { selfdestruct(payable(msg.sender)); } }',
  ].join('\n');
  const r = parseSource(text);
  assert.deepStrictEqual(
    (r.ast!.children as unknown as Node[]).map((c) => [c.type, c.name ?? null]),
    [
      ['PragmaDirective', 'solidity'],
      ['ImportDirective', null],
      ['ContractDefinition', 'A'],
      ['FunctionDefinition', 'free'],
      ['ContractDefinition', 'B'],
    ],
  );
  const b = (r.ast!.children as unknown as Node[])[4];
  assert.deepStrictEqual(b, (full(text.replace('x(;', 'x ;')) as Node).children![4] as Node);
  assert.equal(r.syntaxErrors.length, 1);
  assert.equal(r.syntaxErrors[0].range.start.line, 2);
});

test('random token soup and random damage to real code never throw, and every range stays inside the text', async () => {
  const fc = (await import('fast-check')).default;
  const words = [
    'contract',
    'C',
    'is',
    'function',
    'f',
    '(',
    ')',
    '{',
    '}',
    ';',
    'uint',
    'x',
    '=',
    '1',
    '"s',
    '"ok"',
    '/*',
    '*/',
    '//',
    '\n',
    '\r\n',
    'assembly',
    'modifier',
    'event',
    'struct',
    'import',
    'pragma',
    'abstract',
    'library',
    '😀',
    ',',
    '[',
    ']',
    'returns',
    'public',
    'if',
    'else',
    'unicode"é"',
    "hex'00'",
  ];
  const check = (text: string) => {
    const r = parseSource(text);
    for (const e of r.syntaxErrors) {
      assert.ok(r.lines.offset(e.range.start) <= r.lines.offset(e.range.end));
      assert.ok(r.lines.offset(e.range.end) <= text.length);
    }
    const walk = (v: unknown): void => {
      if (!v || typeof v !== 'object') return;
      if (Array.isArray(v)) return v.forEach(walk);
      const n = v as { range?: [number, number] };
      if (n.range) assert.ok(n.range[0] >= 0 && n.range[1] <= text.length, JSON.stringify(n.range));
      for (const [k, x] of Object.entries(n)) if (k !== 'loc' && k !== 'range') walk(x);
    };
    walk(r.ast);
    // And incrementally from a slightly different text.
    parseSource(text, parseSource(text.slice(1)));
  };
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }), (ws) => check(ws.join(' '))),
    { seed: 11, numRuns: 150 },
  );
  const real = readFileSync(join(OZ, 'token/ERC20/extensions/ERC4626.sol'), 'utf8');
  fc.assert(
    fc.property(fc.integer({ min: 0, max: real.length }), fc.integer({ min: 0, max: 40 }), fc.constantFrom(...words), (at, del, ins) =>
      check(real.slice(0, at) + ins + real.slice(at + del)),
    ),
    { seed: 12, numRuns: 25 },
  );
});

test('an unterminated block comment is an error, incrementally too', () => {
  const text = 'pragma solidity ^0.8.0;\ncontract V {\n function f() external {\n a();\n }\n}\n';
  const commented = '/*' + text;
  for (const r of [parseSource(commented), parseSource(commented, parseSource(text))]) {
    assert.deepStrictEqual(
      r.syntaxErrors.map((e) => [e.message, e.range.start.line, e.range.start.character]),
      [["Syntax error: unterminated comment (missing '*/')", 0, 0]],
    );
  }
});
