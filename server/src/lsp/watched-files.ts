// workspace/didChangeWatchedFiles: the file watchers the server registers with the client and what a change
// on disk means. A closed Solidity file is re-analysed from disk (or forgotten when deleted), and so are the files
// that import it (dependants.ts); a change under a pack
// path, a pack file or a workspace config reloads the packs. Events are coalesced per file first, because editors
// report one save as several events and a client may watch the same files twice.
import * as path from 'node:path';
import { type Connection, type Disposable, DidChangeWatchedFilesNotification, FileChangeType, type FileSystemWatcher } from 'vscode-languageserver/node';
import { PACK_FILES } from '../packs/load';
import { isScanned, normalizeUri, pathToUri, uriToPath } from '../project/workspace';
import { isPackRelated, type PackReloader } from './pack-reload';
import type { Publisher } from './publish';
import type { Dependants } from './dependants';
import type { ServerState } from './state';
import type { WorkspaceScan } from './workspace-scan';

export class WatchedFiles {
  private pendingWatched = new Map<string, FileChangeType>();
  private watchedTimer: NodeJS.Timeout | undefined;
  private watcherRegistration: Disposable | undefined;

  constructor(
    private readonly state: ServerState,
    private readonly publisher: Publisher,
    private readonly scan: WorkspaceScan,
    private readonly packReload: PackReloader,
    private readonly dependants: Dependants,
  ) {}

  register(connection: Connection): void {
    connection.onDidChangeWatchedFiles((p) =>
      this.state.guardSync('didChangeWatchedFiles', () => {
        // Coalesced per file: editors report a save as several events, and a client may watch the same
        // files twice (its own watcher and the one registered here).
        for (const ch of p.changes) this.pendingWatched.set(normalizeUri(ch.uri), ch.type);
        if (this.watchedTimer) return;
        this.watchedTimer = setTimeout(() => {
          this.watchedTimer = undefined;
          const changes = [...this.pendingWatched].map(([uri, type]) => ({ uri, type }));
          this.pendingWatched.clear();
          void this.state.guard('didChangeWatchedFiles', () => this.watchedFilesChanged(changes));
        }, 50);
      }),
    );
  }

  private async watchedFilesChanged(changes: Array<{ uri: string; type: FileChangeType }>): Promise<void> {
    await this.state.ready;
    let packsTouched = false;
    const changedSol: string[] = [];
    for (const ch of changes) {
      const uri = normalizeUri(ch.uri);
      const file = uriToPath(uri);
      if (!file) continue;
      if (isPackRelated(file) || this.state.packs.ownsFile(file) || this.isConfiguredPackPath(file)) {
        if (/\.(ya?ml|json)$/i.test(file)) packsTouched = true;
        if (!file.endsWith('.sol')) continue;
      }
      if (!file.endsWith('.sol') || this.state.docs.has(uri)) continue; // an open document's buffer wins over the disk
      changedSol.push(file);
      if (ch.type === FileChangeType.Deleted) {
        this.publisher.forget(uri);
        continue;
      }
      const folder = this.state.folders.of(uri);
      const settings = this.state.settingsFor(folder);
      if (folder && settings.scanWorkspaceOnStartup && isScanned(file, folder, settings.exclude, { tests: settings.analyzeTests }))
        await this.scan.analyzeDisk(file, folder);
    }
    // The files that import them, open ones first (git checkout: one pass for the whole change).
    if (changedSol.length) this.dependants.changed(changedSol);
    if (packsTouched) this.packReload.reloadPacksSoon();
  }

  private isConfiguredPackPath(file: string): boolean {
    for (const [scope, paths] of this.packReload.packSources().paths) {
      const folder = this.state.folders.all().find((f) => f.uri === scope);
      for (const p of paths) {
        const abs = path.isAbsolute(p) ? p : folder ? path.resolve(folder.path, p) : null;
        if (abs && (file === abs || file.startsWith(abs + path.sep))) return true;
      }
    }
    return false;
  }

  /**
   * Asks the client to watch Solidity files, pack files and workspace configs in the folders, and the configured
   * pack paths outside them; registered again (the old registration dropped) when the pack paths change.
   */
  async registerWatchers(): Promise<void> {
    if (!this.state.caps.watchDynamic) return;
    const watchers: FileSystemWatcher[] = [
      { globPattern: '**/*.sol' },
      { globPattern: `**/.hindsight/packs/**/*.{yaml,yml,json}` },
      { globPattern: `**/.hindsight/config.{yaml,yml}` },
      { globPattern: `**/{${PACK_FILES.join(',')}}` },
    ];
    const outside = new Set<string>();
    for (const [scope, paths] of this.packReload.packSources().paths) {
      const folder = this.state.folders.all().find((f) => f.uri === scope);
      for (const p of paths) {
        const abs = path.isAbsolute(p) ? p : folder ? path.resolve(folder.path, p) : null;
        if (abs && !this.state.folders.of(pathToUri(abs))) outside.add(abs);
      }
    }
    for (const abs of outside) {
      watchers.push(
        this.state.caps.relativePattern
          ? { globPattern: { baseUri: pathToUri(abs), pattern: '**/*.{yaml,yml,json}' } }
          : { globPattern: `${abs.split(path.sep).join('/')}/**/*.{yaml,yml,json}` },
      );
    }
    const old = this.watcherRegistration;
    this.watcherRegistration = await this.state.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    old?.dispose();
  }

  dispose(): void {
    if (this.watchedTimer) clearTimeout(this.watchedTimer);
  }
}
