// Matching an open document unit by unit, so that a keystroke re-matches only the unit it changed.
//
// A unit is a contract member, a top-level definition or a contract's header (its bases and their arguments). Most findings are *local*: every node their patterns
// can start at lies inside one unit, and besides that unit they can only see the enclosing contract's header
// (`inside: contract $C is ..., $BASE, ... {}`, the `contract` filter) and the file's `pragma solidity`. Their
// matches in a unit therefore depend only on the unit's text, that header and that pragma: `UnitMemory` keeps
// them per unit under a hash of the three, with offsets relative to the unit (or to the contract, for spans in
// its header), and a later scan of the same document reuses them wherever those did not change.
//
// Findings that look across units (a contract pattern with members, a pattern rooted anywhere) are matched over
// the whole file as before, and so are findings with a semantic filter or `followed-by`: what the semantic model
// says about a function depends on other units (its modifiers, the functions it calls, the state variables), so
// the simplest correct choice is to redo them on every scan (their patterns are few, and the model is
// incremental: see semantics/facts.ts). So is a local finding whose match cannot be kept relative to its unit (a
// binding or a reported span outside the unit and its header), which keeps the result exactly that of a
// whole-file scan (`scan-units.test.ts` compares the two after random edits of real files).
import { createHash } from 'node:crypto';
import { compiledOf } from './compile';
import type { Finding } from './finding';
import type { ParsedSource } from './parse';
import { isNode, type Node } from './pattern/ast';
import type { Bound } from './pattern/match';
import { unitIndex, type FileIndex, type Match, type TextRead } from './scan-index';
import { isLocal, isSemanticLocal, splitLocal } from './scan-locality';
import {
  affectedNames,
  declaredNames,
  isFunctionUnit,
  FunctionFacts,
  semanticBase,
  stillHolds,
  wordsOf,
  type FunctionUnit,
  type SemanticEntry,
  type SemanticState,
  type TextOnly,
} from './scan-semantic-units';
import { planNarrowing, scopeOf } from './scan-semantic-overloads';
import { headerOf, selectorOnlyNames } from './scan-semantic-mentions';
import { probesHold, WideRecorder, type WideSink } from './scan-semantic-probes';
import { soloContext, type FileFacts, type SemanticContext } from './semantics/facts';

/**
 * What the scans of one document remember between edits. Keep one per open document; it holds no tree but, once a
 * semantic filter ran without a project, the document's latest parse in its own small project (`solo`).
 */
export class UnitMemory {
  findings: readonly Finding[] = [];
  entries = new Map<string, UnitEntry>();
  /** Matches of the semantic findings per unit, and what the last scan's semantic answers rested on. */
  semantic = new Map<string, SemanticEntry<UnitEntry>>();
  semanticState?: SemanticState;
  /** Per-function parts of whole-contract facts, kept on the same terms as `semantic`. */
  readonly functionFacts = new FunctionFacts();
  private soloContext?: SemanticContext;
  /**
   * The semantic model of this document alone, for scans given no project: kept across edits so the function
   * summaries of unchanged functions are reused.
   */
  get solo(): SemanticContext {
    return (this.soloContext ??= soloContext());
  }
  /**
   * Units matched afresh and reused in the last scan (tests, logs); `semantic`: for the semantic findings, `at`:
   * where the units it matched again start.
   */
  last: ScanStats = emptyScanStats();
  /**
   * By unit of the last `matchUnits`, what its findings' filters read of the text (offsets from the unit's start: the
   * same while its text is, wherever it moves); undefined
   * for a unit whose matches did not all come from one unit's matching, or that read a span around the whole unit
   * (the contract's text, say), whose offsets relative to the unit may have changed since.
   */
  reads: Array<TextRead[] | undefined> = [];
}

/**
 * `kept`: the scan matched nothing and took the last full scan's matches (scan-reuse.ts): moved past an edit
 * between units (`gap`), or past whitespace typed between the tokens of one (`spaces`), or the last good version
 * of a member that stopped parsing (`broken`) or whose name under the cursor names nothing yet (`typing`).
 */
export interface ScanStats {
  matched: number;
  reused: number;
  /** `carried`: of the units matched again, how many finding's matches were kept as resting on their text alone. */
  semantic: { matched: number; reused: number; at: number[]; carried?: number };
  kept?: 'gap' | 'broken' | 'spaces' | 'typing';
}

/**
 * Whether a kept scan holds a member's last good version rather than exactly this text's matches: the member does
 * not parse, or a name being typed in it names nothing yet.
 */
export function keptLastGood(kept: ScanStats['kept']): boolean {
  return kept === 'broken' || kept === 'typing';
}

/** A scan's figures before it matched or kept anything. */
export function emptyScanStats(): ScanStats {
  return { matched: 0, reused: 0, semantic: { matched: 0, reused: 0, at: [] } };
}

/** Matches of the local findings in one unit, by the finding's position in the list (only non-empty ones). */
type UnitEntry = Map<number, RelativeMatch[]>;

interface RelativeMatch {
  start: number;
  end: number;
  /** name, start, end, and whether the offsets count from the contract's start (a span in its header). */
  b: Array<[string, number, number, boolean]>;
}

export interface Unit {
  /** The member or definition; for a contract's header, the header's nodes (bases and their arguments). */
  nodes: Node[];
  kind: 'member' | 'unit' | 'header';
  start: number;
  /** Exclusive. */
  end: number;
  contract?: Node;
  /** The contract's text up to its first member: kind, name and bases. */
  header: string;
}

type MatchIn = (index: FileIndex, root: Node, finding: Finding, wide?: WideSink) => Match[];

/**
 * The matches of every local finding, by position in `findings`: null for a finding that crashed on a unit.
 * Findings missing from the result are matched over the whole file by the caller. Undefined when the file
 * cannot be cut into units.
 */
export function matchUnits(
  parsed: ParsedSource,
  index: FileIndex,
  findings: readonly Finding[],
  memory: UnitMemory,
  matchIn: MatchIn,
  onError: (finding: Finding, error: unknown) => void,
  facts?: () => FileFacts | undefined,
): Map<number, Match[] | null> | undefined {
  const layout = unitLayout(parsed, index.pragmaText);
  if (!layout) return undefined;
  const { units, keys } = layout;
  if (!sameList(memory.findings, findings)) {
    memory.findings = findings.slice();
    memory.entries = new Map();
    memory.semantic = new Map();
    memory.semanticState = undefined;
    memory.functionFacts.prune(undefined);
  }
  const out = new Map<number, Match[] | null>();
  const local: number[] = [];
  const semantic: number[] = [];
  // A finding split in two (scan-locality.ts) is matched here by its local part; the caller adds its other part.
  const effective = findings.slice();
  for (let i = 0; i < findings.length; i++) {
    try {
      let compiled = compiledOf(findings[i]);
      const split = partsOf(findings[i]);
      if (split) {
        effective[i] = split.local;
        compiled = compiledOf(split.local);
      }
      if (isLocal(compiled)) local.push(i);
      else if (facts && isSemanticLocal(compiled)) semantic.push(i);
      else continue;
      out.set(i, []);
    } catch {
      // Left to the whole-file path, which reports the error.
    }
  }
  const root = parsed.ast as unknown as Node;
  const next = new Map<string, UnitEntry>();
  memory.last = emptyScanStats();
  for (let u = 0; u < units.length; u++) {
    const unit = units[u];
    const key = keys[u];
    let entry = next.get(key) ?? memory.entries.get(key);
    if (entry) {
      memory.last.reused++;
      next.set(key, entry);
    } else {
      memory.last.matched++;
      const matched = matchUnit(parsed.text, index, unit, root, effective, local, out, matchIn, onError);
      entry = matched.entry;
      if (matched.complete) next.set(key, entry);
    }
    absolute(entry, unit, out);
  }
  memory.entries = next;
  const semanticRan = semantic.length > 0 && !!facts;
  if (semanticRan) matchSemanticUnits(parsed, index, units, keys, effective, semantic, memory, out, matchIn, onError, facts);
  memory.reads = keys.map((key) => {
    const local = readsOf.get(next.get(key) ?? NONE);
    const sem = semanticRan ? readsOf.get(memory.semantic.get(key)?.matches ?? NONE) : [];
    return local && sem ? (sem.length ? local.concat(sem) : local) : undefined;
  });
  return out;
}

const parts = new WeakMap<Finding, { local: Finding; rest: Finding } | null>();

/** A finding's local part and its part matched over the whole file, when it is split (scan-locality.ts). */
function partsOf(finding: Finding): { local: Finding; rest: Finding } | undefined {
  let p = parts.get(finding);
  if (p === undefined) {
    const split = splitLocal(compiledOf(finding));
    p = split ? { local: { ...finding, compiled: split.local }, rest: { ...finding, compiled: split.rest } } : null;
    parts.set(finding, p);
  }
  return p ?? undefined;
}

/**
 * What the caller must still match over the whole file for a finding whose unit-by-unit matches `matchUnits`
 * returned: the other part of a split finding (its matches come after the units'), else nothing.
 */
export function wholeFilePart(finding: Finding): Finding | undefined {
  return partsOf(finding)?.rest;
}

/** The semantic findings unit by unit, reusing the matches of units whose answers cannot have changed. */
function matchSemanticUnits(
  parsed: ParsedSource,
  index: FileIndex,
  units: readonly Unit[],
  keys: readonly string[],
  findings: readonly Finding[],
  semantic: number[],
  memory: UnitMemory,
  out: Map<number, Match[] | null>,
  matchIn: MatchIn,
  onError: (finding: Finding, error: unknown) => void,
  facts: () => FileFacts | undefined,
): void {
  const text = parsed.text;
  const fns: FunctionUnit[] = [];
  const others: string[] = [];
  units.forEach((unit, u) => {
    const node = unit.nodes[0];
    if (unit.kind !== 'header' && unit.nodes.length === 1 && isFunctionUnit(node)) {
      fns.push({ key: keys[u], node, contract: unit.contract, text: text.slice(unit.start, unit.end), start: unit.start });
    } else others.push(keys[u]);
  });
  const built = facts();
  const { base, imports, operators, cyclic } = semanticBase(parsed, index.pragmaText, others, built);
  const prev = memory.semanticState;
  const affected = prev && prev.base === base ? affectedNames(prev.functions, fns, imports, operators, prev.headers) : undefined;
  memory.functionFacts.prune(affected);
  // Names overloaded in one library: the units whose references reach a changed overload (scan-semantic-overloads.ts).
  const same = prev && prev.base === base ? prev : undefined;
  const plan = planNarrowing(same, fns, built, text, imports, cyclic || operators, (k) => memory.semantic.get(k), affected);
  const rematch = affected?.size ? plan.rematch : undefined;
  const fnByKey = new Map(fns.map((f) => [f.key, f]));
  if (built) built.functionCache = memory.functionFacts.bind(built, fns);
  const root = parsed.ast as unknown as Node;
  const next = new Map<string, SemanticEntry<UnitEntry>>();
  for (let u = 0; u < units.length; u++) {
    const unit = units[u];
    const key = keys[u];
    let entry = next.get(key);
    const kept = memory.semantic.get(key);
    if (!entry) {
      const fn = rematch && fnByKey.get(key);
      // A unit that asked about the whole contract holds while those questions get the same answers.
      const verify = () => !!kept?.probes && probesHold(kept.probes, unit.nodes, unit.start, built);
      if (kept && (fn ? !rematch.has(key) && (!kept.wide || verify()) : stillHolds(kept, affected, verify))) entry = kept;
    }
    if (entry) {
      memory.last.semantic.reused++;
      next.set(key, entry);
    } else {
      memory.last.semantic.matched++;
      memory.last.semantic.at.push(unit.start);
      const recorder = new WideRecorder(unit.start, unit.end);
      const matchWide: MatchIn = (ix, r, finding) => matchIn(ix, r, finding, recorder.sink);
      // Of a unit matched again for what it names, the findings that read its text alone keep their matches.
      const matched = matchUnit(text, index, unit, root, findings, semantic, out, matchWide, onError, kept?.textOnly ?? NO_TEXT_ONLY);
      if (kept?.textOnly) memory.last.semantic.carried = (memory.last.semantic.carried ?? 0) + matched.carried;
      const unitText = unit.kind === 'header' ? unit.header : text.slice(unit.start, unit.end);
      entry = {
        matches: matched.entry,
        wide: recorder.wide,
        words: wordsOf(key, unitText),
        selectorOnly: selectorOnlyNames(key, unitText),
        textOnly: matched.textOnly,
      };
      if (recorder.wide) entry.probes = recorder.done();
      const f = plan.resolver && fnByKey.get(key);
      if (f) entry.refs = plan.resolver?.refs(f.key, f.start, f.text, f.node);
      if (matched.complete) next.set(key, entry);
    }
    absolute(entry.matches, unit, out);
  }
  memory.semantic = next;
  memory.semanticState = {
    base,
    functions: new Map(fns.map((f) => [f.key, declaredNames(f.node, f.contract)])),
    headers: new Map(fns.map((f) => [f.key, headerOf(f.node, f.text)])),
    scopes: new Map(fns.map((f) => [f.key, scopeOf(f)])),
  };
}

const NO_TEXT_ONLY: TextOnly<UnitEntry> = { matches: new Map(), reads: new Map() };

/** Every local finding over one unit alone. Incomplete when a finding crashed or fell back to the whole file. */
function matchUnit(
  text: string,
  file: FileIndex,
  unit: Unit,
  root: Node,
  findings: readonly Finding[],
  local: number[],
  out: Map<number, Match[] | null>,
  matchIn: MatchIn,
  onError: (finding: Finding, error: unknown) => void,
  textOnly?: TextOnly<UnitEntry>,
): { entry: UnitEntry; complete: boolean; textOnly: TextOnly<UnitEntry>; carried: number } {
  const index = unitIndex(file, unit.nodes, unit.contract, unit.kind === 'header' ? unit.header : `${unit.header}\n${text.slice(unit.start, unit.end)}`);
  index.reads = [];
  const entry: UnitEntry = new Map();
  const found: TextOnly<UnitEntry> = { matches: entry, reads: new Map() };
  const carried: TextRead[] = [];
  let kept = 0;
  let complete = true;
  for (const i of local) {
    if (!out.get(i)) {
      complete = false; // crashed or fell back on an earlier unit: not matched here
      continue;
    }
    const known = textOnly?.reads.get(i);
    if (known) {
      const relative = textOnly!.matches.get(i);
      if (relative) entry.set(i, relative);
      found.reads.set(i, known);
      carried.push(...known);
      kept++;
      continue;
    }
    const asks = index.asks;
    const from = index.reads.length;
    let matches: Match[];
    try {
      matches = matchIn(index, root, findings[i]);
    } catch (error) {
      onError(findings[i], error);
      out.set(i, null);
      complete = false;
      continue;
    }
    const relative: RelativeMatch[] = [];
    if (matches.length) {
      const focus = compiledOf(findings[i]).focus;
      for (const m of matches) {
        const r = relativeMatch(m, unit, focus);
        if (!r) break;
        relative.push(r);
      }
      if (relative.length === matches.length) entry.set(i, relative);
      else {
        out.delete(i);
        complete = false;
        continue;
      }
    }
    if (textOnly && index.asks === asks) {
      const reads = unitReads(index.reads.slice(from), unit);
      if (reads) found.reads.set(i, reads);
    }
  }
  const reads = unitReads(index.reads, unit);
  if (reads) readsOf.set(entry, carried.length ? reads.concat(carried) : reads);
  return { entry, complete, textOnly: found, carried: kept };
}

/** Text read in a unit's matching, by the entry it made, relative to the unit (see UnitMemory.reads). */
const readsOf = new WeakMap<UnitEntry, TextRead[]>();
const NONE: UnitEntry = new Map();

/**
 * The questions about text inside the unit, relative to it; those apart from it (about its contract's header,
 * another unit) are left out, since no edit inside the unit changes their text. Undefined when one read a span
 * around the unit or partly outside it.
 */
function unitReads(reads: TextRead[], unit: Unit): TextRead[] | undefined {
  const out: TextRead[] = [];
  for (const r of reads) {
    let inside = 0;
    for (let k = 0; k < r.spans.length; k += 2) {
      const s = r.spans[k];
      const e = r.spans[k + 1];
      if (e <= unit.start || s >= unit.end) continue;
      if (s < unit.start || e > unit.end) return undefined;
      inside++;
    }
    // Read partly elsewhere: its offsets there, relative to the unit, may change.
    if (inside && inside * 2 < r.spans.length) return undefined;
    if (inside) out.push(shiftRead(r, -unit.start));
  }
  return out;
}

/** A text question with its offsets moved by `by`. */
function shiftRead(r: TextRead, by: number): TextRead {
  return { ...r, spans: r.spans.map((o) => o + by) };
}

function relativeMatch(m: Match, unit: Unit, focus: string | undefined): RelativeMatch | undefined {
  const inUnit = (s: number, e: number) => unit.start <= s && e <= unit.end;
  if (!inUnit(m.start, m.end)) return undefined;
  const reported = focus ? m.b[focus] : undefined;
  if (reported && !inUnit(reported.start, reported.end)) return undefined;
  const b: RelativeMatch['b'] = [];
  const contractStart = unit.contract ? unit.contract.range![0] : -1;
  for (const name in m.b) {
    const { start, end } = m.b[name];
    if (inUnit(start, end)) b.push([name, start - unit.start, end - unit.start, false]);
    else if (unit.contract && contractStart <= start && end <= contractStart + unit.header.length)
      b.push([name, start - contractStart, end - contractStart, true]);
    else return undefined;
  }
  return { start: m.start - unit.start, end: m.end - unit.start, b };
}

function absolute(entry: UnitEntry, unit: Unit, out: Map<number, Match[] | null>): void {
  const contractStart = unit.contract ? unit.contract.range![0] : 0;
  for (const [i, relative] of entry) {
    const list = out.get(i);
    if (!list) continue;
    for (const r of relative) {
      const b: Record<string, Bound> = {};
      for (const [name, s, e, fromContract] of r.b) {
        const base = fromContract ? contractStart : unit.start;
        b[name] = { start: base + s, end: base + e };
      }
      list.push({ start: unit.start + r.start, end: unit.start + r.end, b });
    }
  }
}

const layouts = new WeakMap<ParsedSource, { pragma: string; units: Unit[]; keys: string[] } | null>();

/** A file's units and their keys (computed once per parse); undefined when the file cannot be cut into units. */
export function unitLayout(parsed: ParsedSource, pragma: string): { units: readonly Unit[]; keys: readonly string[] } | undefined {
  let l = layouts.get(parsed);
  if (l === undefined || (l && l.pragma !== pragma)) {
    const units = unitsOf(parsed);
    l = units ? { pragma, units, keys: units.map((unit) => unitKey(parsed.text, pragma, unit)) } : null;
    layouts.set(parsed, l);
  }
  return l ?? undefined;
}

function unitsOf(parsed: ParsedSource): Unit[] | undefined {
  const units: Unit[] = [];
  const text = parsed.text;
  for (const child of (parsed.ast?.children ?? []) as unknown as Node[]) {
    if (!child.range) return undefined;
    if (child.type !== 'ContractDefinition') {
      units.push({ nodes: [child], kind: 'unit', start: child.range[0], end: child.range[1] + 1, header: '' });
      continue;
    }
    const members = child.subNodes as Node[];
    const headerEnd = members.length ? members[0].range?.[0] : child.range[1] + 1;
    if (headerEnd === undefined) return undefined;
    const header = text.slice(child.range[0], headerEnd);
    // Base contracts, their arguments and a storage layout are nodes too, outside every member.
    const headerNodes: Node[] = [];
    for (const field in child) {
      if (field === 'subNodes' || field === 'range' || field === 'loc') continue;
      const v = child[field];
      if (Array.isArray(v)) for (const x of v) if (isNode(x)) headerNodes.push(x);
      if (isNode(v)) headerNodes.push(v);
    }
    units.push({ nodes: headerNodes, kind: 'header', start: child.range[0], end: headerEnd, contract: child, header });
    for (const m of members) {
      if (!m.range) return undefined;
      units.push({ nodes: [m], kind: 'member', start: m.range[0], end: m.range[1] + 1, contract: child, header });
    }
  }
  return units;
}

function unitKey(text: string, pragma: string, unit: Unit): string {
  return createHash('sha1')
    .update(unit.kind)
    .update('\0')
    .update(pragma)
    .update('\0')
    .update(unit.header)
    .update('\0')
    .update(unit.kind === 'header' ? '' : text.slice(unit.start, unit.end))
    .digest('base64');
}

export function sameList(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}
