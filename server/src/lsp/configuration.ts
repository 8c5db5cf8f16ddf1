// The settings in force, per workspace folder: read with workspace/configuration when the client supports it,
// else taken from what it pushes (initializationOptions, didChangeConfiguration), in any of the shapes editors
// send (settingsSection). Also reads the rest of
// initializationOptions (workspace trust, the client's storage for URL packs). A change is applied as narrowly as
// it allows: new pack paths reload packs and watchers, a new exclude list re-scans, anything else redoes views.
import * as path from 'node:path';
import { type Connection, DidChangeConfigurationNotification } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, type HindsightSettings } from '../shared/protocol';
import { normalizeSettings, sameSettings, settingsSection } from '../shared/settings';
import type { PackReloader } from './pack-reload';
import type { Publisher } from './publish';
import type { ServerState } from './state';
import type { WatchedFiles } from './watched-files';
import type { WorkspaceScan } from './workspace-scan';

export class Configuration {
  /** Settings pushed by clients without workspace/configuration (initializationOptions or didChangeConfiguration). */
  private pushedSettings: unknown = undefined;

  constructor(
    private readonly state: ServerState,
    private readonly publisher: Publisher,
    private readonly scan: WorkspaceScan,
    private readonly packReload: PackReloader,
    private readonly watchedFiles: WatchedFiles,
  ) {}

  register(connection: Connection): void {
    connection.onDidChangeConfiguration(
      (p) =>
        void this.state.guard('didChangeConfiguration', async () => {
          // Kept even from clients with workspace/configuration: what they pull may be empty (settings given
          // only here), and pulled values win when they are not.
          const s = settingsSection(p.settings);
          if (s !== undefined) this.pushedSettings = s;
          if (this.state.isReady) await this.applySettingsChange();
        }),
    );
  }

  /** At initialize: the client's settings (for clients without workspace/configuration), trust and storage. */
  initializationOptions(options: unknown): void {
    const init = options as { settings?: unknown; trustedWorkspace?: unknown; globalStoragePath?: unknown } | undefined;
    const s = settingsSection(init);
    if (s !== undefined) this.pushedSettings = s;
    // URL packs are downloaded only when the client says the workspace is trusted (docs/team-packs.md).
    if (init && typeof init === 'object') {
      this.state.trustedWorkspace = init.trustedWorkspace === true;
      this.state.restricted = init.trustedWorkspace === false;
      if (typeof init.globalStoragePath === 'string' && init.globalStoragePath) {
        this.state.globalStorage = init.globalStoragePath;
        this.state.urlPackCache = path.join(init.globalStoragePath, 'url-packs');
      }
    }
  }

  /** For clients that register didChangeConfiguration dynamically: without it they send no changes. */
  async registerForChanges(): Promise<void> {
    await this.state.connection.client.register(DidChangeConfigurationNotification.type, { section: 'hindsight' });
  }

  /** Reads every scope's settings: from the client (workspace/configuration), else what it pushed. */
  async refreshSettings(): Promise<void> {
    const next = new Map<string, HindsightSettings>();
    const folders = this.state.folders.all();
    if (this.state.caps.configuration) {
      const items = [{ section: 'hindsight' }, ...folders.map((f) => ({ scopeUri: f.uri, section: 'hindsight' }))];
      let values: unknown[] = [];
      try {
        values = await this.state.connection.workspace.getConfiguration(items);
      } catch (err) {
        this.state.connection.console.error(`Hindsight: could not read settings (${(err as Error).message}); using defaults`);
      }
      // A client that has no `hindsight` section answers null (Neovim) or {}; then what it pushed counts.
      const pulled = values.map((v) => settingsSection(v));
      next.set('', normalizeSettings(pulled[0] ?? this.pushedSettings));
      folders.forEach((f, i) => next.set(f.uri, normalizeSettings(pulled[i + 1] ?? pulled[0] ?? this.pushedSettings)));
    } else {
      const s = normalizeSettings(this.pushedSettings);
      next.set('', s);
      for (const f of folders) next.set(f.uri, s);
    }
    this.state.settingsByScope = next;
  }

  /** Re-reads the settings and redoes only what the change needs: a pack reload, a re-scan, or new views. */
  private async applySettingsChange(): Promise<void> {
    const before = this.state.settingsByScope;
    await this.refreshSettings();
    const after = this.state.settingsByScope;
    const keys = new Set([...before.keys(), ...after.keys()]);
    let packsChanged = false;
    let scanChanged = false;
    let anyChange = false;
    for (const k of keys) {
      const a = before.get(k) ?? DEFAULT_SETTINGS;
      const b = after.get(k) ?? DEFAULT_SETTINGS;
      if (sameSettings(a, b)) continue;
      anyChange = true;
      if (JSON.stringify(a.packs.paths) !== JSON.stringify(b.packs.paths)) packsChanged = true;
      if (
        JSON.stringify(a.exclude) !== JSON.stringify(b.exclude) ||
        a.scanWorkspaceOnStartup !== b.scanWorkspaceOnStartup ||
        a.analyzeTests !== b.analyzeTests
      ) {
        scanChanged = true;
      }
    }
    if (!anyChange) return;
    if (packsChanged) {
      await this.packReload.reloadPacksAndRescan(false);
      await this.watchedFiles.registerWatchers();
    } else if (scanChanged) {
      await this.scan.scanWorkspace(false);
    } else {
      // Severity, enabled packs, master switch: matching is unchanged, only what is shown.
      for (const st of this.state.files.values()) {
        this.publisher.updateView(st);
        this.publisher.publish(st);
      }
    }
  }
}
