// What the matcher looks nodes up in. A file's definitions (top-level units and contract members) are listed
// at once; every other node only when a pattern rooted at one asks (`deep`), because walking a large file's
// whole tree costs milliseconds on every keystroke, and findings that look at contracts and members do not
// need it. A unit index (one member alone, see scan-units.ts) lists that member's subtree.
import * as semver from 'semver';
import type { Span } from './edits';
import type { ParsedSource } from './parse';
import { headOf, isNode, spanOf, type Node } from './pattern/ast';
import type { Bindings, Bound } from './pattern/match';

/** A match: the matched span (end exclusive) and the bindings it holds under. */
export interface Match {
  start: number;
  end: number;
  b: Bindings;
  /** The node a single-node pattern matched (semantic filters ask about it), when known. */
  node?: Node;
}

export interface Tables {
  byType: Map<string, Node[]>;
  /** Nodes by type, then headOf (see pattern/ast.ts). */
  byHead: Map<string, Map<string, Node[]>>;
  /** The statement list of the block each statement sits in, for statement-sequence patterns. */
  blocks: Map<Node, Node[]>;
  /** Nodes by start offset, built on first use by `not` (which only looks at the candidate's own range). */
  starts?: Map<number, Node[]>;
}

export interface FileIndex {
  text: string;
  /** Definitions: top-level units and contract members, the only places SHALLOW_TYPES occur. */
  shallow: Tables;
  /** Every node of the tree (of the unit, for a unit index); walked on first use. */
  deep: () => Tables;
  /** Whether `deep` was walked already (asking costs nothing). */
  deepReady: () => boolean;
  /** Function-like nodes and contracts with their spans, for enclosing-name lookups and filters. */
  functions: Array<{ node: Node; span: Span }>;
  contracts: Array<{ node: Node; span: Span }>;
  /** `pragma solidity` range, null when absent or unreadable; `pragmaText` is its value as written. */
  pragma: semver.Range | null;
  pragmaText: string;
  /** Identifier-like words of the text (for a unit: of the unit and its contract's header), built on demand. */
  words?: Set<string>;
  /** Words looked up so far; the first few are searched for instead of building `words`. */
  lookups: number;
  wordText: () => string;
  /** Matches of each pattern text here: many findings share patterns (`function $F(...) $MOD`). */
  patterns: Map<string, Match[]>;
  /** A unit's index: the definitions enclosing the unit (its contract) are not in its tables. */
  unit?: boolean;
  /** When set, the filters that read text (regex, comparison) tell what they read and answered (scan-reuse.ts). */
  reads?: TextRead[];
  /**
   * Counts the questions matching here asked of the semantic model or the project's settings (each call, and each
   * answer taken from the scan's share that rested on one): a finding whose matching left it unchanged found its
   * matches from the text alone (TextOnly, scan-semantic-units.ts).
   */
  asks: number;
}

/** A filter's question about the text of bound spans, to be asked again of an edited text. */
export interface TextRead {
  /** Start, end pairs: the spans whose text it read, where they are now. */
  spans: number[];
  /**
   * The same pairs as `test` reads them: offsets in the text it was first asked of. A move changes `spans` only, so
   * a read carried over many edits is still one question, not a closure wrapping the last edit's (askAgain).
   */
  asked: readonly number[];
  answer: boolean;
  /** The question, reading a span (given by the offsets it was first read at) through `read`. */
  test: (read: (start: number, end: number) => string) => boolean;
}

/** Asks a question about the text of bound spans, telling `index.reads` (when it listens) what it read and answered. */
export function askText(index: FileIndex, test: TextRead['test']): boolean {
  const { text, reads } = index;
  if (!reads) return test((s, e) => text.slice(s, e));
  const spans: number[] = [];
  const answer = test((s, e) => {
    spans.push(s, e);
    return text.slice(s, e);
  });
  reads.push({ spans, asked: spans, answer, test });
  return answer;
}

/**
 * Asks a question again, `read` taking offsets where its spans are now; undefined when it reads a span it did not
 * read the first time (its offsets there are unknown).
 */
export function askAgain(r: TextRead, read: (start: number, end: number) => string): boolean | undefined {
  let elsewhere = false;
  const answer = r.test((s, e) => {
    for (let k = 0; k < r.asked.length; k += 2) if (r.asked[k] === s && r.asked[k + 1] === e) return read(r.spans[k], r.spans[k + 1]);
    elsewhere = true;
    return '';
  });
  return elsewhere ? undefined : answer;
}

/** Bindings as plain offsets (a name's bound span holds its node and text). */
export function offsetsOf(b: Record<string, Bound>): Record<string, Bound> {
  const out: Record<string, Bound> = {};
  for (const name in b) out[name] = { start: b[name].start, end: b[name].end };
  return out;
}

/**
 * Node types that only ever stand at the top level of a file or directly in a contract's body. Their nodes are
 * listed without walking the tree; `scan-units.test.ts` checks the lists equal a full walk's on real code.
 */
export const SHALLOW_TYPES = new Set([
  'ContractDefinition',
  'PragmaDirective',
  'ImportDirective',
  'FunctionDefinition',
  'ModifierDefinition',
  'StateVariableDeclaration',
  'EventDefinition',
  'StructDefinition',
  'EnumDefinition',
  'CustomErrorDefinition',
  'UsingForDeclaration',
  'TypeDefinition',
  'FileLevelConstant',
]);

const indexes = new WeakMap<ParsedSource, FileIndex>();

export function indexOf(parsed: ParsedSource): FileIndex {
  const cached = indexes.get(parsed);
  if (cached) return cached;
  const root = parsed.ast as unknown as Node;
  const shallow = emptyTables();
  const functions: FileIndex['functions'] = [];
  const contracts: FileIndex['contracts'] = [];
  let pragmaText: string | null = null;
  // Document order, which is also the order a full walk lists these types in.
  const add = (n: Node) => {
    addToTables(shallow, n);
    const span = spanOf(n);
    if (n.type === 'FunctionDefinition' || n.type === 'ModifierDefinition') {
      if (span) functions.push({ node: n, span });
    } else if (n.type === 'PragmaDirective' && n.name === 'solidity' && pragmaText === null) {
      pragmaText = String(n.value);
    }
  };
  for (const child of (root.children as Node[] | undefined) ?? []) {
    if (!isNode(child)) continue;
    add(child);
    if (child.type === 'ContractDefinition') {
      const span = spanOf(child);
      if (span) contracts.push({ node: child, span });
      for (const m of child.subNodes as Node[]) if (isNode(m)) add(m);
    }
  }
  let deep: Tables | undefined;
  const index: FileIndex = {
    text: parsed.text,
    shallow,
    deep: () => (deep ??= walk(root)),
    deepReady: () => deep !== undefined,
    functions,
    contracts,
    pragma: pragmaText === null ? null : pragmaRange(pragmaText),
    pragmaText: pragmaText ?? '',
    wordText: () => parsed.text,
    patterns: new Map(),
    lookups: 0,
    asks: 0,
  };
  indexes.set(parsed, index);
  return index;
}

/**
 * An index of one unit (a contract member, a top-level definition, or the nodes of a contract's header) for
 * matching inside it alone.
 */
export function unitIndex(file: FileIndex, nodes: Node[], contract: Node | undefined, wordText: string): FileIndex {
  const tables = emptyTables();
  for (const n of nodes) walk(n, tables);
  const span = (n: Node): Span => spanOf(n)!; // units and their contract always have a range (unitsOf)
  return {
    text: file.text,
    shallow: tables,
    deep: () => tables,
    deepReady: () => true,
    functions: nodes.filter((n) => n.type === 'FunctionDefinition' || n.type === 'ModifierDefinition').map((n) => ({ node: n, span: span(n) })),
    contracts: contract ? [{ node: contract, span: span(contract) }] : [],
    pragma: file.pragma,
    pragmaText: file.pragmaText,
    wordText: () => wordText,
    patterns: new Map(),
    lookups: 0,
    asks: 0,
    unit: true,
  };
}

/** The parser glues comparators together (`>=0.6.0<0.9.0`); semver wants them apart. */
export function pragmaRange(value: string): semver.Range | null {
  const spaced = value.replace(/(\d)\s*(?=[<>=^~])/g, '$1 ').replace(/\s*\|\|\s*/g, ' || ');
  try {
    return new semver.Range(spaced);
  } catch {
    return null;
  }
}

/**
 * `missing` without `pragma solidity`; `locked` when it admits one release only (`0.8.24`, `=0.8.24`); `floating`
 * when it admits more (`^0.8.0`, `>=0.4.22 <0.6.0`, `0.4`). An unreadable pragma is none of them.
 */
export function pragmaState(range: semver.Range | null, text: string): 'missing' | 'locked' | 'floating' | undefined {
  if (range === null) return text.trim() === '' ? 'missing' : undefined;
  const min = semver.minVersion(range);
  if (!min) return undefined;
  const next = semver.inc(min, 'patch');
  return next && semver.satisfies(next, range) ? 'floating' : 'locked';
}

/**
 * A `solidity` or `pragma` filter's answer for a pragma as written (`asked` names the filter): the same for every
 * file that writes it, and OpenZeppelin's 248 files write a handful. Starts over past a bound (a server's packs change).
 */
export function pragmaAnswer(pragmaText: string, asked: string, compute: () => boolean): boolean {
  const key = `${asked}\u0000${pragmaText}`;
  let known = pragmaAnswers.get(key);
  if (known === undefined) {
    known = compute();
    if (pragmaAnswers.size >= 4096) pragmaAnswers.clear();
    pragmaAnswers.set(key, known);
  }
  return known;
}
const pragmaAnswers = new Map<string, boolean>();

/** A Solidity identifier, as the text's words are collected (global: for `match`). */
export const WORD = /[A-Za-z_$][A-Za-z0-9_$]*/g;

/** Whether `word` occurs in the index's text as one of the words WORD finds there. */
export function hasWord(index: FileIndex, word: string): boolean {
  // A scan of a whole file with every finding looks up hundreds of words: one pass over the text to collect
  // them all pays. Matching an edited document unit by unit asks the file for a handful (the findings that
  // look across units): searching for those spares a pass and a large Set on every keystroke.
  if (!index.words && ++index.lookups > SEARCHED_WORDS) index.words = new Set(index.wordText().match(WORD) ?? []);
  return index.words ? index.words.has(word) : containsWord(index.wordText(), word);
}
const SEARCHED_WORDS = 24;

function containsWord(text: string, word: string): boolean {
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    const end = i + word.length;
    if (end < text.length && isWordChar(text.charCodeAt(end))) continue;
    // In a run of word characters WORD's match starts at the run's first non-digit.
    let first = isStartChar(text.charCodeAt(i)) ? i : -1;
    for (let j = i - 1; j >= 0 && isWordChar(text.charCodeAt(j)); j--) if (isStartChar(text.charCodeAt(j))) first = j;
    if (first === i) return true;
  }
  return false;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isStartChar = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
export const isWordChar = (c: number) => isStartChar(c) || isDigit(c);

function emptyTables(): Tables {
  return { byType: new Map(), byHead: new Map(), blocks: new Map() };
}

function addToTables(t: Tables, v: Node): void {
  let list = t.byType.get(v.type);
  if (!list) t.byType.set(v.type, (list = []));
  list.push(v);
  const head = headOf(v);
  if (head !== undefined) {
    let byHead = t.byHead.get(v.type);
    if (!byHead) t.byHead.set(v.type, (byHead = new Map()));
    let heads = byHead.get(head);
    if (!heads) byHead.set(head, (heads = []));
    heads.push(v);
  }
}

function walk(root: Node, t = emptyTables()): Tables {
  const stack: Node[] = [root];
  while (stack.length) {
    const v = stack.pop()!;
    addToTables(t, v);
    if (v.type === 'Block') {
      const sts = v.statements as Node[];
      for (let i = 0; i < sts.length; i++) t.blocks.set(sts[i], sts);
    }
    for (const field in v) {
      if (field === 'range' || field === 'loc' || field === 'comments' || field === 'type') continue;
      const child = v[field];
      if (typeof child !== 'object' || child === null) continue;
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) if (isNode(child[i])) stack.push(child[i]);
      } else if (isNode(child)) stack.push(child);
    }
  }
  return t;
}

/** The tables that hold every possible root of a pattern with these root types. */
export function tablesFor(index: FileIndex, rootTypes: string[] | null): Tables {
  return rootTypes?.every((t) => SHALLOW_TYPES.has(t)) ? index.shallow : index.deep();
}

export function startsOf(t: Tables): Map<number, Node[]> {
  if (!t.starts) {
    const starts = new Map<number, Node[]>();
    t.byType.forEach((nodes) => {
      for (let i = 0; i < nodes.length; i++) {
        const n = nodes[i];
        const r = n.range;
        if (!r) continue;
        let list = starts.get(r[0]);
        if (!list) starts.set(r[0], (list = []));
        list.push(n);
      }
    });
    t.starts = starts;
  }
  return t.starts;
}
