// Whether each finding of a pack compiles, remembered on disk (the shared result cache, its own namespace) by
// engine build and definitions: a process that loads an unchanged pack again reports exactly the problems it
// reported before, and defers compiling the findings that were fine until a file actually needs matching
// (engine/compile.ts `deferCompile`). Compiling parses every pattern, which is most of what starting costs when
// every file comes from the result cache. Off unless a front end turns it on (`usePackCompileCache`), and never
// from the TypeScript sources, whose changes do not change the engine id.
import { compileFinding, deferCompile } from '../engine/compile';
import { PatternError, type Finding, type FindingDefinition, type PackInfo } from '../engine/finding';
import { currentEngineId, ResultCache } from '../shared/result-cache';

/** Bumped when the shape of an entry changes. */
const FORMAT = 'compile-v1';

type Verdict = null | { message: string; path?: Array<string | number>; offset?: number };

let cache: ResultCache<Verdict[]> | null = null;

/** Turns the verdict cache on (in this folder) or off (undefined). `engine`: for tests, which run from source. */
export function usePackCompileCache(dir: string | undefined, engine = currentEngineId()): void {
  cache = dir && engine !== 'source' ? new ResultCache(dir, FORMAT, isEntry, engine) : null;
}

/** Each definition compiled (or deferred, when known to compile), or the error compiling it raises. */
export function compileDefinitions(defs: readonly FindingDefinition[], info: PackInfo): Array<Finding | Error> {
  const key = cache?.keyOf('', JSON.stringify(defs));
  const known = key ? cache!.get(key) : undefined;
  if (known && known.length === defs.length) {
    return defs.map((def, i) => {
      const v = known[i];
      if (v === null) return deferCompile(def, info);
      return v.path ? new PatternError(v.message, v.path, v.offset) : new Error(v.message);
    });
  }
  const out = defs.map((def): Finding | Error => {
    try {
      return compileFinding(def, info);
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  });
  if (key) {
    cache!.set(
      key,
      out.map((r): Verdict => (r instanceof PatternError ? { message: r.message, path: r.path, ...(r.offset !== undefined ? { offset: r.offset } : {}) } : r instanceof Error ? { message: r.message } : null)),
    );
  }
  return out;
}

function isEntry(x: unknown): x is Verdict[] {
  return Array.isArray(x) && x.every((v) => v === null || (typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string'));
}
