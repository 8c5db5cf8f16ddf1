// The Review Scope view: which files and functions a review has to cover (changed since the last recorded review,
// or everything), who marked them reviewed, and the coverage. The language server computes it
// (hindsight/reviewScope); "Mark Reviewed" on a function, file or selection writes the reviewer's own file under
// .hindsight/reviewed/ (hindsight/markReviewed).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MarkReviewedRequest, ReviewScopeRequest, type ReviewScope, type ScopeFile, type ScopeFunction } from '../../../server/src/shared/protocol';
import { request } from '../serverClient';

export type ScopeNode =
  | { kind: 'summary'; folder: vscode.WorkspaceFolder; scope: ReviewScope }
  | { kind: 'file'; folder: vscode.WorkspaceFolder; file: ScopeFile }
  | { kind: 'function'; folder: vscode.WorkspaceFolder; file: ScopeFile; fn: ScopeFunction }
  | { kind: 'problem'; message: string };

const pct = (r: number, t: number) => (t ? `${Math.round((100 * r) / t)}%` : '–');

export class ReviewScopeTreeProvider implements vscode.TreeDataProvider<ScopeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ScopeNode | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** The last answer per folder (uri string). */
  scopes = new Map<string, { folder: vscode.WorkspaceFolder; scope?: ReviewScope; error?: string }>();
  private asked = 0;

  constructor(private readonly client: LanguageClient) {}

  /** Asks the server again for every folder. */
  async refresh(): Promise<void> {
    const asked = ++this.asked;
    if (!this.client.isRunning()) return;
    const next = new Map<string, { folder: vscode.WorkspaceFolder; scope?: ReviewScope; error?: string }>();
    for (const folder of (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file')) {
      try {
        next.set(folder.uri.toString(), { folder, scope: await request(this.client, ReviewScopeRequest, { folder: folder.uri.toString() }) });
      } catch (e) {
        next.set(folder.uri.toString(), { folder, error: e instanceof Error ? e.message : String(e) });
      }
    }
    if (asked !== this.asked) return;
    this.scopes = next;
    this.emitter.fire();
  }

  getChildren(node?: ScopeNode): ScopeNode[] {
    if (!node) {
      return [...this.scopes.values()].flatMap(({ folder, scope, error }): ScopeNode[] =>
        error
          ? [{ kind: 'problem', message: error }]
          : scope
            ? [{ kind: 'summary', folder, scope }, ...scope.files.map((file): ScopeNode => ({ kind: 'file', folder, file }))]
            : [],
      );
    }
    if (node.kind === 'file') return node.file.functions.map((fn) => ({ kind: 'function', folder: node.folder, file: node.file, fn }));
    return [];
  }

  getTreeItem(node: ScopeNode): vscode.TreeItem {
    if (node.kind === 'problem') {
      const t = new vscode.TreeItem(`Review scope not available: ${node.message}`);
      t.iconPath = new vscode.ThemeIcon('warning');
      return t;
    }
    if (node.kind === 'summary') {
      const { scope } = node;
      const multi = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
      const t = new vscode.TreeItem(
        `${multi ? `${node.folder.name}: ` : ''}Coverage ${scope.coverage.reviewed}/${scope.coverage.total} (${pct(scope.coverage.reviewed, scope.coverage.total)})`,
      );
      t.id = `scope:${node.folder.uri}`;
      t.description = scope.since ? `changed since ${scope.since.slice(0, 8)}${scope.sinceSource === 'last-review' ? ' (last review)' : ''}` : 'every file';
      t.tooltip = scope.since
        ? `Files and functions changed since ${scope.since}${scope.sinceSource === 'last-review' ? ', the commit of the last recorded review' : ''}.`
        : 'Every file is in scope: no review with a commit is recorded yet (or the folder is not trusted, so git does not run).';
      t.iconPath = new vscode.ThemeIcon('checklist');
      t.contextValue = 'scopeSummary';
      return t;
    }
    if (node.kind === 'file') {
      const f = node.file;
      const done = f.total > 0 && f.reviewed === f.total;
      const t = new vscode.TreeItem(f.file, f.functions.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      t.id = `scope:${node.folder.uri}:${f.file}`;
      t.resourceUri = vscode.Uri.joinPath(node.folder.uri, f.file);
      t.description = [
        `${f.reviewed}/${f.total} reviewed`,
        f.findings ? `${f.findings} finding${f.findings === 1 ? '' : 's'}` : '',
        f.status !== 'unchanged' ? f.status : '',
      ]
        .filter(Boolean)
        .join(' · ');
      t.iconPath = new vscode.ThemeIcon(done ? 'pass-filled' : 'circle-large-outline', done ? new vscode.ThemeColor('testing.iconPassed') : undefined);
      t.tooltip = `${f.file}: ${f.reviewed} of ${f.total} reviewed${f.reviewedBy.length ? `; the whole file by ${f.reviewedBy.join(', ')}` : ''}`;
      t.contextValue = 'scopeFile';
      t.command = { command: 'vscode.open', title: 'Open', arguments: [t.resourceUri] };
      return t;
    }
    const { fn } = node;
    const t = new vscode.TreeItem(fn.key);
    t.id = `scope:${node.folder.uri}:${node.file.file}#${fn.key}`;
    const state = fn.reviewedBy.length
      ? `reviewed by ${fn.reviewedBy.join(', ')}`
      : fn.staleBy.length
        ? `changed since ${fn.staleBy.join(', ')} reviewed it`
        : 'not reviewed';
    t.description = [state, fn.findings ? `${fn.findings} finding${fn.findings === 1 ? '' : 's'}` : ''].filter(Boolean).join(' · ');
    t.iconPath = new vscode.ThemeIcon(
      fn.reviewedBy.length ? 'pass' : fn.staleBy.length ? 'history' : 'symbol-method',
      fn.reviewedBy.length ? new vscode.ThemeColor('testing.iconPassed') : undefined,
    );
    t.contextValue = 'scopeFunction';
    const uri = vscode.Uri.joinPath(node.folder.uri, node.file.file);
    t.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: new vscode.Range(fn.startLine, 0, fn.startLine, 0) }] };
    t.accessibilityInformation = { label: `${fn.key} in ${node.file.file}, ${state}` };
    return t;
  }

  dispose(): void {
    this.asked++;
    this.emitter.dispose();
  }
}

/**
 * Marks a scope node, a file, or the active editor's selection (the functions it touches; the whole file when none)
 * reviewed. Answers the number of marks written.
 */
export async function markReviewed(client: LanguageClient, target?: ScopeNode | vscode.Uri, by?: string): Promise<number> {
  const author = by ?? (vscode.workspace.getConfiguration('hindsight').get<string>('triage.author', '').trim() || undefined);
  const who = author ? { by: author } : {};
  if (target && !(target instanceof vscode.Uri)) {
    if (target.kind === 'function') {
      const uri = vscode.Uri.joinPath(target.folder.uri, target.file.file).toString();
      return (await request(client, MarkReviewedRequest, { uri, functions: [target.fn.key], ...who })).marks;
    }
    if (target.kind === 'file')
      return (await request(client, MarkReviewedRequest, { uri: vscode.Uri.joinPath(target.folder.uri, target.file.file).toString(), ...who })).marks;
    return 0;
  }
  if (target instanceof vscode.Uri) return (await request(client, MarkReviewedRequest, { uri: target.toString(), ...who })).marks;
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Hindsight: open a Solidity file (or pick a file or function in Review Scope) to mark it reviewed.');
    return 0;
  }
  if (editor.document.isDirty) await editor.document.save();
  const sel = editor.selection;
  const r = await request(client, MarkReviewedRequest, { uri: editor.document.uri.toString(), lines: { start: sel.start.line, end: sel.end.line }, ...who });
  return r.marks;
}
