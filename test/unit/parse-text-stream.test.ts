// TextStream reads the text where ANTLR's CharStream reads its copy: the lexer must see the same input, so the
// tokens (types, offsets, texts) are the same, non-BMP characters and broken strings included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { CharStream, CommonTokenStream } from 'antlr4';
import { TextStream } from '../../server/src/engine/parse/text-stream';

const SolidityLexer = require('@solidity-parser/parser/src/antlr/SolidityLexer').default;

function tokens(input: CharStream): string[] {
  const lexer = new SolidityLexer(input);
  lexer.removeErrorListeners();
  const stream = new CommonTokenStream(lexer);
  stream.fill();
  return stream.tokens.map(
    (t: { type: number; start: number; stop: number; text: string; channel: number }) => `${t.type}:${t.start}-${t.stop}:${t.channel}:${t.text}`,
  );
}

const SAMPLES = [
  '',
  'contract C { function f() public { uint x = 1; } }',
  '// ünïcödé 𝔘 comment\ncontract C { string s = "𝔘𝔫𝔦"; }',
  'contract C {\r\n  bytes b = hex"00ff"; /* unterminated',
  'pragma solidity ^0.8.0; \u2028 x = "\ud800";',
];

test('TextStream gives the lexer the same tokens as CharStream', () => {
  for (const text of SAMPLES) assert.deepEqual(tokens(new TextStream(text)), tokens(new CharStream(text)), JSON.stringify(text));
});

test('TextStream answers LA, LT, seek and getText as CharStream does, on any text', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.array(fc.integer({ min: -3, max: 45 }), { maxLength: 12 }), (text, moves) => {
      const a = new TextStream(text);
      const b = new CharStream(text);
      assert.equal(a.size, b.size);
      for (const m of moves) {
        a.seek(Math.max(0, m));
        b.seek(Math.max(0, m));
        assert.equal(a.index, b.index);
        for (const k of [-2, -1, 0, 1, 2, 3]) {
          assert.equal(a.LA(k), b.LA(k));
          assert.equal(a.LT(k), b.LT(k));
        }
        assert.equal(a.getText(a.index, a.index + 3), b.getText(b.index, b.index + 3));
      }
      assert.deepEqual(tokens(new TextStream(text)), tokens(new CharStream(text)));
    }),
  );
});
