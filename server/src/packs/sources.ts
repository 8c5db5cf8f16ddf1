// Where packs come from, in precedence order (first wins when two packs share a name):
//   1. built-in packs shipped with Hindsight
//   2. npm packages: `hindsight-pack-*` / `@scope/hindsight-pack-*` in the workspace's node_modules, and
//      packages named in settings or in .hindsight/config.yaml `sources: [{npm}]`
//   3. workspace folders: `.hindsight/packs/*/`, and `sources: [{path}]` of .hindsight/config.yaml
//   4. paths from user settings
//   5. HTTPS URLs pinned by sha256 (`sources: [{url, sha256}]`)
// An npm package is only ever read as data: its package.json `hindsight.pack` field (or a pack.yaml at its root)
// names the pack; no script of the package is run and nothing is `require`d.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Finding } from '../engine/finding';
import type { Range } from '../engine/types';
import { loadBuiltinPacks, loadPack, PACK_FILES, type LoadedPack, type PackProblem } from './load';
import { fetchUrlPack, type UrlPackOptions } from './url-packs';
import {
  applyWorkspaceConfig,
  loadWorkspaceConfig,
  type ConfigSource,
  type EffectiveConfig,
  type LoadedConfig,
  type WorkspaceConfig,
} from './workspace-config';

export type PackSourceKind = 'builtin' | 'npm' | 'workspace' | 'settings' | 'url';

export const SOURCE_PRECEDENCE: readonly PackSourceKind[] = ['builtin', 'npm', 'workspace', 'settings', 'url'];

export interface PackSourceInfo {
  kind: PackSourceKind;
  /** Folder or file of the pack, npm package name, or URL, as the user would recognise it. */
  location: string;
  /** Where the source was declared: 'node_modules', 'settings', '.hindsight/config.yaml', '.hindsight/packs', 'built-in'. */
  declaredIn: string;
  /** The pack file actually read (for URL packs: the cached copy). */
  file?: string;
  pack?: { name: string; version: string; findings: number };
  /**
   * loaded: in use. shadowed: a higher-precedence pack has the same name. duplicate: the same pack file was
   * already loaded through another source. not-fetched: URL not in the cache and fetching is not allowed now.
   * restricted: not read, the workspace is not trusted (Restricted Mode). error: nothing could be loaded.
   */
  status: 'loaded' | 'shadowed' | 'duplicate' | 'not-fetched' | 'restricted' | 'error';
  /** For cached/downloaded URL packs. */
  fetch?: 'cached' | 'downloaded';
  message?: string;
}

export interface ResolveOptions {
  /** Workspace folder (absolute). Without it only built-in, settings and URL sources are considered. */
  workspaceFolder?: string;
  /** Workspace trust. Untrusted: URL packs are used only when already cached. */
  trusted: boolean;
  /**
   * Restricted Mode (the editor said the workspace is not trusted): only the built-in packs and absolute pack paths
   * of the settings run. The workspace's packs, its npm packages, `.hindsight/config.yaml` (and the sources it
   * names) and relative pack paths are listed with status `restricted`, never read.
   */
  restricted?: boolean;
  /** false: URL packs come from the cache only. Default true. */
  allowNetwork?: boolean;
  /** Cache folder for URL packs (the extension's globalStorage, or ~/.cache/hindsight for the CLI). */
  cacheDir?: string;
  /** Extra CAs for URL downloads. */
  ca?: UrlPackOptions['ca'];
  /** Default true. */
  includeBuiltin?: boolean;
  /** Pre-loaded built-in packs (callers that cache them); default loadBuiltinPacks(). */
  builtinPacks?: LoadedPack[];
  /** npm package names from user settings. */
  npmPackages?: string[];
  /** Pack folders or files from user settings; relative ones are resolved against the workspace folder, `~` is home. */
  settingsPaths?: string[];
  /** The workspace configuration; default: read `.hindsight/config.yaml` of workspaceFolder. */
  config?: LoadedConfig | WorkspaceConfig;
}

export interface ResolvedPacks {
  /** The packs in use, in precedence order, one per name. */
  packs: LoadedPack[];
  /** Every source considered, with what became of it (for the panel and `hindsight packs`). */
  sources: PackSourceInfo[];
  /** Problems of the packs in use, of sources that failed, and shadowing warnings; plus config file problems. */
  problems: PackProblem[];
  config: LoadedConfig;
}

export const DEFAULT_CACHE_DIR = path.join(os.homedir(), '.cache', 'hindsight', 'url-packs');

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

interface Candidate {
  kind: PackSourceKind;
  location: string;
  declaredIn: string;
  /** Where to report a failure of this source (file and range), e.g. the config line that declared it. */
  reportAt?: { file: string; range: Range };
  load: () => Promise<{ pack?: LoadedPack; error?: string; status?: PackSourceInfo['status']; fetch?: 'cached' | 'downloaded' }>;
}

export async function resolvePackSources(options: ResolveOptions): Promise<ResolvedPacks> {
  const ws = options.workspaceFolder ? path.resolve(options.workspaceFolder) : undefined;
  if (options.restricted) return restrictedPackSources(options, ws);
  const config = toLoadedConfig(options.config, ws);
  const cfg = config.config;
  const candidates: Candidate[] = [];

  if (options.includeBuiltin !== false) {
    const builtins = options.builtinPacks ?? loadBuiltinPacks();
    for (const pack of builtins) {
      candidates.push({ kind: 'builtin', location: pack.info.dir || pack.info.name, declaredIn: 'built-in', load: async () => ({ pack }) });
    }
  }

  // npm: discovered packages, then the ones named in settings and config (a name found twice loads once).
  const npmNames: Array<{ name: string; declaredIn: string; reportAt?: Candidate['reportAt'] }> = [];
  if (ws) for (const name of discoverNpmPacks(ws)) npmNames.push({ name, declaredIn: 'node_modules' });
  for (const name of options.npmPackages ?? []) npmNames.push({ name, declaredIn: 'settings' });
  (cfg.sources ?? []).forEach((s, i) => {
    if ('npm' in s) npmNames.push({ name: s.npm, declaredIn: '.hindsight/config.yaml', reportAt: at(config, ['sources', i]) });
  });
  const seenNpm = new Set<string>();
  for (const n of npmNames) {
    if (seenNpm.has(n.name)) continue;
    seenNpm.add(n.name);
    candidates.push({ kind: 'npm', location: n.name, declaredIn: n.declaredIn, reportAt: n.reportAt, load: async () => loadNpmPack(n.name, ws) });
  }

  if (ws) {
    for (const dir of listWorkspacePackDirs(ws)) {
      candidates.push({ kind: 'workspace', location: dir, declaredIn: '.hindsight/packs', load: async () => ({ pack: loadPack(dir) }) });
    }
  }
  (cfg.sources ?? []).forEach((s: ConfigSource, i) => {
    if (!('path' in s)) return;
    const p = resolveUserPath(s.path, ws);
    candidates.push({
      kind: 'workspace',
      location: p,
      declaredIn: '.hindsight/config.yaml',
      reportAt: at(config, ['sources', i]),
      load: async () => loadPathPack(p),
    });
  });

  for (const raw of options.settingsPaths ?? []) {
    const p = resolveUserPath(raw, ws);
    candidates.push({ kind: 'settings', location: p, declaredIn: 'settings', load: async () => loadPathPack(p) });
  }

  (cfg.sources ?? []).forEach((s: ConfigSource, i) => {
    if (!('url' in s)) return;
    candidates.push({
      kind: 'url',
      location: s.url,
      declaredIn: '.hindsight/config.yaml',
      reportAt: at(config, ['sources', i]),
      load: async () => {
        const r = await fetchUrlPack({
          url: s.url,
          sha256: s.sha256,
          cacheDir: options.cacheDir ?? DEFAULT_CACHE_DIR,
          trusted: options.trusted,
          allowNetwork: options.allowNetwork,
          ca: options.ca,
        });
        if (!r.file) return { error: r.error, status: r.status === 'not-fetched' ? 'not-fetched' : 'error' };
        return { pack: loadPack(r.file), fetch: r.status === 'downloaded' ? 'downloaded' : 'cached' };
      },
    });
  });

  // URL downloads run concurrently; everything else is local and cheap.
  const results = await Promise.all(candidates.map((c) => c.load().catch((err: Error) => ({ error: err.message }) as Awaited<ReturnType<Candidate['load']>>)));

  const packs: LoadedPack[] = [];
  const sources: PackSourceInfo[] = [];
  const problems: PackProblem[] = [...config.problems];
  const byName = new Map<string, PackSourceInfo>();
  const byFile = new Map<string, PackSourceInfo>();
  candidates.forEach((c, i) => {
    const r = results[i];
    const info: PackSourceInfo = { kind: c.kind, location: c.location, declaredIn: c.declaredIn, status: 'loaded' };
    sources.push(info);
    if (!r.pack) {
      info.status = r.status ?? 'error';
      info.message = r.error ?? 'nothing could be loaded';
      const where = c.reportAt ?? { file: c.kind === 'npm' || c.kind === 'url' ? '' : c.location, range: ZERO };
      problems.push({ file: where.file, range: where.range, severity: info.status === 'not-fetched' ? 'warning' : 'error', message: info.message });
      return;
    }
    const pack = r.pack;
    if (r.fetch) info.fetch = r.fetch;
    info.file = pack.info.file;
    info.pack = { name: pack.info.name, version: pack.info.version, findings: pack.findings.length };
    const real = realpathOr(pack.info.file);
    const dup = byFile.get(real);
    if (dup) {
      info.status = 'duplicate';
      info.message = `Same pack file as the ${dup.kind} source ${dup.location}`;
      return;
    }
    byFile.set(real, info);
    const winner = byName.get(pack.info.name);
    if (winner) {
      info.status = 'shadowed';
      info.message = `Not used: the pack name "${pack.info.name}" is already taken by ${describe(winner)}, which takes precedence`;
      problems.push({
        file: pack.info.file,
        range: ZERO,
        severity: 'warning',
        message: `Pack "${pack.info.name}" from ${describe(info)} is not used: ${describe(winner)} has the same name and takes precedence`,
      });
      return;
    }
    byName.set(pack.info.name, info);
    packs.push(pack);
    problems.push(...pack.problems);
    if (pack.problems.some((p) => p.severity === 'error') && !pack.findings.length) {
      info.status = 'error';
      info.message = pack.problems.find((p) => p.severity === 'error')?.message;
    }
  });
  return { packs, sources, problems, config };
}

export const RESTRICTED_MESSAGE = 'Restricted Mode: not read until the workspace is trusted';

/** What Restricted Mode runs: the built-in packs and absolute settings paths; the rest is listed, not read. */
function restrictedPackSources(options: ResolveOptions, ws: string | undefined): ResolvedPacks {
  const builtins = options.includeBuiltin === false ? [] : (options.builtinPacks ?? loadBuiltinPacks());
  const packs = [...builtins];
  const sources: PackSourceInfo[] = builtins.map((pack) => ({
    kind: 'builtin',
    location: pack.info.dir || pack.info.name,
    declaredIn: 'built-in',
    status: 'loaded',
    file: pack.info.file,
    pack: { name: pack.info.name, version: pack.info.version, findings: pack.findings.length },
  }));
  const off = (kind: PackSourceKind, location: string, declaredIn: string) =>
    sources.push({ kind, location, declaredIn, status: 'restricted', message: RESTRICTED_MESSAGE });
  const problems: PackProblem[] = builtins.flatMap((p) => p.problems);
  if (ws) {
    for (const name of discoverNpmPacks(ws)) off('npm', name, 'node_modules');
    for (const dir of listWorkspacePackDirs(ws)) off('workspace', dir, '.hindsight/packs');
    for (const name of ['config.yaml', 'config.yml']) {
      const file = path.join(ws, '.hindsight', name);
      if (fs.existsSync(file)) off('workspace', file, '.hindsight/config.yaml');
    }
  }
  const names = new Set(packs.map((p) => p.info.name));
  for (const raw of options.settingsPaths ?? []) {
    // A relative path would be read from the untrusted folder.
    if (!(path.isAbsolute(raw) || raw === '~' || raw.startsWith('~/') || raw.startsWith('~\\'))) {
      off('settings', resolveUserPath(raw, ws), 'settings');
      continue;
    }
    const p = resolveUserPath(raw, ws);
    const r = loadPathPack(p);
    const info: PackSourceInfo = { kind: 'settings', location: p, declaredIn: 'settings', status: 'loaded' };
    sources.push(info);
    if (!r.pack) {
      info.status = 'error';
      info.message = r.error;
      continue;
    }
    info.file = r.pack.info.file;
    info.pack = { name: r.pack.info.name, version: r.pack.info.version, findings: r.pack.findings.length };
    if (names.has(r.pack.info.name)) {
      info.status = 'shadowed';
      continue;
    }
    names.add(r.pack.info.name);
    packs.push(r.pack);
    problems.push(...r.pack.problems);
  }
  return { packs, sources, problems, config: toLoadedConfig({}, ws) };
}

function describe(s: PackSourceInfo): string {
  const v = s.pack ? `${s.pack.name}@${s.pack.version}` : s.location;
  switch (s.kind) {
    case 'builtin':
      return `the built-in pack ${v}`;
    case 'npm':
      return `npm package ${s.location} (${v})`;
    case 'url':
      return `${s.location} (${v})`;
    default:
      return `${s.location} (${v})`;
  }
}

function toLoadedConfig(c: LoadedConfig | WorkspaceConfig | undefined, ws: string | undefined): LoadedConfig {
  if (c && 'locate' in c && 'problems' in c) return c as LoadedConfig;
  if (c) return { file: '', root: ws ?? '', config: c as WorkspaceConfig, problems: [], locate: () => ZERO };
  if (ws) return loadWorkspaceConfig(ws);
  return { file: '', root: '', config: {}, problems: [], locate: () => ZERO };
}

function at(config: LoadedConfig, p: Array<string | number>): Candidate['reportAt'] {
  return config.file ? { file: config.file, range: config.locate(p) } : undefined;
}

function resolveUserPath(p: string, ws: string | undefined): string {
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) return path.join(os.homedir(), p.slice(1));
  if (path.isAbsolute(p)) return path.normalize(p);
  return path.resolve(ws ?? process.cwd(), p);
}

function loadPathPack(p: string): { pack?: LoadedPack; error?: string } {
  if (!fs.existsSync(p)) return { error: `Pack path not found: ${p}` };
  return { pack: loadPack(p) };
}

function realpathOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** `.hindsight/packs/<name>/` folders holding a pack file, sorted by name. */
export function listWorkspacePackDirs(ws: string): string[] {
  const root = path.join(ws, '.hindsight', 'packs');
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() || e.isSymbolicLink())
    .map((e) => path.join(root, e.name))
    .filter((d) => PACK_FILES.some((f) => fs.existsSync(path.join(d, f))))
    .sort();
}

const NPM_PACK_NAME = /^hindsight-pack-[a-z0-9][a-z0-9._~-]*$/;

/** Installed `hindsight-pack-*` and `@scope/hindsight-pack-*` packages of the workspace, sorted. */
export function discoverNpmPacks(ws: string): string[] {
  const nm = path.join(ws, 'node_modules');
  const found: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(nm, { withFileTypes: true });
  } catch {
    return [];
  }
  for (const e of entries) {
    if (e.name.startsWith('@')) {
      let scoped: string[] = [];
      try {
        scoped = fs.readdirSync(path.join(nm, e.name));
      } catch {
        continue;
      }
      for (const s of scoped) if (NPM_PACK_NAME.test(s)) found.push(`${e.name}/${s}`);
    } else if (NPM_PACK_NAME.test(e.name)) found.push(e.name);
  }
  return found.sort();
}

/** node_modules/<name> in the workspace folder or a parent folder (hoisted installs), as Node would find it. */
function findInstalledPackage(name: string, ws: string | undefined): string | undefined {
  let dir = ws ?? process.cwd();
  for (;;) {
    const candidate = path.join(dir, 'node_modules', ...name.split('/'));
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * Reads an npm pack package as data: package.json `"hindsight": { "pack": "<relative path>" }` names the pack
 * folder or file (it must stay inside the package); without it, a pack file at the package root.
 */
export function loadNpmPack(name: string, ws: string | undefined): { pack?: LoadedPack; error?: string } {
  if (!/^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/.test(name)) return { error: `Not a valid npm package name: ${name}` };
  const dir = findInstalledPackage(name, ws);
  if (!dir) return { error: `npm package ${name} is not installed (no node_modules/${name}/package.json); run npm install` };
  let manifest: { hindsight?: { pack?: unknown } };
  try {
    const text = fs.readFileSync(path.join(dir, 'package.json'), 'utf8');
    if (text.length > 1024 * 1024) return { error: `${name}/package.json is larger than 1 MB` };
    manifest = JSON.parse(text) as typeof manifest;
  } catch (err) {
    return { error: `Cannot read ${path.join(dir, 'package.json')}: ${(err as Error).message}` };
  }
  const declared = manifest?.hindsight?.pack;
  let target: string;
  if (declared !== undefined) {
    if (typeof declared !== 'string' || !declared)
      return { error: `${name}: package.json "hindsight.pack" must be a relative path to the pack folder or file` };
    if (path.isAbsolute(declared)) return { error: `${name}: package.json "hindsight.pack" must be relative to the package, not ${declared}` };
    target = path.resolve(dir, declared);
    const rel = path.relative(realpathOr(dir), realpathOr(target));
    if (rel.startsWith('..') || path.isAbsolute(rel)) return { error: `${name}: package.json "hindsight.pack" (${declared}) points outside the package` };
    if (!fs.existsSync(target)) return { error: `${name}: package.json "hindsight.pack" names ${declared}, which does not exist` };
  } else {
    const file = PACK_FILES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!file) return { error: `${name} has no pack: add "hindsight": { "pack": "<folder>" } to its package.json, or a pack.yaml at its root` };
    target = file;
  }
  return { pack: loadPack(target) };
}

export interface WorkspacePacks extends ResolvedPacks {
  /** The findings that run, with `.hindsight/config.yaml` applied (enabled packs/findings, severities, excludes). */
  effective: EffectiveConfig;
}

/**
 * Everything the editor and the CLI need to know which findings run in a workspace: pack sources resolved, the
 * workspace configuration applied. Both call this one function, so they can never disagree. `problems` also
 * holds the configuration's warnings (names of packs or findings that are not loaded).
 */
export async function loadWorkspacePacks(options: ResolveOptions): Promise<WorkspacePacks> {
  const resolved = await resolvePackSources(options);
  const effective = applyWorkspaceConfig(resolved.packs, resolved.config, options.workspaceFolder);
  return { ...resolved, problems: [...resolved.problems, ...effective.problems], effective };
}

/** The folder a CLI run belongs to: the nearest ancestor of `cwd` holding `.hindsight/`, else `cwd`. */
export function findWorkspaceRoot(cwd: string): string {
  let dir = path.resolve(cwd);
  for (;;) {
    if (fs.existsSync(path.join(dir, '.hindsight'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.resolve(cwd);
    dir = up;
  }
}

export interface CliWorkspace {
  root: string;
  /** Packs to scan with: the given ones first, then the workspace's team packs; findings with the config applied. */
  packs: LoadedPack[];
  sources: PackSourceInfo[];
  /** Problems of team packs, sources and the config (the given packs' own problems are the caller's). */
  problems: PackProblem[];
  effective: EffectiveConfig;
  config: LoadedConfig;
}

/**
 * What `hindsight scan` runs with in a workspace: the packs the command line asked for (built-in, --pack), which
 * keep the highest precedence, plus the workspace's team packs (npm, .hindsight/packs, config sources, pinned
 * URLs), with `.hindsight/config.yaml` applied — the same resolution the editor uses.
 */
export async function resolveCliWorkspace(
  cwd: string,
  given: LoadedPack[],
  options: { allowNetwork?: boolean; cacheDir?: string; useConfig?: boolean } = {},
): Promise<CliWorkspace> {
  const root = findWorkspaceRoot(cwd);
  const useConfig = options.useConfig !== false;
  const resolved = await resolvePackSources({
    workspaceFolder: root,
    // The user ran the command on this folder; network access still needs allowNetwork.
    trusted: true,
    allowNetwork: options.allowNetwork ?? false,
    cacheDir: options.cacheDir,
    builtinPacks: given,
    config: useConfig ? undefined : {},
  });
  const effective = applyWorkspaceConfig(resolved.packs, resolved.config, root);
  const byPack = new Map<object, Finding[]>();
  for (const f of effective.findings) {
    const list = byPack.get(f.pack) ?? [];
    list.push(f);
    byPack.set(f.pack, list);
  }
  const packs = resolved.packs.map((p) => ({ ...p, findings: byPack.get(p.info) ?? [] }));
  const givenProblems = new Set(given.flatMap((p) => p.problems));
  return {
    root,
    packs,
    sources: resolved.sources,
    problems: [...resolved.problems, ...effective.problems].filter((p) => !givenProblems.has(p)),
    effective,
    config: resolved.config,
  };
}
