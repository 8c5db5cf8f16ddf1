// An open document's keystroke that changes nothing the last full scan rested on takes that scan's matches, moved,
// instead of matching anything (scan.ts asks first). Three cases:
//
// - `gap`: the edit lies between units (a comment, or the text of a member that does not parse) and every unit
//   is the same text as before. The tree is then the same but for positions, and so are the model's answers when
//   the text-wide inputs of the model are (the imports' parses, the value-sending and operator shortcuts), and
//   the filters that read text around the edit (a regex over a contract) answer the same when asked again: the
//   result is exactly a fresh scan's.
// - `spaces`: the edit is whitespace between the tokens of one member (scan-spaces.ts); the same holds.
// - `broken`: the edit lies inside one function or modifier that parsed at the last full scan and no longer does
//   (the parser reports an error inside it), and every other unit is the same. While it is typed in, the document
//   keeps that last good version of it: the other units' findings, and the file-wide ones, are those of the last
//   full scan, whatever their answers rested on the member; the member's own findings are carried by the analysis
//   as before (project/analysis.ts). A keystroke that breaks a function no longer re-matches every unit that names
//   it, and the one that mends it is a body edit against the last good version, which the cut-offs handle.
//   Deleting the member outright (nothing left that fails to parse) or editing anything else is a full scan.
// - `typing`: as `broken`, for a member that parses but where the latest keystroke typed (or deleted) part of a name
//   that nothing can declare: the word occurs nowhere else in the document or the files it imports, and is not
//   Solidity's own (scan-typing.ts). Typed before another token (`uint256` in front of `return (false, 0)`: first
//   `ureturn(false, 0)`, a call) or as the prefix of a longer name (`am` on the way to `amount`), the code parses but
//   calls or reads what does not exist yet; matching the units that name the member again for it is wasted until
//   the word is done. The member's own matches are kept too, moved, but those about the text being typed (a span
//   that meets it or ends right at it: the word they named is another now): the document shows its last full scan,
//   as it does mid-word in a debounced editor. The next keystroke that is not part of such a word scans in full.
//
// The matches are kept as offsets; the occurrences (ranges, fixes, fingerprints) are built again from the new
// parse, as for the units a full scan reuses.
import type { Finding } from './finding';
import type { ParsedSource } from './parse';
import type { Bound } from './pattern/match';
import type { FileIndex, Match, TextRead } from './scan-index';
import type { LazyFacts } from './scan-semantic';
import { isFunctionUnit, semanticBase } from './scan-semantic-units';
import { emptyScanStats, matchUnits, sameList, unitLayout, wholeFilePart, type UnitMemory } from './scan-units';
import type { Node } from './pattern/ast';
import { editSpan } from './semantics/incremental';
import { moveReads, readsHold, sameTokens } from './scan-spaces';
import { typedUnknownName } from './scan-typing';

/** The last full scan of a document: what it matched and what that rested on. */
interface LastScan {
  text: string;
  findings: readonly Finding[];
  /** `reads`: what the unit's filters read of the text, offsets from its start (UnitMemory.reads). */
  units: Array<{ key: string; start: number; end: number; fn: boolean; header: boolean; reads?: TextRead[] }>;
  /** By finding, as offsets. */
  matches: Match[][];
  /** What the filters of the findings matched over the whole file read of the text (FileIndex.reads). */
  reads?: TextRead[];
  /** The project asked (by identity and path), and the model's text-wide inputs (semanticBase) when it was built. */
  project?: { project: unknown; path: string };
  base?: string;
  /** The text of the latest scan, when it kept this one for a member being typed in (`broken`, `typing`). */
  latest?: string;
}

const last = new WeakMap<UnitMemory, LastScan>();

/**
 * Every finding's matches (null: it crashed, and is skipped): the last full scan's when they can be kept, else
 * matched (unit by unit with a memory) and, with a memory, remembered for the next scans.
 */
export function matchFindings(
  parsed: ParsedSource,
  index: FileIndex,
  findings: readonly Finding[],
  memory: UnitMemory | undefined,
  facts: LazyFacts,
  match: (index: FileIndex, root: Node, finding: Finding, wide?: () => void) => Match[],
  onError: (finding: Finding, error: unknown) => void,
): Array<Match[] | null> {
  const kept = memory && reuseScan(memory, parsed, index, findings, facts);
  if (kept) return kept;
  const byUnit = memory ? matchUnits(parsed, index, findings, memory, match, onError, facts.get) : undefined;
  const root = parsed.ast as unknown as Node;
  // Only a memory keeps what the filters read: without one (the CLI, the scan workers) nothing records.
  index.reads = memory ? [] : undefined;
  const all = findings.map((finding, i): Match[] | null => {
    try {
      const unitMatches = byUnit?.get(i);
      if (unitMatches === null) return null; // crashed on a unit: skipped, as a whole-file match would be
      const matches = unitMatches ?? match(index, root, finding);
      const rest = unitMatches && wholeFilePart(finding);
      return rest ? [...matches, ...match(index, root, rest)] : matches;
    } catch (error) {
      onError(finding, error);
      return null;
    }
  });
  const reads = index.reads ?? [];
  index.reads = undefined;
  if (memory) rememberScan(memory, parsed, index, findings, all.every((m) => m) ? (all as Match[][]) : undefined, reads, facts);
  return all;
}

/** Remembers a full scan. `matches` undefined: a finding crashed or something else leaves the scan not reusable. */
function rememberScan(
  memory: UnitMemory,
  parsed: ParsedSource,
  index: FileIndex,
  findings: readonly Finding[],
  matches: Match[][] | undefined,
  reads: TextRead[],
  facts: LazyFacts,
): void {
  const layout = matches && unitLayout(parsed, index.pragmaText);
  if (!layout || !matches) {
    last.delete(memory);
    return;
  }
  const units = layout.units.map((u, i) => ({
    key: layout.keys[i],
    start: u.start,
    end: u.end,
    fn: u.kind === 'member' && isFunctionUnit(u.nodes[0]),
    header: u.kind === 'header',
    reads: memory.reads[i],
  }));
  const built = facts.built();
  const asked = facts.asked();
  last.set(memory, {
    text: parsed.text,
    findings,
    units,
    matches: matches.map((list) => list.map(plain)),
    reads,
    project: asked && { project: asked.project, path: asked.path },
    base: built ? semanticBase(parsed, index.pragmaText, [], built).base : undefined,
  });
}

/**
 * The last full scan's matches moved to `parsed`, by finding, when the edit since changed nothing they rest on (or
 * only a member that stopped parsing); undefined: scan in full. Sets `memory.last`.
 */
function reuseScan(memory: UnitMemory, parsed: ParsedSource, index: FileIndex, findings: readonly Finding[], facts: LazyFacts): Match[][] | undefined {
  const prev = last.get(memory);
  if (!prev || !sameList(prev.findings, findings)) return undefined;
  const layout = unitLayout(parsed, index.pragmaText);
  if (!layout) return undefined;
  const span = editSpan(prev.text, parsed.text);
  const delta = span.newEnd - span.oldEnd;
  // Offsets of the last scan to this one: a start at the edit's end (or at an insertion) moves, an end there stays.
  const moveStart = (o: number) => (o >= span.oldEnd ? o + delta : o < span.start || o === span.start ? o : -1);
  const moveEnd = (o: number) => (o <= span.start ? o : o >= span.oldEnd ? o + delta : -1);
  const now = layout.units;
  const extra = prev.units.length - now.length;
  if (extra !== 0 && extra !== 1) return undefined;
  let broken: { start: number; end: number } | undefined;
  let spaced: { old: number; now: number } | undefined;
  for (let i = 0, j = 0; i < prev.units.length; i++) {
    const u = prev.units[i];
    const n = now[j];
    if (n && layout.keys[j] === u.key && n.start === moveStart(u.start) && n.end === moveEnd(u.end)) {
      j++;
      continue;
    }
    // The one unit of other text, the edit inside it: only whitespace between its tokens, checked below.
    if (!extra && !spaced && n && !u.header && u.start < span.start && span.oldEnd < u.end && n.start === u.start && n.end === u.end + delta) {
      spaced = { old: i, now: j++ };
      continue;
    }
    // The one unit the new parse lacks: a function or modifier that holds the whole edit.
    if (broken || !extra || !u.fn || span.start < u.start || span.oldEnd > u.end) return undefined;
    broken = { start: u.start, end: u.end };
  }
  if (extra && !broken) return undefined;
  if (broken && !failsInside(parsed, broken.start, broken.end + delta)) return undefined;
  let typing = false;
  if (spaced && !sameTokens(prev.text, parsed.text, now[spaced.now].nodes[0], span)) {
    // Not whitespace: the one other case for an edited unit is a name being typed in a function or modifier.
    if (!prev.units[spaced.old].fn) return undefined;
    // What the latest keystroke typed: since the last full scan (the span above), or since a kept scan after it.
    const since = prev.latest === undefined ? span : undefined;
    if (!typedUnknownName(prev.latest ?? prev.text, parsed, now[spaced.now].nodes[0], facts, since)) return undefined;
    typing = true;
  }
  const lastGood = !!broken || typing;
  // A filter that read the text around the edit (a regex over the contract, say) must answer the same.
  if (!lastGood && !(prev.reads && readsHold(prev.reads, span, parsed.text, moveStart, moveEnd))) return undefined;
  if (!lastGood && !prev.units.every((u) => u.reads && readsHold(u.reads, span, parsed.text, moveStart, moveEnd, u.start))) return undefined;
  if (!sameInputs(prev, parsed, index, facts)) return undefined;
  const out: Match[][] = [];
  for (const list of prev.matches) {
    const moved: Match[] = [];
    for (const m of list) {
      if (broken && !outside(m, broken)) continue;
      if (typing && touchesEdit(m, span)) continue;
      const r = moveMatch(m, moveStart, moveEnd);
      if (!r) return undefined;
      moved.push(r);
    }
    out.push(moved);
  }
  memory.last = { ...emptyScanStats(), reused: now.length, kept: broken ? 'broken' : typing ? 'typing' : spaced ? 'spaces' : 'gap' };
  // Past a gap or spaces edit the moved scan is exactly this text's: the next keystroke compares with it. Past a
  // member being typed in, the last full scan stays what the next one compares with; what the keystroke typed is
  // the latest text.
  if (lastGood) prev.latest = parsed.text;
  else {
    // A unit's questions count from its start: only those of the edited unit move within it.
    const units = prev.units.map((u, i) => {
      const reads = u.reads && i === spaced?.old ? moveReads(u.reads, moveStart, moveEnd, u.start, now[i].start) : u.reads;
      return { ...u, key: layout.keys[i], start: now[i].start, end: now[i].end, reads };
    });
    last.set(memory, { ...prev, text: parsed.text, units, matches: out, reads: prev.reads && moveReads(prev.reads, moveStart, moveEnd), latest: undefined });
  }
  return out;
}

/** Whether the project and the model's text-wide inputs are those the last scan rested on. */
function sameInputs(prev: LastScan, parsed: ParsedSource, index: FileIndex, facts: LazyFacts): boolean {
  if (!prev.project) return true;
  // As a full scan would: the project brought up to date with this text.
  const now = facts.context();
  if (!now || now.project !== prev.project.project || now.path !== prev.project.path) return false;
  if (prev.base === undefined) return true;
  const built = facts.get();
  return !!built && semanticBase(parsed, index.pragmaText, [], built).base === prev.base;
}

/** A syntax error starts within [start, end): the member there does not parse (rather than was deleted). */
function failsInside(parsed: ParsedSource, start: number, end: number): boolean {
  return parsed.syntaxErrors.some((e) => {
    const at = parsed.lines.offset(e.range.start);
    return start <= at && at < end;
  });
}

/** A match the broken member plays no part in: every bound span outside it, its own span outside or around it. */
function outside(m: Match, member: { start: number; end: number }): boolean {
  const apart = (s: number, e: number) => e <= member.start || s >= member.end;
  if (!apart(m.start, m.end) && !(m.start < member.start && m.end > member.end)) return false;
  for (const name in m.b) if (!apart(m.b[name].start, m.b[name].end)) return false;
  return true;
}

/**
 * A match about the text being typed in: one of its spans (its own, a binding's) meets the edited text or ends or
 * starts right at it (the word it named is another word now), without holding the whole edit inside. A match
 * around the edit (the member, the statement typed in) stays.
 */
function touchesEdit(m: Match, span: { start: number; oldEnd: number }): boolean {
  const touches = (s: number, e: number) => !(e < span.start || s > span.oldEnd) && !(s < span.start && e > span.oldEnd);
  if (touches(m.start, m.end)) return true;
  for (const name in m.b) if (touches(m.b[name].start, m.b[name].end)) return true;
  return false;
}

function moveMatch(m: Match, moveStart: (o: number) => number, moveEnd: (o: number) => number): Match | undefined {
  const start = moveStart(m.start);
  const end = moveEnd(m.end);
  if (start < 0 || end < start) return undefined;
  const b: Record<string, Bound> = {};
  for (const name in m.b) {
    const s = moveStart(m.b[name].start);
    const e = moveEnd(m.b[name].end);
    if (s < 0 || e < s) return undefined;
    b[name] = { start: s, end: e };
  }
  return { start, end, b };
}

/** Offsets only: a match's nodes belong to the tree it was found in. */
function plain(m: Match): Match {
  const b: Record<string, Bound> = {};
  for (const name in m.b) b[name] = { start: m.b[name].start, end: m.b[name].end };
  return { start: m.start, end: m.end, b };
}
