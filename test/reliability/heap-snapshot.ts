// Totals of a V8 heap snapshot (.heapsnapshot JSON) by constructor, and the difference of two, for the soak.
// A snapshot lists nodes as flat integer tuples described by its own meta fields; V8 collects garbage before
// writing one, so what it holds is live.

export interface HeapSummary {
  totalBytes: number;
  byName: Map<string, { count: number; bytes: number }>;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export function summariseHeap(json: string): HeapSummary {
  const s = JSON.parse(json) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = s.snapshot.meta.node_types[0];
  const byName = new Map<string, { count: number; bytes: number }>();
  let totalBytes = 0;
  for (let i = 0; i < s.nodes.length; i += width) {
    const size = s.nodes[i + sizeAt];
    totalBytes += size;
    const type = types[s.nodes[i + typeAt]];
    // Objects by constructor; strings, code and arrays by their type: their names are contents, not kinds.
    const name = type === 'object' || type === 'closure' ? `${type} ${s.strings[s.nodes[i + nameAt]]}` : `(${type})`;
    const e = byName.get(name) ?? { count: 0, bytes: 0 };
    e.count++;
    e.bytes += size;
    byName.set(name, e);
  }
  return { totalBytes, byName };
}

/** What `b` holds more than `a`, by name, largest growth first. */
export function diffHeaps(a: HeapSummary, b: HeapSummary): Array<{ name: string; count: number; bytes: number }> {
  const out: Array<{ name: string; count: number; bytes: number }> = [];
  for (const [name, e] of b.byName) {
    const before = a.byName.get(name) ?? { count: 0, bytes: 0 };
    out.push({ name, count: e.count - before.count, bytes: e.bytes - before.bytes });
  }
  return out.sort((x, y) => y.bytes - x.bytes);
}
