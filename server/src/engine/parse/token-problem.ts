// Where a syntax error is shown: the offending token, found by offset, kept inside the piece it belongs to.
// Shared by the piece-by-piece parse (recover.ts) and the search for a failure's place (localize.ts).
import type { Token } from './outline';

/** A syntax problem in offsets: [start, end) of the offending token. */
export interface OffsetProblem {
  start: number;
  end: number;
  message: string;
}

/** Index of the token containing `offset`, else of the first token after it, else the last token. */
export function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The offending token as the problem's range, kept inside the piece the error belongs to. */
export function tokenProblem(tokens: Token[], offset: number, start: number, end: number, message: string): OffsetProblem {
  const o = Math.max(start, Math.min(offset, end - 1));
  const t = tokens[tokenAt(tokens, o)];
  if (t && t.start <= o && t.end > o && t.start >= start && t.end <= end) return { start: t.start, end: t.end, message };
  if (t && t.start >= start && t.end <= end) return { start: t.start, end: t.end, message };
  return { start: o, end: Math.min(end, o + 1), message };
}
