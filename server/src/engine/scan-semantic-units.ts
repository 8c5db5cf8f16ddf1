// Findings with semantic filters, matched unit by unit in an open document (scan-units.ts does the units).
//
// Their patterns stay inside one unit like the local findings', but the answers of the semantic model about a
// unit depend on other units: the functions and modifiers it calls (summaries, guards, locks, checking helpers),
// the file's declarations, the files it imports. A unit's matches are kept under its key (its text, contract
// header and pragma) and reused while nothing they may depend on changed:
// - `base`: the pragma, every unit of the file that is not a function or modifier (state variables, contract
//   headers, events, structs, `using`, imports ...), the parse of each imported file, and whether the unit's
//   files can send ether at all (a filter's shortcut) must be the same as when they were matched; otherwise every
//   unit is matched again;
// - functions and modifiers that changed (edited, added, removed; a member that does not parse is left out of the
//   tree, which removes it): a unit is matched again when it mentions the name of one of them, or the name of a
//   function or modifier (of the file or an import) that mentions one, transitively. What the model says about a
//   function reaches others only through calls, modifier invocations and overrides, which all name it; the
//   closure over names is wider than the call graph, never narrower; a mention that only reads a function's
//   selector counts while its header stays the same (scan-semantic-mentions.ts);
// - a unit whose filters asked a fact about the whole contract (privileged state, reachability) is matched
//   again whenever any function or modifier changed, unless every such question, asked again, gets the same
//   answer (scan-semantic-probes.ts).
// `scan-units.test.ts` checks the result against a whole-file scan with a fresh project after random edits.
import { createHash } from 'node:crypto';
import type { ParsedSource } from './parse';
import { isNode, type Node } from './pattern/ast';
import type { FileFacts } from './semantics/facts';
import { hasValueSyntax } from './semantics/facts';
import type { FunctionFactCache } from './semantics/facts-types';
import type { ContractSymbol, FunctionSymbol } from './semantics/symbols';
import type { UnitProbe } from './scan-semantic-probes';
import { WORD, type TextRead } from './scan-index';
import { AffectedNames, headerChanges, headerOf, mentionDepends, selectorOnlyNames } from './scan-semantic-mentions';

/** What a unit's references to each narrowable name resolved to, `|`-joined ('?' when one did not resolve). */
export type UnitRefs = Map<string, string>;

/** A unit's matches of the semantic findings, and what they may depend on. */
export interface SemanticEntry<M> {
  matches: M;
  /** A function unit's references to names overloaded in one library, as resolved when it was matched. */
  refs?: UnitRefs;
  /** Its filters asked a fact about the whole contract. */
  wide: boolean;
  /** Those questions and their answers, when all could be recorded (scan-semantic-probes.ts). */
  probes?: UnitProbe[];
  /** The names the unit's text mentions. */
  words: Set<string>;
  /** Of those, the names it mentions only as `name.selector`. */
  selectorOnly?: ReadonlySet<string>;
  /** The findings whose matches here rest on the unit's text alone. */
  textOnly?: TextOnly<M>;
}

/**
 * The findings whose matching in a unit asked nothing of the semantic model (nor of the project's settings), with
 * the text their filters read (relative to the unit), and the unit's matches. Matching them again in the same text
 * would find the same, whatever changed elsewhere: the text, the contract's header and the pragma (the unit's key)
 * are all they saw (scan-units.ts keeps their matches when the unit is matched again for a function it names).
 */
export interface TextOnly<M> {
  matches: M;
  reads: Map<number, TextRead[]>;
}

/** What one scan saw, to tell which kept entries still hold in the next. */
export interface SemanticState {
  base: string;
  /** Function and modifier units by key → the names they declare (a constructor: its contract's, `constructor`). */
  functions: Map<string, string[]>;
  /** Function and modifier units by key → their text up to the body. */
  headers?: Map<string, string>;
  /** Function units by key → their library (scan-semantic-overloads.ts). */
  scopes?: Map<string, string>;
}

export interface FunctionUnit {
  key: string;
  node: Node;
  contract?: Node;
  text: string;
  /** Where `text` starts in the file. */
  start: number;
}

/** Names a function or modifier unit declares, as others mention them. */
export function declaredNames(node: Node, contract: Node | undefined): string[] {
  if (node.isConstructor === true) return [typeof contract?.name === 'string' ? contract.name : '', 'constructor'];
  if (node.isFallback === true) return ['fallback'];
  if (node.isReceiveEther === true) return ['receive'];
  return typeof node.name === 'string' ? [node.name] : [];
}

export function isFunctionUnit(node: Node): boolean {
  return node.type === 'FunctionDefinition' || node.type === 'ModifierDefinition';
}

const wordsCache = new Map<string, Set<string>>();

/** The names a piece of text mentions (kept by unit key: the same text gives the same words). */
export function wordsOf(key: string, text: string): Set<string> {
  let w = wordsCache.get(key);
  if (!w) {
    if (wordsCache.size > 20_000) wordsCache.clear();
    wordsCache.set(key, (w = new Set(text.match(WORD) ?? [])));
  }
  return w;
}

const parseIds = new WeakMap<ParsedSource, number>();
let nextId = 1;
function idOf(p: ParsedSource | undefined): number {
  if (!p) return 0;
  let id = parseIds.get(p);
  if (id === undefined) parseIds.set(p, (id = nextId++));
  return id;
}

/** Per imported parse: which function or modifier names mention each word, and whether its text sends value. */
export interface ImportFacts {
  mentions: Map<string, Set<string>>;
  value: boolean;
  operators: boolean;
}
const importFacts = new WeakMap<ParsedSource, ImportFacts>();

/** `using {f as +} for T`: a function called by an operator, which names it nowhere. */
const OPERATOR_BINDING = /\busing\s*\{[^}]*\bas\s*[^\s\w,}]/;

function factsOfImport(p: ParsedSource): ImportFacts {
  let f = importFacts.get(p);
  if (f) return f;
  const mentions = new Map<string, Set<string>>();
  const visit = (n: Node, contract: Node | undefined) => {
    if (isFunctionUnit(n) && n.range) {
      const names = declaredNames(n, contract);
      for (const w of new Set(p.text.slice(n.range[0], n.range[1] + 1).match(WORD) ?? [])) addAll(mentions, w, names);
      return;
    }
    if (n.type === 'ContractDefinition') for (const m of (n.subNodes as Node[]) ?? []) if (isNode(m)) visit(m, n);
  };
  for (const c of (p.ast?.children ?? []) as unknown as Node[]) visit(c, undefined);
  f = { mentions, value: hasValueSyntax(p.text), operators: OPERATOR_BINDING.test(p.text) };
  importFacts.set(p, f);
  return f;
}

function addAll(map: Map<string, Set<string>>, word: string, names: string[]): void {
  let s = map.get(word);
  if (!s) map.set(word, (s = new Set()));
  for (const n of names) s.add(n);
}

/**
 * What the kept entries of this scan may depend on besides the functions of the file: undefined when the model
 * cannot be built (every filter then answers no, so the entries hold as long as the text does).
 */
export function semanticBase(
  parsed: ParsedSource,
  pragma: string,
  otherUnits: string[],
  facts: FileFacts | undefined,
): { base: string; imports: ImportFacts[]; operators: boolean; cyclic: boolean } {
  const h = createHash('sha1').update(pragma).update('\0');
  for (const k of otherUnits) h.update(k).update('\0');
  const imports: ImportFacts[] = [];
  let value = hasValueSyntax(parsed.text);
  let operators = OPERATOR_BINDING.test(parsed.text);
  let cyclic = !facts;
  if (facts) {
    let files: string[] = [];
    try {
      files = facts.project.unitFiles(facts.path);
    } catch {
      files = [];
    }
    if (!files.length) value = true;
    for (const f of files) {
      if (f === facts.path) continue;
      const p = facts.project.currentParse(f);
      h.update(f)
        .update('#')
        .update(String(idOf(p)))
        .update('\0');
      if (!p) continue;
      const i = factsOfImport(p);
      imports.push(i);
      if (!cyclic) cyclic = importsBack(facts, f);
      value ||= i.value;
      operators ||= i.operators;
    }
  } else h.update('no model');
  h.update(value ? 'value' : 'no value');
  return { base: h.digest('base64'), imports, operators, cyclic };
}

/** Whether an imported file imports the file back (then it may name the file's libraries). */
function importsBack(facts: FileFacts, file: string): boolean {
  try {
    return facts.project.unitFiles(file).includes(facts.path);
  } catch {
    return true;
  }
}

/**
 * The names whose units must be matched again: those of the functions that changed between `before` and now,
 * and of every function or modifier that mentions one of them, transitively. Undefined: everything.
 */
export function affectedNames(
  before: Map<string, string[]>,
  now: FunctionUnit[],
  imports: ImportFacts[],
  operators: boolean,
  headers?: Map<string, string>,
): Set<string> | undefined {
  const current = new Set<string>();
  const changed = new Set<string>();
  const added: Array<{ names: string[]; header: string }> = [];
  for (const u of now) {
    current.add(u.key);
    if (before.has(u.key)) continue;
    const names = declaredNames(u.node, u.contract);
    for (const n of names) changed.add(n);
    added.push({ names, header: headerOf(u.node, u.text) });
  }
  const gone: Array<{ names: string[]; header: string | undefined }> = [];
  for (const [key, names] of before)
    if (!current.has(key)) {
      for (const n of names) changed.add(n);
      gone.push({ names, header: headers?.get(key) });
    }
  if (!changed.size) return changed;
  if (operators) return undefined;
  const affected = new AffectedNames(changed, headerChanges(changed, gone, added));
  // Only the names in the queue are looked up: the file's units are asked about each, rather than every word of
  // every unit indexed (a file of 200 functions has thousands of words and a keystroke changes one or two names).
  const units = now.map((u) => ({ u, words: wordsOf(u.key, u.text), selectors: selectorOnlyNames(u.key, u.text), names: undefined as string[] | undefined }));
  const queue = [...changed];
  const reach = (n: string) => {
    if (affected.has(n)) return;
    affected.add(n);
    queue.push(n);
  };
  for (let i = 0; i < queue.length; i++) {
    const w = queue[i];
    for (const x of units) {
      if (!mentionDepends(x.words, x.selectors, w, affected)) continue;
      x.names ??= declaredNames(x.u.node, x.u.contract);
      for (const n of x.names) reach(n);
    }
    for (const table of imports) for (const n of table.mentions.get(w) ?? []) reach(n);
  }
  return affected;
}

/**
 * Whether a kept entry still holds after the functions named `affected` changed (undefined: everything did); a
 * unit that asked about the whole contract holds only when `verify` says its answers are the same.
 */
export function stillHolds(entry: SemanticEntry<unknown>, affected: Set<string> | undefined, verify?: () => boolean): boolean {
  if (!affected) return false;
  if (!affected.size) return true;
  if (mentionsAffected(entry.words, entry.selectorOnly, affected)) return false;
  return !entry.wide || (verify?.() ?? false);
}

/** Whether a unit with these words depends on one of the `affected` names (mentionDepends), walking the smaller set. */
function mentionsAffected(words: ReadonlySet<string>, selectorOnly: ReadonlySet<string> | undefined, affected: Set<string>): boolean {
  if (words.size < affected.size) {
    for (const w of words) if (affected.has(w) && mentionDepends(words, selectorOnly, w, affected)) return true;
  } else for (const n of affected) if (mentionDepends(words, selectorOnly, n, affected)) return true;
  return false;
}

/**
 * Per-function parts of whole-contract facts (facts-functions.ts), kept across the scans of one document under
 * the function's identity (its unit's key here, its parse and place in an imported file) and dropped, like the
 * units' matches, when a function or modifier its text names changed.
 */
export class FunctionFacts implements FunctionFactCache {
  private readonly entries = new Map<string, { value: unknown; words: Set<string>; selectorOnly: ReadonlySet<string> }>();
  private path = '';
  private facts?: FileFacts;
  private units = new Map<Node, FunctionUnit>();

  /** Drops what the changes since the last scan may have changed (`affected` undefined: everything). */
  prune(affected: Set<string> | undefined): void {
    if (!affected) this.entries.clear();
    else if (affected.size) {
      // Entries of one function (a kind per contract) share its words: asked once per function.
      const dropped = new Map<Set<string>, boolean>();
      for (const [k, e] of this.entries) {
        let drop = dropped.get(e.words);
        if (drop === undefined) dropped.set(e.words, (drop = mentionsAffected(e.words, e.selectorOnly, affected)));
        if (drop) this.entries.delete(k);
      }
    }
  }

  /** Serves the scan of `facts`, whose function units are `units`. */
  bind(facts: FileFacts, units: FunctionUnit[]): FunctionFactCache {
    this.facts = facts;
    this.path = facts.path;
    this.units = new Map(units.map((u) => [u.node, u]));
    return this;
  }

  get(kind: string, contract: ContractSymbol, fn: FunctionSymbol): unknown {
    const id = this.identity(fn);
    return id ? this.entries.get(`${kind}\0${contract.file}#${contract.name}\0${id.key}`)?.value : undefined;
  }

  set(kind: string, contract: ContractSymbol, fn: FunctionSymbol, value: unknown): void {
    const id = this.identity(fn);
    if (id) this.entries.set(`${kind}\0${contract.file}#${contract.name}\0${id.key}`, { value, ...id.words() });
  }

  private identity(fn: FunctionSymbol): { key: string; words: () => { words: Set<string>; selectorOnly: ReadonlySet<string> } } | undefined {
    const of = (key: string, text: string) => ({ words: wordsOf(key, text), selectorOnly: selectorOnlyNames(key, text) });
    if (fn.file === this.path) {
      const u = this.units.get(fn.node);
      return u && { key: `unit:${u.key}`, words: () => of(u.key, u.text) };
    }
    const p = this.facts?.project.parsed(fn.file);
    const r = fn.node.range;
    if (!p || !r) return undefined;
    const key = `${fn.file}#${idOf(p)}#${r[0]}`;
    return { key, words: () => of(key, p.text.slice(r[0], r[1] + 1)) };
  }
}
