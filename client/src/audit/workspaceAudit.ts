// Continuous audits as the language server reports them: the deployed-code audit (hindsight/deployedAudit) and the
// pack sources (hindsight/packSources) of each workspace folder. The server runs the same library as the CLI's
// `hindsight deployed` and `hindsight packs` commands, so the panel and CI can never disagree; nothing of it runs
// in the extension host.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DeployedAuditRequest, PackSourcesRequest, type FolderDeployedAudit, type PackSourceEntry } from '../../../server/src/shared/protocol';
import { request, request0 } from '../serverClient';

export interface FolderAudit {
  folder: vscode.WorkspaceFolder;
  deployed: FolderDeployedAudit;
  /** Every pack source considered for the folder, in precedence order. */
  sources: PackSourceEntry[];
}

export const SERVER_DOWN = 'The Hindsight language server is not running.';

export class WorkspaceAudit implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private results: FolderAudit[] = [];
  private running: Promise<FolderAudit[]> | undefined;
  private again = false;
  /** Why there are no results: the server is not running, or it could not answer. */
  unavailable: string | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  get last(): readonly FolderAudit[] {
    return this.results;
  }

  /** Asks the server again; concurrent calls share one run plus one queued. `record`: what is seen now becomes reviewed. */
  refresh(record = false): Promise<FolderAudit[]> {
    if (this.running && !record) {
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      do {
        this.again = false;
        await this.ask(record);
        record = false;
        this.changed.fire();
      } while (this.again);
      return this.results;
    })().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async ask(record: boolean): Promise<void> {
    if (!this.client.isRunning()) {
      this.results = [];
      this.unavailable = SERVER_DOWN;
      return;
    }
    try {
      const [deployed, packs] = await Promise.all([request(this.client, DeployedAuditRequest, { record }), request0(this.client, PackSourcesRequest)]);
      const sameFolder = (folder: vscode.WorkspaceFolder) => (uri: string) => vscode.Uri.parse(uri).fsPath === folder.uri.fsPath;
      // In the editor's folder order; the server answers for the folders it was given.
      this.results = (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
        const mine = sameFolder(folder);
        const d = deployed.folders.find((f) => mine(f.folder));
        return d ? [{ folder, deployed: d, sources: packs.sources.filter((s) => mine(s.folder)) }] : [];
      });
      this.unavailable = undefined;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.output.appendLine(`[client] auditing deployed code failed: ${message}`);
      this.results = [];
      this.unavailable = this.client.isRunning() ? `The language server could not audit: ${message}` : SERVER_DOWN;
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
