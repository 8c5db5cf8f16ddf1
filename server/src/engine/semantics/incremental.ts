// Carrying a file's model over to the next version of its tree after an edit inside one function or modifier
// body (or between declarations), instead of building it again. A body declares nothing the rest of the file
// sees, so the declaration table, the binder and every other member's resolution stay true; what changed is
// which node objects hold them: the editor's parse (parse/splice.ts) shares the nodes before the edit and
// copies the ones after it with moved positions. So the two trees are walked side by side, and checked equal
// but for the edited body and the moved positions (any other difference and the caller builds the file again);
// each symbol and each answer moves to its node's copy, and the edited member alone is resolved again.
// An edit that breaks a function or modifier (the recovering parser leaves it out) or mends it is carried too,
// when the trees differ by that member alone (carryMember).
import type { Node } from '../pattern/ast';
import type { ChangedSpan } from '../parse/splice';
import type { Binder, ProjectAccess } from './binder';
import type { FileResolution, LooseReference } from './context';
import { nodeTableOf, type NodeTable } from './node-table';
import { resolveMember } from './resolve';
import { declareMember, moveSymbol, nodes, relistMembers, type FileSymbols, type UsingForSymbol } from './symbols';

/** What an update of a file's text changed in its model. */
export interface FileChange {
  /**
   * `body`: one member's body (`member`, the new tree's node), all else kept; `member`: one function or
   * modifier of a contract left the tree or joined it (an edit broke or mended it; `member` is the new node when
   * it joined), the members that name it walked again; `positions`: nothing but where things are written;
   * `file`: everything was built again.
   */
  kind: 'body' | 'member' | 'positions' | 'file';
  member?: Node;
}

/** A file's derived data, as the project keeps it. */
export interface Derived {
  table?: FileSymbols;
  binder?: Binder;
  resolution?: FileResolution;
  /** Import directive → the file it leads to (project.ts). */
  imports: Map<Node, string | undefined>;
}

/**
 * Moves `d` from the tree of `oldText` to the tree of `newText`, in place. Undefined when the edit is more than
 * one body's (or the trees differ elsewhere): then `d` is untouched and must be built again.
 */
export function carryOver(d: Derived, oldText: string, oldAst: Node, newText: string, newAst: Node, project: ProjectAccess): FileChange | undefined {
  if (!d.table || d.table.ast !== oldAst) return undefined;
  // A resolution whose maps are not one table's (built elsewhere) is built again rather than moved.
  const table = d.resolution ? nodeTableOf(d.resolution) : undefined;
  if (d.resolution && !table) return undefined;
  const span = editSpan(oldText, newText);
  const where = locateEdit(oldAst, span);
  if (!where) return undefined;
  const pairs = pairTrees(oldAst, newAst, span, where.member);
  if (!pairs) return undefined;
  const extra = pairs.removed ?? pairs.added;
  // An edited member the new tree still shares (no new node for it) would keep answers read from the old text.
  if (where.member && !pairs.member && where.member !== pairs.removed) return undefined;
  if (extra) return carryMember(d, pairs, extra, span, newText, newAst, project);
  moveTable(d, pairs, newAst);
  if (d.resolution && table && d.binder) moveResolution(d.resolution, table, pairs, span, d.binder, project, newText);
  return pairs.member ? { kind: 'body', member: pairs.member } : { kind: 'positions' };
}

/** parse/splice.ts's changedSpan, a block of characters at a time (the files are tens of kilobytes). */
export function editSpan(a: string, b: string): ChangedSpan {
  const max = Math.min(a.length, b.length);
  const BLOCK = 128;
  let p = 0;
  while (p + BLOCK <= max && a.slice(p, p + BLOCK) === b.slice(p, p + BLOCK)) p += BLOCK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s + BLOCK <= max - p && a.slice(a.length - s - BLOCK, a.length - s) === b.slice(b.length - s - BLOCK, b.length - s)) s += BLOCK;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, oldEnd: a.length - s, newEnd: b.length - s };
}

/** The member whose body holds the edit; no member when the edit touches no declaration; undefined otherwise. */
function locateEdit(ast: Node, span: ChangedSpan): { member?: Node } | undefined {
  const { start, oldEnd } = span;
  const inBody = (n: Node) => {
    if (n.type !== 'FunctionDefinition' && n.type !== 'ModifierDefinition') return false;
    const b = (n.body as Node | null | undefined)?.range;
    return !!b && b[0] < start && oldEnd <= b[1];
  };
  // Touching a node's text: an insertion inside it, or a change that overlaps it.
  const touches = (n: Node) => !!n.range && (start === oldEnd ? n.range[0] < start && start <= n.range[1] : n.range[0] < oldEnd && start <= n.range[1]);
  for (const child of nodes(ast.children)) {
    const r = child.range;
    if (!r) return undefined;
    if (child.type === 'ContractDefinition' && r[0] < start && oldEnd <= r[1]) {
      const subs = nodes(child.subNodes);
      const member = subs.find(inBody);
      if (member) return { member };
      // In the contract's header or between its members: only the walk can tell a changed name or kind.
      return [...subs, ...nodes(child.baseContracts)].some(touches) ? undefined : {};
    }
    if (inBody(child)) return { member: child };
    if (touches(child)) return undefined;
  }
  return {};
}

interface Pairs {
  /** Old and new nodes that are copies of each other, and whether each is in the edited member. */
  olds: Node[];
  news: Node[];
  inMember: boolean[];
  /**
   * Second copies of nodes the old tree holds in two places: the parser gives a state variable's initial value
   * as one object under two fields, a moved tree (parse/shift.ts) as two.
   */
  aliasOlds: Node[];
  aliasNews: Node[];
  /** Indexes (in olds) of the pairs a symbol or an import may be declared by. */
  declaring: number[];
  oldMember?: Node;
  member?: Node;
  /** A function or modifier of `contract` (the new tree's) that the edit took out of the tree, or put in it. */
  removed?: Node;
  added?: Node;
  contract?: Node;
}

/** The nodes of `newAst` that are moved copies of nodes of `oldAst`; undefined when the trees differ otherwise. */
function pairTrees(oldAst: Node, newAst: Node, span: ChangedSpan, oldMember: Node | undefined): Pairs | undefined {
  const delta = span.newEnd - span.oldEnd;
  const moved = (p: unknown) => (typeof p === 'number' && p >= span.oldEnd ? p + delta : p);
  const out: Pairs = { olds: [], news: [], inMember: [], aliasOlds: [], aliasNews: [], declaring: [], oldMember };
  let alias = false;
  const sameRange = (a: unknown, b: unknown) => {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (moved(a[i]) !== b[i]) return false;
    return true;
  };
  const walk = (o: unknown, n: unknown, inMember: boolean, key: string): boolean => {
    if (o === n) return true;
    if (typeof o !== 'object' || o === null || typeof n !== 'object' || n === null) return false;
    if (Array.isArray(o)) {
      if (!Array.isArray(n) || o.length !== n.length) return false;
      for (let i = 0; i < o.length; i++) if (!walk(o[i], n[i], inMember, key)) return false;
      return true;
    }
    if (Array.isArray(n)) return false;
    const a = o as Record<string, unknown>;
    const b = n as Record<string, unknown>;
    if (a.type !== b.type) return false;
    const member = inMember || a === oldMember;
    if (a === oldMember) out.member = b as Node;
    let keys = 0;
    for (const k in a) {
      keys++;
      const x = a[k];
      const y = b[k];
      if (k === 'loc') continue;
      if (k === 'range') {
        if (!sameRange(x, y)) return false;
        continue;
      }
      if (x === y) continue;
      if (
        k === 'subNodes' &&
        a.type === 'ContractDefinition' &&
        !inMember &&
        !out.contract &&
        Array.isArray(x) &&
        Array.isArray(y) &&
        Math.abs(x.length - y.length) === 1
      ) {
        if (!walkExtra(x as Node[], y as Node[], b as Node)) return false;
        continue;
      }
      if (k === 'body' && a === oldMember) {
        // The edited body itself is walked again by the resolver; its ends must still be where the edit says.
        const bx = x as Node | null;
        const by = y as Node | null;
        if (!bx || !by || typeof bx !== 'object' || typeof by !== 'object' || bx.type !== by.type || !sameRange(bx.range, by.range)) return false;
        continue;
      }
      if (k === 'initialValue' && a.type === 'StateVariableDeclaration' && holdsExpression(a.variables, x)) {
        // Walked as the variable's expression already; the new tree may hold it once too, or a copy of its own.
        if (holdsExpression(b.variables, y)) continue;
        alias = true;
        const ok = walk(x, y, member, k);
        alias = false;
        if (!ok) return false;
        continue;
      }
      if (!walk(x, y, member, k)) return false;
    }
    for (const _ in b) keys--;
    if (keys !== 0) return false;
    if (typeof a.type !== 'string') return true;
    if (alias) {
      out.aliasOlds.push(a as Node);
      out.aliasNews.push(b as Node);
    } else {
      if (DECLARING.has(a.type) || key === 'identifier') out.declaring.push(out.olds.length);
      out.olds.push(a as Node);
      out.news.push(b as Node);
      out.inMember.push(member);
    }
    return true;
  };
  // One member more or less, holding the edit: the break or the mend of that member. The others pair in order.
  const holds = (m: Node, end: number) => {
    if (m.type !== 'FunctionDefinition' && m.type !== 'ModifierDefinition') return false;
    if (typeof m.name !== 'string' || !m.name || m.isConstructor === true || !m.range) return false;
    return m.range[0] <= span.start && end <= m.range[1] + 1;
  };
  const walkExtra = (o: Node[], n: Node[], contract: Node): boolean => {
    const removing = o.length > n.length;
    const long = removing ? o : n;
    const at = long.findIndex((m) => holds(m, removing ? span.oldEnd : span.newEnd));
    if (at < 0 || long.slice(at + 1).some((m) => holds(m, removing ? span.oldEnd : span.newEnd))) return false;
    const rest = long.filter((_, i) => i !== at);
    if (!walk(removing ? rest : o, removing ? n : rest, false, 'subNodes')) return false;
    if (removing) out.removed = long[at];
    else out.added = long[at];
    out.contract = contract;
    return true;
  };
  return walk(oldAst, newAst, false, '') ? out : undefined;
}

/**
 * Whether one of `variables` has `value` as its expression. Not a closure in the walk: one that captures the
 * walk's loop variables makes V8 allocate a context for them on every key of every node (~1 MB a keystroke on
 * an 8,000-node file, measured with the sampling heap profiler), all of it for the scavenger.
 */
function holdsExpression(variables: unknown, value: unknown): boolean {
  for (const v of nodes(variables)) if (v.expression === value) return true;
  return false;
}

/** The nodes a table's symbol, using-for or import is keyed by (symbols.ts), besides a variable's `identifier`. */
const DECLARING = new Set([
  'ContractDefinition',
  'FunctionDefinition',
  'ModifierDefinition',
  'EventDefinition',
  'CustomErrorDefinition',
  'StructDefinition',
  'EnumDefinition',
  'EnumValue',
  'TypeDefinition',
  'FileLevelConstant',
  'VariableDeclaration',
  'UsingForDeclaration',
  'ImportDirective',
]);

/** Every symbol (and import) of the table to its node's copy. */
function moveTable(d: Derived, pairs: Pairs, newAst: Node): void {
  const table = d.table!;
  const usings = new Map<Node, UsingForSymbol>();
  for (const u of [...table.usingFor, ...table.contracts.flatMap((c) => c.usingFor)]) usings.set(u.node, u);
  const { olds, news } = pairs;
  const byNode = table.byNode;
  for (const i of pairs.declaring) {
    const o = olds[i];
    const n = news[i];
    const sym = byNode.get(o);
    if (sym) {
      byNode.delete(o);
      byNode.set(n, sym);
      if (sym.kind !== 'builtin' && sym.node === o) moveSymbol(sym, n);
    }
    if (o.type === 'UsingForDeclaration') {
      const u = usings.get(o);
      if (u) moveSymbol(u, n);
    } else if (o.type === 'ImportDirective') {
      d.binder?.moveImport(o, n);
      if (d.imports.has(o)) {
        d.imports.set(n, d.imports.get(o));
        d.imports.delete(o);
      }
    }
  }
  table.ast = newAst;
  table.imports = nodes(newAst.children).filter((c) => c.type === 'ImportDirective');
}

/** Every answer to its node's copy; the edited member's answers dropped and walked again. */
function moveResolution(res: FileResolution, table: NodeTable, pairs: Pairs, span: ChangedSpan, binder: Binder, project: ProjectAccess, text: string): void {
  const { olds, news, inMember, aliasOlds, aliasNews } = pairs;
  const loose = new Map<Node, LooseReference[]>();
  for (const l of res.loose) {
    const list = loose.get(l.node);
    if (list) list.push(l);
    else loose.set(l.node, [l]);
  }
  // Second copies first: their first copies take the answers away.
  for (let i = 0; i < aliasOlds.length; i++) table.copy(aliasOlds[i], aliasNews[i]);
  for (let i = 0; i < olds.length; i++) {
    if (inMember[i]) continue;
    const local = table.move(olds[i], news[i]);
    if (local) moveSymbol(local, news[i]);
    if (loose.size) for (const l of loose.get(olds[i]) ?? []) l.node = news[i];
  }
  const delta = span.newEnd - span.oldEnd;
  if (delta) for (const l of res.loose) if (l.offset !== undefined && l.offset >= span.oldEnd) l.offset += delta;
  if (!pairs.oldMember || !pairs.member) return;
  const gone = forget(res, table, pairs.oldMember);
  if (gone.size && res.loose.length) res.loose = res.loose.filter((l) => !gone.has(l.node));
  resolveMember(binder, project, text, res, pairs.member);
}

/** Drops every answer about the nodes of `root` (the edited member as it was); the nodes dropped. */
function forget(res: FileResolution, table: NodeTable, root: Node): Set<Node> {
  const gone = new Set(subtree(root));
  for (const node of gone) {
    const local = table.drop(node)?.local;
    if (local) res.localTypes.delete(local);
  }
  return gone;
}

/**
 * The break or mend of one function or modifier: its symbols leave the table (or join it), its contract's member
 * lists are rebuilt, and the members that write its name are walked again (what a name means is looked up by the
 * name, so no other member's answers change). A name written anywhere else (a state variable's initialiser, a
 * `using`, a base's arguments, an import) leaves the whole file to be built again.
 */
function carryMember(d: Derived, pairs: Pairs, extra: Node, span: ChangedSpan, text: string, newAst: Node, project: ProjectAccess): FileChange | undefined {
  const sites = namingMembers(newAst, text, String(extra.name), pairs.added);
  if (!sites) return undefined;
  const table = d.resolution ? nodeTableOf(d.resolution) : undefined;
  moveTable(d, pairs, newAst);
  const t = d.table!;
  const contract = pairs.contract ? t.byNode.get(pairs.contract) : undefined;
  // Thrown: the caller builds the file again (project.ts).
  if (contract?.kind !== 'contract') throw new Error('the edited contract has no symbol');
  if (pairs.removed) for (const n of subtree(pairs.removed)) t.byNode.delete(n);
  if (pairs.added) declareMember(pairs.added, contract, t);
  relistMembers(contract, t);
  d.binder?.forgetMembers();
  const res = d.resolution;
  if (res && table && d.binder) {
    moveResolution(res, table, pairs, span, d.binder, project, text);
    const gone = new Set<Node>();
    for (const root of pairs.removed ? [pairs.removed, ...sites] : sites) for (const n of forget(res, table, root)) gone.add(n);
    if (gone.size && res.loose.length) res.loose = res.loose.filter((l) => !gone.has(l.node));
    for (const s of sites) resolveMember(d.binder, project, text, res, s);
    if (pairs.added) resolveMember(d.binder, project, text, res, pairs.added);
  }
  return { kind: 'member', member: pairs.added };
}

/** The functions and modifiers (but `skip`) whose text writes `name`; undefined when anything else does. */
function namingMembers(ast: Node, text: string, name: string, skip: Node | undefined): Node[] | undefined {
  const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
  const names = (n: Node) => !!n.range && word.test(text.slice(n.range[0], n.range[1] + 1));
  const out: Node[] = [];
  const isMember = (n: Node) => n.type === 'FunctionDefinition' || n.type === 'ModifierDefinition';
  for (const child of nodes(ast.children)) {
    if (child.type !== 'ContractDefinition') {
      if (!names(child)) continue;
      if (!isMember(child)) return undefined;
      out.push(child);
      continue;
    }
    if (nodes(child.baseContracts).some(names)) return undefined;
    for (const sub of nodes(child.subNodes)) {
      if (sub === skip || !names(sub)) continue;
      if (!isMember(sub)) return undefined;
      out.push(sub);
    }
  }
  return out;
}

function subtree(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const node = v as Node;
    if (typeof node.type === 'string') out.push(node);
    for (const k in node) if (k !== 'loc' && k !== 'range') visit(node[k]);
  };
  visit(root);
  return out;
}
