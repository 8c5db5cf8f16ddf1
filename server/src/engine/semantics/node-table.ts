// The node-keyed maps of a FileResolution (context.ts: owners, types, declarations, locals) as columns of one
// table: everything known about a node is one row. Moving a node's answers to its copy after an edit
// (incremental.ts) is then one map operation instead of four, on every node after the edit; each column is still
// a Map to whoever reads it.
import type { Node } from '../pattern/ast';
import type { Owner } from './context';
import type { Declaration, VariableSymbol } from './symbols';
import type { SolType } from './types';

interface Row {
  owner: Owner | null | undefined;
  type: SolType | undefined;
  declaration: Declaration | undefined;
  local: VariableSymbol | undefined;
}

type Field = keyof Row;
const FIELDS: Field[] = ['owner', 'type', 'declaration', 'local'];

export class NodeTable {
  readonly rows = new Map<Node, Row>();
  readonly owners = new Column<Owner | null>(this, 'owner');
  readonly types = new Column<SolType>(this, 'type');
  readonly declarations = new Column<Declaration>(this, 'declaration');
  readonly locals = new Column<VariableSymbol>(this, 'local');
  /** How many rows have each field: the columns' sizes. */
  readonly counts: Record<Field, number> = { owner: 0, type: 0, declaration: 0, local: 0 };

  row(node: Node): Row {
    let r = this.rows.get(node);
    if (!r) this.rows.set(node, (r = { owner: undefined, type: undefined, declaration: undefined, local: undefined }));
    return r;
  }

  /** The node's answers now belong to `next` (its copy in the next version of the tree); its local, if any. */
  move(node: Node, next: Node): VariableSymbol | undefined {
    const r = this.rows.get(node);
    if (!r) return undefined;
    this.rows.delete(node);
    this.rows.set(next, r);
    return r.local;
  }

  /** `next` gets the same answers as `node`, which keeps them. */
  copy(node: Node, next: Node): void {
    const r = this.rows.get(node);
    if (!r || this.rows.has(next)) return;
    this.rows.set(next, { ...r });
    for (const f of FIELDS) if (r[f] !== undefined) this.counts[f]++;
  }

  /** Forgets everything about the node; what it knew. */
  drop(node: Node): Row | undefined {
    const r = this.rows.get(node);
    if (!r) return undefined;
    this.rows.delete(node);
    for (const f of FIELDS) if (r[f] !== undefined) this.counts[f]--;
    return r;
  }
}

/** One field of every row, as a Map. */
export class Column<V> implements Map<Node, V> {
  constructor(
    readonly table: NodeTable,
    private readonly field: Field,
  ) {}

  get size(): number {
    return this.table.counts[this.field];
  }

  get(node: Node): V | undefined {
    return this.table.rows.get(node)?.[this.field] as V | undefined;
  }

  has(node: Node): boolean {
    const r = this.table.rows.get(node);
    return r !== undefined && r[this.field] !== undefined;
  }

  set(node: Node, value: V): this {
    const r = this.table.row(node);
    if (r[this.field] === undefined) this.table.counts[this.field]++;
    (r as unknown as Record<Field, V>)[this.field] = value;
    return this;
  }

  delete(node: Node): boolean {
    const r = this.table.rows.get(node);
    if (!r || r[this.field] === undefined) return false;
    r[this.field] = undefined;
    this.table.counts[this.field]--;
    if (FIELDS.every((f) => r[f] === undefined)) this.table.rows.delete(node);
    return true;
  }

  clear(): void {
    for (const node of [...this.keys()]) this.delete(node);
  }

  forEach(callback: (value: V, key: Node, map: Map<Node, V>) => void, thisArg?: unknown): void {
    // Map.forEach: no generator and no [key, value] pair per row, as `entries()` makes.
    const f = this.field;
    this.table.rows.forEach((r, k) => {
      if (r[f] !== undefined) callback.call(thisArg, r[f] as V, k, this);
    });
  }

  *entries(): MapIterator<[Node, V]> {
    const f = this.field;
    for (const [k, r] of this.table.rows) if (r[f] !== undefined) yield [k, r[f] as V];
  }

  *keys(): MapIterator<Node> {
    const f = this.field;
    for (const [k, r] of this.table.rows) if (r[f] !== undefined) yield k;
  }

  *values(): MapIterator<V> {
    const f = this.field;
    for (const r of this.table.rows.values()) if (r[f] !== undefined) yield r[f] as V;
  }

  [Symbol.iterator](): MapIterator<[Node, V]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Map';
  }
}

/** The table behind a resolution's maps, when they are its columns. */
export function nodeTableOf(maps: { owners: Map<Node, unknown> }): NodeTable | undefined {
  return maps.owners instanceof Column ? maps.owners.table : undefined;
}
