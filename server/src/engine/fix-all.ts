// Applying many fixes to one text: the one loop behind the editor's fix-all (on save, the Source Action menu) and
// the CLI's `scan --fix` / `--fix-dry-run`, so both change a file the same way.
import { applyEdits } from './edits';
import { LineIndex } from './positions';
import type { Fix, Occurrence, TextEdit } from './types';

/** Which fixes a fix-all applies: `safe` only (the default everywhere), or `review` ones too when asked. */
export type FixKindChoice = 'safe' | 'review';

export function fixApplies(fix: Fix | undefined, kinds: FixKindChoice = 'safe'): fix is Fix {
  if (!fix || fix.edits.length === 0) return false;
  return kinds === 'review' || fix.kind === 'safe';
}

export interface FixAllResult {
  text: string;
  /** Fixes applied over all rounds. */
  fixes: number;
  /** Rounds that changed the text. */
  rounds: number;
}

/**
 * Applies every fix of the chosen kinds, re-checking after each round because one fix can reveal or move
 * another, until no fix is left or `maxRounds` ran. A fix whose edits overlap a fix already chosen in the round
 * waits for the next round (its occurrence is found again on the new text). Returns null when nothing changed.
 */
export function fixAllText(text: string, fixesOf: (text: string) => readonly Occurrence[], maxRounds = 10, kinds: FixKindChoice = 'safe'): FixAllResult | null {
  let current = text;
  let applied = 0;
  let rounds = 0;
  for (let round = 0; round < maxRounds; round++) {
    const chosen: TextEdit[] = [];
    const taken: Array<[number, number]> = [];
    const lines = new LineIndex(current);
    let count = 0;
    for (const o of fixesOf(current)) {
      if (!fixApplies(o.fix, kinds)) continue;
      const spans = o.fix.edits.map((e) => [lines.offset(e.range.start), lines.offset(e.range.end)] as [number, number]);
      if (spans.some((a) => taken.some((b) => overlaps(a, b)))) continue;
      taken.push(...spans);
      chosen.push(...o.fix.edits);
      count++;
    }
    if (chosen.length === 0) break;
    const next = applyEdits(current, chosen);
    if (next === current) break;
    current = next;
    applied += count;
    rounds++;
  }
  return current === text ? null : { text: current, fixes: applied, rounds };
}

/** Overlapping spans, or two edits at the same point (their order would be ambiguous). */
function overlaps([s, e]: [number, number], [ts, te]: [number, number]): boolean {
  return (s < te && ts < e) || (s === ts && (s === e || ts === te));
}
