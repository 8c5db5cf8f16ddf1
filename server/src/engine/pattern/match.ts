// Structural matching of one pattern node against one file node. Every function returns the list of binding
// sets under which the match holds (empty = no match): `...` and unordered member/modifier lists can match in
// several ways, and a later filter may only accept one of them.
import { elementaryName, isEllipsis, isMetaName, isNode, keyOf, metaOf, SKIPPED_FIELDS, spanOf, ANY, ELLIPSIS, type Node } from './ast';

/**
 * Where a metavariable's code is in the file. Bindings compare structurally by key; the key of a bound node is
 * only computed when a second occurrence of the metavariable needs comparing (most bindings never do).
 */
export interface Bound {
  key?: string;
  node?: Node;
  readonly start: number;
  readonly end: number;
}

function keyOfBound(x: Bound): string {
  return (x.key ??= x.node ? keyOf(x.node) : '');
}

/** Same code: same text span, or structurally equal. */
function same(x: Bound, y: Bound): boolean {
  if (x.node === undefined || y.node === undefined) return keyOfBound(x) === keyOfBound(y); // a name: compare names
  return (x.start === y.start && x.end === y.end) || keyOfBound(x) === keyOfBound(y);
}
export type Bindings = Readonly<Record<string, Bound>>;

export const NO_BINDINGS: Bindings = Object.freeze({});
const NONE: Bindings[] = [];
/** Alternatives are capped so an adversarial pattern/file pair cannot explode; real patterns stay far below. */
const MAX_ALTERNATIVES = 64;

export interface MatchContext {
  text: string;
}

export function bind(b: Bindings, name: string, bound: Bound): Bindings[] {
  if (name === ANY || name === ELLIPSIS) return [b];
  const prev = b[name];
  if (prev) return same(prev, bound) ? [b] : NONE;
  return [{ ...b, [name]: bound }];
}

/** Merges two binding sets, or returns undefined when a shared metavariable is bound to different code. */
export function merge(a: Bindings, b: Bindings): Bindings | undefined {
  let out: Record<string, Bound> | undefined;
  for (const name in b) {
    const x = a[name];
    if (x) {
      if (!same(x, b[name])) return undefined;
    } else {
      out ??= { ...a };
      out[name] = b[name];
    }
  }
  return out ?? a;
}

export function consistent(a: Bindings, b: Bindings): boolean {
  for (const name in b) {
    const x = a[name];
    if (x && !same(x, b[name])) return false;
  }
  return true;
}

export function matchNode(p: Node, t: Node, b: Bindings, cx: MatchContext): Bindings[] {
  const meta = metaOf(p);
  if (meta !== undefined) {
    const r = t.range;
    if (!r) return NONE;
    return bind(b, meta, { node: t, start: r[0], end: r[1] + 1 });
  }
  if (p.type !== t.type) {
    if (p.type === 'ExpressionStatement' && t.type === 'VariableDeclarationStatement') return assignmentAsDeclaration(p, t, b, cx);
    return NONE;
  }
  const special = SPECIAL[p.type];
  return special ? special(p, t, b, cx) : matchFields(p, t, b, cx, significantFields(p));
}

const fieldLists = new WeakMap<Node, string[]>();

/** The fields of a pattern node that constrain a match, computed once per pattern node. */
function significantFields(p: Node): string[] {
  let fields = fieldLists.get(p);
  if (!fields) {
    fields = Object.keys(p).filter((f) => !SKIPPED_FIELDS.has(f) && !unspecified(p.type, f, p[f]));
    fieldLists.set(p, fields);
  }
  return fields;
}

function matchFields(p: Node, t: Node, b: Bindings, cx: MatchContext, fields: string[]): Bindings[] {
  // Most candidates keep one alternative through every field, and most fields (operators, names, flags) leave it
  // as it is: it is carried as `one` until a field splits it, so those fields allocate nothing.
  let one = b;
  let alts: Bindings[] | undefined;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const pv = p[field];
    if (SKIPPED_FIELDS.has(field) || unspecified(p.type, field, pv)) continue;
    const tv = t[field];
    const scalar = scalarMatches(t, field, pv, tv);
    if (scalar !== undefined) {
      if (!scalar) return NONE;
      continue;
    }
    if (alts === undefined) {
      const rs = matchValue(t, field, pv, tv, one, cx);
      if (rs.length === 0) return NONE;
      if (rs.length === 1) one = rs[0];
      else alts = rs.length <= MAX_ALTERNATIVES ? rs : rs.slice(0, MAX_ALTERNATIVES);
      continue;
    }
    const next: Bindings[] = [];
    for (let j = 0; j < alts.length; j++) pushAll(next, matchValue(t, field, pv, tv, alts[j], cx));
    if (next.length === 0) return NONE;
    alts = next;
  }
  return alts ?? [one];
}

function push(out: Bindings[], b: Bindings): void {
  if (out.length < MAX_ALTERNATIVES) out.push(b);
}

/** `push` of each of `rs`, in order. Indexed: the matcher's loops run mostly before V8 optimises them. */
function pushAll(out: Bindings[], rs: readonly Bindings[]): void {
  for (let i = 0; i < rs.length && out.length < MAX_ALTERNATIVES; i++) out.push(rs[i]);
}

/**
 * The alternatives of `heads`, each continued by matching `ps[pi..]` against `ts[ti..]` (no closure per call), in
 * order and under the cap. One head (the usual case)
 * gives its continuations as they are: no array is copied.
 */
function continuedList(heads: readonly Bindings[], ps: unknown[], pi: number, ts: unknown[], ti: number, cx: MatchContext): Bindings[] {
  if (heads.length === 1) {
    const rs = matchList(ps, pi, ts, ti, heads[0], cx);
    return rs.length <= MAX_ALTERNATIVES ? rs : rs.slice(0, MAX_ALTERNATIVES);
  }
  const out: Bindings[] = [];
  for (let i = 0; i < heads.length; i++) pushAll(out, matchList(ps, pi, ts, ti, heads[i], cx));
  return out;
}

/** A pattern that leaves a field out (or at its default) matches any value there. */
function unspecified(type: string, field: string, pv: unknown): boolean {
  if (pv === null || pv === undefined) return OPTIONAL_FIELDS.has(field) || (type === 'VariableDeclaration' && (field === 'name' || field === 'expression'));
  if (pv === false) return OPTIONAL_FLAGS.has(field);
  if (pv === 'default' && field === 'visibility') return true;
  if (field === 'arguments' && type === 'InheritanceSpecifier' && Array.isArray(pv) && pv.length === 0) return true;
  return false;
}
const OPTIONAL_FIELDS = new Set([
  'returnParameters',
  'body',
  'override',
  'stateMutability',
  'initialValue',
  'falseBody',
  'storageLocation',
  'parameters',
  'keyName',
  'valueName',
]);
// `constant` and `immutable` stay exact: a constant is not storage, so `$T public $V = $E;` must not match it.
const OPTIONAL_FLAGS = new Set(['isVirtual', 'isIndexed', 'isAnonymous', 'isGlobal', 'isStateVar']);

function matchValue(t: Node, field: string, pv: unknown, tv: unknown, b: Bindings, cx: MatchContext): Bindings[] {
  if (isNode(pv)) {
    if (!isNode(tv)) return NONE;
    if (field === 'body' && pv.type === 'Block') return matchBlock(pv, tv, b, cx);
    return matchNode(pv, tv, b, cx);
  }
  if (Array.isArray(pv)) {
    if (!Array.isArray(tv)) return NONE;
    return matchList(pv, 0, tv, 0, b, cx);
  }
  if (typeof pv === 'string' && isMetaName(pv)) {
    if (typeof tv !== 'string' || tv === '') return NONE;
    return bindName(b, pv, t, field, tv, cx);
  }
  return scalarMatches(t, field, pv, tv) ? [b] : NONE;
}

/**
 * Whether a pattern value that binds nothing (an operator, a name, a flag) matches; undefined for the values
 * that are matched structurally or bind (nodes, lists, metavariables).
 */
function scalarMatches(t: Node, field: string, pv: unknown, tv: unknown): boolean | undefined {
  if (isNode(pv) || Array.isArray(pv) || (typeof pv === 'string' && isMetaName(pv))) return undefined;
  if (field === 'name' && t.type === 'ElementaryTypeName') return elementaryName(String(pv)) === elementaryName(String(tv));
  if (field === 'stateMutability' && (pv === 'view' || pv === 'constant')) return tv === 'view' || tv === 'constant';
  return pv === tv || (pv === null && tv === undefined) || (pv === undefined && tv === null);
}

/** Binds a metavariable written where Solidity has a plain name (function, member, modifier, contract...). */
function bindName(b: Bindings, meta: string, t: Node, field: string, name: string, cx: MatchContext): Bindings[] {
  return bind(b, meta, new NameBound(name, t, field, cx));
}

/** A bound name. Its position is searched in the text only when asked for (most candidates are filtered out). */
class NameBound implements Bound {
  private span?: [number, number];
  constructor(
    readonly key: string,
    private readonly t: Node,
    private readonly field: string,
    private readonly cx: MatchContext,
  ) {}
  get start(): number {
    return (this.span ??= nameSpan(this.t, this.field, this.key, this.cx))[0];
  }
  get end(): number {
    return (this.span ??= nameSpan(this.t, this.field, this.key, this.cx))[1];
  }
}

/**
 * Names are plain strings in the AST; recover their position from the node's text. Declared names sit near the
 * start of their node and member names at the end, so only a window there is searched (a contract's name must
 * not cost a copy of the whole contract); the whole node is the fallback.
 */
export function nameSpan(t: Node, field: string, name: string, cx: MatchContext): [number, number] {
  const ident = t.identifier;
  if (field === 'name' && isNode(ident) && ident.range) return [ident.range[0], ident.range[1] + 1];
  const r = t.range;
  if (!r) return [0, 0];
  const start = r[0];
  const end = r[1] + 1;
  const window = NAME_WINDOW + name.length;
  if (field === 'memberName') {
    const from = Math.max(start, end - window);
    let at = lastWord(cx.text.slice(from, end), name);
    if (at >= 0) return [from + at, from + at + name.length];
    at = lastWord(cx.text.slice(start, end), name);
    return at < 0 ? [start, end] : [start + at, start + at + name.length];
  }
  const skip = t.type === 'ModifierInvocation' ? 0 : -1; // -1: skip the leading keyword (`function`, `contract`...)
  let at = firstWord(cx.text.slice(start, Math.min(end, start + window)), name, skip);
  if (at < 0) at = firstWord(cx.text.slice(start, end), name, skip);
  return at < 0 ? [start, end] : [start + at, start + at + name.length];
}
const NAME_WINDOW = 256;

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_$]/.test(c);
}
/** First whole-word occurrence; `from` -1 starts after the first whitespace (past a leading keyword). */
function firstWord(text: string, word: string, from: number): number {
  if (from < 0) from = text.search(/\s/) + 1;
  for (let i = text.indexOf(word, Math.max(0, from)); i >= 0; i = text.indexOf(word, i + 1)) {
    if (!isWordChar(text[i - 1]) && !isWordChar(text[i + word.length])) return i;
  }
  return -1;
}
function lastWord(text: string, word: string): number {
  for (let i = text.lastIndexOf(word); i >= 0; i = i === 0 ? -1 : text.lastIndexOf(word, i - 1)) {
    if (!isWordChar(text[i - 1]) && !isWordChar(text[i + word.length])) return i;
  }
  return -1;
}

/** Ordered list with `...` matching any run of elements (arguments, parameters, tuple components). */
export function matchList(ps: unknown[], pi: number, ts: unknown[], ti: number, b: Bindings, cx: MatchContext): Bindings[] {
  if (pi === ps.length) return ti === ts.length ? [b] : NONE;
  const p = ps[pi];
  if (isEllipsis(p)) {
    if (pi === ps.length - 1) return [b];
    const out: Bindings[] = [];
    for (let k = ti; k <= ts.length; k++) pushAll(out, matchList(ps, pi + 1, ts, k, b, cx));
    return out;
  }
  if (ti >= ts.length) return NONE;
  const t = ts[ti];
  if (!isNode(p)) return p === t ? matchList(ps, pi + 1, ts, ti + 1, b, cx) : NONE;
  if (!isNode(t)) return NONE;
  return continuedList(matchNode(p, t, b, cx), ps, pi + 1, ts, ti + 1, cx);
}

/** Every pattern element matches a distinct target element, in any order (contract members, modifiers, bases). */
function matchSubset(ps: Node[], ts: Node[], b: Bindings, cx: MatchContext): Bindings[] {
  const wanted = ps.filter((p) => !isEllipsis(p));
  const out: Bindings[] = [];
  const used = new Array<boolean>(ts.length).fill(false);
  const go = (i: number, cur: Bindings): void => {
    if (out.length >= MAX_ALTERNATIVES) return;
    if (i === wanted.length) {
      out.push(cur);
      return;
    }
    for (let j = 0; j < ts.length; j++) {
      if (used[j]) continue;
      const rs = matchNode(wanted[i], ts[j], cur, cx);
      if (rs.length === 0) continue;
      used[j] = true;
      for (let k = 0; k < rs.length; k++) go(i + 1, rs[k]);
      used[j] = false;
    }
  };
  go(0, b);
  return out;
}

// ---- statement sequences -------------------------------------------------------------------------------

/** No sequence match: shared, as `NONE` is (a match function's answer is never written to). */
const NO_SEQS: SeqMatch[] = [];

export interface SeqMatch {
  b: Bindings;
  /** End offset (exclusive) of the last statement consumed, or -1 when none was. */
  end: number;
}

/** A nested block written in a pattern must account for the whole target block (use `...` for the rest). */
function matchBlock(p: Node, t: Node, b: Bindings, cx: MatchContext): Bindings[] {
  if (t.type !== 'Block') return NONE;
  const ps = p.statements as Node[];
  return matchStatements(ps, 0, t.statements as Node[], 0, b, cx, true).map((r) => r.b);
}

/**
 * Matches pattern statements ps[pi..] against ts[ti..]. Consecutive pattern statements match consecutive
 * statements; after `...`, the next pattern statement may match later in the block or, as in Semgrep, nested
 * inside a later statement (an `if` branch, a loop body, an `unchecked` block), in which case the rest of the
 * pattern continues inside that nested block.
 */
export function matchStatements(ps: Node[], pi: number, ts: Node[], ti: number, b: Bindings, cx: MatchContext, anchored: boolean): SeqMatch[] {
  if (pi === ps.length) return !anchored || ti === ts.length ? [{ b, end: -1 }] : NO_SEQS;
  const p = ps[pi];
  if (isEllipsis(p)) {
    if (pi === ps.length - 1) {
      const last = ts.length > ti ? spanOf(ts[ts.length - 1]) : undefined;
      return [{ b, end: last ? last[1] : -1 }];
    }
    const out: SeqMatch[] = [];
    for (let k = ti; k < ts.length; k++) {
      const rs = matchStatements(ps, pi + 1, ts, k, b, cx, anchored);
      for (let i = 0; i < rs.length; i++) addSeq(out, rs[i]);
      // A deep match still covers whole statements of this block: it ends with the statement it is nested in.
      const outer = spanOf(ts[k]);
      const lists = nestedStatementLists(ts[k]);
      for (let n = 0; n < lists.length; n++) {
        const deep = matchStatements(ps, pi, lists[n], 0, b, cx, false);
        for (let i = 0; i < deep.length; i++) {
          const r = deep[i];
          if (r.end >= 0) addSeq(out, { b: r.b, end: Math.max(r.end, outer ? outer[1] : -1) });
        }
      }
    }
    if (pi + 1 < ps.length && ti === ts.length) {
      const rs = matchStatements(ps, pi + 1, ts, ti, b, cx, anchored);
      for (let i = 0; i < rs.length; i++) addSeq(out, rs[i]);
    }
    return out;
  }
  if (ti >= ts.length) return NO_SEQS;
  const heads = matchStatement(p, ts[ti], b, cx);
  if (heads.length === 0) return NO_SEQS;
  const out: SeqMatch[] = [];
  const span = spanOf(ts[ti]);
  for (let j = 0; j < heads.length; j++) {
    const rs = matchStatements(ps, pi + 1, ts, ti + 1, heads[j], cx, anchored);
    for (let i = 0; i < rs.length; i++) {
      const r = rs[i];
      addSeq(out, { b: r.b, end: r.end >= 0 ? r.end : span ? span[1] : -1 });
    }
  }
  return out;
}

function addSeq(out: SeqMatch[], r: SeqMatch): void {
  if (out.length < MAX_ALTERNATIVES) out.push(r);
}

function matchStatement(p: Node, t: Node, b: Bindings, cx: MatchContext): Bindings[] {
  return matchNode(p, t, b, cx);
}

const NESTING_TYPES = new Set(['Block', 'IfStatement', 'ForStatement', 'WhileStatement', 'DoWhileStatement', 'UncheckedStatement', 'TryStatement']);
const NO_LISTS: Node[][] = [];

/** Statement lists directly nested in a statement, where a deep `...` match may continue. */
export function nestedStatementLists(s: Node): Node[][] {
  // Most statements nest none: they share one empty answer, and no list or closure is made for them.
  if (!NESTING_TYPES.has(s.type)) return NO_LISTS;
  const lists: Node[][] = [];
  const add = (x: unknown): void => {
    if (!isNode(x)) return;
    if (x.type === 'Block') lists.push(x.statements as Node[]);
    else lists.push([x]);
  };
  switch (s.type) {
    case 'Block':
      lists.push(s.statements as Node[]);
      break;
    case 'IfStatement':
      add(s.trueBody);
      add(s.falseBody);
      break;
    case 'ForStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
      add(s.body);
      break;
    case 'UncheckedStatement':
      add(s.block);
      break;
    case 'TryStatement':
      add(s.body);
      for (const c of (s.catchClauses as Node[]) ?? []) add(c.body);
      break;
  }
  return lists;
}

/**
 * `($OK, ) = $T.call(...);` and `$X = $E;` also match declarations that assign (`(bool ok, ) = t.call("")`,
 * `uint x = e;`): a metavariable on the left binds the declared name.
 */
function assignmentAsDeclaration(p: Node, t: Node, b: Bindings, cx: MatchContext): Bindings[] {
  const assign = p.expression;
  if (!isNode(assign) || assign.type !== 'BinaryOperation' || assign.operator !== '=' || !isNode(t.initialValue)) return NONE;
  const left = assign.left as Node;
  const ps = left.type === 'TupleExpression' ? (left.components as unknown[]) : [left];
  const declared = (t.variables as unknown[]).map((v) => (isNode(v) && isNode(v.identifier) ? v.identifier : null));
  const out: Bindings[] = [];
  const heads = matchList(ps, 0, declared, 0, b, cx);
  for (let j = 0; j < heads.length; j++) pushAll(out, matchNode(assign.right as Node, t.initialValue, heads[j], cx));
  return out;
}

// ---- node kinds whose matching is not field-by-field equality -------------------------------------------

type Special = (p: Node, t: Node, b: Bindings, cx: MatchContext) => Bindings[];

const SPECIAL: Record<string, Special> = {
  FunctionCall(p, t, b, cx) {
    const pe = p.expression as Node;
    let te = t.expression as Node;
    // A call written without `{value: ...}` also matches calls that pass options.
    if (isNode(te) && te.type === 'NameValueExpression' && !(isNode(pe) && pe.type === 'NameValueExpression')) te = te.expression as Node;
    if (!isNode(pe) || !isNode(te)) return NONE;
    const pNames = p.names as string[];
    const tNames = t.names as string[];
    if (pNames.length > 0 && (pNames.length !== tNames.length || pNames.some((n, i) => n !== tNames[i]))) return NONE;
    return continuedList(matchNode(pe, te, b, cx), p.arguments as Node[], 0, t.arguments as Node[], 0, cx);
  },
  NameValueExpression(p, t, b, cx) {
    const pl = p.arguments as Node;
    const tl = t.arguments as Node;
    let alts = matchNode(p.expression as Node, t.expression as Node, b, cx);
    const pNames = pl.names as string[];
    const tNames = tl.names as string[];
    pNames.forEach((name, i) => {
      const j = tNames.indexOf(name);
      const next: Bindings[] = [];
      if (j >= 0) for (let k = 0; k < alts.length; k++) pushAll(next, matchNode((pl.arguments as Node[])[i], (tl.arguments as Node[])[j], alts[k], cx));
      alts = next;
    });
    return alts;
  },
  FunctionDefinition(p, t, b, cx) {
    for (let i = 0; i < FUNCTION_KINDS.length; i++) if (Boolean(p[FUNCTION_KINDS[i]]) !== Boolean(t[FUNCTION_KINDS[i]])) return NONE;
    if (p.visibility !== 'default') {
      const tv = t.visibility === 'default' ? 'public' : t.visibility;
      if (tv !== p.visibility) return NONE;
    }
    // Cheap rejections before any binding: a modifier the pattern names must be there.
    const tMods = t.modifiers as Node[];
    const pMods = p.modifiers as Node[];
    for (let i = 0; i < pMods.length; i++) {
      const name = pMods[i].name;
      if (!isMetaName(name) && !hasModifierNamed(tMods, name)) return NONE;
    }
    return withModifiers(p, t, b, cx);
  },
  ModifierDefinition(p, t, b, cx) {
    return matchFields(p, t, b, cx, ['name', 'parameters', 'override', 'isVirtual', 'body']);
  },
  ModifierInvocation(p, t, b, cx) {
    const fields = ['name'];
    if (Array.isArray(p.arguments) && p.arguments.length > 0) fields.push('arguments');
    return matchFields(p, t, b, cx, fields);
  },
  ContractDefinition(p, t, b, cx) {
    // Exact kind: `contract` does not match `abstract contract` (never deployed, so deployment findings do not apply).
    if (p.kind !== t.kind) return NONE;
    const out: Bindings[] = [];
    for (const h of matchFields(p, t, b, cx, ['name'])) {
      for (const hb of matchSubset(p.baseContracts as Node[], t.baseContracts as Node[], h, cx)) {
        for (const r of matchSubset(p.subNodes as Node[], t.subNodes as Node[], hb, cx)) push(out, r);
      }
    }
    return out;
  },
  StringLiteral: (p, t, b) => (p.value === t.value ? [b] : NONE),
  HexLiteral: (p, t, b) => (p.value === t.value ? [b] : NONE),
  NumberLiteral: (p, t, b) => (p.number === t.number && (p.subdenomination ?? null) === (t.subdenomination ?? null) ? [b] : NONE),
  BooleanLiteral: (p, t, b) => (p.value === t.value ? [b] : NONE),
  Block(p, t, b, cx) {
    return matchBlock(p, t, b, cx);
  },
};

/**
 * Header fields, then modifiers (unordered subset), then the body: the costly part comes last. A header that
 * matches several ways (`function $F(..., $T $V, ...) { ... $S; ... }`: once per parameter) and a body that
 * shares no metavariable with it give the same body matches each time: those are found once and added to each.
 */
function withModifiers(p: Node, t: Node, b: Bindings, cx: MatchContext): Bindings[] {
  const out: Bindings[] = [];
  let bodies: Bindings[] | undefined;
  const heads = matchFields(p, t, b, cx, FUNCTION_HEADER);
  for (let i = 0; i < heads.length; i++) {
    const mods = matchSubset(p.modifiers as Node[], t.modifiers as Node[], heads[i], cx);
    for (let j = 0; j < mods.length; j++) {
      const m = mods[j];
      if (!bindsAny(m, bodyNames(p))) {
        bodies ??= matchFields(p, t, NO_BINDINGS, cx, FUNCTION_BODY);
        for (let k = 0; k < bodies.length; k++) push(out, merge(m, bodies[k])!);
      } else pushAll(out, matchFields(p, t, m, cx, FUNCTION_BODY));
    }
  }
  return out;
}

function bindsAny(b: Bindings, names: readonly string[]): boolean {
  for (let i = 0; i < names.length; i++) if (b[names[i]] !== undefined) return true;
  return false;
}

function hasModifierNamed(mods: readonly Node[], name: unknown): boolean {
  for (let i = 0; i < mods.length; i++) if (mods[i].name === name) return true;
  return false;
}

const FUNCTION_KINDS = ['isConstructor', 'isFallback', 'isReceiveEther'] as const;
/** A function pattern's fields before its modifiers, and after them. */
const FUNCTION_HEADER = ['stateMutability', 'name', 'parameters', 'returnParameters', 'override', 'isVirtual'];
const FUNCTION_BODY = ['body'];

const bodyNameLists = new WeakMap<Node, string[]>();

/** Every name in a pattern's body (and the fields after it) that could be a metavariable: a superset is safe. */
function bodyNames(p: Node): string[] {
  let names = bodyNameLists.get(p);
  if (!names) {
    const found = new Set<string>();
    const visit = (v: unknown): void => {
      if (typeof v === 'string') {
        if (isMetaName(v)) found.add(v);
      } else if (Array.isArray(v)) for (const x of v) visit(x);
      else if (isNode(v)) for (const k in v) if (k !== 'range' && k !== 'loc') visit(v[k]);
    };
    visit(p.body);
    bodyNameLists.set(p, (names = [...found]));
  }
  return names;
}
