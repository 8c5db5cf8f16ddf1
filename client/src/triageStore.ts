// Team triage in VS Code: one `.hindsight/triage.json` per workspace folder, keyed by the occurrence identity of
// shared/finding-identity.ts (file, rule, fingerprint), so a verdict on one copy of some code never covers another.
// Reloads when the file changes on disk (git pull, checkout); a malformed file is reported with its position and
// left untouched until someone fixes it.
import * as vscode from 'vscode';
import * as os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import type { TriageState } from '../../server/src/shared/protocol';
import { normaliseRelativeFile, pairOccurrences, type OccurrenceIdentity } from '../../server/src/shared/finding-identity';
import { TriageData, TriageEntry, TriageFileError, emptyTriage, readTriageFile, updateTriageFile } from './triage/triageFile';

export const TRIAGE_FILE = '.hindsight/triage.json';

/** What triage needs of an occurrence: where it is and its identity. */
export interface Occurrence {
  uri: string;
  findingId: string;
  fingerprint: string;
}

/** One spelling of the uri (the server's and VS Code's encodings differ), then the rule and fingerprint. */
function itemKey(o: Occurrence): string {
  return `${vscode.Uri.parse(o.uri).toString()}#${o.findingId}#${o.fingerprint}`;
}

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
  /** The last assign(): occurrence (uri, rule, fingerprint) → its entry. */
  private assigned = new Map<string, TriageEntry>();

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

  /**
   * Pairs the workspace's current occurrences with the triage entries (exactly, or an entry whose file is gone
   * following its code) and remembers the answer for get() and status(). Called by the findings model whenever
   * the findings or the triage change.
   */
  assign<T extends Occurrence>(items: readonly T[]): Map<T, TriageEntry> {
    const result = new Map<T, TriageEntry>();
    const byFolder = new Map<string, Array<OccurrenceIdentity & { item: T }>>();
    for (const item of items) {
      const where = this.locate(item.uri);
      if (!where || !this.folders.get(where.folder)?.data) continue;
      const list = byFolder.get(where.folder) ?? [];
      list.push({ item, findingId: item.findingId, fingerprint: item.fingerprint, file: where.file });
      byFolder.set(where.folder, list);
    }
    for (const [folder, list] of byFolder) {
      const state = this.folders.get(folder)!;
      const root = vscode.Uri.parse(folder).fsPath;
      const { pairs } = pairOccurrences(list, Object.values(state.data.entries), {
        fileExists: (file) => fs.existsSync(path.join(root, ...file.split('/'))),
      });
      for (const [c, e] of pairs) result.set(c.item, e);
    }
    this.assigned = new Map([...result].map(([item, e]) => [itemKey(item), e]));
    return result;
  }

  /** The entry covering an occurrence: from the last assign(), else an exact match. */
  get(occurrence: Occurrence): TriageEntry | undefined {
    const assigned = this.assigned.get(itemKey(occurrence));
    if (assigned) return assigned;
    const where = this.locate(occurrence.uri);
    if (!where) return undefined;
    const entries = this.folders.get(where.folder)?.data.entries ?? {};
    return Object.values(entries).find((e) => e.file === where.file && e.findingId === occurrence.findingId && e.fingerprint === occurrence.fingerprint);
  }

  /** Triage state of an occurrence: 'open' when never triaged. */
  status(occurrence: Occurrence): TriageState {
    return this.get(occurrence)?.status ?? 'open';
  }

  isFalsePositive(occurrence: Occurrence): boolean {
    return this.status(occurrence) === 'false-positive';
  }

  /** The folder (uri string) and folder-relative path of a document. */
  private locate(uri: string): { folder: string; file: string } | undefined {
    const u = vscode.Uri.parse(uri);
    const folder = vscode.workspace.getWorkspaceFolder(u);
    if (!folder) return undefined;
    return { folder: folder.uri.toString(), file: normaliseRelativeFile(path.relative(folder.uri.fsPath, u.fsPath)) };
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
  async set(occurrence: Occurrence, status: TriageState, comment: string): Promise<void> {
    const uri = vscode.Uri.parse(occurrence.uri);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const where = this.locate(occurrence.uri);
    if (!folder || !where) throw new Error(`${uri.fsPath} is outside the workspace folders, so it has no triage file`);
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
    // An entry that followed its code from a file that is gone is re-recorded under the new file.
    const from = this.get(occurrence);
    const identity = { findingId: occurrence.findingId, file: where.file, fingerprint: occurrence.fingerprint };
    try {
      const data = await updateTriageFile(state.file.fsPath, identity, event, from);
      this.folders.set(folder.uri.toString(), { file: state.file, data });
      this.assigned.delete(itemKey(occurrence));
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
