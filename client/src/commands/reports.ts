// Export the findings as a Markdown audit report or SARIF, and import other tools' SARIF into the panel.
import * as vscode from 'vscode';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FindingDetails } from '../../../server/src/shared/protocol';
import type { App } from '../app';
import { Item, compareItems } from '../findingsModel';
import { relPath } from '../findingsTree';
import { matchedCode } from '../detailsView';
import { renderMarkdownReport } from '../report/markdown';
import { renderSarif } from '../report/sarifExport';
import { importSarif, SarifImportError } from '../report/sarifImport';

const IMPORTED_KEY = 'hindsight.importedSarif';

async function collectDetails(app: App, items: Item[]): Promise<Map<string, FindingDetails | null>> {
  const map = new Map<string, FindingDetails | null>();
  await Promise.all(
    items
      .filter((i) => i.source === 'hindsight')
      .map(async (i) => {
        const key = `${i.pack}/${i.findingId}`;
        if (map.has(key)) return;
        map.set(key, null);
        map.set(key, await app.details(i.findingId, i.pack).catch(() => null));
      }),
  );
  return map;
}

async function target(defaultName: string, filters: Record<string, string[]>, given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (given) return given;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined, filters, title: 'Export Hindsight report' });
}

export async function exportMarkdown(app: App, given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const items = app.model.all().sort(compareItems);
  const uri = await target('hindsight-report.md', { Markdown: ['md'] }, given);
  if (!uri) return undefined;
  const details = await collectDetails(app, items);
  const code = new Map<Item, string>();
  for (const i of items) code.set(i, await matchedCode(i));
  const folderName = vscode.workspace.workspaceFolders?.[0]?.name ?? 'workspace';
  const md = renderMarkdownReport({
    title: `Hindsight findings: ${folderName}`,
    generated: new Date(),
    items,
    relPath,
    details: (i) => details.get(`${i.pack}/${i.findingId}`),
    code: (i) => code.get(i) ?? '',
    triage: (i) => app.triage.get(i.uri, i.fingerprint),
  });
  await fs.writeFile(uri.fsPath, md, 'utf8');
  if (!given) await vscode.window.showTextDocument(uri);
  return uri;
}

export async function exportSarif(app: App, given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const items = app.model.all().sort(compareItems);
  const uri = await target('hindsight.sarif', { SARIF: ['sarif', 'json'] }, given);
  if (!uri) return undefined;
  const details = await collectDetails(app, items);
  const log = renderSarif({
    items,
    version: String(app.context.extension.packageJSON.version ?? '0.0.0'),
    relPath: (u) => vscode.workspace.asRelativePath(vscode.Uri.parse(u), false),
    details: (i) => details.get(`${i.pack}/${i.findingId}`),
    triage: (i) => app.triage.get(i.uri, i.fingerprint),
  });
  await fs.writeFile(uri.fsPath, JSON.stringify(log, null, 2) + '\n', 'utf8');
  if (!given) void vscode.window.showInformationMessage(`Hindsight: ${items.length} results written to ${vscode.workspace.asRelativePath(uri)}.`);
  return uri;
}

/** Resolves a SARIF artifact URI against its base id, then against each workspace folder. */
async function resolveArtifact(uri: string, base: string | undefined, bases: Record<string, { uri?: string }> | undefined, sarifDir: string): Promise<string | undefined> {
  if (/^file:/i.test(uri)) return vscode.Uri.parse(uri).toString();
  const decoded = decodeURIComponent(uri);
  if (path.isAbsolute(decoded)) return vscode.Uri.file(decoded).toString();
  const baseUri = base ? bases?.[base]?.uri : undefined;
  if (baseUri && /^file:/i.test(baseUri)) return vscode.Uri.joinPath(vscode.Uri.parse(baseUri), decoded).toString();
  const roots = [...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath), sarifDir];
  for (const root of roots) {
    const candidate = path.join(root, decoded);
    try {
      await fs.access(candidate);
      return vscode.Uri.file(candidate).toString();
    } catch {
      // try the next root
    }
  }
  return roots[0] ? vscode.Uri.file(path.join(roots[0], decoded)).toString() : undefined;
}

export async function importSarifFile(app: App, given?: vscode.Uri): Promise<number> {
  const uri =
    given ??
    (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { SARIF: ['sarif', 'json'] }, title: 'Import SARIF (Slither, Aderyn, Semgrep, …)' }))?.[0];
  if (!uri) return 0;
  const text = await fs.readFile(uri.fsPath, 'utf8');
  // Resolution is async (file checks) but the importer is sync: resolve every artifact first.
  let parsed: { runs?: Array<{ originalUriBaseIds?: Record<string, { uri?: string }>; results?: Array<{ locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string; uriBaseId?: string } } }> }> }> };
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = {};
  }
  const resolved = new Map<string, string | undefined>();
  for (const run of parsed.runs ?? []) {
    for (const r of run.results ?? []) {
      const a = r.locations?.[0]?.physicalLocation?.artifactLocation;
      if (!a?.uri) continue;
      const key = `${a.uriBaseId ?? ''}\u0000${a.uri}`;
      if (!resolved.has(key)) resolved.set(key, await resolveArtifact(a.uri, a.uriBaseId, run.originalUriBaseIds, path.dirname(uri.fsPath)));
    }
  }
  try {
    const { items, skipped } = importSarif(text, { file: uri.fsPath, resolve: (u, base) => resolved.get(`${base ?? ''}\u0000${u}`) });
    const others = app.model.all().filter((i) => i.source === 'imported' && !items.some((n) => n.tool === i.tool));
    const next = [...others, ...items];
    app.model.setImported(next);
    await app.context.workspaceState.update(IMPORTED_KEY, next);
    const tools = [...new Set(items.map((i) => i.tool))].join(', ') || 'no tool';
    if (!given) {
      void vscode.window.showInformationMessage(`Hindsight: imported ${items.length} result${items.length === 1 ? '' : 's'} from ${tools}${skipped ? ` (${skipped} without a file location skipped)` : ''}.`);
    }
    return items.length;
  } catch (e) {
    const msg = e instanceof SarifImportError ? e.message : `${uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`;
    void vscode.window.showErrorMessage(`Hindsight: cannot import SARIF: ${msg}`);
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
