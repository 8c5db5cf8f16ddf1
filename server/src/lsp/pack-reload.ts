// The packs in force: loading them at start-up and reloading them (on request, when a pack file, a workspace
// config or a settings' pack path changes), reporting what a reload found (missing paths, problems, what a pack
// update brought) and validating open pack files as they are typed. PackStore (packs.ts) holds the packs; this
// module decides when they are reloaded and what the user is told, and re-scans after a reload.
import * as path from 'node:path';
import { usePackCompileCache } from '../packs/compile-verdicts';
import { loadPackText, PACK_FILES } from '../packs/load';
import { pathToUri, uriToPath } from '../project/workspace';
import type { ReloadPacksResult } from '../shared/protocol';
import type { PackSources } from './packs';
import type { Publisher } from './publish';
import type { ServerState } from './state';
import type { WorkspaceScan } from './workspace-scan';

export class PackReloader {
  private packReloadTimer: NodeJS.Timeout | undefined;
  /** Missing pack paths the user was shown a warning for: once per path and process, then only in the log. */
  private warnedMissing = new Set<string>();

  constructor(
    private readonly state: ServerState,
    private readonly publisher: Publisher,
    private readonly scan: WorkspaceScan,
  ) {
    // Pack loading remembers which findings compile, so a restart defers compiling them (packs/compile-verdicts.ts).
    usePackCompileCache(scan.cache.dir);
  }

  /** Where each scope's packs come from: its settings' pack paths, whether URL packs may be fetched, Restricted Mode. */
  packSources(): PackSources {
    const paths = new Map<string, string[]>();
    paths.set('', this.state.settingsFor(null).packs.paths);
    for (const f of this.state.folders.all()) paths.set(f.uri, this.state.settingsFor(f).packs.paths);
    return {
      folders: this.state.folders.all(),
      paths,
      trusted: this.state.trustedWorkspace,
      restricted: this.state.restricted,
      cacheDir: this.state.urlPackCache,
    };
  }

  async reloadPacks(builtinToo: boolean): Promise<void> {
    await this.state.packs.reload(this.packSources(), builtinToo);
    for (const m of this.state.packs.missingPaths()) {
      const msg = `Hindsight: pack path not found or holds no pack.yaml / pack.json: ${m.path}`;
      this.state.connection.console.warn(msg);
      if (!this.warnedMissing.has(m.path)) {
        this.warnedMissing.add(m.path);
        this.state.connection.window.showWarningMessage(msg);
      }
    }
    for (const e of this.state.packs.packs()) {
      this.state.connection.console.info(`Hindsight: pack ${e.info.name} ${e.info.version} (${e.findings.length} findings) from ${e.info.file || 'memory'}`);
    }
    this.publisher.publishPackProblems();
    // Tell the user what a pack update brought; the rescan that follows a reload shows it in the code.
    const changes = this.state.packs.packChanges(this.state.globalStorage);
    // A notification, not window/showMessageRequest: not every client answers that request.
    if (changes.length) void this.state.connection.sendNotification('window/showMessage', { type: 3 /* Info */, message: `Hindsight: ${changes.join('; ')}` });
  }

  async reloadPacksAndRescan(builtinToo: boolean): Promise<ReloadPacksResult> {
    await this.reloadPacks(builtinToo);
    await this.scan.scanWorkspace(false);
    return this.packsResult();
  }

  /** Debounced: saving a pack file, or a watcher reporting several, reloads once. */
  reloadPacksSoon(): void {
    if (this.packReloadTimer) clearTimeout(this.packReloadTimer);
    this.packReloadTimer = setTimeout(() => void this.state.guard('reload packs', () => this.reloadPacksAndRescan(false)), 150);
  }

  packsResult(): ReloadPacksResult {
    return {
      packs: this.state.packs.packs().map((e) => {
        // A pack's folder decides through its settings and .hindsight/config.yaml; built-in packs: the first folder's.
        const settings = this.state.settingsFor(this.state.folders.all().find((f) => f.uri === e.scope) ?? this.state.folders.all()[0] ?? null);
        return {
          name: e.info.name,
          version: e.info.version,
          file: e.info.file,
          findings: e.findings.length,
          enabled: !settings.packs.disabled.includes(e.info.name) && (settings.packs.enabled.length === 0 || settings.packs.enabled.includes(e.info.name)),
        };
      }),
      problems: [...this.state.packs.problems()].flatMap(([file, list]) => list.map((p) => ({ uri: pathToUri(file), message: p.message, range: p.range }))),
      sources: this.state.folders.all().flatMap((f) =>
        this.state.packs.sources(f.uri).map((s) => ({
          folder: f.uri,
          kind: s.kind,
          location: s.location,
          declaredIn: s.declaredIn,
          status: s.status,
          ...(s.pack ? { pack: s.pack } : {}),
          ...(s.message ? { message: s.message } : {}),
        })),
      ),
    };
  }

  /** An open pack file's problems, from its current (possibly unsaved) text. */
  validatePackDocument(uri: string): void {
    const doc = this.state.docs.get(uri);
    const file = uriToPath(uri);
    if (!doc || !file) return;
    this.publisher.setLivePackProblems(uri, loadPackText(doc.getText(), file).problems);
  }

  dispose(): void {
    if (this.packReloadTimer) clearTimeout(this.packReloadTimer);
  }
}

export function isPackFile(uri: string): boolean {
  const file = uriToPath(uri);
  return !!file && (PACK_FILES as readonly string[]).includes(path.basename(file));
}

export function isPackRelated(file: string): boolean {
  return (
    (PACK_FILES as readonly string[]).includes(path.basename(file)) || file.split(path.sep).join('/').includes('/.hindsight/packs/') || isWorkspaceConfig(file)
  );
}

/** `.hindsight/config.yaml` decides which packs and findings run: editing it reloads packs. */
export function isWorkspaceConfig(file: string): boolean {
  return /[\\/]\.hindsight[\\/]config\.ya?ml$/.test(file);
}
