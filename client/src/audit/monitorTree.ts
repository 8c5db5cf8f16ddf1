// The "On-chain Monitor" view: per deployment, what the last `hindsight monitor` run recorded (the last block
// processed, gaps) and its newest alerts; an alert that names a finding opens the finding's source line. Asked of the
// server (hindsight/monitorStatus); the editor itself never reaches the chain.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { MonitorStatusRequest, type MonitorAlertInfo, type MonitorDeploymentInfo } from '../../../server/src/shared/protocol';
import { request } from '../serverClient';

export type MonitorNode =
  | { kind: 'message'; text: string; error?: boolean }
  | { kind: 'deployment'; folder: vscode.Uri; deployment: MonitorDeploymentInfo }
  | { kind: 'alert'; folder: vscode.Uri; deployment: MonitorDeploymentInfo; alert: MonitorAlertInfo };

const SEVERITY_ICON: Record<string, string> = { critical: 'error', high: 'error', medium: 'warning', low: 'info', info: 'info' };

export class MonitorTreeProvider implements vscode.TreeDataProvider<MonitorNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<MonitorNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: MonitorNode[] = [{ kind: 'message', text: 'Reading the monitor state…' }];

  constructor(private readonly client: LanguageClient) {}

  /** What the view shows, for tests. */
  get nodes(): readonly MonitorNode[] {
    return this.roots;
  }

  async refresh(): Promise<void> {
    const out: MonitorNode[] = [];
    if (!this.client.isRunning()) out.push({ kind: 'message', text: 'The Hindsight language server is not running.', error: true });
    else {
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        try {
          const status = await request(this.client, MonitorStatusRequest, { folder: folder.uri.toString() });
          if (status.error) out.push({ kind: 'message', text: status.error, error: true });
          for (const deployment of status.deployments) out.push({ kind: 'deployment', folder: folder.uri, deployment });
        } catch (e) {
          out.push({ kind: 'message', text: e instanceof Error ? e.message : String(e), error: true });
        }
      }
      if (!out.length) out.push({ kind: 'message', text: 'Not monitored yet: run `hindsight monitor` (docs/continuous-audit.md).' });
    }
    this.roots = out;
    this.changed.fire(undefined);
  }

  getChildren(node?: MonitorNode): MonitorNode[] {
    if (!node) return this.roots;
    if (node.kind === 'deployment')
      return [...node.deployment.recent].reverse().map((alert) => ({ kind: 'alert', folder: node.folder, deployment: node.deployment, alert }));
    return [];
  }

  getTreeItem(node: MonitorNode): vscode.TreeItem {
    if (node.kind === 'message') {
      const t = new vscode.TreeItem(node.text);
      t.tooltip = node.text;
      if (node.error) t.iconPath = new vscode.ThemeIcon('error');
      return t;
    }
    if (node.kind === 'deployment') {
      const d = node.deployment;
      const t = new vscode.TreeItem(d.name, d.recent.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      const gaps = d.gaps.length ? ` · ${d.gaps.length} gap${d.gaps.length === 1 ? '' : 's'}` : '';
      t.description = `${d.chain} · ${d.lastBlock >= 0 ? `block ${d.lastBlock}` : 'not started'} · ${d.recent.length} alert${d.recent.length === 1 ? '' : 's'}${gaps}`;
      t.tooltip = `${d.name} at ${d.address} on ${d.chain}: processed up to block ${d.lastBlock}${gaps}`;
      t.iconPath = new vscode.ThemeIcon('pulse');
      t.contextValue = 'hindsight.monitor.deployment';
      return t;
    }
    const a = node.alert;
    const t = new vscode.TreeItem(a.message);
    t.description = `block ${a.block}${a.finding ? ` · ${a.finding.file}:${a.finding.line}` : ''}`;
    t.tooltip = new vscode.MarkdownString(
      [
        `**${a.monitor}** (${a.severity})`,
        a.message,
        a.transaction ? `Transaction \`${a.transaction}\`` : '',
        a.seenVia ? `Seen ${a.seenVia === 'trace' ? 'in a call trace' : a.seenVia === 'proxy' ? 'through the proxy' : 'in the transaction input'}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
    t.iconPath = new vscode.ThemeIcon(SEVERITY_ICON[a.severity] ?? 'info');
    if (a.finding) {
      const uri = vscode.Uri.joinPath(node.folder, ...a.finding.file.split('/'));
      t.command = { command: 'hindsight.openMonitorAlert', title: 'Open the flagged source line', arguments: [uri, a.finding.line, a.finding.column] };
    }
    return t;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export async function openAlertSource(uri: vscode.Uri, line: number, column: number): Promise<void> {
  const at = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(at, at) });
}
