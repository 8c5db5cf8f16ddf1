// Continuous audits in the extension host: the same library the CLI's `hindsight deployed`, `review` and
// `packs` commands call (server/src/audit, server/src/packs), so the panel and CI can never disagree. It runs
// here rather than in the language server because it reads git and writes review files: editor-only work that
// other LSP clients do through the CLI.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { auditWorkspaceDeployments, workspaceReviewStatus, type DeployedAudit, type ReviewStatus } from '../../../server/src/audit/api';
import { loadWorkspacePacks, type WorkspacePacks } from '../../../server/src/packs/sources';
import { loadBuiltinPacks, type LoadedPack } from '../../../server/src/packs/load';
import type { Finding } from '../../../server/src/engine/finding';
import { DEFAULT_REVIEW_INTERVAL_DAYS } from '../../../server/src/audit/reviews';

export interface FolderAudit {
  folder: vscode.WorkspaceFolder;
  packs: WorkspacePacks;
  /** The packs deployed code was scanned with: config and editor settings applied. */
  inUse: LoadedPack[];
  deployed: DeployedAudit;
}

const TOOL_VERSION: string = (() => {
  try {
    return (require('../../../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();

export class WorkspaceAudit implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private results: FolderAudit[] = [];
  private running: Promise<FolderAudit[]> | undefined;
  private again = false;
  private builtin: LoadedPack[] | undefined;

  constructor(private readonly storage: vscode.Uri | undefined) {}

  get last(): readonly FolderAudit[] {
    return this.results;
  }

  /** Re-loads packs and re-audits every folder's deployments; concurrent calls share one run plus one queued. */
  refresh(record = false): Promise<FolderAudit[]> {
    if (this.running && !record) {
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      do {
        this.again = false;
        const out: FolderAudit[] = [];
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
          if (folder.uri.scheme !== 'file') continue;
          // A recording run reports against the state before it; audit again so the view shows what is new now.
          if (record) await this.auditFolder(folder, true);
          out.push(await this.auditFolder(folder, false));
        }
        this.results = out;
        this.changed.fire();
      } while (this.again);
      return this.results;
    })().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  reviewStatus(folder: vscode.WorkspaceFolder): ReviewStatus {
    return workspaceReviewStatus(folder.uri.fsPath, intervalDays(folder));
  }

  packsOf(folder: vscode.WorkspaceFolder): LoadedPack[] {
    return this.results.find((x) => x.folder.uri.toString() === folder.uri.toString())?.inUse ?? [];
  }

  private async auditFolder(folder: vscode.WorkspaceFolder, record: boolean): Promise<FolderAudit> {
    const root = folder.uri.fsPath;
    const cfg = vscode.workspace.getConfiguration('hindsight', folder);
    const packs = await loadWorkspacePacks({
      workspaceFolder: root,
      trusted: vscode.workspace.isTrusted,
      // The language server downloads URL packs; here only its cache is read, so the two never fetch twice.
      allowNetwork: false,
      cacheDir: this.storage ? path.join(this.storage.fsPath, 'url-packs') : undefined,
      settingsPaths: cfg.get<string[]>('packs.paths', []),
      // The built-in packs ship with the extension and never change while it runs: compile them once.
      builtinPacks: (this.builtin ??= loadBuiltinPacks()),
    });
    // The editor's pack switches (hindsight.packs.enabled/disabled) apply as they do to the working tree.
    const enabled = cfg.get<string[]>('packs.enabled', []);
    const disabled = cfg.get<string[]>('packs.disabled', []);
    const inUse = runnablePacks(packs).filter((p) => !disabled.includes(p.info.name) && (!enabled.length || enabled.includes(p.info.name)));
    // Reading deployments runs git, which a repository's own config can turn into running its code (as VS Code's
    // git extension, this waits for trust).
    if (!vscode.workspace.isTrusted) {
      const deployed: DeployedAudit = { configured: false, reports: [], error: 'Deployed code is audited only in a trusted workspace (it runs git).' };
      return { folder, packs, inUse, deployed };
    }
    const deployed = await auditWorkspaceDeployments(root, inUse, {
      toolVersion: TOOL_VERSION,
      record,
      isExcluded: (file) => packs.effective.isExcluded(file),
    });
    return { folder, packs, inUse, deployed };
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The packs in use with `.hindsight/config.yaml` applied, as `hindsight deployed` scans with them (resolveCliWorkspace). */
function runnablePacks(w: WorkspacePacks): LoadedPack[] {
  const byPack = new Map<object, Finding[]>();
  for (const f of w.effective.findings) {
    const list = byPack.get(f.pack) ?? [];
    list.push(f);
    byPack.set(f.pack, list);
  }
  return w.packs.map((p) => ({ ...p, findings: byPack.get(p.info) ?? [] }));
}

export function intervalDays(folder?: vscode.WorkspaceFolder): number {
  const v = vscode.workspace.getConfiguration('hindsight', folder).get<number>('review.intervalDays', DEFAULT_REVIEW_INTERVAL_DAYS);
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 90;
}
