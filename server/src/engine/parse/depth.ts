// The ANTLR parser behind @solidity-parser/parser is recursive descent with adaptive prediction: every nested
// `(` or `[` costs it a look-ahead over everything inside (about 40 ms a level on a loaded machine, so 100
// levels take seconds on every keystroke), and a few thousand nested blocks overflow its call stack. No real
// contract comes close to these limits, so text beyond them is reported as a syntax problem where the nesting
// goes too deep and is never handed to the parser; the rest of the file is still read piece by piece.
import { tokenize } from './outline';

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
  for (const t of tokenize(text)) {
    switch (t.text) {
      case '(':
      case '[':
        all++;
        if (++expr > MAX_EXPRESSION_NESTING) {
          return { offset: t.start, message: `Syntax error: brackets nested more than ${MAX_EXPRESSION_NESTING} deep; Hindsight does not read this code` };
        }
        if (all > MAX_NESTING) return tooDeep(t.start);
        break;
      case '{':
        if (++all > MAX_NESTING) return tooDeep(t.start);
        break;
      case ')':
      case ']':
        if (expr > 0) expr--;
        if (all > 0) all--;
        break;
      case '}':
        if (all > 0) all--;
        // A brace closes any bracket left open before it, as the outline scanner assumes for half-typed code.
        expr = Math.min(expr, all);
        break;
    }
  }
  return undefined;
}

function tooDeep(offset: number): DepthProblem {
  return { offset, message: `Syntax error: code nested more than ${MAX_NESTING} deep; Hindsight does not read this code` };
}
