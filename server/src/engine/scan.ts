// Runs compiled findings over a parsed file. Nodes are looked up by type (scan-index.ts), so each pattern is only
// tried at nodes of its root type; a pattern whose literal names do not occur in the file text is skipped without
// touching the tree. An open document is matched unit by unit, reusing what did not change (scan-units.ts).
import * as semver from 'semver';
import { compiledOf, nodeKey, type CompiledFilter, type CompiledNode, type CompiledPattern } from './compile';
import type { Finding } from './finding';
import { parseSource, type ParsedSource } from './parse';
import { isNode, type Node } from './pattern/ast';
import { matchNode, matchStatements, merge, consistent, NO_BINDINGS, type Bindings, type MatchContext } from './pattern/match';
import { regexFinds } from './regex-finds';
import { anyName, cannotMatch, contractHolds, insideRanges, nodesWithin } from './scan-precheck';
import { askText, hasWord, offsetsOf, indexOf, pragmaAnswer, pragmaState, SHALLOW_TYPES, startsOf, tablesFor, type FileIndex, type Match } from './scan-index';
import { functionKind, functionName, innermost, mutability, occurrencesOf, visibility } from './scan-occurrences';
import { ScanShares, type ScanShare } from './scan-share';
import { emptyScanStats, type UnitMemory } from './scan-units';
import { matchFindings } from './scan-reuse';
import { projectHolds } from './project-filter';
import type { ProjectSettings } from './project-settings';
import { followedBy, functionFactsHold, lazyFacts, semanticFilter, type SemanticEnv } from './scan-semantic';
import type { FileFacts, SemanticContext } from './semantics/facts';
import type { Occurrence, ScanResult } from './types';

/** Upper bound on candidates one `inside` may produce; keeps pathological pattern/file pairs bounded. */
const MAX_CANDIDATES = 10_000;
/** Above this many nodes of an `inside` pattern's root type, walking down to a candidate is cheaper than a scan. */
const MAX_ENCLOSING_SCAN = 64;

export interface ScanOptions {
  /** Told about a finding that crashed on this file (it is skipped; the others still report). For logs. */
  onFindingError?: (finding: Finding, error: unknown) => void;
  /**
   * What the previous scans of this document remember (an open document in an editor): units whose text and
   * context did not change are not matched again. The result is the same as without it, but while a function or
   * modifier does not parse: then it is the last full scan's (scan-reuse.ts).
   */
  memory?: UnitMemory;
  /**
   * The project the file belongs to, for semantic filters: imports are read through its host (the engine does
   * no I/O). Without it, the semantic model sees the file alone. A function is called only when a semantic filter
   * gets a candidate, so bringing the project up to date costs nothing where none does.
   */
  semantic?: SemanticContext | (() => SemanticContext | undefined);
  /** Fill ScanResult.dependencies (for a result cache; it costs a walk of the imports). */
  dependencies?: boolean;
}

export function scanSource(text: string, findings: Finding[], options: ScanOptions = {}): ScanResult {
  return scanParsed(parseSource(text), findings, options);
}

export function scanParsed(parsed: ParsedSource, findings: Finding[], options: ScanOptions = {}): ScanResult {
  const occurrences: Occurrence[] = [];
  // The memory's figures describe this scan, also when it matches nothing (no tree, no index).
  if (options.memory) options.memory.last = emptyScanStats();
  const facts = lazyFacts(parsed, options.semantic ?? options.memory?.solo);
  if (parsed.ast) {
    let index: FileIndex | undefined;
    try {
      index = indexOf(parsed);
    } catch {
      index = undefined;
    }
    if (index) {
      const onError = (finding: Finding, error: unknown) => {
        // A finding that trips over this file is skipped; the others still report.
        try {
          options.onFindingError?.(finding, error);
        } catch {
          // a throwing logger must not break the scan either
        }
      };
      const shares = new ScanShares();
      const match = (ix: FileIndex, root: Node, finding: Finding, wide?: () => void) =>
        matchIn(ix, root, finding, facts.get, shares.get(ix, root, wide), wide, facts.settings);
      const all = matchFindings(parsed, index, findings, options.memory, facts, match, onError);
      for (let i = 0; i < findings.length; i++) {
        const matches = all[i];
        if (!matches) continue; // crashed: skipped
        try {
          occurrences.push(...occurrencesOf(parsed, index, findings[i], matches, facts.get));
        } catch (error) {
          onError(findings[i], error);
        }
      }
    }
  }
  occurrences.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.range.end.line - b.range.end.line ||
      a.range.end.character - b.range.end.character ||
      (a.findingId < b.findingId ? -1 : a.findingId > b.findingId ? 1 : 0),
  );
  const result: ScanResult = { occurrences, syntaxErrors: parsed.syntaxErrors };
  const dependencies = options.dependencies ? facts.dependencies() : undefined;
  if (dependencies) result.dependencies = dependencies;
  return result;
}

/** Every match of a finding among the nodes of `index` (a file's, or one unit's). */
function matchIn(
  index: FileIndex,
  root: Node,
  finding: Finding,
  facts: () => FileFacts | undefined,
  share: ScanShare,
  wide?: () => void,
  settings?: () => ProjectSettings | undefined,
): Match[] {
  return new Scan(index, root, facts, share, wide, settings).run(compiledOf(finding).match);
}

/** One finding's match over a file; answers are kept in the file's share (scan-share.ts) for the other findings. */
class Scan {
  /**
   * Nodes this finding matched over the whole file: `at` and `around` then pick from those matches. A node only
   * another finding ran is still looked for near the candidate, as if alone: the same matches either way, but
   * this keeps their order, hence which bindings are reported, independent of the other findings.
   */
  // An array: a finding runs a handful of nodes, and a Set's table cost more than the look-ups it saves.
  private readonly ran: string[] = [];
  private readonly cx: MatchContext;
  private readonly env: SemanticEnv;

  constructor(
    readonly index: FileIndex,
    private readonly root: Node,
    facts: () => FileFacts | undefined,
    private readonly share: ScanShare,
    wide?: () => void,
    settings?: () => ProjectSettings | undefined,
  ) {
    // The same for every finding matched on the share (one per file, root and `wide`): made once.
    const known = share.scan;
    if (known && known.facts === facts && known.settings === settings) {
      this.cx = known.cx;
      this.env = known.env;
      return;
    }
    this.cx = { text: index.text };
    // Counted, so that a finding can tell it matched from the text alone (FileIndex.asks).
    const asked =
      <T>(ask: () => T) =>
      () => {
        index.asks++;
        return ask();
      };
    this.env = { index, facts: asked(facts), wide, settings: settings && asked(settings) };
    share.scan = { facts, settings, cx: this.cx, env: this.env };
  }

  run(node: CompiledNode): Match[] {
    const key = nodeKey(node);
    let out = this.taken(this.share.memo, key);
    if (!out) {
      const asks = this.index.asks;
      const from = this.index.reads?.length ?? 0;
      out = this.record(this.share.memo, key, this.evaluate(node), asks, from);
    }
    if (!this.ran.includes(key)) this.ran.push(key);
    return out;
  }

  /**
   * An answer of the share, computed once; taking it counts the model's questions and repeats the text reads that
   * computing it made, as if this finding had made them (FileIndex.asks, FileIndex.reads).
   */
  private shared<K>(map: Map<K, Match[]>, key: K, compute: () => Match[]): Match[] {
    const known = this.taken(map, key);
    if (known) return known;
    const asks = this.index.asks;
    const from = this.index.reads?.length ?? 0;
    return this.record(map, key, compute(), asks, from);
  }

  /** The share's answer for `key`, taken as `shared` takes it; undefined when there is none yet. */
  private taken<K>(map: Map<K, Match[]>, key: K): Match[] | undefined {
    const known = map.get(key);
    if (known) {
      const e = this.share.effects.get(known);
      if (e?.asked) this.index.asks++;
      if (e?.reads.length) this.index.reads?.push(...e.reads);
    }
    return known;
  }

  /** Keeps an answer just computed, with the questions and reads made since `asks` and `from` (see `shared`). */
  private record<K>(map: Map<K, Match[]>, key: K, out: Match[], asks: number, from: number): Match[] {
    const effects = this.share.effects;
    map.set(key, out);
    const asked = this.index.asks !== asks;
    const reads = this.index.reads?.slice(from);
    // No entry is the same as one that asked nothing and read nothing (most answers, and all without `reads`).
    if (!asked && !reads?.length) return out;
    const e = { asked, reads: reads ?? [] };
    // An answer may be another's (an `all` whose filters kept nothing returns its first item's): the union of both.
    const had = effects.get(out);
    effects.set(out, had ? { asked: had.asked || e.asked, reads: had.reads.concat(e.reads) } : e);
    return out;
  }

  /** The whole-file matches of `node` when this finding ran it already. */
  private ranMatches(node: CompiledNode): Match[] | undefined {
    const key = nodeKey(node);
    return this.ran.includes(key) ? this.share.memo.get(key) : undefined;
  }

  private evaluate(node: CompiledNode): Match[] {
    switch (node.op) {
      case 'pattern':
        return this.cachedPattern(node.pattern);
      case 'any':
        return node.items.flatMap((i) => this.run(i));
      case 'all': {
        if (cannotMatch(node, this)) return [];
        // Where an `inside` confines the candidates, only the nodes it can hold are tried (scan-precheck.ts).
        const p = node.first.op === 'pattern' && !this.index.patterns.has(node.first.pattern.source) ? node.first.pattern : undefined;
        const within = p && insideRanges(node, this);
        return this.all(node, p && within ? this.pattern(p, nodesWithin(this.candidates(p), within)) : this.run(node.first));
      }
    }
  }

  /** Filters the candidates of an `all` (matches of its first positive item) through the other items. */
  private all(node: Extract<CompiledNode, { op: 'all' }>, first: Match[]): Match[] {
    let cands = first;
    for (let r = 0; r < node.rest.length; r++) {
      const item = node.rest[r];
      if (cands.length === 0) break;
      const next: Match[] = [];
      switch (item.op) {
        case 'where':
          // Indexed loops here and in `pattern`: they run on every candidate of every file, much of it before V8
          // optimises them, where `for...of` allocates an iterator and a result per element.
          for (let i = 0; i < cands.length; i++) if (this.passes(item.filters, cands[i])) next.push(cands[i]);
          break;
        case 'followed-by':
          next.push(...followedBy(item.target, cands, this.env, (n) => this.run(n)));
          break;
        case 'and':
          // Same range: only the nodes starting where the candidate starts need trying.
          for (let i = 0; i < cands.length; i++) {
            const c = cands[i];
            const os = this.at(item.node, c.start, c.end);
            for (let j = 0; j < os.length; j++) {
              const b = merge(c.b, os[j].b);
              if (b) next.push({ start: c.start, end: c.end, b, node: c.node });
            }
          }
          break;
        case 'not':
          for (let i = 0; i < cands.length; i++) {
            const c = cands[i];
            if (!anyConsistent(this.at(item.node, c.start, c.end), c.b)) next.push(c);
          }
          break;
        case 'inside': {
          for (let i = 0; i < cands.length; i++) {
            const c = cands[i];
            let kept = false;
            const os = this.around(item.node, c.start, c.end);
            for (let j = 0; j < os.length; j++) {
              const o = os[j];
              if (o.start > c.start || o.end < c.end) continue;
              const b = merge(c.b, o.b);
              if (!b) continue;
              // Bindings of the enclosing match extend the candidate's (e.g. `function $F` for fixes);
              // one candidate per distinct extension.
              if (!kept || b !== c.b) next.push({ start: c.start, end: c.end, b, node: c.node });
              kept = true;
              if (next.length > MAX_CANDIDATES) break;
            }
          }
          break;
        }
        case 'not-inside': {
          for (let i = 0; i < cands.length; i++) {
            const c = cands[i];
            if (!anyEnclosingConsistent(this.around(item.node, c.start, c.end), c)) next.push(c);
          }
          break;
        }
      }
      cands = next;
    }
    return cands;
  }

  /** Matches of `node` with exactly the range [start, end): only nodes starting there are tried. */
  private at(node: CompiledNode, start: number, end: number): Match[] {
    const memo = this.ranMatches(node);
    if (memo) return memo.filter((m) => m.start === start && m.end === end);
    switch (node.op) {
      case 'pattern': {
        const cached = this.index.patterns.get(node.pattern.source);
        if (cached) return cached.filter((m) => m.start === start && m.end === end);
        const p = node.pattern;
        const roots = (startsOf(tablesFor(this.index, p.rootTypes)).get(start) ?? []).filter((t) => p.rootTypes === null || p.rootTypes.includes(t.type));
        return this.pattern(p, roots).filter((m) => m.end === end);
      }
      case 'any':
        return node.items.flatMap((i) => this.at(i, start, end));
      case 'all':
        return this.all(node, this.at(node.first, start, end));
    }
  }

  /**
   * Matches of `node` that can contain [start, end): only the enclosing nodes are tried as roots (plus, for
   * statement sequences, the statements before them in their blocks), not the whole file. Callers still check
   * containment.
   */
  private around(node: CompiledNode, start: number, end: number): Match[] {
    const memo = this.ranMatches(node);
    if (memo) return memo;
    if (!this.mayEnclose(node, start, end)) return [];
    const roots = this.enclosing(start, end);
    return this.rooted(node, roots);
  }

  /**
   * False when `rooted(node, enclosing(start, end))` is surely empty, found without walking down to the range:
   * a word of the pattern is not in the text, or no node of its root types holds the range. A `$OP` candidate
   * `inside: unchecked { ... }` (every expression of a file) then costs a look at the file's few unchecked blocks.
   */
  private mayEnclose(node: CompiledNode, start: number, end: number): boolean {
    switch (node.op) {
      case 'pattern': {
        const p = node.pattern;
        const cached = this.index.patterns.get(p.source);
        if (cached) return cached.length > 0;
        if (!this.hasWords(p.words)) return false;
        // Definitions and whole files can enclose a unit from outside its index; sequences start before the range.
        const types = p.rootTypes;
        if (p.sequence || types === null || !this.index.deepReady() || types.some((t) => SHALLOW_TYPES.has(t) || t === 'SourceUnit')) return true;
        const byType = this.index.deep().byType;
        for (let i = 0; i < types.length; i++) {
          const nodes = byType.get(types[i]);
          if (!nodes) continue;
          if (nodes.length > MAX_ENCLOSING_SCAN) return true;
          for (let j = 0; j < nodes.length; j++) if (contains(nodes[j], start, end)) return true;
        }
        return false;
      }
      case 'any':
        return node.items.some((i) => this.mayEnclose(i, start, end));
      case 'all':
        return this.mayEnclose(node.first, start, end);
    }
  }

  private rooted(node: CompiledNode, roots: Node[]): Match[] {
    switch (node.op) {
      case 'pattern': {
        const cached = this.index.patterns.get(node.pattern.source);
        if (cached) return cached;
        const p = node.pattern;
        let perRoot = this.share.byRoot.get(p.source);
        if (!perRoot) this.share.byRoot.set(p.source, (perRoot = new Map()));
        const out: Match[] = [];
        for (let r = 0; r < roots.length; r++) {
          const root = roots[r];
          let ms = perRoot.get(root);
          if (!ms) {
            ms = p.rootTypes === null || p.rootTypes.includes(root.type) ? this.pattern(p, [root]) : [];
            perRoot.set(root, ms);
          }
          for (let i = 0; i < ms.length; i++) out.push(ms[i]);
        }
        return out;
      }
      case 'any':
        return node.items.flatMap((i) => this.rooted(i, roots));
      case 'all':
        return this.rootedAll(node, roots);
    }
  }

  /**
   * `all(node, rooted(node.first, roots))`, answered once per file for every candidate and finding that asks it.
   * The items of an `all` keep or extend each candidate on its own, in order, so the matches over several roots
   * are those over each root, one after the other.
   */
  private rootedAll(node: Extract<CompiledNode, { op: 'all' }>, roots: Node[]): Match[] {
    const first = node.first;
    if (first.op !== 'pattern') return this.all(node, this.rooted(first, roots));
    const key = nodeKey(node);
    const cached = this.index.patterns.get(first.pattern.source);
    if (cached) {
      // Every match of the first pattern in the file, whatever the roots: the same as a whole-file run.
      return this.shared(this.share.memo, key, () => this.all(node, cached));
    }
    // The first pattern's matches at every root before any filter runs: a filter may run that pattern over
    // the whole file, which would change what `rooted` answers for the next roots.
    const firsts = roots.map((root) => this.rooted(first, [root]));
    let perRoot = this.share.allByRoot.get(key);
    if (!perRoot) this.share.allByRoot.set(key, (perRoot = new Map()));
    const out: Match[] = [];
    for (let i = 0; i < roots.length; i++) {
      if (firsts[i].length === 0) continue;
      const first = firsts[i];
      for (const m of this.shared(perRoot, roots[i], () => this.all(node, first))) out.push(m);
    }
    return out;
  }

  /** Nodes whose range contains [start, end), outermost first, and the statements preceding each in its block. */
  private enclosing(start: number, end: number): Node[] {
    const out: Node[] = [this.root];
    let node: Node | undefined = this.root;
    while (node) {
      const child = childContaining(node, start, end);
      if (!child) break;
      out.push(child);
      if (node.type === 'Block') {
        for (const st of node.statements as Node[]) {
          if (st === child) break;
          out.push(st);
        }
      }
      node = child;
    }
    return out;
  }

  wholeFile(p: CompiledPattern): Match[] {
    return this.index.patterns.get(p.source) ?? this.pattern(p);
  }

  private cachedPattern(p: CompiledPattern): Match[] {
    let out = this.index.patterns.get(p.source);
    if (!out) {
      out = this.pattern(p);
      this.index.patterns.set(p.source, out);
    }
    return out;
  }

  private pattern(p: CompiledPattern, roots?: Node[]): Match[] {
    if (!this.hasWords(p.words)) return [];
    const nodes = roots ?? this.candidates(p);
    const out: Match[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const t = nodes[i];
      const r = t.range;
      if (!r) continue;
      const start = r[0];
      const end = r[1] + 1;
      if (p.sequence) {
        const block = this.index.deep().blocks.get(t);
        if (!block) continue;
        const heads = matchNode(p.sequence[0], t, NO_BINDINGS, this.cx);
        if (heads.length === 0) continue;
        const at = block.indexOf(t);
        // Several ends with the same bindings are one finding: keep the shortest, as Semgrep does.
        // The bindings in first-seen order, each with its shortest end (arrays: no iterator per look-up).
        const kept: Bindings[] = [];
        const ends: number[] = [];
        for (let j = 0; j < heads.length; j++) {
          const ms = matchStatements(p.sequence, 1, block, at + 1, heads[j], this.cx, false);
          for (let k = 0; k < ms.length; k++) {
            const m = ms[k];
            const e = Math.max(end, m.end);
            let same = 0;
            while (same < kept.length && !sameBindings(kept[same], m.b)) same++;
            if (same === kept.length) {
              kept.push(m.b);
              ends.push(e);
            } else if (e < ends[same]) ends[same] = e;
          }
        }
        for (let j = 0; j < kept.length; j++) out.push({ start, end: ends[j], b: kept[j] });
      } else {
        const bs = matchNode(p.node!, t, NO_BINDINGS, this.cx);
        for (let j = 0; j < bs.length; j++) out.push({ start, end, b: bs[j], node: t });
      }
    }
    return out;
  }

  private candidates(p: CompiledPattern): Node[] {
    const types = p.rootTypes;
    const t = tablesFor(this.index, types);
    if (types === null) return [...t.byType.values()].flat();
    if (p.head !== undefined) return t.byHead.get(types[0])?.get(p.head) ?? [];
    if (types.length === 1) return t.byType.get(types[0]) ?? [];
    return types.flatMap((type) => t.byType.get(type) ?? []);
  }

  /** The same answer for every file with the same pragma, and semver is slow: asked once per pragma text. */
  fileFilter(f: Extract<CompiledFilter, { op: 'solidity' | 'pragma' }>): boolean {
    const asked = f.op === 'solidity' ? `solidity ${f.range.range}` : `pragma ${f.state}`;
    return pragmaAnswer(this.index.pragmaText, asked, () =>
      f.op === 'solidity'
        ? this.index.pragma !== null && semver.intersects(this.index.pragma, f.range)
        : pragmaState(this.index.pragma, this.index.pragmaText) === f.state,
    );
  }

  hasWord(w: string): boolean {
    return hasWord(this.index, w);
  }

  private hasWords(words: readonly string[]): boolean {
    for (let i = 0; i < words.length; i++) if (!hasWord(this.index, words[i])) return false;
    return true;
  }

  /** Whether a candidate passes every filter of a `where`, in order (the first failing one ends it). */
  private passes(filters: readonly CompiledFilter[], c: Match): boolean {
    for (let i = 0; i < filters.length; i++) if (!this.filter(filters[i], c)) return false;
    return true;
  }

  private filter(f: CompiledFilter, c: Match): boolean {
    switch (f.op) {
      case 'regex': {
        const bound = f.metavariable === undefined ? c : c.b[f.metavariable];
        if (bound === undefined) return false;
        const { start, end } = bound; // numbers: a kept question holds no tree or text
        // With no reads to record (a whole-file scan), askText's answer is the test on the slice: asked here
        // without its two closures per question.
        if (!this.index.reads) return regexFinds(f.regex, this.index.text.slice(start, end));
        return askText(this.index, (read) => regexFinds(f.regex, read(start, end)));
      }
      case 'comparison': {
        const b = this.index.reads ? offsetsOf(c.b) : c.b;
        return askText(this.index, (read) => f.comparison.evaluate((name) => b[name] && read(b[name].start, b[name].end)));
      }
      case 'solidity':
      case 'pragma':
        return this.fileFilter(f);
      case 'function': {
        const fn = innermost(this.index.functions, c.start, c.end);
        if (!fn) return false;
        const g = f.filter;
        if (g.kind && !g.kind.has(functionKind(fn))) return false;
        if (g.visibility && !g.visibility.has(visibility(fn))) return false;
        if (g.mutability && !g.mutability.has(mutability(fn))) return false;
        if (g.nameRegex && !regexFinds(g.nameRegex, functionName(fn))) return false;
        if (g.hasModifier || g.lacksModifier) {
          const modifiers = fn.type === 'FunctionDefinition' ? (fn.modifiers as Node[]).map((m) => String(m.name)) : [];
          if (g.hasModifier && !modifiers.some((m) => anyName(g.hasModifier!, m))) return false;
          if (g.lacksModifier && modifiers.some((m) => anyName(g.lacksModifier!, m))) return false;
        }
        return !g.facts || functionFactsHold(g.facts, fn, c, this.env);
      }
      case 'contract': {
        const contract = innermost(this.index.contracts, c.start, c.end);
        return !!contract && contractHolds(f.filter, contract);
      }
      case 'semantic':
        return semanticFilter(f.filter, c, this.env);
      case 'project': {
        let known = this.share.fileFilters.get(f);
        if (known === undefined) this.share.fileFilters.set(f, (known = projectHolds(f.filter, this.env.settings?.())));
        else this.index.asks++; // the settings, asked before
        return known;
      }
    }
  }
}

function anyConsistent(ms: readonly Match[], b: Bindings): boolean {
  for (let i = 0; i < ms.length; i++) if (consistent(b, ms[i].b)) return true;
  return false;
}

/** Whether a match of `ms` holds `c`'s range with bindings consistent with its own. */
function anyEnclosingConsistent(ms: readonly Match[], c: Match): boolean {
  for (let i = 0; i < ms.length; i++) {
    const o = ms[i];
    if (o.start <= c.start && c.end <= o.end && consistent(c.b, o.b)) return true;
  }
  return false;
}

function sameBindings(a: Bindings, b: Bindings): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => b[k] !== undefined && b[k].start === a[k].start && b[k].end === a[k].end);
}

/** The child of `node` (through any field) whose range contains [start, end), if any. */
function childContaining(node: Node, start: number, end: number): Node | undefined {
  for (const field in node) {
    if (field === 'range' || field === 'loc' || field === 'comments' || field === 'type') continue;
    const v = node[field];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (isNode(v[i]) && contains(v[i], start, end)) return v[i];
    } else if (isNode(v) && contains(v, start, end)) return v;
  }
  return undefined;
}

function contains(n: Node, start: number, end: number): boolean {
  return n.range !== undefined && n.range[0] <= start && end <= n.range[1] + 1;
}
