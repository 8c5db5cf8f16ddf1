// The language server's entries in the shared on-disk result cache (../engine/result-cache.ts): the Analysis of a
// closed file, so a new server process on the same folder reads hashes instead of parsing. The server matches
// every finding in scope (see analysis.ts), so entries are keyed by those and live in their own namespace, apart
// from the CLI's (which are keyed by the active findings only and hold another shape).
// `HINDSIGHT_NO_CACHE=1` turns it off; `HINDSIGHT_CACHE_DIR` moves it (docs/lsp.md).
import type { Finding } from '../engine/finding';
import { defaultCacheDir, findingsHash, ResultCache } from '../engine/result-cache';
import type { Analysis } from './analysis';

/** Bumped when the shape of an entry changes. */
const FORMAT = 'lsp-v1';

type Entry = Pick<Analysis, 'occurrences' | 'syntaxErrors' | 'suppressions'>;

export class AnalysisCache {
  private readonly disk: ResultCache<Entry> | null;
  private readonly keys = new WeakMap<readonly Finding[], string>();
  /** The cache folder; undefined when turned off. */
  readonly dir: string | undefined;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const off = env.HINDSIGHT_NO_CACHE && env.HINDSIGHT_NO_CACHE !== '0';
    this.dir = off ? undefined : defaultCacheDir(env);
    this.disk = this.dir === undefined ? null : new ResultCache(this.dir, FORMAT, isEntry);
  }

  /**
   * Identity of `text` analysed with `findings`: equal keys mean an equal Analysis, in memory (a warm re-scan
   * skips the file) and on disk.
   */
  keyOf(findings: readonly Finding[], text: string): string {
    let fk = this.keys.get(findings);
    if (fk === undefined) {
      fk = findingsHash(findings);
      this.keys.set(findings, fk);
    }
    // Without a disk cache the key only has to tell texts apart within this process.
    return (this.disk ?? memoryOnly).keyOf(fk, text);
  }

  get(key: string): Analysis | undefined {
    const e = this.disk?.get(key);
    return e && { occurrences: e.occurrences, syntaxErrors: e.syntaxErrors, suppressions: e.suppressions, stale: false };
  }

  /** A stale analysis (last-good findings carried over a broken parse) is never stored. */
  set(key: string, analysis: Analysis): void {
    if (analysis.stale || !this.disk) return;
    const { occurrences, syntaxErrors, suppressions } = analysis;
    this.disk.set(key, { occurrences, syntaxErrors, suppressions });
  }
}

const memoryOnly = new ResultCache<Entry>('', FORMAT, isEntry as (x: unknown) => x is Entry, 'memory');

function isEntry(x: unknown): x is Entry {
  const e = x as Record<string, unknown> | null;
  return !!e && Array.isArray(e.occurrences) && Array.isArray(e.syntaxErrors) && Array.isArray(e.suppressions);
}
