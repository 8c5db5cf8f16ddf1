// One file's analysis: parse (incrementally when the previous parse is known), match every finding in scope,
// read its suppression comments. Matching runs with every loaded finding in scope, including disabled packs
// and low severities, so that changing minSeverity or toggling a pack only re-filters (see `viewOf`).
import { scanParsed, type UnitMemory } from '../engine';
import type { ScanStats } from '../engine/scan-units';
import type { Finding } from '../engine/finding';
import type { SemanticContext } from '../engine/semantics/facts';
import { parseSource, type ParsedSource } from '../engine/parse';
import { applySuppressions, findSuppressions, type Suppression, type SuppressionProblem } from '../engine/suppress';
import type { Occurrence, Range, SyntaxProblem } from '../engine/types';
import type { HindsightSettings } from '../shared/protocol';
import { onePerCause } from './one-per-cause';
import { atLeast, packEnabled } from '../shared/settings';

export interface Analysis {
  occurrences: Occurrence[];
  syntaxErrors: SyntaxProblem[];
  suppressions: Suppression[];
  /** True when nothing parsed and `occurrences` are the last good ones, moved along with the edits. */
  stale: boolean;
  /** The other files the semantic filters' answers drew on, when asked for (a result cache checks them). */
  dependencies?: string[];
  /**
   * The scan took the last full scan's matches instead of matching (engine/scan-reuse.ts): the edit since lay
   * between members, was whitespace, or is inside a member that does not parse (whose last good version holds).
   */
  kept?: ScanStats['kept'];
}

export interface View {
  kept: Occurrence[];
  problems: SuppressionProblem[];
}

const parse = parseSource as (text: string, previous?: ParsedSource) => ParsedSource;

export function parseText(text: string, previous?: ParsedSource): ParsedSource {
  return parse(text, previous);
}

/**
 * `memory`: an open document's, so a keystroke re-matches only the units it changed (same result). `semantic`: the
 * project the document is in, for semantic filters (asked for only when one gets a candidate); without it the
 * document is its own project. `dependencies`: list the files the result drew on (it costs a walk of the imports).
 */
export function analyzeParsed(
  parsed: ParsedSource,
  findings: readonly Finding[],
  lastGood?: Occurrence[],
  memory?: UnitMemory,
  semantic?: () => SemanticContext | undefined,
  dependencies = false,
): Analysis {
  const suppressions = findSuppressions(parsed);
  if (!parsed.ast && lastGood && lastGood.length) {
    // Nothing parses (e.g. an unclosed brace near the top): keep what was found before instead of wiping it.
    return { occurrences: lastGood, syntaxErrors: parsed.syntaxErrors, suppressions, stale: true };
  }
  const result = findings.length
    ? scanParsed(parsed, findings as Finding[], { memory, semantic, dependencies })
    : { occurrences: [], syntaxErrors: parsed.syntaxErrors, dependencies: undefined };
  let occurrences = result.occurrences;
  if (result.syntaxErrors.length && lastGood?.length) {
    const carried = carryOver(parsed, occurrences, lastGood);
    if (carried.length) occurrences = [...occurrences, ...carried].sort(byPosition);
  }
  const analysis: Analysis = { occurrences, syntaxErrors: result.syntaxErrors, suppressions, stale: false };
  if (result.dependencies?.length) analysis.dependencies = result.dependencies;
  if (findings.length && memory?.last.kept) analysis.kept = memory.last.kept;
  return analysis;
}

/**
 * While a member (function, modifier, state variable ...) does not parse, its findings from the last analysis
 * stay, moved along with the edits: typing a statement must not make the other findings of that function
 * blink out. Members that parse are authoritative, and findings the edits touched were already dropped
 * (`shiftOccurrences`), as were their fixes.
 */
function carryOver(parsed: ParsedSource, fresh: readonly Occurrence[], lastGood: readonly Occurrence[]): Occurrence[] {
  const spans: Array<[number, number]> = [];
  for (const child of parsed.ast?.children ?? []) {
    if (child.type === 'ContractDefinition') {
      for (const m of child.subNodes) if (m.range) spans.push(m.range);
    } else if (child.range) spans.push(child.range);
  }
  const key = (o: Occurrence) => `${o.pack}\0${o.findingId}\0${o.range.start.line}:${o.range.start.character}`;
  const have = new Set(fresh.map(key));
  const out: Occurrence[] = [];
  for (const o of lastGood) {
    if (have.has(key(o))) continue;
    const at = parsed.lines.offset(o.range.start);
    if (spans.some(([s, e]) => s <= at && at <= e)) continue;
    out.push(o);
  }
  return out;
}

export function analyzeText(text: string, findings: readonly Finding[]): { analysis: Analysis; parsed: ParsedSource } {
  const parsed = parse(text);
  return { analysis: analyzeParsed(parsed, findings), parsed };
}

/** What the user sees under these settings: enabled packs, minimum severity, one report per cause, suppressions applied. */
export function viewOf(
  analysis: Analysis,
  settings: HindsightSettings,
  severityOf: (o: Occurrence) => Finding | undefined,
  findingsInScope: readonly Finding[],
): View {
  if (!settings.enable) return { kept: [], problems: [] };
  const shown = (pack: string, f: Finding | undefined) => !!f && packEnabled(pack, settings) && atLeast(f.severity, settings.minSeverity);
  // One report per cause (one-per-cause.ts) among what these settings show, as the CLI reports it.
  const active = onePerCause(
    analysis.occurrences.filter((o) => shown(o.pack, severityOf(o))),
    severityOf,
  );
  const activeIds = new Set<string>();
  for (const f of findingsInScope) if (shown(f.pack.name, f)) activeIds.add(f.id);
  const r = applySuppressions(analysis.suppressions, active, {
    activeIds,
    reportUnused: analysis.syntaxErrors.length === 0 && !analysis.stale,
  });
  return { kept: r.kept, problems: r.problems };
}

export interface ContentChange {
  range?: Range;
  text: string;
}

/**
 * Moves occurrences along with an edit so hovers, and the last-good fallback, stay on the right code between
 * keystrokes and re-analysis. Occurrences the edit touches are dropped; fixes are dropped (their edits are
 * only trusted from a fresh analysis).
 */
export function shiftOccurrences(occurrences: Occurrence[], change: ContentChange): Occurrence[] {
  if (!change.range) return [];
  const out: Occurrence[] = [];
  for (const o of occurrences) {
    const range = shiftRange(o.range, change);
    const matchRange = shiftRange(o.matchRange, change, true);
    if (!range || !matchRange) continue;
    if (range === o.range && matchRange === o.matchRange) out.push(o);
    else out.push({ ...o, range, matchRange, fix: undefined, bindings: {} });
  }
  return out;
}

function shiftRange(r: Range, change: ContentChange, enclosing = false): Range | null {
  const c = change.range!;
  if (!before(c.start, r.end)) return r; // the edit is after the range
  const inside = !before(c.start, r.start) && !before(r.end, c.end);
  if (before(r.start, c.end) && !(enclosing && inside)) return null; // the edit overlaps the range
  const lines = change.text.split(/\r\n|\r|\n/);
  const addedLines = lines.length - 1;
  const lastLen = lines[lines.length - 1].length;
  const move = (p: Range['start']) => {
    if (p.line > c.end.line) return { line: p.line + addedLines - (c.end.line - c.start.line), character: p.character };
    const character = (addedLines === 0 ? c.start.character + lastLen : lastLen) + (p.character - c.end.character);
    return { line: c.start.line + addedLines, character };
  };
  // An edit inside an enclosing range (the whole matched function) only moves its end.
  if (inside && before(r.start, c.end)) return { start: r.start, end: move(r.end) };
  return { start: move(r.start), end: move(r.end) };
}

function byPosition(a: Occurrence, b: Occurrence): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
