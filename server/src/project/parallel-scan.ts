// Scanning many files uses every core: worker threads run the very same scanFile() over batches of files.
// Each worker compiles the findings once from their definitions (compiled patterns are not transferable), so
// workers only pay off for larger scans; small ones stay on the main thread.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { compileFinding, definitionOf, type Finding, type FindingDefinition, type PackInfo } from '../engine';
import type { LoadedPack } from '../packs/load';
import { ScanCache } from './scan-cache';
import { DiskProjects } from './semantic-host';
import { activeFindings, DEFAULT_MAX_FILE_BYTES, scanFile, scanFiles, type FileResult, type ScanOptions, type ScanReport } from './run-scan';

/** Below this many files per worker, compiling the findings again in each worker costs more than it saves. */
const MIN_FILES_PER_WORKER = 12;
const BATCH = 4;
const WORKER_KIND = 'hindsight-scan-worker';

interface WorkerInput {
  kind: typeof WORKER_KIND;
  definitions: Array<FindingDefinition & { pack: PackInfo }>;
  maxBytes: number;
  cacheDir?: string;
}

type ToWorker = { files: string[] };
type FromWorker = { results: FileResult[] } | { fatal: string };

/**
 * One thread unless asked: each worker compiles every finding again and warms up its own parser, which costs
 * ~4 s of CPU per worker with the built-in pack, so threads only pay off on big scans with idle cores.
 */
export function defaultJobs(): number {
  return 1;
}

/** What `--jobs auto` means: the CPUs this process may use, at most 8. */
export function autoJobs(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

/**
 * scanFiles on `jobs` worker threads. Falls back to the main thread for small scans, when the module is not
 * running from a JavaScript file (the TypeScript sources under a loader), and for any batch a worker fails on.
 */
export async function scanFilesParallel(files: string[], packs: LoadedPack[], options: ScanOptions, jobs = defaultJobs()): Promise<ScanReport> {
  const workers = Math.min(jobs, Math.floor(files.length / MIN_FILES_PER_WORKER));
  if (workers < 2 || !__filename.endsWith('.js')) return scanFiles(files, packs, options);
  const started = Date.now();
  const findings = activeFindings(packs, options);
  const activeIds = new Set(findings.map((f) => f.id));
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const input: WorkerInput = {
    kind: WORKER_KIND,
    definitions: findings.map(definitionOf),
    maxBytes,
    cacheDir: options.cacheDir,
  };
  const cache = options.cacheDir ? new ScanCache(options.cacheDir, findings) : undefined;
  const projects = new DiskProjects();
  const results = new Map<string, FileResult>();
  const queue: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH) queue.push(files.slice(i, i + BATCH));
  const leftovers: string[] = [];

  await Promise.all(
    Array.from(
      { length: workers },
      () =>
        new Promise<void>((resolve) => {
          const worker = new Worker(__filename, { workerData: input });
          let current: string[] | undefined;
          let done = false;
          const finish = () => {
            if (done) return;
            done = true;
            if (current) leftovers.push(...current);
            void worker.terminate();
            resolve();
          };
          const next = () => {
            current = queue.shift();
            if (!current) return finish();
            worker.postMessage({ files: current } satisfies ToWorker);
          };
          worker.on('message', (msg: FromWorker) => {
            if ('fatal' in msg) return finish();
            for (const r of msg.results) results.set(r.file, r);
            current = undefined;
            next();
          });
          worker.on('error', finish);
          worker.on('exit', finish);
          next();
        }),
    ),
  );
  // Whatever a worker could not finish is scanned here, so a crashed worker never loses a file.
  for (const f of [...leftovers, ...queue.flat()]) if (!results.has(f)) results.set(f, scanFile(f, findings, activeIds, maxBytes, cache, projects));
  return {
    packs,
    findings,
    files: files.map((f) => results.get(f) ?? scanFile(f, findings, activeIds, maxBytes, cache, projects)),
    durationMs: Date.now() - started,
  };
}

function runWorker(input: WorkerInput): void {
  const port = parentPort!;
  let findings: Finding[];
  try {
    findings = input.definitions.map((d) => compileFinding(d, d.pack));
  } catch (err) {
    port.postMessage({ fatal: (err as Error).message } satisfies FromWorker);
    return;
  }
  const activeIds = new Set(findings.map((f) => f.id));
  const cache = input.cacheDir ? new ScanCache(input.cacheDir, findings) : undefined;
  // Each worker reads the imports of its files itself: trees do not cross threads.
  const projects = new DiskProjects();
  port.on('message', (msg: ToWorker) => {
    port.postMessage({ results: msg.files.map((f) => scanFile(f, findings, activeIds, input.maxBytes, cache, projects)) } satisfies FromWorker);
  });
}

if (!isMainThread && (workerData as WorkerInput | undefined)?.kind === WORKER_KIND) runWorker(workerData as WorkerInput);
