// Heap snapshots of a language server under test (soak.ts, open-close.ts): the server is started with
// --heapsnapshot-signal, and each snapshot is summarised by constructor; two are compared. A snapshot lists nodes as
// flat integer tuples described by its own meta fields; V8 collects garbage before writing one, so what it holds is
// live.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestClient } from '../lsp/client';

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

/** Sets NODE_OPTIONS so the server started next writes a heap snapshot on SIGUSR2; call before TestClient.start. */
export class ServerHeaps {
  readonly taken: Array<{ label: string; heap: HeapSummary }> = [];
  private readonly dir = mkdtempSync(join(tmpdir(), 'hs-heap-'));

  constructor() {
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${this.dir}`;
  }

  /** The server writes the snapshot on its main thread when it sees the signal; the next answer comes after it. */
  async take(client: TestClient, label: string, uri: string): Promise<void> {
    const before = new Set(readdirSync(this.dir));
    process.kill(client.pid, 'SIGUSR2');
    let file: string | undefined;
    for (let i = 0; i < 600 && !file; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await client.findings(uri);
      file = readdirSync(this.dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    }
    if (!file) throw new Error('the server wrote no heap snapshot');
    this.taken.push({ label, heap: summariseHeap(readFileSync(join(this.dir, file), 'utf8')) });
    rmSync(join(this.dir, file));
  }

  /** The live heap at each snapshot, and what changed most between consecutive ones. */
  report(rows = 6): string {
    const out = [`live heap after a full collection: ${this.taken.map((t) => `${(t.heap.totalBytes / 1e6).toFixed(2)} MB at ${t.label}`).join(', ')}`];
    for (let k = 1; k < this.taken.length; k++) {
      const [a, b] = [this.taken[k - 1], this.taken[k]];
      out.push(`${a.label} → ${b.label}: ${(b.heap.totalBytes - a.heap.totalBytes).toLocaleString('en')} bytes; largest changes by constructor:`);
      for (const d of diffHeaps(a.heap, b.heap).slice(0, rows))
        out.push(`  ${d.bytes.toString().padStart(10)} B  ${d.count.toString().padStart(7)} objects  ${d.name}`);
    }
    return out.join('\n');
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
