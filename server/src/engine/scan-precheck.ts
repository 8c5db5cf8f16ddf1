// Whether an `all` can match anywhere in a file (or unit) before its candidates are matched: an item that every
// candidate must pass may fail for the whole file at once. On a keystroke, the findings matched over the whole
// file then skip walking the tree and trying their first pattern on every node (e.g. a finding about contracts
// with transient state in a file that declares none, or one about contracts in a library).
import type { CompiledFilter, CompiledNode, CompiledPattern, NameTest } from './compile';
import type { Node } from './pattern/ast';
import { regexFinds } from './regex-finds';
import { SHALLOW_TYPES, type FileIndex, type Match } from './scan-index';

/** What the check asks of the scan: answers it caches per file. */
export interface Probe {
  readonly index: FileIndex;
  hasWord(word: string): boolean;
  fileFilter(f: Extract<CompiledFilter, { op: 'solidity' | 'pragma' }>): boolean;
  run(node: CompiledNode): Match[];
  /** A pattern's matches over the whole file, without counting it as run by the finding. */
  wholeFile(p: CompiledPattern): Match[];
}

/**
 * Where the candidates of an `all` can be, when it must be `inside` a pattern that binds nothing (`$OP` inside
 * `unchecked { ... }`): the ranges of that pattern's matches over the whole file. A candidate outside all of them
 * fails the `inside` whatever it binds, so only the nodes within one need trying as the first pattern's roots
 * (ARITH-002 otherwise matched every expression of a file, ~47,000 in OpenZeppelin, and looked around each).
 * Undefined when there is no such item, or for a unit's index (the enclosing match may lie outside its tables).
 */
export function insideRanges(node: Extract<CompiledNode, { op: 'all' }>, probe: Probe): Array<[number, number]> | undefined {
  if (probe.index.unit || node.first.op !== 'pattern' || node.first.pattern.sequence) return undefined;
  for (const item of node.rest) {
    if (item.op !== 'inside' || item.node.op !== 'pattern') continue;
    const p = item.node.pattern;
    if (p.metavariables.size > 0) continue;
    return probe.wholeFile(p).map((m) => [m.start, m.end]);
  }
  return undefined;
}

/** The nodes whose range lies within one of `ranges`, in their order. */
export function nodesWithin(nodes: Node[], ranges: Array<[number, number]>): Node[] {
  if (ranges.length === 0) return [];
  return nodes.filter((n) => {
    const r = n.range;
    return r !== undefined && withinAny(ranges, r[0], r[1] + 1);
  });
}

/** Indexed, without destructuring each range (which iterates): runs per candidate node, often unoptimised. */
function withinAny(ranges: Array<[number, number]>, start: number, end: number): boolean {
  for (let i = 0; i < ranges.length; i++) if (ranges[i][0] <= start && end <= ranges[i][1]) return true;
  return false;
}

/**
 * True when no candidate can pass: the first item needs a word the text lacks (it has no candidate), or an item
 * every candidate must pass fails for the whole file: a word its `inside` or `and` pattern needs is not in the
 * text, an `inside` pattern over definitions matches no definition, a `solidity`/`pragma` filter fails, or no
 * contract of the file passes a `contract` filter. Exact: each of these leaves no match.
 */
export function cannotMatch(node: Extract<CompiledNode, { op: 'all' }>, probe: Probe): boolean {
  // The cheap questions first: a whole-file run of an `inside` pattern (a contract with members) costs
  // milliseconds on every keystroke, spent for nothing when a word the candidates need is missing anyway.
  // Loops, not some/every with closures: this runs for every finding on every file.
  if (lacksWords(node.first, probe)) return true;
  const rest = node.rest;
  for (let i = 0; i < rest.length; i++) if (surelyFails(rest[i], probe)) return true;
  for (let i = 0; i < rest.length; i++) {
    const item = rest[i];
    if (item.op === 'inside' && noDefinitionMatches(item.node, probe)) return true;
  }
  return false;
}

/** Whether an item of an `all` keeps no candidate, by the text's words and the file-level filters alone. */
function surelyFails(item: Extract<CompiledNode, { op: 'all' }>['rest'][number], probe: Probe): boolean {
  if (item.op === 'inside' || item.op === 'and') return lacksWords(item.node, probe);
  if (item.op !== 'where') return false;
  for (let i = 0; i < item.filters.length; i++) {
    const f = item.filters[i];
    if (f.op === 'solidity' || f.op === 'pragma') {
      if (!probe.fileFilter(f)) return true;
    } else if (f.op === 'contract' && !probe.index.contracts.some((c) => contractHolds(f.filter, c.node))) return true;
  }
  return false;
}

/** Whether every alternative of a node needs a word the text lacks (so a pattern surely finds nothing). */
function lacksWords(node: CompiledNode, probe: Probe): boolean {
  switch (node.op) {
    case 'pattern': {
      const words = node.pattern.words;
      for (let i = 0; i < words.length; i++) if (!probe.hasWord(words[i])) return true;
      return false;
    }
    case 'any':
      for (let i = 0; i < node.items.length; i++) if (!lacksWords(node.items[i], probe)) return false;
      return true;
    case 'all':
      return lacksWords(node.first, probe);
  }
}

/**
 * Whether a pattern rooted at definitions only (a contract or function pattern) matches nowhere in the file:
 * those are listed without walking the tree, and an `inside` one that matches nowhere encloses no candidate.
 * Not for a unit's index, whose tables hold no enclosing contract.
 */
function noDefinitionMatches(node: CompiledNode, probe: Probe): boolean {
  if (probe.index.unit || !definitionsOnly(node)) return false;
  return probe.run(node).length === 0;
}

function definitionsOnly(node: CompiledNode): boolean {
  if (node.op === 'pattern') return !!node.pattern.rootTypes?.every((t) => SHALLOW_TYPES.has(t));
  return node.op === 'any' && node.items.every(definitionsOnly);
}

/** The `contract` filter on one contract. */
export function contractHolds(g: Extract<CompiledFilter, { op: 'contract' }>['filter'], contract: Node): boolean {
  if (g.kind && !g.kind.has(String(contract.kind))) return false;
  if (g.nameRegex && !regexFinds(g.nameRegex, String(contract.name))) return false;
  const bases = (contract.baseContracts as Node[]).map((b) => String((b.baseName as Node).namePath));
  if (g.inherits && !bases.some((b) => anyName(g.inherits!, b))) return false;
  if (g.notInherits && bases.some((b) => anyName(g.notInherits!, b))) return false;
  return true;
}

export function anyName(tests: NameTest[], name: string): boolean {
  return tests.some((t) => t(name));
}
