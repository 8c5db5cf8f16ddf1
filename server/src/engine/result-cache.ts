// The content-keyed on-disk cache of per-file results, one implementation for the CLI (project/scan-cache.ts) and the
// language server (project/analysis-cache.ts), so that a re-run or a restart on unchanged code costs a hash per file
// instead of a parse and a match. A key is the SHA-256 of the file's text salted with the engine build, the
// finding definitions that produced the result and a namespace: the CLI matches only the active findings and
// stores suppressed occurrences, the server matches every finding in scope and stores suppression comments, so
// each front end has its own namespace folder and the two never read each other's entries. The file's path is
// not part of the key, so a moved file or a second checkout hits too.
// Entries are written atomically (writeFileAtomic without fsync: losing an entry in a crash only costs speed);
// an entry that is unreadable or fails the caller's shape check is a miss, and the fresh result overwrites it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from './finding';
import { definitionOf } from './compile';
import { writeFileAtomic } from '../shared/atomic-write';

/** `$HINDSIGHT_CACHE_DIR`, else `$XDG_CACHE_HOME/hindsight`, else `~/.cache/hindsight`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HINDSIGHT_CACHE_DIR) return env.HINDSIGHT_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'hindsight');
}

/**
 * Identity of the running engine: the hash of the bundle this code runs from (dist/cli.js, dist/server/server.js),
 * so any rebuild invalidates; from the TypeScript sources (tests), 'source'.
 */
let engineId: string | undefined;
export function currentEngineId(): string {
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

// Findings are immutable once loaded: their definition hashes are computed once, however many files ask.
const definitionHashes = new WeakMap<Finding, string>();
function definitionHash(f: Finding): string {
  let h = definitionHashes.get(f);
  if (h === undefined) {
    h = createHash('sha256')
      .update(JSON.stringify(definitionOf(f)))
      .digest('hex');
    definitionHashes.set(f, h);
  }
  return h;
}

/** Hash of the definitions (packs included) of these findings, in order. */
export function findingsHash(findings: readonly Finding[]): string {
  const h = createHash('sha256');
  for (const f of findings) h.update(definitionHash(f)).update('\0');
  return h.update(String(findings.length)).digest('hex');
}

export class ResultCache<T> {
  private readonly root: string;

  /**
   * `namespace` names the entry format (bump it when the shape changes); `isEntry` checks what is read back.
   * `engine` defaults to the running bundle's hash.
   */
  constructor(
    dir: string,
    private readonly namespace: string,
    private readonly isEntry: (x: unknown) => x is T,
    private readonly engine = currentEngineId(),
  ) {
    this.root = join(dir, namespace);
  }

  /** The key of `text` analysed with these findings (`findingsHash`). */
  keyOf(findingsKey: string, text: string): string {
    return createHash('sha256')
      .update(this.engine)
      .update('\0')
      .update(this.namespace)
      .update('\0')
      .update(findingsKey)
      .update('\0')
      .update(text)
      .digest('hex');
  }

  private pathOf(key: string): string {
    return join(this.root, key.slice(0, 2), `${key.slice(2)}.json`);
  }

  /** The entry under `key`, or undefined (miss, unreadable or corrupt entry). Never throws. */
  get(key: string): T | undefined {
    let entry: unknown;
    try {
      entry = JSON.parse(readFileSync(this.pathOf(key), 'utf8'));
    } catch {
      return undefined;
    }
    const e = entry as { format?: unknown; value?: unknown } | null;
    if (!e || e.format !== this.namespace || !this.isEntry(e.value)) return undefined;
    return e.value;
  }

  /** Never throws: a read-only or full cache folder only costs speed. */
  set(key: string, value: T): void {
    try {
      writeFileAtomic(this.pathOf(key), JSON.stringify({ format: this.namespace, value }), { durable: false });
    } catch {
      // see above
    }
  }
}
