// The ANTLR parser behind @solidity-parser/parser is recursive descent with adaptive prediction: every nested
// `(` or `[` costs it a look-ahead over everything inside (about 40 ms a level on a loaded machine, so 100
// levels take seconds on every keystroke), and a few thousand nested blocks overflow its call stack. No real
// contract comes close to these limits, so text beyond them is reported as a syntax problem where the nesting
// goes too deep and is never handed to the parser; the rest of the file is still read piece by piece.
import { commentEnd, stringEnd } from './outline';

/** Nested `(` and `[` (expressions, tuples, argument lists, index accesses). */
export const MAX_EXPRESSION_NESTING = 32;
/** `(`, `[` and `{` together (blocks, unchecked blocks, struct literals). */
export const MAX_NESTING = 256;

export interface DepthProblem {
  offset: number;
  message: string;
}

/** The first place where `text` nests deeper than the parser can be trusted with, or undefined. */
export function nestingProblem(text: string): DepthProblem | undefined {
  let all = 0;
  let expr = 0;
  // The brackets `tokenize` would list, without its token objects (every file is checked before it is parsed):
  // a bracket is a token of its own wherever it is not in a comment or a string, since no other token holds one.
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */) {
      const e = commentEnd(text, i);
      if (e >= 0) {
        i = e;
        continue;
      }
    } else if (c === 34 || c === 39) {
      i = stringEnd(text, i, c);
      continue;
    }
    switch (c) {
      case 40 /* ( */:
      case 91 /* [ */:
        all++;
        if (++expr > MAX_EXPRESSION_NESTING) {
          return { offset: i, message: `Syntax error: brackets nested more than ${MAX_EXPRESSION_NESTING} deep; Hindsight does not read this code` };
        }
        if (all > MAX_NESTING) return tooDeep(i);
        break;
      case 123 /* { */:
        if (++all > MAX_NESTING) return tooDeep(i);
        break;
      case 41 /* ) */:
      case 93 /* ] */:
        if (expr > 0) expr--;
        if (all > 0) all--;
        break;
      case 125 /* } */:
        if (all > 0) all--;
        // A brace closes any bracket left open before it, as the outline scanner assumes for half-typed code.
        expr = Math.min(expr, all);
        break;
    }
    i++;
  }
  return undefined;
}

function tooDeep(offset: number): DepthProblem {
  return { offset, message: `Syntax error: code nested more than ${MAX_NESTING} deep; Hindsight does not read this code` };
}
