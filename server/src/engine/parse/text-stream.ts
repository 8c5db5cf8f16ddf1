// ANTLR's input stream over a file's text, without the copy ANTLR's own CharStream makes.
import { CharStream, Token } from 'antlr4';

/**
 * ANTLR's `CharStream` copies the text into an array of its char codes before lexing (an array element per
 * character of every parsed file: ~18 MB of allocation and ~35 ms of a cold scan's CPU, profiled on the
 * benchmark's 401 files). The stage-1 parser builds it without `decodeToUnicodeCodePoints`, so those codes are
 * the string's UTF-16 code units: reading them from the string itself gives the lexer the same input. Everything
 * else (`getText`, `seek`, `consume`, `index`, `size`) reads `strdata`, `_index` and `_size`, set as the parent
 * sets them.
 */
export class TextStream extends CharStream {
  declare strdata: string;
  declare _size: number;
  declare _index: number;

  constructor(text: string) {
    super('');
    this.strdata = text;
    this._size = text.length;
  }

  override LA(offset: number): number {
    if (offset === 0) return 0; // undefined in ANTLR; CharStream answers 0
    const at = this._index + (offset < 0 ? offset + 1 : offset) - 1;
    return at < 0 || at >= this._size ? Token.EOF : this.strdata.charCodeAt(at);
  }

  override LT(offset: number): number {
    return this.LA(offset);
  }
}
