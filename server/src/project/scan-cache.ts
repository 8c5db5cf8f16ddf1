// The CLI's view of the shared on-disk result cache (../engine/result-cache.ts): entries are keyed by the active
// findings (after --min-severity / --min-confidence, so changing them misses) and hold what a FileResult needs
// (occurrences kept, syntax errors, occurrences silenced by comments). A result that semantic filters drew from
// imported files also records those files' hashes, and is a hit only while each still has the same text: the key
// stays the file's own text, and the dependencies are checked on lookup.
import type { Finding } from '../engine';
import { ResultCache, findingsHash } from '../engine/result-cache';
import { dependenciesHold, hashed, type Dependencies, type HashOf } from './dependencies';
import type { FileResult } from './scan-report';

export { defaultCacheDir } from '../engine/result-cache';

/** Bumped when the shape of an entry changes. */
const FORMAT = 'scan-v3';

type Entry = Pick<FileResult, 'occurrences' | 'syntaxErrors' | 'suppressed'> & {
  dependencies?: Dependencies;
};

export class ScanCache {
  private readonly cache: ResultCache<Entry>;
  private readonly findingsKey: string;

  /** `findings`: the active ones (after severity/confidence filtering), whose definitions key every entry. */
  constructor(dir: string, findings: Finding[], engine?: string) {
    this.cache = new ResultCache(dir, FORMAT, isEntry, engine);
    this.findingsKey = findingsHash(findings);
  }

  /**
   * The cached result for this content of `file`, or undefined (miss, unreadable or corrupt entry, or a file it
   * depended on that changed since).
   */
  lookup(file: string, text: string, hashOf?: HashOf): FileResult | undefined {
    const e = this.cache.get(this.cache.keyOf(this.findingsKey, text));
    if (!e) return undefined;
    if (e.dependencies?.length && (!hashOf || !dependenciesHold(e.dependencies, hashOf))) return undefined;
    const deps = e.dependencies?.map(([p]) => p);
    return { file, occurrences: e.occurrences, syntaxErrors: e.syntaxErrors, suppressed: e.suppressed, ...(deps?.length ? { dependencies: deps } : {}) };
  }

  /** Records the fresh result of scanning `text`. Errors and skipped files are never cached. Never throws. */
  store(text: string, result: FileResult, hashOf?: HashOf): void {
    if (result.error || result.skipped) return;
    const { occurrences, syntaxErrors, suppressed } = result;
    const entry: Entry = { occurrences, syntaxErrors, suppressed };
    if (result.dependencies?.length) {
      if (!hashOf) return; // cannot tell later whether they changed
      entry.dependencies = hashed(result.dependencies, hashOf);
    }
    this.cache.set(this.cache.keyOf(this.findingsKey, text), entry);
  }
}

function isEntry(x: unknown): x is Entry {
  const e = x as Record<string, unknown> | null;
  return (
    !!e &&
    Array.isArray(e.occurrences) &&
    Array.isArray(e.syntaxErrors) &&
    Array.isArray(e.suppressed) &&
    (e.dependencies === undefined || (Array.isArray(e.dependencies) && e.dependencies.every((d) => Array.isArray(d) && typeof d[0] === 'string')))
  );
}
