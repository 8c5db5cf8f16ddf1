// How a scan worker's project bound trades memory for CPU: every .sol file under a folder analysed in its project,
// one thread, as a scan worker does, with the built-in findings; prints CPU and the live heap's peak (a full
// collection after each file, in a second pass, so the first pass's CPU is not the collector's).
// node --expose-gc --import tsx test/bench/scan-projects.ts <folder> [maxFiles | reset:N ...] (reset:N: a new
// project past N files, the bound before least-recently-used eviction)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPack } from '../../server/src/packs/load';
import { analyseOnDisk } from '../../server/src/project/disk-analysis';
import { DiskProjects } from '../../server/src/project/semantic-host';

const [folder, ...bounds] = process.argv.slice(2);
const files = readdirSync(folder, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.sol'))
  .map((e) => join(e.parentPath, e.name))
  .sort();
const findings = loadPack(join(__dirname, '../../server/packs/hindsight-core'), { shipped: true }).findings;
const gc = (globalThis as { gc?: () => void }).gc;

function run(bound: string, measureHeap: boolean): { cpuMs: number; peakMb: number; findings: number; reads: number } {
  const reset = bound.startsWith('reset:') ? Number(bound.slice(6)) : undefined;
  let projects = new DiskProjects(new Map(), reset ? Number.POSITIVE_INFINITY : Number(bound));
  const t0 = process.cpuUsage();
  let peak = 0;
  let n = 0;
  let reads = 0;
  for (const f of files) {
    n += analyseOnDisk(f, readFileSync(f, 'utf8'), findings, projects).analysis.occurrences.length;
    if (reset && projects.size > reset) {
      reads += projects.reads;
      projects = new DiskProjects();
    }
    if (measureHeap && gc) {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  }
  const c = process.cpuUsage(t0);
  return { cpuMs: Math.round((c.user + c.system) / 1000), peakMb: Math.round(peak / 2 ** 20), findings: n, reads: reads + projects.reads };
}

run('Infinity', false); // warm-up: the JIT and the findings' compilation
for (const bound of bounds.length ? bounds : ['Infinity']) {
  const cpu = run(bound, false);
  const heap = run(bound, true);
  console.log(JSON.stringify({ bound, cpuMs: cpu.cpuMs, importsRead: cpu.reads, livePeakMb: heap.peakMb, occurrences: cpu.findings }));
}
