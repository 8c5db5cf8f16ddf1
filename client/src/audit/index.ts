// Wires the continuous-audit parts of the panel: the Deployed Code and Pack Sources views, the read-only
// deployed-source documents, the pack-update notification and the review status bar item.
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { App } from '../app';
import { DEPLOYED_SCHEME, DeployedSourceProvider, openDeployed } from './deployedSource';
import { DeployedTreeProvider, type DeployedNode } from './deployedTree';
import { MonitorTreeProvider, openAlertSource, type MonitorNode } from './monitorTree';
import { PackSourcesTreeProvider, type PackSourceNode } from './packSourcesTree';
import { recordReview, ReviewStatusItem, type RecordReviewOptions } from './reviewStatus';
import { markReviewed, ReviewScopeTreeProvider, type ScopeNode } from './reviewScopeTree';
import { WorkspaceAudit } from './workspaceAudit';

export interface AuditUi {
  audit: WorkspaceAudit;
  deployed: DeployedTreeProvider;
  packSources: PackSourcesTreeProvider;
  monitor: MonitorTreeProvider;
  review: ReviewStatusItem;
  scope: ReviewScopeTreeProvider;
  /** Notices shown to the user (for the tests). */
  notices: string[];
}

const SEEN_NOTICE = 'hindsight.deployed.lastNotice';

export function registerAudit(app: App): AuditUi {
  const { context, output, client } = app;
  const audit = new WorkspaceAudit(client, output);
  const deployed = new DeployedTreeProvider(audit);
  const packSources = new PackSourcesTreeProvider(audit);
  const monitor = new MonitorTreeProvider(client);
  const review = new ReviewStatusItem(client);
  const scope = new ReviewScopeTreeProvider(client);
  const notices: string[] = [];
  // The scope follows findings, saves, marks and reviews; coalesced, since a scan changes findings many times.
  let scopeTimer: NodeJS.Timeout | undefined;
  const scopeSoon = (): void => {
    clearTimeout(scopeTimer);
    scopeTimer = setTimeout(() => void scope.refresh(), 300);
  };
  const marksWatcher = vscode.workspace.createFileSystemWatcher('**/.hindsight/reviewed/*.json');

  const refresh = async (): Promise<void> => {
    try {
      await audit.refresh();
    } catch (e) {
      output.appendLine(`[client] auditing deployed code failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  };

  const notify = async (): Promise<void> => {
    for (const r of audit.last) {
      const notice = r.deployed.notice;
      if (r.deployed.error) output.appendLine(`[client] deployed code in ${r.folder.name}: ${r.deployed.error}`);
      if (!notice) continue;
      // Once per distinct notice: a reload that changes nothing must not ask again.
      const key = `${SEEN_NOTICE}:${r.folder.uri.toString()}`;
      if (context.workspaceState.get<string>(key) === notice) continue;
      await context.workspaceState.update(key, notice);
      notices.push(notice);
      void vscode.window.showWarningMessage(`Hindsight: ${notice}`, 'Show', 'Mark as Seen').then(async (pick) => {
        if (pick === 'Show') await vscode.commands.executeCommand('hindsight.deployed.focus');
        else if (pick === 'Mark as Seen') await audit.refresh(true);
      });
    }
  };

  // Only what changes the audit: triage and baseline writes (frequent) must not re-scan deployed code.
  const watchers = ['**/.hindsight/{deployments,config}.{yaml,yml}', '**/.hindsight/packs/**', '**/node_modules/{hindsight-pack-*,@*/hindsight-pack-*}/**'].map(
    (g) => vscode.workspace.createFileSystemWatcher(g),
  );
  const reviewsWatcher = vscode.workspace.createFileSystemWatcher('**/.hindsight/reviews.json');
  // What `hindsight monitor` recorded: re-read whenever a run writes its state.
  const monitorWatcher = vscode.workspace.createFileSystemWatcher('**/.hindsight/monitor-state.json');
  const monitorChanged = (): void => void monitor.refresh();
  const reviewChanged = (): void => {
    review.update();
    scopeSoon();
  };
  let timer: NodeJS.Timeout | undefined;
  const soon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 500);
  };
  // The review date moves on by itself: re-read it hourly.
  const clock = setInterval(() => review.update(), 60 * 60 * 1000);

  context.subscriptions.push(
    audit,
    deployed,
    packSources,
    review,
    ...watchers,
    ...watchers.flatMap((w) => [w.onDidChange(soon), w.onDidCreate(soon), w.onDidDelete(soon)]),
    reviewsWatcher,
    reviewsWatcher.onDidChange(reviewChanged),
    reviewsWatcher.onDidCreate(reviewChanged),
    reviewsWatcher.onDidDelete(reviewChanged),
    monitor,
    monitorWatcher,
    monitorWatcher.onDidChange(monitorChanged),
    monitorWatcher.onDidCreate(monitorChanged),
    monitorWatcher.onDidDelete(monitorChanged),
    vscode.window.createTreeView<MonitorNode>('hindsight.monitor', { treeDataProvider: monitor }),
    vscode.commands.registerCommand('hindsight.refreshMonitor', () => monitor.refresh()),
    vscode.commands.registerCommand('hindsight.openMonitorAlert', (uri: vscode.Uri, line: number, column: number) => openAlertSource(uri, line, column)),
    { dispose: () => (clearTimeout(timer), clearInterval(clock)) },
    { dispose: () => (clearTimeout(timer), clearTimeout(scopeTimer), clearInterval(clock)) },
    scope,
    marksWatcher,
    marksWatcher.onDidChange(scopeSoon),
    marksWatcher.onDidCreate(scopeSoon),
    marksWatcher.onDidDelete(scopeSoon),
    app.model.onDidChange(scopeSoon),
    vscode.workspace.onDidSaveTextDocument((d) => d.languageId === 'solidity' && scopeSoon()),
    vscode.window.createTreeView<ScopeNode>('hindsight.reviewScope', { treeDataProvider: scope, showCollapseAll: true }),
    vscode.commands.registerCommand('hindsight.refreshReviewScope', () => scope.refresh()),
    vscode.commands.registerCommand('hindsight.markReviewed', async (target?: ScopeNode | vscode.Uri, by?: string) => {
      try {
        const n = await markReviewed(client, target, by);
        await scope.refresh();
        if (n) vscode.window.setStatusBarMessage(`Hindsight: ${n} mark${n === 1 ? '' : 's'} recorded`, 4000);
        return n;
      } catch (e) {
        void vscode.window.showErrorMessage(`Hindsight: could not mark as reviewed: ${e instanceof Error ? e.message : String(e)}`);
        return 0;
      }
    }),
    audit.onDidChange(() => {
      review.update();
      void notify();
    }),
    vscode.window.createTreeView<DeployedNode>('hindsight.deployed', { treeDataProvider: deployed, showCollapseAll: true }),
    vscode.window.createTreeView<PackSourceNode>('hindsight.packSources', { treeDataProvider: packSources }),
    vscode.workspace.registerTextDocumentContentProvider(DEPLOYED_SCHEME, new DeployedSourceProvider(client)),
    // The server answers once it runs; a restarted one may see the workspace differently.
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        soon();
        void monitor.refresh();
        scopeSoon();
      } else if (e.newState === State.Stopped) void refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('hindsight.packs')) soon();
      if (e.affectsConfiguration('hindsight.review') || e.affectsConfiguration('hindsight.statusBar')) review.update();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(soon),
    vscode.workspace.onDidGrantWorkspaceTrust(soon),
    vscode.commands.registerCommand('hindsight.refreshDeployed', () => audit.refresh()),
    vscode.commands.registerCommand('hindsight.openDeployedOccurrence', (uri: vscode.Uri, range?: vscode.Range) => openDeployed(uri, range)),
    vscode.commands.registerCommand('hindsight.recordReview', async (options?: RecordReviewOptions) => {
      try {
        const r = await recordReview(client, audit, options ?? {});
        review.update();
        if (r) vscode.window.setStatusBarMessage(`Hindsight: review recorded by ${r.by} (${r.findings.total} findings)`, 5000);
        return r;
      } catch (e) {
        void vscode.window.showErrorMessage(`Hindsight: could not record the review: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    }),
  );
  void refresh();
  return { audit, deployed, packSources, monitor, review, scope, notices };
}
