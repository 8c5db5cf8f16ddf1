// Shared by the integration tests: the extension's API, the fixture workspace and polling helpers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HindsightApi } from '../../../client/src/extension';
import type { Item } from '../../../client/src/findingsModel';
import type { FindingDiagnosticData } from '../../../server/src/shared/protocol';

// publisher.name of package.json, where the extension runs from in development; the .vsix renames it
// hindsight.hindsight (vsix.mjs), the published id.
export const EXTENSION_ID = 'hindsight.hindsight-solidity';

export async function api(): Promise<HindsightApi> {
  const ext = vscode.extensions.getExtension<HindsightApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const app = await ext.activate();
  await waitFor(() => app.client.isRunning(), 'the language server to start', 60_000);
  return app;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace open');
  return folder.uri;
}

export function fileUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), rel);
}

export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 45_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${last instanceof Error ? last.message : String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function findingDiagnostics(uri: vscode.Uri, id?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => {
    const data = (d as vscode.Diagnostic & { data?: FindingDiagnosticData }).data;
    return d.source === 'hindsight' && (!id || d.code === id || (typeof d.code === 'object' && d.code?.value === id) || data?.findingId === id);
  });
}

export function items(app: HindsightApi, rel?: string, id?: string): Item[] {
  const uri = rel ? fileUri(rel).toString() : undefined;
  return app.model.all().filter((i) => (!uri || i.uri === uri) && (!id || i.findingId === id));
}

export async function openDoc(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  return vscode.window.showTextDocument(doc);
}

export async function waitForItems(app: HindsightApi, rel: string, id: string, count: number): Promise<Item[]> {
  return waitFor(
    () => {
      const list = items(app, rel, id);
      return list.length === count ? list : undefined;
    },
    `${count} × ${id} in ${rel} in the findings model (now ${items(app, rel, id).length})`,
  );
}
