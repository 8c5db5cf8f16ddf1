// The code under a finding, as the text report shows it: the first line of the reported range with a caret line
// under the range, then the recommendation, indented below the finding's header line:
//
//      5 | return tx.origin == owner;
//        |        ^^^^^^^^^
//        = Compare msg.sender with the owner: tx.origin is whoever started the transaction.
//
// Leading indentation is dropped (the header says where the line is), tabs count as four columns, and a line
// longer than MAX_WIDTH is cut around the range.
import type { Range } from '../engine';

/** The text of a file by its absolute path, or undefined when it cannot be read. */
export type SourceReader = (file: string) => string | undefined;

const TAB = '    ';
const MAX_WIDTH = 120;
const WRAP = 100;

export interface SnippetParts {
  lineNumber: string;
  code: string;
  /** Spaces up to the range, then one caret per column of it (at least one). */
  caret: string;
}

/** The line of `range.start` with its caret; undefined when the line is not in the text (the file changed). */
export function snippetOf(text: string, range: Range): SnippetParts | undefined {
  const line = lineAt(text, range.start.line);
  if (line === undefined) return undefined;
  const startCol = Math.min(range.start.character, line.length);
  const endCol = range.end.line === range.start.line ? Math.min(Math.max(range.end.character, startCol + 1), line.length) : line.trimEnd().length;
  const indent = /^[ \t]*/.exec(line)![0].length;
  const from = Math.min(indent, startCol);
  let before = line.slice(from, startCol).replace(/\t/g, TAB);
  let marked = line.slice(startCol, Math.max(endCol, startCol)).replace(/\t/g, TAB);
  let after = line.slice(Math.max(endCol, startCol)).replace(/\t/g, TAB).trimEnd();
  if (before.length + marked.length + after.length > MAX_WIDTH) {
    if (before.length > 40) before = `…${before.slice(before.length - 39)}`;
    if (marked.length > MAX_WIDTH - before.length) marked = `${marked.slice(0, MAX_WIDTH - before.length - 1)}…`;
    const room = Math.max(0, MAX_WIDTH - before.length - marked.length);
    if (after.length > room) after = room > 1 ? `${after.slice(0, room - 1)}…` : '';
  }
  return { lineNumber: String(range.start.line + 1), code: before + marked + after, caret: ' '.repeat(before.length) + '^'.repeat(Math.max(1, marked.length)) };
}

/** The 0-based line `n` of `text` without its line break, or undefined past the end. */
export function lineAt(text: string, n: number): string | undefined {
  let start = 0;
  for (let i = 0; i < n; i++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  const nl = text.indexOf('\n', start);
  const line = nl < 0 ? text.slice(start) : text.slice(start, nl);
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Greedy word wrap of a paragraph (whitespace collapsed) to lines of at most `width` characters. */
export function wrap(s: string, width = WRAP): string[] {
  const words = s.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines;
}
