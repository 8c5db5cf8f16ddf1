// Entry point of the VS Code extension: starts the language server, then builds the findings panel,
// status bar, details view and commands on top of the server's findings and the team's triage file.
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import {
  COMMANDS,
  FindingDetailsRequest,
  FindingsChangedNotification,
  FindingsRequest,
  ReloadPacksRequest,
  ScanWorkspaceRequest,
  type FindingDetails,
  type FindingsChangedParams,
} from '../../server/src/shared/protocol';
import type { App } from './app';
import { Baselines } from './baseline';
import { DetailsView } from './detailsView';
import { FindingsModel } from './findingsModel';
import { FindingsTreeProvider, Node } from './findingsTree';
import { StatusBar } from './statusBar';
import { TriageStore } from './triageStore';
import { CrashBudget } from './crashBudget';
import { DiagnosticsFilter, askIgnoreReason, createClient, request, request0 } from './serverClient';
import { applyFix, changeTriage, ignoreOccurrence, openOccurrence, showDetails, targetItems } from './commands/findingActions';
import { registerFilterCommands } from './commands/filterCommands';
import { registerNavigationCommands } from './commands/navigate';
import { clearImported, exportMarkdown, exportSarif, importSarifFile, restoreImported } from './commands/reports';
import { learnFromReport, registerLearnedProposals } from './commands/learnReport';
import { recordFindingFromSelection } from './commands/recordFinding';
import { registerAudit, type AuditUi } from './audit';
import { WorkspaceTrustUi } from './trust';

/** What activate() returns: the pieces the integration tests (and other extensions) inspect. */
export type HindsightApi = App & { audit: AuditUi };

export async function activate(context: vscode.ExtensionContext): Promise<HindsightApi> {
  const output = vscode.window.createOutputChannel('Hindsight', { log: true });
  const triage = new TriageStore(output);
  const model = new FindingsModel(triage);
  const diagnostics = new DiagnosticsFilter(triage);
  const crashes = new CrashBudget();
  const client = createClient(context, output, diagnostics, askIgnoreReason, crashes);
  const detailsCache = new Map<string, Promise<FindingDetails | null>>();
  const baselines = new Baselines(client, () => model.all());

  const details = (findingId: string, pack: string): Promise<FindingDetails | null> => {
    const key = `${pack}/${findingId}`;
    let p = detailsCache.get(key);
    if (!p) {
      p = request(client, FindingDetailsRequest, { findingId, pack }).catch((e) => {
        detailsCache.delete(key);
        throw e;
      });
      detailsCache.set(key, p);
    }
    return p;
  };

  const tree = new FindingsTreeProvider(model, details, context.workspaceState);
  const view = vscode.window.createTreeView<Node>('hindsight.findings', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  tree.attach(view);
  tree.setBaselines(baselines);

  // Right after the server starts, an empty answer usually means "not scanned yet", not "no findings": show
  // the scanning state until the server's first change notification (or a few seconds without one).
  let awaitingFirstChange = true;
  let settleTimer: NodeJS.Timeout | undefined;
  let refreshing: Promise<void> | undefined;
  let again = false;
  const refresh = async (): Promise<void> => {
    if (!client.isRunning()) return;
    // Coalesce: one request in flight, at most one queued behind it.
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        try {
          const result = await request(client, FindingsRequest, {});
          model.setServerFindings(result.findings, result.scanning || (awaitingFirstChange && result.findings.length === 0));
        } catch (e) {
          output.appendLine(`[client] hindsight/findings failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      } while (again);
    })().finally(() => (refreshing = undefined));
    return refreshing;
  };

  const statusBar = new StatusBar(model);
  const app: App = { context, output, client, model, tree, view, triage, detailsView: new DetailsView(), diagnostics, baselines, statusBar, details, refresh };
  restoreImported(app);
  const audit = registerAudit(app);

  context.subscriptions.push(
    output,
    triage,
    model,
    tree,
    view,
    statusBar,
    app.detailsView,
    baselines,
    baselines.onDidChange(() => tree.refresh()),
    triage.onDidChange(() => diagnostics.reapply()),
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        // A restarted server knows nothing of what the panel showed: ask again.
        detailsCache.clear();
        void baselines.load();
        awaitingFirstChange = true;
        clearTimeout(settleTimer);
        settleTimer = setTimeout(() => {
          awaitingFirstChange = false;
          void refresh();
        }, 5000);
        void refresh();
      } else if (e.newState === State.Starting) {
        model.setState('starting');
      } else {
        diagnostics.clear();
        model.setState('stopped');
      }
    }),
    client.onNotification(FindingsChangedNotification.method, (p: FindingsChangedParams) => {
      awaitingFirstChange = false;
      if (p.scanning) model.setState('scanning');
      void refresh();
    }),
    // The server learns about trust at start-up (initializationOptions) and, once the user grants it, from a
    // notification: it reloads its packs without a restart (trust.ts).
    new WorkspaceTrustUi(client, () => tree.refresh()),
    vscode.commands.registerCommand('hindsight.showPanel', () => vscode.commands.executeCommand('hindsight.findings.focus')),
    vscode.commands.registerCommand('hindsight.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('hindsight.restartServer', async () => {
      crashes.reset();
      await (client.isRunning() ? client.restart() : client.start());
    }),
    vscode.commands.registerCommand('hindsight.scan', async () => {
      if (!client.isRunning()) return vscode.window.showWarningMessage('Hindsight: the language server is not running.');
      model.setState('scanning');
      const r = await vscode.window.withProgress({ location: { viewId: 'hindsight.findings' }, title: 'Scanning workspace' }, () =>
        request0(client, ScanWorkspaceRequest),
      );
      await refresh();
      vscode.window.setStatusBarMessage(`Hindsight: ${r.findings} findings in ${r.files} files (${r.durationMs} ms)`, 5000);
      return r;
    }),
    vscode.commands.registerCommand('hindsight.reload', async () => {
      if (!client.isRunning()) return vscode.window.showWarningMessage('Hindsight: the language server is not running.');
      detailsCache.clear();
      const r = await request0(client, ReloadPacksRequest);
      void audit.audit.refresh();
      await refresh();
      const enabled = r.packs.filter((p) => p.enabled);
      const msg = `Hindsight: ${enabled.length} pack${enabled.length === 1 ? '' : 's'} loaded (${enabled.map((p) => `${p.name} ${p.version}`).join(', ')})`;
      if (r.problems.length) {
        const pick = await vscode.window.showWarningMessage(
          `${msg}; ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} in pack files.`,
          'Show Problems',
        );
        if (pick) void vscode.commands.executeCommand('workbench.actions.view.problems');
      } else vscode.window.setStatusBarMessage(msg, 5000);
      return r;
    }),
    vscode.commands.registerCommand('hindsight.openOccurrence', (node?: Node) => (node?.kind === 'occurrence' ? openOccurrence(node.item) : undefined)),
    vscode.commands.registerCommand('hindsight.applyFix', async (node?: Node, selected?: Node[]) => {
      let applied = 0;
      for (const item of bottomUp(targetItems(node, selected))) if (await applyFix(item)) applied++;
      return applied;
    }),
    vscode.commands.registerCommand('hindsight.ignoreOccurrence', async (node?: Node, selected?: Node[], reason?: string) => {
      const items = targetItems(node, selected);
      if (!items.length) return false;
      const why = reason ?? (await askIgnoreReason(items.length === 1 ? items[0].findingId : `${items.length} occurrences`));
      if (!why) return false;
      for (const item of bottomUp(items)) await ignoreOccurrence(item, why);
      return true;
    }),
    vscode.commands.registerCommand('hindsight.setTriage', (node?: Node, selected?: Node[], status?: string, comment?: string) =>
      changeTriage(app, targetItems(node, selected), status as never, comment),
    ),
    vscode.commands.registerCommand(COMMANDS.showFindingDetails, (arg?: unknown) => showDetails(app, arg)),
    vscode.commands.registerCommand('hindsight.exportMarkdown', (uri?: vscode.Uri) => exportMarkdown(app, uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('hindsight.exportSarif', (uri?: vscode.Uri) => exportSarif(app, uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('hindsight.importSarif', (uri?: vscode.Uri) => importSarifFile(app, uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('hindsight.clearImported', () => clearImported(app)),
    vscode.commands.registerCommand('hindsight.recordFinding', (answers?: unknown) =>
      recordFindingFromSelection(client, answers && typeof answers === 'object' && !(answers instanceof vscode.Uri) ? (answers as never) : {}),
    ),
    // From the explorer's context menu the argument is the report's uri; tests and other extensions pass answers.
    registerLearnedProposals(),
    vscode.commands.registerCommand('hindsight.learnReport', (arg?: unknown) =>
      learnFromReport(client, arg instanceof vscode.Uri ? { report: arg.toString() } : arg && typeof arg === 'object' ? (arg as never) : {}),
    ),
    ...registerFilterCommands(app),
    ...registerNavigationCommands(app),
  );

  const baselineWatcher = vscode.workspace.createFileSystemWatcher('**/.hindsight/baseline.json');
  const reloadBaseline = () => void baselines.load();
  context.subscriptions.push(
    baselineWatcher,
    baselineWatcher.onDidChange(reloadBaseline),
    baselineWatcher.onDidCreate(reloadBaseline),
    baselineWatcher.onDidDelete(reloadBaseline),
  );

  void vscode.commands.executeCommand('setContext', 'hindsight.state', 'starting');
  await Promise.all([triage.loadAll(), baselines.load()]);
  try {
    await client.start();
  } catch (e) {
    output.appendLine(`[client] the language server did not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    model.setState('stopped');
  }
  context.subscriptions.push({ dispose: () => void client.stop() }, { dispose: () => clearTimeout(settleTimer) });
  return Object.assign(app, { audit });
}

/** Edits applied from the bottom of each file up, so one edit never moves the lines of the next. */
function bottomUp<T extends { uri: string; range: { start: { line: number; character: number } } }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.uri.localeCompare(b.uri) || b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
}

export function deactivate(): void {
  // The client is stopped through context.subscriptions.
}
