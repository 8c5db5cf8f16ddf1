// The "Deployed Code" view: per deployment (from .hindsight/deployments.yaml) → finding → occurrence, as
// `hindsight deployed` reports them; findings a pack update brought since the last review are marked.
import * as vscode from 'vscode';
import type { DeployedFindingInfo as DeployedFinding, DeploymentInfo as DeploymentReport } from '../../../server/src/shared/protocol';
import { deployedUri } from './deployedSource';
import type { FolderAudit, WorkspaceAudit } from './workspaceAudit';

export type DeployedNode =
  | { kind: 'message'; text: string; tooltip?: string; error?: boolean }
  | { kind: 'deployment'; folder: string; report: DeploymentReport }
  | { kind: 'finding'; folder: string; report: DeploymentReport; findingId: string; pack: string; items: DeployedFinding[] }
  | { kind: 'occurrence'; folder: string; report: DeploymentReport; item: DeployedFinding };

const SEVERITY_ICON: Record<string, string> = { critical: 'error', high: 'error', medium: 'warning', low: 'info', info: 'info' };
const SEVERITY_ORDER: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export function isNew(f: DeployedFinding): boolean {
  return f.status === 'new';
}

/** Why a finding is new, as the server words it. */
function describeNew(f: DeployedFinding): string {
  return f.whyNew ?? 'new since last review';
}

export class DeployedTreeProvider implements vscode.TreeDataProvider<DeployedNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DeployedNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: vscode.Disposable;
  private loaded = false;

  constructor(private readonly audit: WorkspaceAudit) {
    this.sub = audit.onDidChange(() => {
      this.loaded = true;
      this.changed.fire(undefined);
    });
  }

  getChildren(node?: DeployedNode): DeployedNode[] {
    if (!node) return this.roots(this.audit.last);
    if (node.kind === 'deployment') {
      const groups = new Map<string, DeployedFinding[]>();
      for (const f of node.report.findings) {
        const key = `${f.pack}\u0000${f.findingId}`;
        groups.set(key, [...(groups.get(key) ?? []), f]);
      }
      return [...groups.values()]
        .sort(
          (a, b) =>
            Number(b.some(isNew)) - Number(a.some(isNew)) ||
            SEVERITY_ORDER[a[0].severity] - SEVERITY_ORDER[b[0].severity] ||
            a[0].findingId.localeCompare(b[0].findingId),
        )
        .map((items) => ({ kind: 'finding', folder: node.folder, report: node.report, findingId: items[0].findingId, pack: items[0].pack, items }));
    }
    if (node.kind === 'finding') {
      return [...node.items]
        .sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line)
        .map((item) => ({ kind: 'occurrence', folder: node.folder, report: node.report, item }));
    }
    return [];
  }

  private roots(results: readonly FolderAudit[]): DeployedNode[] {
    if (!this.loaded) return [{ kind: 'message', text: 'Auditing deployed code…' }];
    if (this.audit.unavailable) return [{ kind: 'message', text: this.audit.unavailable, error: true }];
    const out: DeployedNode[] = [];
    for (const r of results) {
      if (r.deployed.error) out.push({ kind: 'message', text: r.deployed.error.split('\n')[0], tooltip: r.deployed.error, error: true });
      for (const report of r.deployed.deployments) out.push({ kind: 'deployment', folder: r.folder.uri.toString(), report });
    }
    if (!out.length) out.push({ kind: 'message', text: 'No deployments: list them in .hindsight/deployments.yaml.' });
    return out;
  }

  getTreeItem(node: DeployedNode): vscode.TreeItem {
    switch (node.kind) {
      case 'message': {
        const t = new vscode.TreeItem(node.text);
        t.tooltip = node.tooltip ?? node.text;
        if (node.error) t.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
        t.contextValue = 'message';
        return t;
      }
      case 'deployment': {
        const r = node.report;
        const fresh = r.findings.filter(isNew).length;
        const t = new vscode.TreeItem(r.name, r.findings.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        t.id = `deployment:${node.folder}:${r.name}`;
        const count = r.error ? 'error' : `${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}${fresh ? `, ${fresh} new` : ''}`;
        t.description = `${r.chain} · ${r.revision} · ${count}`;
        t.iconPath = new vscode.ThemeIcon(r.error ? 'error' : fresh ? 'bell-dot' : 'rocket');
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`**${r.name}** on ${r.chain} at \`${r.address}\`\n\n`);
        md.appendMarkdown(
          `Revision \`${r.revision}\`${r.commit ? ` (\`${r.commit.slice(0, 12)}\`)` : ''}, ${r.files.length} file${r.files.length === 1 ? '' : 's'}\n\n`,
        );
        md.appendMarkdown(
          r.lastReviewed ? `Last reviewed ${r.lastReviewed.slice(0, 10)}` : 'Not reviewed yet: nothing can be called new until a review is recorded.',
        );
        for (const c of r.packChanges) md.appendMarkdown(`\n\nPack ${c.name}: ${c.previousVersion ?? '(new)'} → ${c.version} since then.`);
        if (r.error) md.appendMarkdown(`\n\n$(error) ${r.error}`);
        md.supportThemeIcons = true;
        t.tooltip = md;
        t.contextValue = 'deployment';
        return t;
      }
      case 'finding': {
        const first = node.items[0];
        const fresh = node.items.filter(isNew);
        const t = new vscode.TreeItem(`${first.findingId}: ${first.title}`, vscode.TreeItemCollapsibleState.Collapsed);
        t.id = `deployed-finding:${node.folder}:${node.report.name}:${node.pack}/${node.findingId}`;
        t.description = `${first.severity} · ${node.items.length}${fresh.length ? ` · ${describeNew(fresh[0])}` : ''}`;
        t.iconPath = new vscode.ThemeIcon(fresh.length ? 'new-file' : (SEVERITY_ICON[first.severity] ?? 'info'));
        t.tooltip = `${node.pack}/${node.findingId} (${first.severity})${fresh.length ? `\n${describeNew(fresh[0])}` : ''}`;
        t.contextValue = fresh.length ? 'deployedFinding.new' : 'deployedFinding';
        return t;
      }
      case 'occurrence': {
        const f = node.item;
        const t = new vscode.TreeItem(`${f.file}:${f.range.start.line + 1}`);
        t.id = `deployed-occ:${node.folder}:${node.report.name}:${f.fingerprint}:${f.file}:${f.range.start.line}:${f.range.start.character}`;
        t.description = [f.contract, f.function].filter(Boolean).join('.') + (isNew(f) ? ' · new' : '');
        t.iconPath = new vscode.ThemeIcon(isNew(f) ? 'diff-added' : 'location');
        t.contextValue = 'deployedOccurrence';
        if (node.report.commit) {
          const uri = deployedUri(node.folder, node.report.name, node.report.revision, node.report.commit, f.file);
          const range = new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character);
          t.command = { command: 'hindsight.openDeployedOccurrence', title: 'Open Deployed Source', arguments: [uri, range] };
          t.resourceUri = uri;
        }
        return t;
      }
    }
  }

  /** Deployed findings of every folder (for the tests and the notification). */
  all(): Array<{ deployment: string; finding: DeployedFinding }> {
    return this.audit.last.flatMap((r) => r.deployed.deployments.flatMap((rep) => rep.findings.map((finding) => ({ deployment: rep.name, finding }))));
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
