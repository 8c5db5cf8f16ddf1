// The "Pack Sources" view: every pack source considered for each workspace folder, in precedence order
// (built-in, npm, .hindsight/packs, settings paths, pinned URLs), with the pack's name, version and what became
// of it (loaded, shadowed, not fetched, error), as the language server resolves them (hindsight/packSources).
import * as vscode from 'vscode';
import type { PackSourceEntry as PackSourceInfo } from '../../../server/src/shared/protocol';
import type { FolderAudit, WorkspaceAudit } from './workspaceAudit';

export type PackSourceNode =
  | { kind: 'message'; text: string }
  | { kind: 'folder'; result: FolderAudit }
  | { kind: 'source'; folder: string; source: PackSourceInfo; off?: string };

const KIND_LABEL: Record<PackSourceInfo['kind'], string> = { builtin: 'built-in', npm: 'npm', workspace: 'workspace', settings: 'settings', url: 'URL' };
const STATUS_ICON: Record<PackSourceInfo['status'], [string, string?]> = {
  loaded: ['package', undefined],
  shadowed: ['eye-closed', 'disabledForeground'],
  duplicate: ['copy', 'disabledForeground'],
  'not-fetched': ['cloud-download', 'problemsWarningIcon.foreground'],
  restricted: ['shield', 'disabledForeground'],
  error: ['error', 'problemsErrorIcon.foreground'],
};

function sourcesOf(r: FolderAudit): PackSourceNode[] {
  return r.sources.map((source) => ({ kind: 'source', folder: r.folder.name, source, ...(source.notRun ? { off: source.notRun } : {}) }));
}

export class PackSourcesTreeProvider implements vscode.TreeDataProvider<PackSourceNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PackSourceNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly audit: WorkspaceAudit) {
    this.sub = audit.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: PackSourceNode): PackSourceNode[] {
    if (node?.kind === 'folder') return sourcesOf(node.result);
    if (node) return [];
    if (this.audit.unavailable) return [{ kind: 'message', text: this.audit.unavailable }];
    const results = this.audit.last;
    if (results.length === 1) return sourcesOf(results[0]);
    return results.map((result) => ({ kind: 'folder', result }));
  }

  getTreeItem(node: PackSourceNode): vscode.TreeItem {
    if (node.kind === 'message') {
      const t = new vscode.TreeItem(node.text);
      t.iconPath = new vscode.ThemeIcon('warning');
      t.contextValue = 'message';
      return t;
    }
    if (node.kind === 'folder') {
      const t = new vscode.TreeItem(node.result.folder.name, vscode.TreeItemCollapsibleState.Expanded);
      t.iconPath = vscode.ThemeIcon.Folder;
      return t;
    }
    const s = node.source;
    const t = new vscode.TreeItem(s.pack ? `${s.pack.name} ${s.pack.version}` : s.location);
    t.id = `pack-source:${node.folder}:${s.kind}:${s.location}`;
    const findings = s.pack ? `${s.pack.findings} finding${s.pack.findings === 1 ? '' : 's'}` : '';
    const problem = s.status !== 'loaded' && s.message ? `: ${s.message.split('\n')[0]}` : '';
    t.description = [KIND_LABEL[s.kind], s.status === 'loaded' ? findings : `${s.status}${problem}`, s.fetch, node.off].filter(Boolean).join(' · ');
    const [icon, color] = STATUS_ICON[s.status];
    t.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const md = new vscode.MarkdownString();
    md.appendText(`${KIND_LABEL[s.kind]} source: ${s.location}\nDeclared in ${s.declaredIn}\nStatus: ${s.status}${s.fetch ? ` (${s.fetch})` : ''}`);
    if (s.file) md.appendText(`\nFile: ${s.file}`);
    if (s.message) md.appendText(`\n${s.message}`);
    if (node.off) md.appendText(`\nNot run: ${node.off}`);
    t.tooltip = md;
    t.contextValue = `packSource.${s.status}`;
    if (s.file) t.command = { command: 'vscode.open', title: 'Open Pack File', arguments: [vscode.Uri.file(s.file)] };
    return t;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
