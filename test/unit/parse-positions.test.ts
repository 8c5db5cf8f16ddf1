// Positions are LSP positions: zero-based lines, UTF-16 columns, with \n, \r\n and lone \r all ending a line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/positions';
import { parseSource } from '../../server/src/engine/parse';

type Node = { type: string; name?: string; range: [number, number]; subNodes?: Node[] };

const functions = (text: string) => {
  const r = parseSource(text);
  const out: Record<string, Node> = {};
  for (const c of (r.ast?.children ?? []) as unknown as Node[]) for (const m of c.subNodes ?? []) out[m.name ?? ''] = m;
  return { r, fns: out };
};

test('LineIndex: CRLF, lone CR and LF each end one line', () => {
  const text = 'a\r\nbb\rccc\nd';
  const li = new LineIndex(text);
  assert.equal(li.lineCount, 4);
  assert.deepStrictEqual(li.position(0), { line: 0, character: 0 });
  assert.deepStrictEqual(li.position(1), { line: 0, character: 1 }); // the \r of \r\n is still line 0
  assert.deepStrictEqual(li.position(3), { line: 1, character: 0 });
  assert.deepStrictEqual(li.position(6), { line: 2, character: 0 });
  assert.deepStrictEqual(li.position(10), { line: 3, character: 0 });
  assert.deepStrictEqual(li.position(11), { line: 3, character: 1 });
  for (let o = 0; o <= text.length; o++) {
    if (text[o - 1] === '\r' && text[o] === '\n') continue; // between \r and \n is not a position of its own
    assert.equal(li.offset(li.position(o)), o);
  }
  // Out-of-range positions clamp instead of throwing.
  assert.equal(li.offset({ line: 99, character: 0 }), text.length);
  assert.equal(li.offset({ line: 0, character: 99 }), 3);
  assert.deepStrictEqual(li.position(-5), { line: 0, character: 0 });
});

test('LineIndex: columns count UTF-16 code units (emoji are two, CJK one)', () => {
  const text = '// 😀 中文\nx';
  const li = new LineIndex(text);
  assert.deepStrictEqual(li.position(text.indexOf('中')), { line: 0, character: 6 });
  assert.deepStrictEqual(li.position(text.indexOf('x')), { line: 1, character: 0 });
  assert.deepStrictEqual(li.range(3, 5), { start: { line: 0, character: 3 }, end: { line: 0, character: 5 } });
});

test('node ranges are UTF-16 offsets in files with CRLF, emoji and CJK, also after recovery', () => {
  const lines = [
    'pragma solidity ^0.8.0;',
    'contract A { // 所有者 😀😀',
    '  string s = "😀 中文"; function f() public { s = "🚀"; }',
    '  /* 注释 🦄 */ function broken() public { uint x = ; }',
    '  function g() public { emit E("中"); }',
    '}',
  ];
  for (const eol of ['\n', '\r\n', '\r']) {
    const text = lines.join(eol);
    const { r, fns } = functions(text);
    assert.ok(fns.f && fns.g && !fns.broken, JSON.stringify(eol));
    const f = fns.f;
    assert.equal(text.slice(f.range[0], f.range[1] + 1), 'function f() public { s = "🚀"; }');
    assert.deepStrictEqual(r.lines.position(f.range[0]), { line: 2, character: lines[2].indexOf('function f') });
    const g = fns.g;
    assert.equal(text.slice(g.range[0], g.range[1] + 1), 'function g() public { emit E("中"); }');
    assert.deepStrictEqual(r.lines.position(g.range[0]), { line: 4, character: 2 });
    assert.equal(r.syntaxErrors.length, 1);
    assert.equal(r.syntaxErrors[0].range.start.line, 3);
    const col = r.syntaxErrors[0].range.start.character;
    assert.equal(col, lines[3].indexOf('; }'), `${col} in ${lines[3]}`);
    assert.equal(r.syntaxErrors[0].message, "Syntax error: expected an expression after '='");
  }
});

test('incremental edits on CRLF files with emoji keep ranges UTF-16 exact', () => {
  const text = ['contract A {', '  function f() public { a = 1; } // 😀', '  function g() public { b = 2; } /* 中文 */ function h() public {}', '}'].join(
    '\r\n',
  );
  const base = parseSource(text);
  const at = text.indexOf('a = 1;');
  const next = text.slice(0, at) + 'a = "😀😀";\r\n    ' + text.slice(at);
  const inc = parseSource(next, base);
  const fresh = parseSource(next);
  assert.deepStrictEqual(inc.ast, fresh.ast);
  const { fns } = functions(next);
  assert.equal(next.slice(fns.h.range[0], fns.h.range[1] + 1), 'function h() public {}');
  assert.deepStrictEqual(inc.lines.position(fns.h.range[0]), { line: 3, character: '  function g() public { b = 2; } /* 中文 */ '.length });
});
