// Which packs the server runs, for which files. Built-in packs apply everywhere; packs found in a workspace
// folder's `.hindsight/packs/` and packs named by a folder's `hindsight.packs.paths` apply to that folder's
// files; `packs.paths` of the global settings (absolute paths) apply everywhere. Loading never throws:
// problems are kept per pack file so the server can show them in the pack file itself.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Finding, PackInfo } from '../engine/finding';
import type { HindsightSettings } from '../shared/protocol';
import { loadBuiltinPacks, loadPack, PACK_FILES, type LoadedPack, type PackProblem } from '../packs/load';
import { diffPackVersions, formatPackChanges, readPackState, snapshotPacks, writePackState, type PackSnapshot } from '../packs/changelog';
import { loadWorkspacePacks, type PackSourceInfo } from '../packs/sources';
import { applyWorkspaceConfig, settingsWithConfig, type EffectiveConfig, type LoadedConfig } from '../packs/workspace-config';
import type { Folder } from '../project/workspace';

export interface PackEntry {
  info: PackInfo;
  findings: Finding[];
  /** Folder uri the pack applies to; null = every file. */
  scope: string | null;
  builtin: boolean;
}

export interface PackSources {
  folders: readonly Folder[];
  /** Configured `packs.paths` per folder uri ('' = global settings). */
  paths: Map<string, string[]>;
  /** Workspace trust (client's initializationOptions): URL packs are only downloaded for a trusted workspace. */
  trusted?: boolean;
  /** Where verified URL packs are cached (the client's global storage); default ~/.cache/hindsight. */
  cacheDir?: string;
  /**
   * Restricted Mode (the client said the workspace is not trusted): built-in packs and absolute pack paths only;
   * the folders' packs, npm packages, `.hindsight/config.yaml`, URLs and relative pack paths stay off.
   */
  restricted?: boolean;
}

export class PackStore {
  private entries: PackEntry[] = [];
  private problemsByFile = new Map<string, PackProblem[]>();
  /** Configured paths that do not exist or hold no pack, with the scope that asked for them. */
  private missing: Array<{ path: string; scope: string | null }> = [];
  private byScope = new Map<string | null, Finding[]>();
  /** Per folder uri with a config file: which findings apply to which file (per-finding `exclude` globs). */
  private effectiveByScope = new Map<string, EffectiveConfig>();
  private byKey = new Map<string, Finding>();
  private builtinCache: LoadedPack[] | null = null;
  /** Per folder uri: `.hindsight/config.yaml` and every pack source considered (team packs, docs/team-packs.md). */
  private configs = new Map<string, LoadedConfig>();
  private sourceInfo = new Map<string, PackSourceInfo[]>();
  /** Source errors with no file to show them in (npm package or URL named in settings). */
  private sourceErrors: string[] = [];
  /** Per folder uri: the packs that ran at the last reload, to tell the user what a pack update brought. */
  private lastSnapshot = new Map<string, PackSnapshot[]>();
  /** Bumped on every reload: analyses made with an older version must be redone. */
  version = 0;

  async reload(sources: PackSources, reloadBuiltin = false): Promise<void> {
    if (reloadBuiltin || !this.builtinCache) this.builtinCache = loadBuiltinPacks();
    const entries: PackEntry[] = [];
    const problems = new Map<string, PackProblem[]>();
    const missing: PackStore['missing'] = [];
    const seenFiles = new Set<string>();
    const add = (loaded: LoadedPack, scope: string | null, builtin: boolean) => {
      const key = `${scope ?? ''}\0${loaded.info.file}`;
      if (seenFiles.has(key)) return;
      seenFiles.add(key);
      entries.push({ info: loaded.info, findings: loaded.findings, scope, builtin });
      if (loaded.problems.length) {
        const list = problems.get(loaded.info.file) ?? [];
        // The same pack file may be configured for several scopes: report its problems once.
        for (const p of loaded.problems) if (!list.some((q) => sameProblem(p, q))) list.push(p);
        problems.set(loaded.info.file, list);
      }
    };
    for (const b of this.builtinCache) add(b, null, true);

    // Team packs of each folder: npm packages, .hindsight/packs/*/, config sources and URLs, with precedence and
    // shadowing decided by the same code the CLI runs (server/src/packs/sources.ts).
    const configs = new Map<string, LoadedConfig>();
    const sourceInfo = new Map<string, PackSourceInfo[]>();
    const sourceErrors: string[] = [];
    const builtins = new Set(this.builtinCache);
    for (const folder of sources.folders) {
      const ws = await loadWorkspacePacks({
        workspaceFolder: folder.path,
        trusted: !!sources.trusted,
        restricted: !!sources.restricted,
        cacheDir: sources.cacheDir,
        builtinPacks: this.builtinCache,
      });
      configs.set(folder.uri, ws.config);
      sourceInfo.set(folder.uri, ws.sources);
      for (const pack of ws.packs) if (!builtins.has(pack)) add(pack, folder.uri, false);
      const own = new Set(ws.packs.flatMap((p) => p.problems));
      for (const p of ws.problems) {
        if (own.has(p)) continue;
        if (!p.file) {
          sourceErrors.push(p.message);
          continue;
        }
        const list = problems.get(p.file) ?? [];
        if (!list.some((q) => sameProblem(p, q))) list.push(p);
        problems.set(p.file, list);
      }
    }
    for (const [scopeKey, paths] of sources.paths) {
      const scope = scopeKey === '' ? null : scopeKey;
      const folder = sources.folders.find((f) => f.uri === scope);
      for (const p of paths) {
        // In Restricted Mode a relative path would be read from the untrusted folder.
        if (sources.restricted && !path.isAbsolute(p)) continue;
        const abs = path.isAbsolute(p) ? p : folder ? path.resolve(folder.path, p) : null;
        if (!abs) continue; // a relative path in global settings has nothing to be relative to
        const dirs = packDirsAt(abs);
        if (dirs.length === 0) missing.push({ path: abs, scope });
        for (const d of dirs) add(loadPack(d), scope, false);
      }
    }

    this.entries = entries;
    this.problemsByFile = problems;
    this.missing = missing;
    this.configs = configs;
    this.sourceInfo = sourceInfo;
    this.sourceErrors = sourceErrors;
    this.byScope.clear();
    this.effectiveByScope.clear();
    this.byKey.clear();
    // `.hindsight/config.yaml`: disabled findings and severity overrides, per folder. Overridden findings go into
    // byKey first, so hovers and diagnostics show the severity the team chose.
    for (const folder of sources.folders) {
      const config = configs.get(folder.uri);
      if (!config?.file) continue;
      const scoped = entries.filter((e) => e.scope === null || e.scope === folder.uri);
      const effective = applyWorkspaceConfig(scoped, config, folder.path);
      this.byScope.set(folder.uri, effective.findings);
      this.effectiveByScope.set(folder.uri, effective);
      for (const f of effective.findings) if (!this.byKey.has(key(f.pack.name, f.id))) this.byKey.set(key(f.pack.name, f.id), f);
      for (const p of effective.problems) {
        const list = problems.get(p.file) ?? [];
        if (!list.some((q) => sameProblem(p, q))) list.push(p);
        problems.set(p.file, list);
      }
    }
    for (const e of entries) for (const f of e.findings) if (!this.byKey.has(key(e.info.name, f.id))) this.byKey.set(key(e.info.name, f.id), f);
    this.version++;
  }

  /** Every loaded finding that applies to files of this folder (null: files outside every folder). */
  findingsFor(scope: string | null): Finding[] {
    let list = this.byScope.get(scope);
    if (!list) {
      list = [];
      for (const e of this.entries) if (e.scope === null || e.scope === scope) list.push(...e.findings);
      this.byScope.set(scope, list);
    }
    return list;
  }

  /** The findings that run on this file: findingsFor(scope) less those the config excludes for its path. */
  findingsForFile(scope: string | null, file: string | null | undefined): Finding[] {
    const effective = scope === null ? undefined : this.effectiveByScope.get(scope);
    return effective && file ? effective.findingsFor(file) : this.findingsFor(scope);
  }

  finding(pack: string, id: string): Finding | undefined {
    return this.byKey.get(key(pack, id));
  }

  /** By id alone: the first loaded pack that has it. */
  findingById(id: string): Finding | undefined {
    for (const e of this.entries) for (const f of e.findings) if (f.id === id) return f;
    return undefined;
  }

  packs(): readonly PackEntry[] {
    return this.entries;
  }

  problems(): ReadonlyMap<string, PackProblem[]> {
    return this.problemsByFile;
  }

  missingPaths(): ReadonlyArray<{ path: string; scope: string | null }> {
    return this.missing;
  }

  /** Settings of a folder with its `.hindsight/config.yaml` folded in (excludes, packs, minSeverity). */
  withConfig(settings: HindsightSettings, scope: string | null): HindsightSettings {
    const config = scope === null ? undefined : this.configs.get(scope);
    return config?.file ? settingsWithConfig(settings, config.config) : settings;
  }

  /** Every pack source considered for a folder, with status (loaded, shadowed, error, ...), for the panel. */
  sources(scope: string): readonly PackSourceInfo[] {
    return this.sourceInfo.get(scope) ?? [];
  }

  /** Source errors that have no file to be shown in (an npm package or URL named in settings). */
  sourceProblems(): readonly string[] {
    return this.sourceErrors;
  }

  /**
   * What changed in the packs since the last reload (or, with `stateDir`, since the last session in this folder):
   * one line per pack, e.g. "Pack team upgraded 1.0.0 → 1.1.0 — new: TEAM-004". Nothing on a first run.
   */
  packChanges(stateDir?: string): string[] {
    const lines: string[] = [];
    for (const scope of this.configs.keys()) {
      const packs = this.entries.filter((e) => e.scope === null || e.scope === scope);
      const file = stateDir ? path.join(stateDir, 'pack-state', `${createHash('sha256').update(scope).digest('hex').slice(0, 16)}.json`) : undefined;
      const previous = this.lastSnapshot.get(scope) ?? (file ? readPackState(file) : undefined);
      const snapshot = snapshotPacks(packs);
      this.lastSnapshot.set(scope, snapshot);
      for (const line of formatPackChanges(diffPackVersions(previous, packs))) if (!lines.includes(line)) lines.push(line);
      if (file) {
        try {
          writePackState(file, snapshot);
        } catch {
          // storage is a convenience: without it the user is told about changes within this session only
        }
      }
    }
    return lines;
  }

  /** Is this file part of a loaded pack (its pack file, or anything under its folder)? */
  ownsFile(file: string): boolean {
    for (const e of this.entries) {
      if (e.builtin) continue;
      if (file === e.info.file || (e.info.dir && file.startsWith(e.info.dir + path.sep))) return true;
    }
    return false;
  }

  /** Directories that hold packs named by the user, for file watching. */
  watchedDirs(): string[] {
    return [...new Set(this.entries.filter((e) => !e.builtin && e.info.dir).map((e) => e.info.dir))];
  }
}

/** A pack folder, a pack file, or a folder whose sub-folders are packs. */
export function packDirsAt(abs: string): string[] {
  try {
    const st = statSync(abs);
    if (st.isFile()) return [abs];
    if (!st.isDirectory()) return [];
    if (PACK_FILES.some((f) => existsSync(path.join(abs, f)))) return [abs];
    return readdirSync(abs, { withFileTypes: true })
      .filter((d) => d.isDirectory() && PACK_FILES.some((f) => existsSync(path.join(abs, d.name, f))))
      .map((d) => path.join(abs, d.name))
      .sort();
  } catch {
    return [];
  }
}

function key(pack: string, id: string): string {
  return `${pack}\0${id}`;
}

function sameProblem(a: PackProblem, b: PackProblem): boolean {
  return a.message === b.message && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}
