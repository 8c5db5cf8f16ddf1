// The language server's entries in the shared on-disk result cache (../engine/result-cache.ts): the Analysis of a
// closed file, so a new server process on the same folder reads hashes instead of parsing. The server matches
// every finding in scope (see analysis.ts), so entries are keyed by those and live in their own namespace, apart
// from the CLI's (which are keyed by the active findings only and hold another shape). An analysis that semantic
// filters drew from imported files holds their hashes, and is a hit only while each still has the same text (as
// the CLI's scan-cache.ts checks them): the key stays the file's own text and findings.
// `HINDSIGHT_NO_CACHE=1` turns it off; `HINDSIGHT_CACHE_DIR` moves it (docs/lsp.md).
import type { Finding } from '../engine/finding';
import { defaultCacheDir, findingsHash, ResultCache } from '../engine/result-cache';
import type { Analysis } from './analysis';
import { dependenciesHold, type Dependencies, type HashOf } from './dependencies';
import type { DiskAnalysis } from './disk-analysis';

/** Bumped when the shape of an entry changes (v2: analyses made with the imports, and their hashes). */
const FORMAT = 'lsp-v2';

type Entry = Pick<Analysis, 'occurrences' | 'syntaxErrors' | 'suppressions'> & { dependencies?: Dependencies };

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

  /** The stored analysis of `key`, unless a file it drew on (hashed by `hashOf` now) changed since. */
  get(key: string, hashOf: HashOf): DiskAnalysis | undefined {
    const e = this.disk?.get(key);
    if (!e || !dependenciesHold(e.dependencies, hashOf)) return undefined;
    const analysis: Analysis = { occurrences: e.occurrences, syntaxErrors: e.syntaxErrors, suppressions: e.suppressions, stale: false };
    return e.dependencies?.length ? { analysis, dependencies: e.dependencies } : { analysis };
  }

  /** A stale analysis (last-good findings carried over a broken parse) is never stored. */
  set(key: string, { analysis, dependencies }: DiskAnalysis): void {
    if (analysis.stale || !this.disk) return;
    const { occurrences, syntaxErrors, suppressions } = analysis;
    this.disk.set(key, dependencies?.length ? { occurrences, syntaxErrors, suppressions, dependencies } : { occurrences, syntaxErrors, suppressions });
  }
}

const memoryOnly = new ResultCache<Entry>('', FORMAT, isEntry as (x: unknown) => x is Entry, 'memory');

function isEntry(x: unknown): x is Entry {
  const e = x as Record<string, unknown> | null;
  return (
    !!e &&
    Array.isArray(e.occurrences) &&
    Array.isArray(e.syntaxErrors) &&
    Array.isArray(e.suppressions) &&
    (e.dependencies === undefined ||
      (Array.isArray(e.dependencies) &&
        e.dependencies.every((d) => Array.isArray(d) && typeof d[0] === 'string' && (typeof d[1] === 'string' || d[1] === null))))
  );
}
