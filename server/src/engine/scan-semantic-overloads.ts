// Narrowing the name closure of scan-semantic-units.ts where a name is overloaded.
//
// Every overload of `contains` in a library shares the name, so a unit naming `contains` would be matched again
// whenever any overload changed. A function that nothing can override or be dispatched to instead (a library's,
// a free function, or a contract's whose name no other contract of the file and no imported file declares) reaches
// another unit only through a reference that the model resolves to it. For such a name, a unit is matched again
// only when one of its references to the name resolves, now or when it was last matched, to a function that
// changed or reaches a changed one; when a reference does not resolve, names a function without calling it,
// passes an argument of unknown type, or resolves differently than it did then, the unit is matched again, as by
// name. Only names the name closure marks are looked at (this is never wider than it), every other name is
// followed as before, and the file must not be imported back by its imports.
import { isNode, type Node } from './pattern/ast';
import type { FileFacts } from './semantics/facts';
import type { Declaration } from './semantics/symbols';
import { mentionDepends, selectorOnlyNames } from './scan-semantic-mentions';
import { declaredNames, type FunctionUnit, type ImportFacts, type SemanticEntry, type SemanticState, type UnitRefs, wordsOf } from './scan-semantic-units';

/**
 * Names whose every function unit lives in the same library, contract or at file level, now and before. A
 * contract's name qualifies only when no imported file declares a function or modifier of that name (a base's
 * function would be overridden, an interface's implemented) and no other contract of the file has its name.
 */
export function narrowableNames(now: FunctionUnit[], before: SemanticState | undefined, imports: ImportFacts[]): Set<string> {
  const scope = new Map<string, string>();
  const out = new Set<string>();
  const see = (names: string[], s: string) => {
    for (const n of names) {
      const had = scope.get(n);
      if (had === undefined) scope.set(n, s);
      else if (had !== s) scope.set(n, '');
    }
  };
  const contracts = new Map<string, Node>();
  const twice = new Set<string>();
  for (const u of now) {
    const c = u.contract;
    if (!c || typeof c.name !== 'string') continue;
    const seen = contracts.get(c.name);
    if (seen && seen !== c) twice.add(c.name);
    contracts.set(c.name, c);
  }
  for (const u of now) see(declaredNames(u.node, u.contract), scopeOf(u));
  if (before) for (const [k, names] of before.functions) see(names, before.scopes?.get(k) ?? '');
  for (const [n, s] of scope) {
    if (!s) continue;
    if (s.startsWith('C:') && (twice.has(s.slice(2)) || imports.some((i) => i.mentions.get(n)?.has(n)))) continue;
    if (s.startsWith('L:') && twice.has(s.slice(2))) continue;
    out.add(n);
  }
  return out;
}

export function scopeOf(u: FunctionUnit): string {
  const n = u.node;
  if (n.type !== 'FunctionDefinition' || n.isConstructor === true || n.isFallback === true || n.isReceiveEther === true) return '';
  if (typeof n.name !== 'string' || !n.name) return '';
  if (!u.contract) return '<free>';
  if (typeof u.contract.name !== 'string') return '';
  return `${u.contract.kind === 'library' ? 'L' : 'C'}:${u.contract.name}`;
}

/** Resolves the references of units to narrowable names from the file's model (one per scan). */
export class RefResolver {
  private readonly seen = { calls: new Map<Node, Node[]>(), names: new Map<number, Node>() };
  private readonly walked = new Set<Node>();
  private readonly byStart = new Map<number, string>();
  private readonly cache = new Map<string, UnitRefs>();

  constructor(
    private readonly facts: FileFacts,
    private readonly text: string,
    units: FunctionUnit[],
    private readonly names: Set<string>,
  ) {
    for (const u of units) if (u.node.range) this.byStart.set(u.node.range[0], u.key);
  }

  /** The references of a function unit, whose text starts at `start`, to the narrowable names it mentions. */
  refs(key: string, start: number, text: string, self: Node | undefined): UnitRefs {
    let r = this.cache.get(key);
    if (r) return r;
    r = new Map();
    const own = self ? ownNameOffset(this.text, self) : undefined;
    for (const n of wordsOf(key, text)) {
      if (!this.names.has(n)) continue;
      const parts: string[] = [];
      const re = wordPattern(n);
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const at = start + m.index;
        if (at === own) continue;
        const t = this.target(at);
        if (!t) {
          parts.length = 0;
          parts.push('?');
          break;
        }
        parts.push(t);
      }
      r.set(n, parts.join('|'));
    }
    this.cache.set(key, r);
    return r;
  }

  private target(offset: number): string | undefined {
    const { calls, names } = this.member(offset);
    const node = names.get(offset);
    let d: Declaration | undefined;
    try {
      d = node && this.facts.model.declarationOf(node);
    } catch {
      d = undefined;
    }
    if (!node || !d || d.kind === 'builtin') return undefined;
    // A function named but not called (a pointer), or called with an argument of no known type: the overload
    // taken is a guess that a change elsewhere may overturn; follow the name.
    if (d.kind === 'function') {
      const args = calls.get(node);
      if (!args || args.some((a) => this.unknownType(a))) return undefined;
    }
    if (d.file === this.facts.path) {
      if (d.kind === 'function') {
        const k = d.node.range ? this.byStart.get(d.node.range[0]) : undefined;
        return k === undefined ? undefined : `k:${k}`;
      }
      return `d:${d.kind}:${'name' in d ? String(d.name) : ''}:${d.contract?.name ?? ''}`;
    }
    return `i:${d.kind}:${d.file}:${d.node.range?.[0] ?? -1}`;
  }

  /**
   * In the model's member holding `offset`: the arguments of its calls by callee (`{value: v}` options peeled),
   * and its nodes naming a narrowable name by where the name is written.
   */
  private member(offset: number): { calls: Map<Node, Node[]>; names: Map<number, Node> } {
    const seen = this.seen;
    let member: Node | undefined;
    try {
      member = memberAt(this.facts.model.ast, offset);
    } catch {
      member = undefined;
    }
    if (!member || this.walked.has(member)) return seen;
    this.walked.add(member);
    const visit = (n: Node) => {
      if (n.type === 'FunctionCall' && isNode(n.expression)) {
        let callee = n.expression;
        while (callee.type === 'NameValueExpression' && isNode(callee.expression)) callee = callee.expression;
        const args = Array.isArray(n.arguments) ? (n.arguments as unknown[]).filter(isNode) : [];
        // `x.f(...)` attached with `using ... for`: the receiver is an argument too.
        if (callee.type === 'MemberAccess' && isNode(callee.expression)) args.push(callee.expression);
        seen.calls.set(callee, args);
      }
      const at = nameAt(n);
      if (at && this.names.has(at.name)) seen.names.set(at.offset, n);
      for (const [k, v] of Object.entries(n)) {
        if (k === 'range' || k === 'loc') continue;
        if (isNode(v)) visit(v);
        else if (Array.isArray(v)) for (const x of v) if (isNode(x)) visit(x);
      }
    };
    visit(member);
    return seen;
  }

  private unknownType(arg: Node): boolean {
    try {
      return this.facts.model.typeOf(arg).kind === 'unknown';
    } catch {
      return true;
    }
  }
}

const patterns = new Map<string, RegExp>();

/** Where a name is written as a whole word (as `wordsOf` reads words). */
function wordPattern(name: string): RegExp {
  let re = patterns.get(name);
  if (!re) {
    if (patterns.size > 5_000) patterns.clear();
    patterns.set(name, (re = new RegExp(`(?<![A-Za-z0-9_$])${name.replace(/\$/g, '\\$')}(?![A-Za-z0-9_$])`, 'g')));
  }
  re.lastIndex = 0;
  return re;
}

/** Where a referring node writes its name (as the model places its references). */
function nameAt(node: Node): { offset: number; name: string } | undefined {
  const r = node.range;
  if (!r) return undefined;
  if (node.type === 'Identifier' || node.type === 'ModifierInvocation') return { offset: r[0], name: String(node.name) };
  if (node.type === 'MemberAccess') {
    const name = String(node.memberName);
    return { offset: r[1] - name.length + 1, name };
  }
  return undefined;
}

/** The top-level declaration or contract member of `root` whose range holds `offset`. */
function memberAt(root: Node | undefined, offset: number): Node | undefined {
  const holds = (n: Node) => !!n.range && n.range[0] <= offset && offset <= n.range[1];
  for (const c of ((root?.children ?? []) as unknown[]).filter(isNode)) {
    if (!holds(c)) continue;
    if (c.type !== 'ContractDefinition') return c;
    for (const m of ((c.subNodes ?? []) as unknown[]).filter(isNode)) if (holds(m)) return m;
    return c;
  }
  return undefined;
}

/** Where a function's own name is written (it names itself there, which depends on nothing). */
function ownNameOffset(text: string, fn: Node): number | undefined {
  const r = fn.range;
  if (!r || typeof fn.name !== 'string') return undefined;
  const m = /^function\s+/.exec(text.slice(r[0], r[0] + 40));
  return m && text.startsWith(fn.name, r[0] + m[0].length) ? r[0] + m[0].length : undefined;
}

/**
 * The keys of the function units to match again and the names whose every mention is matched again, from the
 * keys that changed. `oldRefs` gives what a kept unit's references resolved to when it was last matched.
 * Undefined: narrowing does not apply (the caller follows names).
 */
export function closeOverRefs(
  changedKeys: Set<string>,
  changedNames: Set<string>,
  narrowable: Set<string>,
  now: FunctionUnit[],
  importMentions: Map<string, Set<string>>[],
  oldRefs: (key: string) => UnitRefs | undefined,
  resolver: RefResolver,
  byName: Set<string>,
): { keys: Set<string>; names: Set<string> } {
  const keys = new Set(changedKeys);
  const names = new Set<string>();
  const addName = (n: string) => {
    if (names.has(n)) return;
    names.add(n);
    for (const table of importMentions) for (const m of table.get(n) ?? []) addName(m);
  };
  for (const n of changedNames) if (!narrowable.has(n)) addName(n);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of now) {
      if (keys.has(u.key) || !reaches(u, names, narrowable, keys, oldRefs, resolver, byName)) continue;
      keys.add(u.key);
      for (const n of declaredNames(u.node, u.contract)) if (!narrowable.has(n)) addName(n);
      grew = true;
    }
  }
  return { keys, names };
}

function reaches(
  u: FunctionUnit,
  names: Set<string>,
  narrowable: Set<string>,
  keys: Set<string>,
  oldRefs: (key: string) => UnitRefs | undefined,
  resolver: RefResolver,
  byName: Set<string>,
): boolean {
  const words = wordsOf(u.key, u.text);
  const selectors = selectorOnlyNames(u.key, u.text);
  for (const n of names) if (mentionDepends(words, selectors, n, byName)) return true;
  let now: UnitRefs | undefined;
  const old = oldRefs(u.key);
  for (const n of words) {
    // A name the name closure leaves alone names nothing that changed (and the closure is never narrower).
    if (!narrowable.has(n) || !byName.has(n) || !mentionDepends(words, selectors, n, byName)) continue;
    now ??= resolver.refs(u.key, u.start, u.text, u.node);
    const a = now.get(n);
    const b = old?.get(n);
    if (a === undefined || b === undefined || a !== b || a === '?') return true;
    for (const t of a.split('|')) if (t.startsWith('k:') && keys.has(t.slice(2))) return true;
  }
  return false;
}

/**
 * The function units to match again after the function units changed since `prev` (undefined: follow names),
 * and the resolver that records what matched units' references resolve to.
 */
export function planNarrowing(
  prev: SemanticState | undefined,
  now: FunctionUnit[],
  facts: FileFacts | undefined,
  text: string,
  imports: ImportFacts[],
  blocked: boolean,
  kept: (key: string) => SemanticEntry<unknown> | undefined,
  byName: Set<string> | undefined,
): { rematch?: Set<string>; resolver?: RefResolver } {
  // Nothing changed: every function unit is kept (one matched anyway records nothing, and is then followed by name).
  if (!facts || blocked || (prev && byName?.size === 0) || new Set(now.map((u) => u.key)).size !== now.length) return {};
  const narrowable = narrowableNames(now, prev, imports);
  if (!narrowable.size) return {};
  const resolver = new RefResolver(facts, text, now, narrowable);
  if (!prev || !byName?.size) return { resolver };
  const current = new Set(now.map((u) => u.key));
  const changedKeys = new Set<string>();
  const changedNames = new Set<string>();
  for (const u of now)
    if (!prev.functions.has(u.key)) {
      changedKeys.add(u.key);
      for (const n of declaredNames(u.node, u.contract)) changedNames.add(n);
    }
  for (const [k, names] of prev.functions)
    if (!current.has(k)) {
      changedKeys.add(k);
      for (const n of names) changedNames.add(n);
    }
  if (!changedKeys.size) return { resolver };
  const mentions = imports.map((i) => i.mentions);
  const { keys } = closeOverRefs(changedKeys, changedNames, narrowable, now, mentions, (k) => kept(k)?.refs, resolver, byName);
  return { rematch: keys, resolver };
}
