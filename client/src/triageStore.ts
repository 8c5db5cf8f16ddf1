// Team triage in VS Code: one `.hindsight/triage.json` per workspace folder, keyed by occurrence
// fingerprint. Reloads when the file changes on disk (git pull, checkout); a malformed file is reported
// with its position and left untouched until someone fixes it.
import * as vscode from 'vscode';
import * as os from 'node:os';
import { execFile } from 'node:child_process';
import type { TriageState } from '../../server/src/shared/protocol';
import { TriageData, TriageEntry, TriageFileError, emptyTriage, readTriageFile, updateTriageFile } from './triage/triageFile';

export const TRIAGE_FILE = '.hindsight/triage.json';

interface FolderState {
  file: vscode.Uri;
  data: TriageData;
  error?: TriageFileError | Error;
}

export class TriageStore implements vscode.Disposable {
  private readonly folders = new Map<string, FolderState>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private authorCache?: Promise<string>;
  private reported = new Set<string>();

  constructor(private readonly log: vscode.OutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${TRIAGE_FILE}`);
    const reload = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder) void this.loadFolder(folder).then(() => this.emitter.fire());
    };
    watcher.onDidChange(reload);
    watcher.onDidCreate(reload);
    watcher.onDidDelete(reload);
    this.disposables.push(
      watcher,
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.loadAll()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('hindsight.triage.author')) this.authorCache = undefined;
      }),
    );
  }

  async loadAll(): Promise<void> {
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.loadFolder(f)));
    this.emitter.fire();
  }

  private async loadFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const file = vscode.Uri.joinPath(folder.uri, TRIAGE_FILE);
    try {
      const data = await readTriageFile(file.fsPath);
      this.folders.set(folder.uri.toString(), { file, data });
      this.reported.delete(file.fsPath);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      this.folders.set(folder.uri.toString(), { file, data: this.folders.get(folder.uri.toString())?.data ?? emptyTriage(), error });
      this.report(file, error);
    }
  }

  private report(file: vscode.Uri, error: Error): void {
    this.log.appendLine(`[triage] ${error.message}`);
    if (this.reported.has(file.fsPath)) return;
    this.reported.add(file.fsPath);
    void vscode.window
      .showErrorMessage(
        `Hindsight: cannot read ${vscode.workspace.asRelativePath(file)}: ${error.message}. Triage will not be saved until it is fixed.`,
        'Open File',
      )
      .then((pick) => {
        if (pick) void vscode.window.showTextDocument(file);
      });
  }

  private stateFor(uri: string): FolderState | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri));
    return folder ? this.folders.get(folder.uri.toString()) : undefined;
  }

  get(uri: string, fingerprint: string): TriageEntry | undefined {
    return this.stateFor(uri)?.data.entries[fingerprint];
  }

  /** Triage state of an occurrence: 'open' when never triaged. */
  status(uri: string, fingerprint: string): TriageState {
    return this.get(uri, fingerprint)?.status ?? 'open';
  }

  /** Fingerprints marked false positive, across all folders (diagnostics filtering). */
  isFalsePositive(uri: string, fingerprint: string): boolean {
    return this.status(uri, fingerprint) === 'false-positive';
  }

  /** The problem that keeps a folder's file from being read, if any. */
  problem(uri: string): Error | undefined {
    return this.stateFor(uri)?.error;
  }

  async author(): Promise<string> {
    const configured = vscode.workspace.getConfiguration('hindsight').get<string>('triage.author', '').trim();
    if (configured) return configured;
    this.authorCache ??= new Promise<string>((resolve) => {
      const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
      execFile('git', ['config', 'user.name'], { cwd, timeout: 5000 }, (err, stdout) => {
        const name = err ? '' : stdout.trim();
        if (name) return resolve(name);
        try {
          resolve(os.userInfo().username);
        } catch {
          resolve('unknown');
        }
      });
    });
    return this.authorCache;
  }

  /** Records a decision for an occurrence and writes the folder's triage file. */
  async set(occurrence: { uri: string; fingerprint: string; findingId: string }, status: TriageState, comment: string): Promise<void> {
    const uri = vscode.Uri.parse(occurrence.uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) throw new Error(`${uri.fsPath} is outside the workspace folders, so it has no triage file`);
    if (!this.folders.has(folder.uri.toString())) await this.loadFolder(folder);
    const state = this.folders.get(folder.uri.toString())!;
    if (state.error) {
      // Re-check: the user may have fixed the file since.
      await this.loadFolder(folder);
      const again = this.folders.get(folder.uri.toString())!;
      if (again.error) throw new Error(`${again.error.message} — fix the file first; it was not overwritten`);
    }
    const author = await this.author();
    const event = { status, comment, author, date: new Date().toISOString() };
    try {
      const data = await updateTriageFile(
        state.file.fsPath,
        occurrence.fingerprint,
        { findingId: occurrence.findingId, file: vscode.workspace.asRelativePath(uri, false) },
        event,
      );
      this.folders.set(folder.uri.toString(), { file: state.file, data });
    } catch (e) {
      if (e instanceof TriageFileError) {
        this.folders.set(folder.uri.toString(), { ...state, error: e });
        this.report(state.file, e);
      }
      throw e;
    }
    this.emitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
