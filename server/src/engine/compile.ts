// Compiles a finding definition once: every pattern parsed, every regex and comparison built, every
// metavariable reference checked. Problems are PatternErrors that point into the definition.
import * as semver from 'semver';
import { RE2JS } from 're2js';
import {
  PatternError,
  type FindingDefinition,
  type Finding,
  type PackInfo,
  type MatchNode,
  type AllItem,
  type Filter,
  type FunctionFilter,
  type ContractFilter,
  type FixDefinition,
} from './finding';
import { checkFix, unboundMessage } from './compile-fix';
import { ANY, ELLIPSIS, headOf, isEllipsis, isMetaName, isNode, type Node } from './pattern/ast';
import { parsePattern, PatternSyntaxError, type PatternKind } from './pattern/parse-pattern';
import { compileComparison, ComparisonError, type CompiledComparison } from './pattern/comparison';
import { compileProjectFilter, type CompiledProjectFilter } from './project-filter';
import { compileFunctionFacts, compileSemanticFilter, type CompiledSemanticFilter, type FunctionFacts } from './compile-semantic';
import { keyByDefinition, SharedCompiles } from './compile-shared';
import { regexFinds } from './regex-finds';

export { nodeKey } from './compile-shared';

type Path = Array<string | number>;

export interface CompiledPattern {
  source: string;
  kind: PatternKind;
  /** For `statements` with more than one statement: the sequence (leading `...` removed). */
  sequence?: Node[];
  /** The single node to match (every other case). */
  node?: Node;
  /** Node types the match can start at; null would mean every node. */
  rootTypes: string[] | null;
  /** headOf the root when the pattern fixes it: only file nodes of rootTypes[0] with this head are tried. */
  head?: string;
  /** Names the file text must contain for the pattern to possibly match: a cheap pre-filter. */
  words: string[];
  metavariables: Set<string>;
}

export type CompiledNode =
  | { op: 'pattern'; pattern: CompiledPattern }
  | { op: 'any'; items: CompiledNode[] }
  | { op: 'all'; first: CompiledNode; rest: CompiledItem[] };

export type CompiledItem =
  | { op: 'and' | 'not' | 'inside' | 'not-inside'; node: CompiledNode }
  | { op: 'where'; filters: CompiledFilter[] }
  | { op: 'followed-by'; target: CompiledFollowedBy };

/** What `followed-by` looks for after the candidate: code matching a node, or a write to state. */
export type CompiledFollowedBy = { kind: 'node'; node: CompiledNode } | { kind: 'state-write'; readBefore: boolean };

export type CompiledFilter =
  /** `metavariable` undefined: the text of the whole match (`text: match`). */
  | { op: 'regex'; metavariable: string | undefined; regex: RE2JS }
  | { op: 'comparison'; comparison: CompiledComparison }
  | { op: 'function'; filter: CompiledFunctionFilter }
  | { op: 'contract'; filter: CompiledContractFilter }
  | { op: 'project'; filter: CompiledProjectFilter }
  | { op: 'solidity'; range: semver.Range }
  | { op: 'pragma'; state: PragmaState }
  | { op: 'semantic'; filter: CompiledSemanticFilter };

/** What a file's `pragma solidity` says: none, one compiler release, or a range of them. */
export type PragmaState = 'missing' | 'locked' | 'floating';
const PRAGMA_STATES: readonly PragmaState[] = ['missing', 'locked', 'floating'];

export interface CompiledFunctionFilter {
  visibility?: Set<string>;
  mutability?: Set<string>;
  kind?: Set<string>;
  nameRegex?: RE2JS;
  hasModifier?: NameTest[];
  lacksModifier?: NameTest[];
  /** Semantic facts of the function (through modifiers and internal calls); see compile-semantic.ts. */
  facts?: FunctionFacts;
}
export interface CompiledContractFilter {
  kind?: Set<string>;
  inherits?: NameTest[];
  notInherits?: NameTest[];
  nameRegex?: RE2JS;
}
export type NameTest = (name: string) => boolean;

export interface CompiledFinding {
  match: CompiledNode;
  focus?: string;
  fix?: FixDefinition;
}

/**
 * A finding known to compile (its definition compiled without error under this engine build before, see
 * packs/compile-verdicts.ts) whose patterns are compiled on first use: a server or CLI run whose files all come
 * from the result cache never needs them, and compiling a pack's patterns costs seconds.
 */
export function deferCompile(def: FindingDefinition, pack: PackInfo): Finding {
  return { ...def, pack, compiled: new LazyCompiled(def, pack) };
}

/** The compiled form of a finding, compiling it now if it was deferred. */
export function compiledOf(finding: Finding): CompiledFinding {
  const c = finding.compiled;
  return c instanceof LazyCompiled ? c.get() : (c as CompiledFinding);
}

// An object rather than a getter: copies of a finding (`{ ...f, severity }` for config overrides) share it, so
// the patterns are compiled once, and copying does not compile them.
class LazyCompiled {
  private value: CompiledFinding | undefined;
  constructor(
    private readonly def: FindingDefinition,
    private readonly pack: PackInfo,
  ) {}

  get(): CompiledFinding {
    if (!this.value) {
      try {
        this.value = compileFinding(this.def, this.pack).compiled as CompiledFinding;
      } catch {
        // Only a definition that compiled before is deferred; should that ever change, it matches nothing
        // rather than failing every other finding of the file.
        this.value = { match: { op: 'any', items: [] } };
      }
    }
    return this.value;
  }
}

/** A finding as plain data (its definition and pack), which `compileFinding` turns back into one: for other threads and hashes. */
export function definitionOf({ compiled: _compiled, ...def }: Finding): FindingDefinition & { pack: PackInfo } {
  return def;
}

export function compileFinding(def: FindingDefinition, pack: PackInfo): Finding {
  if (!def || typeof def !== 'object') throw new PatternError('finding must be an object', []);
  const match = compileNode(def.match, ['match']);
  const bound = boundBy(match);
  if (def.focus !== undefined) {
    if (!isMetaName(def.focus) || def.focus === ANY || def.focus === ELLIPSIS) {
      throw new PatternError(`focus must be a metavariable such as $TOKEN, not '${def.focus}'`, ['focus']);
    }
    if (!bound.has(def.focus)) throw new PatternError(unboundMessage(def.focus, 'focus', bound), ['focus']);
  }
  if (def.fix !== undefined) checkFix(def.fix, def.focus, bound);
  const compiled: CompiledFinding = { match, focus: def.focus, fix: def.fix };
  return { ...def, pack, compiled };
}

function compileNode(node: MatchNode, path: Path): CompiledNode {
  const compiled = compileNodeOf(node, path);
  keyByDefinition(compiled, node);
  return compiled;
}

function compileNodeOf(node: MatchNode, path: Path): CompiledNode {
  if (!node || typeof node !== 'object' || Array.isArray(node)) throw new PatternError('a match node must be an object with `pattern`, `any` or `all`', path);
  const keys = Object.keys(node);
  if (keys.length !== 1)
    throw new PatternError(`a match node must have exactly one of \`pattern\`, \`any\`, \`all\` (found: ${keys.join(', ') || 'nothing'})`, path);
  if ('pattern' in node) return { op: 'pattern', pattern: compilePattern(node.pattern, [...path, 'pattern']) };
  if ('any' in node) {
    if (!Array.isArray(node.any) || node.any.length === 0) throw new PatternError('`any` must be a non-empty list of match nodes', [...path, 'any']);
    return { op: 'any', items: node.any.map((n, i) => compileNode(n, [...path, 'any', i])) };
  }
  if ('all' in node) return compileAll(node.all, [...path, 'all']);
  throw new PatternError(`unknown match node \`${keys[0]}\` (expected \`pattern\`, \`any\` or \`all\`)`, path);
}

function compileAll(items: AllItem[], path: Path): CompiledNode {
  if (!Array.isArray(items) || items.length === 0) throw new PatternError('`all` must be a non-empty list', path);
  let first: CompiledNode | undefined;
  const rest: CompiledItem[] = [];
  // A `where`'s filters, by its place in `rest`: compiled once every binding item is known.
  const wheres = new Map<number, { filters: Filter[]; path: Path }>();
  items.forEach((item, i) => {
    const at = [...path, i];
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw new PatternError('an `all` item must be an object', at);
    const keys = Object.keys(item);
    if (keys.length !== 1) throw new PatternError(`an \`all\` item must have exactly one key (found: ${keys.join(', ') || 'nothing'})`, at);
    const key = keys[0];
    if (key === 'pattern' || key === 'any' || key === 'all') {
      const c = compileNode(item as MatchNode, at);
      if (!first) first = c;
      else rest.push({ op: 'and', node: c });
    } else if (key === 'not' || key === 'inside' || key === 'not-inside') {
      rest.push({ op: key, node: compileNode((item as Record<string, MatchNode>)[key], [...at, key]) });
    } else if (key === 'where') {
      const filters = (item as { where: Filter[] }).where;
      if (!Array.isArray(filters)) throw new PatternError('`where` must be a list of filters', [...at, 'where']);
      wheres.set(rest.length, { filters, path: [...at, 'where'] });
      rest.push({ op: 'where', filters: [] });
    } else if (key === 'followed-by') {
      rest.push({ op: 'followed-by', target: compileFollowedBy((item as { 'followed-by': unknown })['followed-by'], [...at, key]) });
    } else {
      throw new PatternError(`unknown \`all\` item \`${key}\` (expected pattern, any, all, not, inside, not-inside, where or followed-by)`, at);
    }
  });
  if (!first) throw new PatternError('`all` needs at least one positive item (`pattern`, `any` or `all`); `not`, `inside` and `where` only filter', path);
  // Items that bind run first, so filters and negations see every binding whatever order the pack lists them
  // in; cheap `where` filters then thin the candidates, negations come next, then the filters that need the
  // semantic model (a question per candidate, where a negation is a look at the candidate's own node), and paths
  // on the control-flow graph last. Filters and negations only keep or drop a candidate, so their order changes
  // the work, never the matches.
  const binding = rest.filter((i) => i.op === 'and' || i.op === 'inside');
  const bound = boundBy({ op: 'all', first, rest: binding });
  const ranked: Array<{ item: CompiledItem; rank: number; i: number }> = [];
  rest.forEach((item, i) => {
    if (item.op !== 'where') {
      ranked.push({ item, rank: item.op === 'and' || item.op === 'inside' ? 0 : item.op === 'followed-by' ? 4 : 2, i });
      return;
    }
    const w = wheres.get(i)!;
    const filters = w.filters.map((f, k) => compileFilter(f, [...w.path, k], bound));
    const cheap = filters.filter((f) => !isSemantic(f));
    const semantic = filters.filter(isSemantic);
    if (cheap.length || !semantic.length) ranked.push({ item: { op: 'where', filters: cheap }, rank: 1, i });
    if (semantic.length) ranked.push({ item: { op: 'where', filters: semantic }, rank: 3, i });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.i - b.i);
  return { op: 'all', first, rest: ranked.map((r) => r.item) };
}

function compileFollowedBy(v: unknown, path: Path): CompiledFollowedBy {
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new PatternError('`followed-by` needs a match node (`pattern`, `any`, `all`) or `state-write`', path);
  const o = v as Record<string, unknown>;
  if ('state-write' in o) {
    if (Object.keys(o).length !== 1) throw new PatternError('`state-write` stands alone in `followed-by`', path);
    const w = o['state-write'];
    if (w !== 'any' && w !== 'read-before') throw new PatternError('`state-write` is `any` or `read-before`', [...path, 'state-write']);
    return { kind: 'state-write', readBefore: w === 'read-before' };
  }
  return { kind: 'node', node: compileNode(v as MatchNode, path) };
}

/** A filter the semantic model answers (the model is built for a file only when one of these is tried there). */
export function isSemantic(f: CompiledFilter): boolean {
  return f.op === 'semantic' || (f.op === 'function' && f.filter.facts !== undefined);
}

/** Whether a compiled node asks the semantic model anything. */
export function usesSemantics(node: CompiledNode): boolean {
  switch (node.op) {
    case 'pattern':
      return false;
    case 'any':
      return node.items.some(usesSemantics);
    case 'all':
      return (
        usesSemantics(node.first) ||
        node.rest.some((i) => (i.op === 'where' ? i.filters.some(isSemantic) : i.op === 'followed-by' ? true : usesSemantics(i.node)))
      );
  }
}

/** Metavariables a match of this node always comes with (used to reject references to unbound ones). */
function boundBy(node: CompiledNode): Set<string> {
  switch (node.op) {
    case 'pattern':
      return node.pattern.metavariables;
    case 'any': {
      const out = new Set<string>();
      for (const item of node.items) for (const m of boundBy(item)) out.add(m);
      return out;
    }
    case 'all': {
      const out = new Set(boundBy(node.first));
      for (const item of node.rest) if (item.op === 'and' || item.op === 'inside') for (const m of boundBy(item.node)) out.add(m);
      return out;
    }
  }
}

// ---- patterns ------------------------------------------------------------------------------------------

const compiledPatterns = new SharedCompiles<CompiledPattern>();

function compilePattern(source: unknown, path: Path): CompiledPattern {
  if (typeof source !== 'string' || source.trim() === '') throw new PatternError('pattern must be a non-empty string of Solidity', path);
  return compiledPatterns.get(source, () => compileNewPattern(source, path));
}

function compileNewPattern(source: string, path: Path): CompiledPattern {
  let parsed;
  try {
    parsed = parsePattern(source);
  } catch (err) {
    if (err instanceof PatternSyntaxError) throw new PatternError(err.message, path, err.offset);
    throw new PatternError(`pattern could not be read: ${(err as Error).message}`, path, 0);
  }
  const metavariables = new Set<string>();
  const words = new Set<string>();
  for (const n of parsed.nodes) collect(n, metavariables, words);
  const base = { source, kind: parsed.kind, words: [...words], metavariables };
  if (parsed.kind === 'statements') {
    const seq = [...parsed.nodes];
    while (seq.length && isEllipsis(seq[0])) seq.shift();
    if (seq.length === 0) throw new PatternError('a pattern of only `...` would match everything', path, 0);
    if (seq.length === 1) return { ...base, node: seq[0], rootTypes: rootTypes(seq[0]), head: patternHead(seq[0]) };
    return { ...base, sequence: seq, rootTypes: rootTypes(seq[0]), head: patternHead(seq[0]) };
  }
  const node = parsed.nodes[0];
  if (isEllipsis(node)) throw new PatternError('a pattern of only `...` would match everything', path, 0);
  const bare = (node.type === 'Identifier' && isMetaName(node.name)) || (node.type === 'UserDefinedTypeName' && isMetaName(node.namePath));
  return { ...base, node, rootTypes: bare ? EXPRESSION_TYPES : rootTypes(node), head: bare ? undefined : patternHead(node) };
}

/** What a lone `$X` pattern can match: expressions and type names, never statements or definitions. */
const EXPRESSION_TYPES = [
  'Identifier',
  'MemberAccess',
  'IndexAccess',
  'IndexRangeAccess',
  'FunctionCall',
  'BinaryOperation',
  'UnaryOperation',
  'Conditional',
  'TupleExpression',
  'NewExpression',
  'NumberLiteral',
  'BooleanLiteral',
  'StringLiteral',
  'HexLiteral',
  'HexNumber',
  'DecimalNumber',
  'ElementaryTypeName',
  'UserDefinedTypeName',
  'Mapping',
  'ArrayTypeName',
  'FunctionTypeName',
];

/** Only for single-type roots: an assignment pattern also matches declarations, which have no head. */
function patternHead(node: Node): string | undefined {
  return rootTypes(node).length === 1 ? headOf(node) : undefined;
}

/** An assignment statement also matches a declaration that assigns (see matchNode). */
function rootTypes(node: Node): string[] {
  const e = node.expression;
  if (node.type === 'ExpressionStatement' && isNode(e) && e.type === 'BinaryOperation' && e.operator === '=') {
    return ['ExpressionStatement', 'VariableDeclarationStatement'];
  }
  return [node.type];
}

const WORD_FIELDS = ['name', 'memberName', 'namePath'];

function collect(n: Node, metas: Set<string>, words: Set<string>): void {
  for (const field of Object.keys(n)) {
    if (field === 'range' || field === 'loc' || field === 'comments') continue;
    const v = n[field];
    if (typeof v === 'string' && WORD_FIELDS.includes(field)) {
      if (isMetaName(v)) {
        if (v !== ANY && v !== ELLIPSIS) metas.add(v);
      } else if (field !== 'name' || NAMED_WORD_TYPES.has(n.type)) {
        for (const part of v.split('.')) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(part)) words.add(part);
      }
    } else if (isNode(v)) collect(v, metas, words);
    else if (Array.isArray(v)) for (const x of v) if (isNode(x)) collect(x, metas, words);
  }
}
/** Nodes whose `name` is written literally in the code (an ElementaryTypeName's `uint` may be `uint256`). */
const NAMED_WORD_TYPES = new Set([
  'Identifier',
  'FunctionDefinition',
  'ModifierDefinition',
  'ModifierInvocation',
  'ContractDefinition',
  'EventDefinition',
  'CustomErrorDefinition',
  'StructDefinition',
  'EnumDefinition',
]);

// ---- filters ------------------------------------------------------------------------------------------

function compileFilter(f: Filter, path: Path, bound: Set<string>): CompiledFilter {
  if (!f || typeof f !== 'object') throw new PatternError('a filter must be an object', path);
  const semantic = compileSemanticFilter(f, path, bound, (name) => unboundMessage(name, 'filter', bound));
  if (semantic) return { op: 'semantic', filter: semantic };
  if ('text' in f) {
    if (f.text !== 'match') throw new PatternError('`text` takes `match` (the matched code)', [...path, 'text']);
    return { op: 'regex', metavariable: undefined, regex: compileRegex(f.regex, [...path, 'regex']) };
  }
  if ('metavariable' in f) {
    const meta = f.metavariable;
    if (!bound.has(meta)) throw new PatternError(unboundMessage(meta, 'filter', bound), [...path, 'metavariable']);
    if ('regex' in f) return { op: 'regex', metavariable: meta, regex: compileRegex(f.regex, [...path, 'regex']) };
    if ('comparison' in f) {
      let comparison: CompiledComparison;
      try {
        comparison = compileComparison(f.comparison);
      } catch (err) {
        if (err instanceof ComparisonError) throw new PatternError(err.message, [...path, 'comparison'], err.offset);
        throw err;
      }
      for (const m of comparison.metavariables) {
        if (!bound.has(m)) throw new PatternError(unboundMessage(m, 'comparison', bound), [...path, 'comparison']);
      }
      return { op: 'comparison', comparison };
    }
    throw new PatternError(
      'a metavariable filter needs `regex`, `comparison`, `kind`, `type`, `privileged`, `growable`, `set-by-guarded`, `shadows-state`, `default-visibility`, `used` or `order-dependent-inheritance`',
      path,
    );
  }
  if ('function' in f) return { op: 'function', filter: compileFunctionFilter(f.function, [...path, 'function']) };
  if ('contract' in f) return { op: 'contract', filter: compileContractFilter(f.contract, [...path, 'contract']) };
  if ('project' in f) return { op: 'project', filter: compileProjectFilter(f.project, [...path, 'project']) };
  if ('pragma' in f) {
    const state = (f as { pragma: unknown }).pragma;
    if (!PRAGMA_STATES.includes(state as PragmaState))
      throw new PatternError(`'${String(state)}' is not one of: ${PRAGMA_STATES.join(', ')}`, [...path, 'pragma']);
    return { op: 'pragma', state: state as PragmaState };
  }
  if ('solidity' in f) {
    const range = typeof f.solidity === 'string' ? semver.validRange(f.solidity) : null;
    if (!range) throw new PatternError(`'${String(f.solidity)}' is not a semver range (e.g. '<0.8.0', '>=0.6.0 <0.8.0')`, [...path, 'solidity']);
    return { op: 'solidity', range: new semver.Range(range) };
  }
  throw new PatternError(
    `unknown filter (expected metavariable, function, contract, solidity, pragma, project, result, arithmetic, call or value): ${Object.keys(f).join(', ')}`,
    path,
  );
}

const compiledRegexes = new SharedCompiles<RE2JS>();

export function compileRegex(source: unknown, path: Path): RE2JS {
  if (typeof source !== 'string') throw new PatternError('regex must be a string', path);
  return compiledRegexes.get(source, () => {
    try {
      return RE2JS.compile(source);
    } catch (err) {
      throw new PatternError(`invalid regex '${source}': ${(err as Error).message} (re2 syntax: no lookaround or backreferences)`, path);
    }
  });
}

function set(values: unknown, path: Path, allowed: readonly string[]): Set<string> | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values)) throw new PatternError(`expected a list of: ${allowed.join(', ')}`, path);
  values.forEach((v, i) => {
    if (!allowed.includes(v)) throw new PatternError(`'${String(v)}' is not one of: ${allowed.join(', ')}`, [...path, i]);
  });
  return new Set(values as string[]);
}

/** Modifier and base names: a plain name matches exactly, `/re/` is an re2 regex. */
function nameTests(values: unknown, path: Path): NameTest[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values)) throw new PatternError('expected a list of names or /regex/', path);
  return values.map((v, i) => {
    if (typeof v !== 'string') throw new PatternError('expected a name or /regex/', [...path, i]);
    if (v.length > 2 && v.startsWith('/') && v.endsWith('/')) {
      const re = compileRegex(v.slice(1, -1), [...path, i]);
      return (name: string) => regexFinds(re, name);
    }
    return (name: string) => name === v || name.split('.').pop() === v;
  });
}

function compileFunctionFilter(f: FunctionFilter, path: Path): CompiledFunctionFilter {
  if (!f || typeof f !== 'object') throw new PatternError('`function` filter must be an object', path);
  return {
    visibility: set(f.visibility, [...path, 'visibility'], ['public', 'external', 'internal', 'private']),
    mutability: set(f.mutability, [...path, 'mutability'], ['pure', 'view', 'payable', 'nonpayable']),
    kind: set(f.kind, [...path, 'kind'], ['function', 'constructor', 'modifier', 'fallback', 'receive']),
    nameRegex: f['name-regex'] === undefined ? undefined : compileRegex(f['name-regex'], [...path, 'name-regex']),
    hasModifier: nameTests(f['has-modifier'], [...path, 'has-modifier']),
    lacksModifier: nameTests(f['lacks-modifier'], [...path, 'lacks-modifier']),
    facts: compileFunctionFacts(f, path),
  };
}

function compileContractFilter(f: ContractFilter, path: Path): CompiledContractFilter {
  if (!f || typeof f !== 'object') throw new PatternError('`contract` filter must be an object', path);
  return {
    kind: set(f.kind, [...path, 'kind'], ['contract', 'abstract', 'library', 'interface']),
    inherits: nameTests(f.inherits, [...path, 'inherits']),
    notInherits: nameTests(f['not-inherits'], [...path, 'not-inherits']),
    nameRegex: f['name-regex'] === undefined ? undefined : compileRegex(f['name-regex'], [...path, 'name-regex']),
  };
}

// ---- fixes --------------------------------------------------------------------------------------------
