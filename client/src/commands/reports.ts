// Export the findings as a Markdown audit report or SARIF, and import other tools' SARIF into the panel. The language
// server renders and parses (hindsight/exportReport, hindsight/importSarif); this module picks the files, passes what
// only the client knows — the team's triage and the results imported into the panel — and writes what it gets back.
import * as vscode from 'vscode';
import { ExportReportRequest, ImportSarifRequest, type ExportReportParams, type TriageDecision } from '../../../server/src/shared/protocol';
import type { App } from '../app';
import type { Item } from '../findingsModel';
import { request } from '../serverClient';

const IMPORTED_KEY = 'hindsight.importedSarif';

/** The triage decisions of the items, as the report shows them. */
function triageOf(app: App, items: Item[]): TriageDecision[] {
  return items.flatMap((i) => {
    const t = app.triage.get(i);
    return t ? [{ uri: i.uri, fingerprint: i.fingerprint, status: t.status, comment: t.comment, author: t.author, date: t.date }] : [];
  });
}

async function target(defaultName: string, filters: Record<string, string[]>, given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (given) return given;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined, filters, title: 'Export Hindsight report' });
}

/** Asks the server for the report and writes it; `given` (tests, other extensions) skips the dialog and rethrows failures. */
async function exportReport(app: App, format: ExportReportParams['format'], uri: vscode.Uri, given: boolean): Promise<number | undefined> {
  const items = app.model.all();
  try {
    const { text, findings } = await request(app.client, ExportReportRequest, {
      format,
      triage: triageOf(app, items),
      imported: items.filter((i) => i.source === 'imported'),
    });
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    return findings;
  } catch (e) {
    void vscode.window.showErrorMessage(`Hindsight: cannot export the report: ${e instanceof Error ? e.message : String(e)}`);
    if (given) throw e;
    return undefined;
  }
}

export async function exportMarkdown(app: App, given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = await target('hindsight-report.md', { Markdown: ['md'] }, given);
  if (!uri || (await exportReport(app, 'markdown', uri, !!given)) === undefined) return undefined;
  if (!given) await vscode.window.showTextDocument(uri);
  return uri;
}

export async function exportSarif(app: App, given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = await target('hindsight.sarif', { SARIF: ['sarif', 'json'] }, given);
  if (!uri) return undefined;
  const count = await exportReport(app, 'sarif', uri, !!given);
  if (count === undefined) return undefined;
  if (!given) void vscode.window.showInformationMessage(`Hindsight: ${count} results written to ${vscode.workspace.asRelativePath(uri)}.`);
  return uri;
}

export async function importSarifFile(app: App, given?: vscode.Uri): Promise<number> {
  const uri =
    given ??
    (
      await vscode.window.showOpenDialog({ canSelectMany: false, filters: { SARIF: ['sarif', 'json'] }, title: 'Import SARIF (Slither, Aderyn, Semgrep, …)' })
    )?.[0];
  if (!uri) return 0;
  try {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      throw new Error(`${uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
    // The uri names the file in errors and lets the server look up relative paths beside it.
    const { findings, skipped } = await request(app.client, ImportSarifRequest, { text, uri: uri.toString() });
    const items: Item[] = findings;
    const others = app.model.all().filter((i) => i.source === 'imported' && !items.some((n) => n.tool === i.tool));
    const next = [...others, ...items];
    app.model.setImported(next);
    await app.context.workspaceState.update(IMPORTED_KEY, next);
    const tools = [...new Set(items.map((i) => i.tool))].join(', ') || 'no tool';
    if (!given) {
      void vscode.window.showInformationMessage(
        `Hindsight: imported ${items.length} result${items.length === 1 ? '' : 's'} from ${tools}${skipped ? ` (${skipped} without a file location skipped)` : ''}.`,
      );
    }
    return items.length;
  } catch (e) {
    void vscode.window.showErrorMessage(`Hindsight: cannot import SARIF: ${e instanceof Error ? e.message : String(e)}`);
    if (given) throw e;
    return 0;
  }
}

export function restoreImported(app: App): void {
  const saved = app.context.workspaceState.get<Item[]>(IMPORTED_KEY);
  if (Array.isArray(saved) && saved.length) app.model.setImported(saved);
}

export async function clearImported(app: App): Promise<void> {
  app.model.setImported([]);
  await app.context.workspaceState.update(IMPORTED_KEY, undefined);
}
