// Read-only views of deployed sources: `hindsight-deployed:` documents are what the language server reads from git
// at the deployment's commit (hindsight/deployedSource), never the working tree, which has moved on since.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DeployedSourceRequest } from '../../../server/src/shared/protocol';
import { request } from '../serverClient';
import { SERVER_DOWN } from './workspaceAudit';

export const DEPLOYED_SCHEME = 'hindsight-deployed';

/** `hindsight-deployed:/<deployment>@<revision>/<path>?<query>`: the path reads well in an editor tab. `folder` is the workspace folder's uri. */
export function deployedUri(folder: string, deployment: string, revision: string, commit: string, file: string): vscode.Uri {
  const query = new URLSearchParams({ folder, commit, file }).toString();
  return vscode.Uri.from({ scheme: DEPLOYED_SCHEME, path: `/${deployment}@${revision}/${file}`, query });
}

export function parseDeployedUri(uri: vscode.Uri): { folder: string; commit: string; file: string } {
  const q = new URLSearchParams(uri.query);
  const folder = q.get('folder');
  const commit = q.get('commit');
  const file = q.get('file');
  if (!folder || !commit || !file) throw new Error(`not a deployed-source uri: ${uri.toString()}`);
  return { folder, commit, file };
}

export class DeployedSourceProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly client: LanguageClient) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    if (!this.client.isRunning()) throw new Error(SERVER_DOWN);
    return (await request(this.client, DeployedSourceRequest, parseDeployedUri(uri))).text;
  }
}

export async function openDeployed(uri: vscode.Uri, range?: vscode.Range): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'solidity') await vscode.languages.setTextDocumentLanguage(doc, 'solidity').then(undefined, () => undefined);
  return vscode.window.showTextDocument(doc, { preview: true, selection: range });
}
