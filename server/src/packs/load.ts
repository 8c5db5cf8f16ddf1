// Loading findings packs: YAML or JSON data, validated against pack.schema.json, each finding compiled by the
// engine. Never throws: every problem becomes a PackProblem with file and 0-based range, and one bad finding
// is reported and skipped while the rest of the pack loads. Nothing in a pack is executed, required or fetched:
// the YAML is read with the core schema (no custom tags), aliases are capped by `yaml` itself, and test files
// are only ever read as text.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { gt, valid } from 'semver';
import { PatternError, type Finding, type FindingDefinition, type PackInfo } from '../engine/finding';
import type { Range } from '../engine/types';
import { deferCompile } from '../engine/compile';
import { currentEngineId } from '../engine/result-cache';
import { compileDefinitions, loadPackCached } from './compile-verdicts';
import { PRECOMPILED_FILE, precompiledLoader, readPrecompiled } from './precompiled';
import { describeSchemaErrors, validatePackData } from './schema';
import { broadMessage, broadPattern } from './breadth';
import { PackSource, yamlErrorHint, type DataPath } from './yaml-source';

import type { LoadedPack, PackProblem } from './types';

export type { LoadedPack, PackProblem };

export const PACK_FILES = ['pack.yaml', 'pack.yml', 'pack.json'] as const;
export const LIMITS = {
  fileBytes: 2 * 1024 * 1024,
  findings: 2000,
  nestingDepth: 32,
  metavariables: 64,
  patternLength: 10_000,
} as const;

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * `path` is a pack folder or its pack.yaml / pack.json. `shipped`: a pack that ships with this engine (the
 * built-in ones), whose findings all compile (builtin-pack.test.ts compiles every one): compiling its patterns waits
 * until a file needs matching, so a language server's main thread does not load the parser for them before a scan
 * whose files its workers match. `precompiled`: the pack as the build froze it (precompiled.ts), for its exact text.
 */
export function loadPack(
  path: string,
  { shipped = false, precompiled }: { shipped?: boolean; precompiled?: (text: string, file: string) => LoadedPack | undefined } = {},
): LoadedPack {
  const abs = resolve(path);
  let file = abs;
  try {
    if (statSync(abs).isDirectory()) {
      const found = PACK_FILES.map((f) => join(abs, f)).find((f) => existsSync(f));
      if (!found) return failed(abs, join(abs, PACK_FILES[0]), `No pack file in ${abs}: expected ${PACK_FILES.join(', ')}`);
      file = found;
    }
    const size = statSync(file).size;
    if (size > LIMITS.fileBytes) {
      return failed(dirname(file), file, `Pack file is ${formatBytes(size)}; the limit is ${formatBytes(LIMITS.fileBytes)}`);
    }
    const text = readFileSync(file, 'utf8');
    return precompiled?.(text, file) ?? loadPackCached(text, file, (t, at) => loadPackText(t, at, { shipped }));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const msg = e.code === 'ENOENT' ? `Pack not found: ${abs}` : `Cannot read pack ${file}: ${e.message}`;
    return failed(dirname(file), file, msg);
  }
}

/** Loads a pack from text (e.g. a pack.yaml open in the editor, possibly unsaved). `file` is its absolute path. */
export function loadPackText(text: string, file: string, { shipped = false }: { shipped?: boolean } = {}): LoadedPack {
  const absFile = resolve(file);
  const dir = dirname(absFile);
  const problems: PackProblem[] = [];
  const info: PackInfo = { name: basename(dir), version: '0.0.0', dir, file: absFile };
  const findings: Finding[] = [];
  if (text.length > LIMITS.fileBytes) {
    problems.push(problem(absFile, ZERO, `Pack file is ${formatBytes(text.length)}; the limit is ${formatBytes(LIMITS.fileBytes)}`));
    return { info, findings, problems };
  }
  const src = PackSource.parse(text);
  const report = (path: DataPath, message: string, findingId?: string, severity: PackProblem['severity'] = 'error', range?: Range) =>
    problems.push({ file: absFile, range: range ?? src.rangeOf(path), severity, message, ...(findingId ? { findingId } : {}) });

  // A YAML error costs only the finding it is in: what parsed around it is still validated and compiled, so
  // that one run shows every problem of the file (not one round per YAML error).
  const yamlBroken = new Set<number>();
  const yamlLines: Array<[number, number]> = [];
  for (const e of src.doc.errors) {
    const hint = yamlErrorHint(e.code, text, e.pos[0]);
    const range = src.range(e.pos[0], e.pos[1]);
    problems.push(problem(absFile, range, `YAML: ${firstLine(e.message)}${hint ? ` (${hint})` : ''}`));
    yamlLines.push([range.start.line, range.end.line]);
    const idx = src.itemAt('findings', e.pos[0]);
    if (idx !== undefined) yamlBroken.add(idx);
  }
  for (const w of src.doc.warnings) {
    problems.push({ ...problem(absFile, src.range(w.pos[0], w.pos[1]), `YAML: ${firstLine(w.message)}`), severity: 'warning' });
  }
  const nearYamlError = (r: Range) => yamlLines.some(([a, b]) => r.start.line <= b && r.end.line >= a);

  let data: unknown;
  try {
    data = src.data();
  } catch (err) {
    problems.push(problem(absFile, ZERO, `YAML: ${(err as Error).message}`));
    return { info, findings, problems };
  }
  if (!isRecord(data)) {
    problems.push(problem(absFile, src.rangeOf([]), 'A pack must be a mapping with name, version and findings'));
    return { info, findings, problems };
  }
  if (typeof data.name === 'string') info.name = data.name;
  if (typeof data.version === 'string') info.version = data.version;
  if (typeof data.description === 'string') info.description = data.description;

  const rawFindings = Array.isArray(data.findings) ? (data.findings as unknown[]) : [];
  if (rawFindings.length > LIMITS.findings) {
    report(['findings'], `A pack may hold at most ${LIMITS.findings} findings; this one has ${rawFindings.length}`);
    return { info, findings, problems };
  }

  // Schema errors inside a finding disable only that finding; errors elsewhere are reported, and the findings
  // that are fine still load, so a typo in `changelog` never silences a pack.
  const badFindings = new Set<number>(yamlBroken);
  const errors = validatePackData(data);
  // A broken monitor leaves the findings alone, but `hindsight monitor` runs none of the pack's monitors.
  let monitorsBroken = false;
  for (const d of describeSchemaErrors(errors, data)) {
    if (d.path[0] === 'monitors') monitorsBroken = true;
    const idx = d.path[0] === 'findings' && d.path.length > 1 ? Number(d.path[1]) : -1;
    if (idx >= 0) badFindings.add(idx);
    const id = idx >= 0 ? findingIdOf(rawFindings[idx]) : undefined;
    const range = d.key !== undefined ? src.rangeOfKey(d.path, d.key) : src.rangeOf(d.path);
    // The YAML error already explains a finding it broke, and what it left of the lines around it.
    if (yamlBroken.has(idx) || nearYamlError(range)) continue;
    report(d.path, d.message, id, 'error', range);
  }

  const seen = new Map<string, number>();
  const drafts: Array<{ id: string; reason: string }> = [];
  const toCompile: Array<{ def: FindingDefinition; path: DataPath }> = [];
  rawFindings.forEach((raw, i) => {
    const path: DataPath = ['findings', i];
    const id = findingIdOf(raw);
    if (id !== undefined) {
      const first = seen.get(id);
      if (first !== undefined) {
        const line = src.rangeOf(['findings', first, 'id']).start.line + 1;
        report([...path, 'id'], `Duplicate finding id ${id} (first defined on line ${line}); this one is skipped`, id);
        return;
      }
      seen.set(id, i);
    }
    if (badFindings.has(i) || !isRecord(raw)) return;
    // A draft is the reviewer's to finish: it is listed, never compiled or run.
    if (typeof raw.draft === 'string' && id !== undefined) {
      drafts.push({ id, reason: raw.draft });
      return;
    }
    const def = raw as unknown as FindingDefinition;
    if (!checkLimits(def, (p, m) => report([...path, ...p], m, def.id))) return;
    const broad = broadPattern(def.match);
    if (broad) {
      report([...path, ...broad.path], broadMessage(def.id, broad), def.id);
      return;
    }
    if (!checkTestsPath(def, dir, (p, m, sev) => report([...path, ...p], m, def.id, sev))) return;
    toCompile.push({ def, path });
  });
  const compiled = shipped
    ? toCompile.map((c) => deferCompile(c.def, info))
    : compileDefinitions(
        toCompile.map((c) => c.def),
        info,
      );
  toCompile.forEach(({ def, path }, k) => {
    const r = compiled[k];
    if (!(r instanceof Error)) findings.push(r);
    else if (r instanceof PatternError) {
      const at: DataPath = [...path, ...r.path];
      const range = r.offset !== undefined ? src.rangeInString(at, r.offset) : src.rangeOf(at);
      report(at, `${def.id}: ${r.message}`, def.id, 'error', range);
    } else {
      report(path, `${def.id}: could not compile this finding: ${r.message ?? String(r)}`, def.id);
    }
  });
  checkChangelog(data, info.version, rawFindings, (path, m) => report(path, m, undefined, 'warning'));
  problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const monitors = Array.isArray(data.monitors) && !monitorsBroken ? data.monitors : undefined;
  return { info, findings, problems, ...(drafts.length ? { drafts } : {}), ...(monitors ? { monitors } : {}) };
}

/**
 * Packs shipped with the extension: server/packs/<name>/pack.yaml under the package root. Found by walking up
 * from this module, so it works from the TypeScript sources (tsx) and from the dist/ bundles alike.
 */
export function loadBuiltinPacks(): LoadedPack[] {
  const root = findExtensionRoot();
  if (!root) return [];
  const packsDir = join(root, 'server', 'packs');
  let names: string[] = [];
  try {
    names = readdirSync(packsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
  const precompiled = precompiledLoader(readPrecompiled(join(root, 'dist', PRECOMPILED_FILE)), currentEngineId());
  return names.filter((n) => PACK_FILES.some((f) => existsSync(join(packsDir, n, f)))).map((n) => loadPack(join(packsDir, n), { shipped: true, precompiled }));
}

const PACKAGE_NAMES = new Set(['hindsight-solidity', 'hindsight']);

/**
 * The folder whose package.json is Hindsight's, walking up from this module; undefined if none. The npm package
 * is `hindsight-solidity`; the .vsix renames it `hindsight` to keep the extension id (vsix.mjs).
 */
export function findExtensionRoot(from: string = __dirname): string | undefined {
  let dir = resolve(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (PACKAGE_NAMES.has(String((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name))) return dir;
      } catch {
        // an unreadable package.json on the way up is not ours
      }
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Absolute path of a finding's test file (default tests/<id>.sol). */
export function testFileOf(finding: Pick<FindingDefinition, 'id' | 'tests'>, packDir: string): string {
  return resolve(packDir, finding.tests ?? join('tests', `${finding.id}.sol`));
}

/** A changelog naming findings the pack does not have, or versions newer than the pack, is probably stale. */
function checkChangelog(data: Record<string, unknown>, version: string, findings: unknown[], warn: (path: DataPath, message: string) => void): void {
  if (!Array.isArray(data.changelog)) return;
  const ids = new Set(findings.map(findingIdOf).filter((x): x is string => Boolean(x)));
  data.changelog.forEach((entry, i) => {
    if (!isRecord(entry)) return;
    if (typeof entry.version === 'string' && valid(entry.version) && valid(version) && gt(entry.version, version)) {
      warn(['changelog', i, 'version'], `Changelog entry ${entry.version} is newer than the pack version ${version}`);
    }
    for (const key of ['added', 'changed'] as const) {
      const list = entry[key];
      if (!Array.isArray(list)) continue;
      list.forEach((id, j) => {
        if (key === 'added' && typeof id === 'string' && /^[A-Z]/.test(id) && !ids.has(id)) {
          warn(['changelog', i, key, j], `Changelog says ${id} was added, but the pack has no finding ${id}`);
        }
      });
    }
  });
}

function checkLimits(def: FindingDefinition, report: (path: DataPath, message: string) => void): boolean {
  let ok = true;
  const depth = (node: unknown, path: DataPath, level: number): void => {
    if (!ok || !isRecord(node)) return;
    if (level > LIMITS.nestingDepth) {
      report(path, `Match nesting is deeper than ${LIMITS.nestingDepth} levels`);
      ok = false;
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      if (Array.isArray(v)) v.forEach((item, i) => depth(item, [...path, k, i], level + 1));
      else if (isRecord(v)) depth(v, [...path, k], level + 1);
    }
  };
  depth(def.match, ['match'], 1);
  if (!ok) return false;
  const names = new Set<string>();
  const collect = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(/\$[A-Z][A-Za-z0-9_]*/g)) names.add(m[0]);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (isRecord(v)) Object.values(v).forEach(collect);
  };
  collect(def.match);
  collect(def.focus);
  collect(def.fix);
  if (names.size > LIMITS.metavariables) {
    report(['match'], `${def.id} uses ${names.size} metavariables; the limit is ${LIMITS.metavariables}`);
    return false;
  }
  return true;
}

/** `tests` must name a file inside the pack folder, even after following symlinks. */
function checkTestsPath(
  def: FindingDefinition,
  packDir: string,
  report: (path: DataPath, message: string, severity: PackProblem['severity']) => void,
): boolean {
  if (def.tests === undefined) return true;
  const t = def.tests;
  if (isAbsolute(t) || /^[a-zA-Z]:[\\/]/.test(t) || t.startsWith('\\')) {
    report(['tests'], `tests must be a path relative to the pack folder, not an absolute path: ${t}`, 'error');
    return false;
  }
  if (escapes(packDir, resolve(packDir, t))) {
    report(['tests'], `tests must stay inside the pack folder: ${t} points outside it`, 'error');
    return false;
  }
  const abs = resolve(packDir, t);
  if (existsSync(abs)) {
    try {
      if (escapes(realpathSync(packDir), realpathSync(abs))) {
        report(['tests'], `tests must stay inside the pack folder: ${t} is a link to a file outside it`, 'error');
        return false;
      }
    } catch {
      // unreadable: the pack test runner reports it when it tries to read the file
    }
  }
  return true;
}

function escapes(dir: string, target: string): boolean {
  const rel = relative(dir, target);
  return rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

function findingIdOf(raw: unknown): string | undefined {
  return isRecord(raw) && typeof raw.id === 'string' ? raw.id : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function problem(file: string, range: Range, message: string): PackProblem {
  return { file, range, severity: 'error', message };
}

function failed(dir: string, file: string, message: string): LoadedPack {
  return { info: { name: basename(dir), version: '0.0.0', dir, file }, findings: [], problems: [problem(file, ZERO, message)] };
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
