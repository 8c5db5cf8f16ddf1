// The CLI's view of the shared on-disk result cache (../engine/result-cache.ts): entries are keyed by the active
// findings (after --min-severity / --min-confidence, so changing them misses) and hold what a FileResult needs
// (occurrences kept, syntax errors, occurrences silenced by comments).
import type { Finding } from '../engine';
import { ResultCache, findingsHash } from '../engine/result-cache';
import type { FileResult } from './scan-report';

export { defaultCacheDir } from '../engine/result-cache';

/** Bumped when the shape of an entry changes. */
const FORMAT = 'scan-v2';

type Entry = Pick<FileResult, 'occurrences' | 'syntaxErrors' | 'suppressed'>;

export class ScanCache {
  private readonly cache: ResultCache<Entry>;
  private readonly findingsKey: string;

  /** `findings`: the active ones (after severity/confidence filtering), whose definitions key every entry. */
  constructor(dir: string, findings: Finding[], engine?: string) {
    this.cache = new ResultCache(dir, FORMAT, isEntry, engine);
    this.findingsKey = findingsHash(findings);
  }

  /** The cached result for this content of `file`, or undefined (miss, unreadable or corrupt entry). */
  lookup(file: string, text: string): FileResult | undefined {
    const e = this.cache.get(this.cache.keyOf(this.findingsKey, text));
    return e && { file, occurrences: e.occurrences, syntaxErrors: e.syntaxErrors, suppressed: e.suppressed };
  }

  /** Records the fresh result of scanning `text`. Errors and skipped files are never cached. Never throws. */
  store(text: string, result: FileResult): void {
    if (result.error || result.skipped) return;
    const { occurrences, syntaxErrors, suppressed } = result;
    this.cache.set(this.cache.keyOf(this.findingsKey, text), { occurrences, syntaxErrors, suppressed });
  }
}

function isEntry(x: unknown): x is Entry {
  const e = x as Record<string, unknown> | null;
  return !!e && Array.isArray(e.occurrences) && Array.isArray(e.syntaxErrors) && Array.isArray(e.suppressed);
}
