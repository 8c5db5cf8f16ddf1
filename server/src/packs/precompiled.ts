// The built-in packs as loaded at build time (esbuild.mjs writes dist/builtin-packs.json next to the bundles): a
// process then starts without parsing their YAML, compiling and running the JSON Schema, or parsing their patterns
// (about half a second of CPU for the built-in catalogue, paid by every CLI run and every server start).
// It is data the build made from the packs shipped with it, trusted as far as the bundle is, and used only:
// - by the bundles of that same build (engine id: a rebuild, `esbuild --watch`, the TypeScript sources do not);
// - for the exact text it was made from (sha256 of pack.yaml): an edited pack loads from its YAML as before.
// Anything that does not fit (no file, an unreadable or older format, a pack with problems) falls back to the YAML.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { compileFinding, deferCompile } from '../engine/compile';
import type { FindingDefinition, PackInfo } from '../engine/finding';
import { parsedPatternsSnapshot, seedParsedPatterns, type ParsedPattern } from '../engine/pattern/parse-pattern';
import type { LoadedPack } from './types';

/** Written next to the bundles (dist/) by the build. */
export const PRECOMPILED_FILE = 'builtin-packs.json';
/** Bumped when the shape changes: an older file is then ignored. */
const FORMAT = 'builtin-packs-v1';

interface PrecompiledPack {
  /** The pack's folder name under server/packs. */
  folder: string;
  sha256: string;
  info: Pick<PackInfo, 'name' | 'version' | 'description'>;
  definitions: FindingDefinition[];
  drafts?: LoadedPack['drafts'];
  monitors?: LoadedPack['monitors'];
}

export interface Precompiled {
  format: string;
  /** Engine ids (currentEngineId) of the bundles built with this file. */
  engines: string[];
  packs: PrecompiledPack[];
  /** Every pattern of these packs, parsed: seeded into the parser's cache, so compiling them skips the parser. */
  patterns: Array<[string, ParsedPattern]>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The precompiled form of packs loaded from their YAML (`load`, the ordinary loader, with `shipped`): each
 * finding is compiled here once, so a pack whose findings do not all compile, or that has any problem, is left
 * out (it loads from its YAML, and reports them, at run time).
 */
export function precompile(packs: Array<{ file: string; text: string; load: () => LoadedPack }>, engines: string[]): Precompiled {
  const out: Precompiled = { format: FORMAT, engines, packs: [], patterns: [] };
  for (const { file, text, load } of packs) {
    const loaded = load();
    // A finding's `tests` file is checked on the file system where the pack is loaded: such a pack is not frozen.
    if (loaded.problems.length || loaded.findings.some((f) => f.tests !== undefined)) continue;
    try {
      for (const f of loaded.findings) compileFinding(f, f.pack);
    } catch {
      continue;
    }
    const { name, version, description } = loaded.info;
    out.packs.push({
      folder: basename(dirname(file)),
      sha256: sha256(text),
      info: { name, version, ...(description !== undefined ? { description } : {}) },
      definitions: loaded.findings.map(({ pack: _pack, compiled: _compiled, ...def }) => def),
      ...(loaded.drafts ? { drafts: loaded.drafts } : {}),
      ...(loaded.monitors ? { monitors: loaded.monitors } : {}),
    });
  }
  out.patterns = parsedPatternsSnapshot();
  return out;
}

/**
 * A loader of built-in packs from `data` for a process whose engine is `engine`: given a pack file and its text,
 * the pack as the YAML loader would return it, or undefined when `data` does not hold this exact text for this
 * engine. The parsed patterns are seeded on the first pack served.
 */
export function precompiledLoader(data: Precompiled | undefined, engine: string): (text: string, file: string) => LoadedPack | undefined {
  const usable = !!data && data.format === FORMAT && Array.isArray(data.engines) && data.engines.includes(engine) && wellFormed(data);
  let seeded = false;
  return (text, file) => {
    if (!usable) return undefined;
    const folder = basename(dirname(file));
    const entry = data.packs.find((p) => p.folder === folder);
    if (!entry || entry.sha256 !== sha256(text)) return undefined;
    if (!seeded) {
      seeded = true;
      seedParsedPatterns(data.patterns);
    }
    // Built like loadPackText builds it (key order included: reports print the pack info).
    const abs = resolve(file);
    const info: PackInfo = { name: entry.info.name, version: entry.info.version, dir: dirname(abs), file: abs };
    if (entry.info.description !== undefined) info.description = entry.info.description;
    return {
      info,
      findings: entry.definitions.map((d) => deferCompile(d, info)),
      problems: [],
      ...(entry.drafts?.length ? { drafts: entry.drafts } : {}),
      ...(entry.monitors ? { monitors: entry.monitors } : {}),
    };
  };
}

/** The shape the loader relies on (a damaged file of this very build must fall back, not break the pack). */
function wellFormed(data: Precompiled): boolean {
  const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  return (
    Array.isArray(data.packs) &&
    data.packs.every(
      (p) =>
        isObject(p) &&
        typeof p.folder === 'string' &&
        typeof p.sha256 === 'string' &&
        isObject(p.info) &&
        typeof p.info.name === 'string' &&
        typeof p.info.version === 'string' &&
        Array.isArray(p.definitions) &&
        p.definitions.every((d) => isObject(d) && typeof d.id === 'string'),
    ) &&
    Array.isArray(data.patterns) &&
    data.patterns.every((e) => Array.isArray(e) && typeof e[0] === 'string' && isObject(e[1]) && typeof e[1].kind === 'string' && Array.isArray(e[1].nodes))
  );
}

/** The precompiled file at `path`, or undefined (absent, unreadable, not JSON). Never throws. */
export function readPrecompiled(path: string): Precompiled | undefined {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as Precompiled;
    return data && typeof data === 'object' ? data : undefined;
  } catch {
    return undefined;
  }
}
