// Where a syntax error is shown: the offending token, found by offset, kept inside the piece it belongs to.
// Shared by the piece-by-piece parse (recover.ts) and the search for a failure's place (localize.ts).
import type { Tokens } from './outline';

/** A syntax problem in offsets: [start, end) of the offending token. */
export interface OffsetProblem {
  start: number;
  end: number;
  message: string;
}

/** Index of the token containing `offset`, else of the first token after it, else the last token. */
export function tokenAt(tokens: Tokens, offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.end(mid) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The offending token as the problem's range, kept inside the piece the error belongs to. */
export function tokenProblem(tokens: Tokens, offset: number, start: number, end: number, message: string): OffsetProblem {
  const o = Math.max(start, Math.min(offset, end - 1));
  if (tokens.length) {
    const i = tokenAt(tokens, o);
    const ts = tokens.start(i);
    const te = tokens.end(i);
    // The token tokenAt finds, as long as it lies inside the piece.
    if (ts >= start && te <= end) return { start: ts, end: te, message };
  }
  return { start: o, end: Math.min(end, o + 1), message };
}
