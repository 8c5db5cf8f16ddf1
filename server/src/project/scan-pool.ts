// The workspace scan's worker threads. A worker parses and matches the text of a closed file (read by the scan,
// which hashes it for the cache anyway) in its project, as the CLI does (disk-analysis.ts: imports read through
// the project's remappings), and sends back only its Analysis (findings, syntax errors, suppressions) and the
// hashes of the files it drew on, never the tree: copying trees between threads cost more than parsing them, and
// a closed file keeps no tree anyway. Workers live for one scan, so each compiles the findings once and parses an
// imported file once while it is among its MAX_PROJECT_FILES most recently used (one DiskProjects per worker), and
// their memory is returned when the scan ends. Open documents' text goes to the workers as an overlay of the disk.
//
// The worker script is the server bundle itself (main.ts starts a worker instead of a server when it runs as
// one). From the TypeScript sources (unit tests) there is no bundle, and files are analysed on this thread:
// the same functions, so the results are the same.
import { setFlagsFromString } from 'node:v8';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { compileFinding, definitionOf, type Finding, type FindingDefinition, type PackInfo } from '../engine';
import { parsedPatternsSnapshot, seedParsedPatterns, type ParsedPattern } from '../engine/pattern/parse-pattern';
import { analyseOnDisk, type DiskAnalysis } from './disk-analysis';
import { DiskProjects } from './semantic-host';

const WORKER_KIND = 'hindsight-scan-worker';

type Definition = FindingDefinition & { pack: PackInfo };
type ToWorker =
  // A finding set: its members by number, with the definitions of those the worker has not seen yet.
  | { findings: number; members: number[]; definitions: Array<[number, Definition]>; patterns: Array<[string, ParsedPattern]> }
  | { job: number; file: string; text: string; findings: number };
type FromWorker = ({ job: number } & DiskAnalysis) | { job: number; error: string };

export type ScanResult = DiskAnalysis | { error: string };

/**
 * A worker's old generation may grow to 1 GB (the default would be a quarter of the machine's memory, up to 4 GB).
 * This is not a cap the scan comes near (a worker's live heap is ~35-60 MB), but V8 sizes the heap after each full
 * collection as live size times a growing factor whose ceiling depends on the maximum: 4 for a large heap, less
 * for a smaller one (V8's heap controller, `MaxGrowingFactor`). With the default the worker's heap grew to
 * ~110-190 MB of mostly garbage, and the server's peak RSS to 255-310 MB; with 1 GB it stays under ~90 MB and the
 * peak at 226-236 MB, for a few more full collections (3-7% more CPU in the scan, measured side by side; 2 GB
 * gave 236-239 MB). A cap near the live size (128 MB) had cost 20-35%. A worker that does run out of memory
 * dies, and its file is analysed on the main thread.
 */
const WORKER_OLD_GENERATION_MB = 1024;

/** One worker per core but one, so the editor keeps a core while the workspace is scanned; at most 4. */
export function defaultScanWorkers(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, 4));
}

interface Slot {
  worker: Worker;
  busy: boolean;
  /** Finding sets this worker knows, and single findings it has compiled. */
  known: Set<number>;
  compiled: Set<number>;
  current?: Pending;
}

interface Pending {
  job: number;
  file: string;
  text: string;
  findings: readonly Finding[];
  resolve: (r: ScanResult) => void;
}

export class ScanPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly localQueue: Pending[] = [];
  // Sets are told apart by their members, not by array: with a config.yaml, every file gets its own filtered
  // array of the same findings, which must not mean compiling them again for every file.
  private readonly findingIds = new WeakMap<Finding, number>();
  private readonly findings: Finding[] = [];
  private readonly setIds = new Map<string, number>();
  private nextJob = 0;
  private closed = false;
  /** Worker threads started so far (the log says how a scan ran). */
  started = 0;

  /**
   * `size` 0: everything on this thread (a worker's start-up costs more than a few files). `projects`: where files
   * analysed on this thread read their imports (a scan's own, so its hashes are the ones the scan checks).
   * `overlay`: texts that win over the disk in the workers' projects (the editor's open documents, by path), as
   * they do in `projects`.
   */
  constructor(
    private readonly size = defaultScanWorkers(),
    private readonly script = __filename,
    private readonly projects = new DiskProjects(),
    private readonly overlay: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** Parses and matches `text`, the text of `file`, with `findings`. Never rejects: a failure carries an `error`. */
  analyse(file: string, text: string, findings: readonly Finding[]): Promise<ScanResult> {
    return new Promise((resolve) => {
      const p = { job: this.nextJob++, file, text, findings, resolve };
      if (this.closed || this.size < 1 || !this.script.endsWith('.js')) return this.localSoon(p);
      this.queue.push(p);
      this.pump();
    });
  }

  /** Ends the workers (their memory goes back); anything still queued is analysed on this thread. */
  close(): void {
    this.closed = true;
    for (const p of this.localQueue.splice(0)) this.local(p);
    for (const s of this.slots.splice(0)) {
      void s.worker.terminate();
      if (s.current) this.local(s.current);
    }
    for (const p of this.queue.splice(0)) this.local(p);
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const p = this.queue.shift()!;
      slot.busy = true;
      slot.current = p;
      const members = p.findings.map((f) => this.findingId(f));
      const id = this.setId(members);
      if (!slot.known.has(id)) {
        const fresh = members.filter((m) => !slot.compiled.has(m));
        const definitions = fresh.map((m): [number, Definition] => [m, definitionOf(this.findings[m])]);
        // The patterns this thread already parsed (loading the packs) spare the worker the parser's time.
        const patterns = fresh.length ? parsedPatternsSnapshot() : [];
        slot.worker.postMessage({ findings: id, members, definitions, patterns } satisfies ToWorker);
        slot.known.add(id);
        for (const m of fresh) slot.compiled.add(m);
      }
      slot.worker.postMessage({ job: p.job, file: p.file, text: p.text, findings: id } satisfies ToWorker);
    }
  }

  private spawn(): Slot {
    if (Number(process.env.HINDSIGHT_SCAN_HEAP_MB) > 0) exposeGcToWorkers();
    fullYoungGenerationForWorkers();
    const worker = new Worker(this.script, {
      workerData: { kind: WORKER_KIND, overlay: [...this.overlay] },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
    });
    this.started++;
    const slot: Slot = { worker, busy: false, known: new Set(), compiled: new Set() };
    this.slots.push(slot);
    worker.on('message', (m: FromWorker) => {
      const p = slot.current;
      if (!p || p.job !== m.job) return;
      slot.current = undefined;
      slot.busy = false;
      p.resolve('error' in m ? { error: m.error } : { analysis: m.analysis, ...(m.dependencies ? { dependencies: m.dependencies } : {}) });
      this.pump();
    });
    // A worker that dies (out of memory, a bug) loses nothing: its file is analysed here, the others go on.
    const lost = () => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      if (slot.current) this.local(slot.current);
      slot.current = undefined;
      if (!this.slots.length && this.queue.length) this.closed = true;
      if (this.closed) for (const p of this.queue.splice(0)) this.local(p);
      else this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    return slot;
  }

  /** How many distinct finding sets and findings the workers were given (the log says it; a test checks it). */
  get distinct(): { sets: number; findings: number } {
    return { sets: this.setIds.size, findings: this.findings.length };
  }

  private findingId(f: Finding): number {
    let id = this.findingIds.get(f);
    if (id === undefined) {
      id = this.findings.push(f) - 1;
      this.findingIds.set(f, id);
    }
    return id;
  }

  private setId(members: number[]): number {
    const key = members.join(',');
    let id = this.setIds.get(key);
    if (id === undefined) this.setIds.set(key, (id = this.setIds.size));
    return id;
  }

  private local(p: Pending): void {
    p.resolve(analyseHere(p.file, p.text, p.findings, this.projects));
  }

  /**
   * Files analysed on this thread go one per turn of the event loop (setImmediate runs after pending I/O), so a
   * keystroke or a request waits for at most one file, never for a whole batch.
   */
  private localSoon(p: Pending): void {
    this.localQueue.push(p);
    if (this.localQueue.length === 1) setImmediate(() => this.localStep());
  }

  private localStep(): void {
    const p = this.localQueue.shift();
    if (p) this.local(p);
    if (this.localQueue.length) setImmediate(() => this.localStep());
  }
}

/** The same on any thread. */
function analyseHere(file: string, text: string, findings: readonly Finding[], projects: DiskProjects): ScanResult {
  try {
    return analyseOnDisk(file, text, findings, projects);
  } catch (err) {
    return { error: (err as Error)?.message ?? String(err) };
  }
}

/** True (and serving) when this thread is a scan worker; the server entry point then starts no server. */
export function runScanWorkerIfAny(): boolean {
  if (isMainThread || (workerData as { kind?: string } | undefined)?.kind !== WORKER_KIND) return false;
  const port = parentPort!;
  // No parser warm-up: a worker parses whole files in bulk, where a warm-up only moves cost, never saves it.
  const sets = new Map<number, Finding[]>();
  const compiled = new Map<number, Finding | null>();
  // The worker's files import each other: an import is read and parsed once while it is among the
  // MAX_PROJECT_FILES most recently used files (semantic-host.ts lets go of the others).
  const { overlay } = workerData as { overlay?: Array<[string, string]> };
  const projects = new DiskProjects(new Map(overlay ?? []), MAX_PROJECT_FILES);
  port.on('message', (m: ToWorker) => {
    if ('definitions' in m) {
      seedParsedPatterns(m.patterns);
      for (const [n, d] of m.definitions) {
        try {
          compiled.set(n, compileFinding(d, d.pack));
        } catch {
          // The main thread loaded this pack, so the definition compiled there; failing here, it matches nothing.
          compiled.set(n, null);
        }
      }
      sets.set(
        m.findings,
        m.members.flatMap((n) => compiled.get(n) ?? []),
      );
      return;
    }
    port.postMessage({ job: m.job, ...analyseHere(m.file, m.text, sets.get(m.findings) ?? [], projects) } satisfies FromWorker);
    collectIfLarge();
  });
  return true;
}

/**
 * A worker keeps the parses and models of the files its projects read for the scan, ~0.5 MB each on OpenZeppelin,
 * and on a large project they become most of its heap (all 248 files of OpenZeppelin 5: ~156 MB live). Past this
 * many files the least recently used are let go after each file and read again as needed. Measured on OpenZeppelin
 * 5 (test/bench/scan-projects.ts, live heap and imports parsed by one thread): 32 files held peak at 71 MB and parse
 * 553 imports; 40 files: 73 MB, 487; 50: 77 MB, 450; starting a new project past 80 files (the bound before): 78 MB,
 * 548. The server's RSS peak follows the heap's garbage more than its live size: in cold scans side by side (2-5
 * each, test/bench's OpenZeppelin corpus) 32 gave the same peak as the 80-file reset (~245 MB) for ~2% less CPU,
 * 40 ~10 MB more for ~4% less.
 * `HINDSIGHT_SCAN_PROJECT_FILES` overrides it (measurement).
 */
const MAX_PROJECT_FILES = Number(process.env.HINDSIGHT_SCAN_PROJECT_FILES) || 32;

/**
 * With `HINDSIGHT_SCAN_HEAP_MB=80` the worker runs a full collection whenever its heap passes 80 MB. Measured
 * before the 1 GB limit above and the parser's allocation cuts, when a scan of OpenZeppelin's 248 files peaked at
 * ~310 MB: the peak dropped to ~255 MB for ~19% more CPU (side by side in the benchmark). Since then the peak is
 * ~225 MB without it, so it is only a choice for machines very short of memory, off by default.
 */
const HEAP_SOFT_LIMIT = Number(process.env.HINDSIGHT_SCAN_HEAP_MB) * 2 ** 20 || Infinity;
function collectIfLarge(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc && process.memoryUsage().heapUsed >= HEAP_SOFT_LIMIT) gc();
}

/**
 * V8 flags are per process and read when an isolate starts: set before a worker is created, `--expose-gc` gives
 * the worker a `gc` global (the main thread's own global object, made earlier, is left as it was).
 */
let gcExposed = false;
function exposeGcToWorkers(): void {
  if (gcExposed) return;
  gcExposed = true;
  try {
    setFlagsFromString('--expose-gc');
  } catch {
    // without it, workers simply never collect early
  }
}

/**
 * The server starts with a small young generation (`--max-semi-space-size=8`, server-exec-argv.json): its main
 * thread allocates little while the workers scan, yet V8 had grown its young generation to the 32 MB maximum
 * there (5 MB of it in use), a tenth of the peak RSS. A worker parses in bulk, where a young generation half as
 * large costs 8-15% more CPU; the flag is read when an isolate starts, so set back to V8's 64-bit default before
 * a worker is created, it gives workers the young generation they had.
 */
const WORKER_SEMI_SPACE_MB = 16;
let youngGenerationSet = false;
function fullYoungGenerationForWorkers(): void {
  if (youngGenerationSet) return;
  youngGenerationSet = true;
  try {
    setFlagsFromString(`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
  } catch {
    // workers then have the main thread's young generation: slower, not wrong
  }
}
