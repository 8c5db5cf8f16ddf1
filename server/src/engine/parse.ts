// Parsing never throws: @solidity-parser/parser raises TypeErrors on some half-typed code even in tolerant
// mode, so every call is guarded and failures become SyntaxProblems with a position.
import * as parser from '@solidity-parser/parser';
import type { SourceUnit } from '@solidity-parser/parser/dist/src/ast-types';
import { LineIndex } from './positions';
import type { SyntaxProblem } from './types';

export interface ParsedSource {
  text: string;
  lines: LineIndex;
  /** null when nothing could be parsed. Node `range`s are [start, end] UTF-16 offsets, end inclusive. */
  ast: SourceUnit | null;
  syntaxErrors: SyntaxProblem[];
}

const OPTIONS = { tolerant: true, loc: true, range: true } as const;

export function parseSource(text: string): ParsedSource {
  const lines = new LineIndex(text);
  const syntaxErrors: SyntaxProblem[] = [];
  let ast: SourceUnit | null = null;
  try {
    const result = parser.parse(text, OPTIONS) as SourceUnit & { errors?: Array<{ message: string; line: number; column: number }> };
    for (const e of result.errors ?? []) syntaxErrors.push(problemAt(lines, e.line, e.column, e.message));
    delete result.errors;
    ast = result;
  } catch (err) {
    const e = err as { errors?: Array<{ message: string; line: number; column: number }>; message?: string };
    if (e.errors?.length) for (const x of e.errors) syntaxErrors.push(problemAt(lines, x.line, x.column, x.message));
    else syntaxErrors.push({ message: `Syntax error: the parser could not read this file (${e.message ?? String(err)})`, range: lines.range(0, 0) });
  }
  return { text, lines, ast, syntaxErrors };
}

/** Parser line is 1-based, column 0-based (UTF-16). */
function problemAt(lines: LineIndex, line: number, column: number, message: string): SyntaxProblem {
  const start = lines.offset({ line: Math.max(0, line - 1), character: column });
  return { message, range: lines.range(start, Math.min(lines.text.length, start + 1)) };
}
