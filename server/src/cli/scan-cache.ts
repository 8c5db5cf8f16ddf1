// On-disk cache of per-file scan results, so a CI re-run or a second `hindsight scan` of unchanged code costs a
// hash per file instead of a parse and a match. An entry is keyed by the file's content, the active findings
// (their definitions and packs, so editing a pack or changing --min-severity invalidates) and the engine build;
// the file's path is not part of the key, so a moved file or a second checkout hits too. Entries are written
// atomically (temp file + rename); an entry that does not read back as a result is ignored and rewritten.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Finding } from '../engine';
import type { FileResult } from './run-scan';

/** Bumped when the shape of an entry changes. */
const FORMAT = 'scan-v1';

/** `$HINDSIGHT_CACHE_DIR`, else `$XDG_CACHE_HOME/hindsight`, else `~/.cache/hindsight`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HINDSIGHT_CACHE_DIR) return env.HINDSIGHT_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'hindsight');
}

/**
 * Identity of the running engine: the hash of the bundle this code runs from (dist/cli.js), so any rebuild
 * invalidates; from the TypeScript sources (tests), the caller's key and the format only.
 */
let engineId: string | undefined;
function currentEngineId(): string {
  if (engineId === undefined) {
    let id = 'source';
    if (__filename.endsWith('.js')) {
      try {
        id = createHash('sha256').update(readFileSync(__filename)).digest('hex');
      } catch {
        id = `unreadable:${__filename}`;
      }
    }
    engineId = id;
  }
  return engineId;
}

export class ScanCache {
  private readonly root: string;
  private readonly salt: string;

  /** `findings`: the active ones (after severity/confidence filtering), whose definitions key every entry. */
  constructor(dir: string, findings: Finding[], engine = currentEngineId()) {
    this.root = join(dir, FORMAT);
    const defs = findings.map(({ compiled: _compiled, ...def }) => def);
    this.salt = createHash('sha256').update(engine).update('\0').update(JSON.stringify(defs)).digest('hex');
  }

  private keyOf(text: string): string {
    return createHash('sha256').update(this.salt).update('\0').update(text).digest('hex');
  }

  private pathOf(key: string): string {
    return join(this.root, key.slice(0, 2), `${key.slice(2)}.json`);
  }

  /** The cached result for this content of `file`, or undefined (miss, unreadable or corrupt entry). */
  lookup(file: string, text: string): FileResult | undefined {
    let entry: unknown;
    try {
      entry = JSON.parse(readFileSync(this.pathOf(this.keyOf(text)), 'utf8'));
    } catch {
      return undefined;
    }
    if (!isEntry(entry)) return undefined;
    return { file, occurrences: entry.occurrences, syntaxErrors: entry.syntaxErrors, suppressed: entry.suppressed };
  }

  /** Records the fresh result of scanning `text`. Errors and skipped files are never cached. Never throws. */
  store(text: string, result: FileResult): void {
    if (result.error || result.skipped) return;
    try {
      const target = this.pathOf(this.keyOf(text));
      const { occurrences, syntaxErrors, suppressed } = result;
      mkdirSync(dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(tmp, JSON.stringify({ format: FORMAT, occurrences, syntaxErrors, suppressed }));
      try {
        renameSync(tmp, target);
      } catch {
        rmSync(tmp, { force: true });
      }
    } catch {
      // A read-only or full cache folder only costs speed.
    }
  }
}

function isEntry(x: unknown): x is Pick<FileResult, 'occurrences' | 'syntaxErrors' | 'suppressed'> {
  const e = x as Record<string, unknown> | null;
  return !!e && e.format === FORMAT && Array.isArray(e.occurrences) && Array.isArray(e.syntaxErrors) && Array.isArray(e.suppressed);
}
