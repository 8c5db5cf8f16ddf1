// What loading a pack costs when the pack has not changed, remembered on disk (the shared result cache, own
// namespaces) by engine build and pack text, so that a process whose files all come from the result cache starts
// without parsing YAML, validating against the schema or compiling patterns:
// - whether each finding compiles, by definitions: a later load reports exactly the problems it reported before,
//   and defers compiling the findings that were fine until a file actually needs matching (engine/compile.ts
//   `deferCompile`); compiling parses every pattern, most of what loading costs;
// - the whole load (pack info, finding definitions, problems), by file path and text, for packs whose result
//   depends on nothing else (no finding names a `tests` file, whose checks look at the file system).
// Off unless a front end turns it on (`usePackCompileCache`), and never from the TypeScript sources, whose
// changes do not change the engine id.
import { compileFinding, deferCompile } from '../engine/compile';
import { PatternError, type Finding, type FindingDefinition, type PackInfo } from '../engine/finding';
import { currentEngineId, ResultCache } from '../engine/result-cache';
import type { LoadedPack, PackProblem } from './types';

/** Bumped when the shape of an entry changes. */
const FORMAT = 'compile-v1';
const LOAD_FORMAT = 'pack-load-v1';

type Verdict = null | { message: string; path?: Array<string | number>; offset?: number };
interface LoadEntry {
  info: PackInfo;
  definitions: FindingDefinition[];
  problems: PackProblem[];
  drafts?: LoadedPack['drafts'];
}

let cache: ResultCache<Verdict[]> | null = null;
let loads: ResultCache<LoadEntry> | null = null;

/** Turns both caches on (in this folder) or off (undefined). `engine`: for tests, which run from source. */
export function usePackCompileCache(dir: string | undefined, engine = currentEngineId()): void {
  const on = !!dir && engine !== 'source';
  cache = on ? new ResultCache(dir, FORMAT, isEntry, engine) : null;
  loads = on ? new ResultCache(dir, LOAD_FORMAT, isLoadEntry, engine) : null;
}

/** `load(text, file)` (loadPackText), or what it returned for the same file and text before. */
export function loadPackCached(text: string, file: string, load: (text: string, file: string) => LoadedPack): LoadedPack {
  const key = loads?.keyOf(file, text);
  const hit = key ? loads!.get(key) : undefined;
  if (hit)
    return {
      info: hit.info,
      findings: hit.definitions.map((d) => deferCompile(d, hit.info)),
      problems: hit.problems,
      ...(hit.drafts?.length ? { drafts: hit.drafts } : {}),
    };
  const loaded = load(text, file);
  // Conservative: any mention of a `tests` key, even in a description, and the load is not remembered.
  if (key && !/["']?\btests["']?\s*:/.test(text)) {
    const definitions = loaded.findings.map(({ pack: _pack, compiled: _compiled, ...def }) => def);
    loads!.set(key, { info: loaded.info, definitions, problems: loaded.problems, ...(loaded.drafts ? { drafts: loaded.drafts } : {}) });
  }
  return loaded;
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
      out.map(
        (r): Verdict =>
          r instanceof PatternError
            ? { message: r.message, path: r.path, ...(r.offset !== undefined ? { offset: r.offset } : {}) }
            : r instanceof Error
              ? { message: r.message }
              : null,
      ),
    );
  }
  return out;
}

function isLoadEntry(x: unknown): x is LoadEntry {
  const e = x as Partial<LoadEntry> | null;
  return !!e && !!e.info && typeof e.info.name === 'string' && typeof e.info.file === 'string' && Array.isArray(e.definitions) && Array.isArray(e.problems);
}

function isEntry(x: unknown): x is Verdict[] {
  return Array.isArray(x) && x.every((v) => v === null || (typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string'));
}
