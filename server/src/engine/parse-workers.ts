// Parsing many files on worker threads, for workspace scans: the parser is CPU-bound and single-threaded, and
// two workers parse a corpus about 1.6x faster than one on a 2-core machine. Results are the same
// ParsedSource a call to parseSource in this thread gives.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseSource, type ParsedSource } from './parse';
import { LineIndex } from './positions';
import type { ParseJob, ParseReply } from './parse-worker';
import type { SourceUnit } from '@solidity-parser/parser/dist/src/ast-types';
import type { SyntaxProblem } from './types';

export interface ParsedFile {
  path: string;
  /** Absent when the file could not be read. */
  parsed?: ParsedSource;
  error?: string;
}

export interface WorkerOptions {
  /** Default: one per core, at most 4, never more than there are files. */
  workers?: number;
  /** Called as each file is done (in completion order), e.g. to report progress or match at once. */
  onFile?: (file: ParsedFile) => void;
}

/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 8;

/** Results in the order of `paths`. Never rejects: a file that cannot be read carries an `error`. */
export async function parseFilesInWorkers(paths: string[], options: WorkerOptions = {}): Promise<ParsedFile[]> {
  const count = Math.max(1, Math.min(options.workers ?? Math.min(availableParallelism(), 4), paths.length));
  const script = workerScript();
  if (!script || paths.length < MIN_FILES_FOR_WORKERS || count < 2) return parseHere(paths, options.onFile);

  const results: ParsedFile[] = new Array(paths.length);
  let next = 0;
  let done = 0;
  return new Promise<ParsedFile[]>((resolve) => {
    const workers = new Set<Worker>();
    const record = (id: number, file: ParsedFile) => {
      if (results[id]) return;
      results[id] = file;
      options.onFile?.(file);
      if (++done === paths.length) {
        for (const w of workers) void w.terminate();
        resolve(results);
      }
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(script, { execArgv: script.endsWith('.ts') ? ['--import', 'tsx'] : [] });
      workers.add(w);
      let current = -1;
      const feed = () => {
        current = next < paths.length ? next++ : -1;
        if (current >= 0) w.postMessage({ id: current, path: paths[current] } satisfies ParseJob);
      };
      w.on('message', (m: ParseReply | { ready: true }) => {
        if (!('ready' in m)) record(m.id, fromReply(paths[m.id], m));
        feed();
      });
      // A worker that dies (out of memory, a crash) must not lose files: its job, and everything left once
      // no worker is alive, is parsed on this thread.
      const lost = () => {
        if (!workers.delete(w)) return;
        if (current >= 0) record(current, parseOneHere(paths[current]));
        if (workers.size === 0) while (next < paths.length) record(next, parseOneHere(paths[next++]));
      };
      w.on('error', lost);
      w.on('exit', lost);
    }
  });
}

function fromReply(path: string, m: ParseReply): ParsedFile {
  if ('error' in m) return { path, error: m.error };
  return {
    path,
    parsed: {
      text: m.text,
      lines: new LineIndex(m.text),
      ast: m.ast as SourceUnit | null,
      syntaxErrors: m.syntaxErrors as SyntaxProblem[],
      recovered: m.recovered,
    },
  };
}

async function parseHere(paths: string[], onFile?: (f: ParsedFile) => void): Promise<ParsedFile[]> {
  const out: ParsedFile[] = [];
  for (const path of paths) {
    let file: ParsedFile;
    try {
      file = { path, parsed: parseSource(await readFile(path, 'utf8')) };
    } catch (err) {
      file = { path, error: (err as Error).message };
    }
    out.push(file);
    onFile?.(file);
  }
  return out;
}

function parseOneHere(path: string): ParsedFile {
  try {
    const text = readFileSync(path, 'utf8');
    return { path, parsed: parseSource(text) };
  } catch (err) {
    return { path, error: (err as Error).message };
  }
}

/** The worker's entry: next to the bundle (dist/server/, or dist/ for the CLI) or, from source, the .ts file. */
function workerScript(): string | null {
  for (const p of [join(__dirname, 'parse-worker.js'), join(__dirname, 'server', 'parse-worker.js'), join(__dirname, 'parse-worker.ts')]) {
    if (existsSync(p)) return p;
  }
  return null;
}
