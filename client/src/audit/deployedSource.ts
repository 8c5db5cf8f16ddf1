// Read-only views of deployed sources: `hindsight-deployed:` documents are read from git at the deployment's
// commit (`git show <commit>:./<path>`), never from the working tree, which has moved on since the deployment.
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

export const DEPLOYED_SCHEME = 'hindsight-deployed';

/** `hindsight-deployed:/<deployment>@<revision>/<path>?<query>`: the path reads well in an editor tab. */
export function deployedUri(root: string, deployment: string, revision: string, commit: string, file: string): vscode.Uri {
  const query = new URLSearchParams({ root, commit, file }).toString();
  return vscode.Uri.from({ scheme: DEPLOYED_SCHEME, path: `/${deployment}@${revision}/${file}`, query });
}

export function parseDeployedUri(uri: vscode.Uri): { root: string; commit: string; file: string } {
  const q = new URLSearchParams(uri.query);
  const root = q.get('root');
  const commit = q.get('commit');
  const file = q.get('file');
  if (!root || !commit || !file) throw new Error(`not a deployed-source uri: ${uri.toString()}`);
  return { root, commit, file };
}

export function gitShow(root: string, commit: string, file: string): Promise<string> {
  // An argument vector, no shell: nothing from deployments.yaml is ever interpreted as a command.
  if (!/^[0-9a-f]{4,64}$/i.test(commit)) return Promise.reject(new Error(`not a commit id: ${commit}`));
  return new Promise((resolve, reject) => {
    execFile('git', ['show', `${commit}:./${file}`], { cwd: root, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`git show ${commit.slice(0, 12)}:${file}: ${(stderr || err.message).trim()}`));
      else resolve(stdout);
    });
  });
}

export class DeployedSourceProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    if (!vscode.workspace.isTrusted) throw new Error('Deployed sources are read from git only in a trusted workspace.');
    const { root, commit, file } = parseDeployedUri(uri);
    return gitShow(root, commit, file);
  }
}

export async function openDeployed(uri: vscode.Uri, range?: vscode.Range): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'solidity') await vscode.languages.setTextDocumentLanguage(doc, 'solidity').then(undefined, () => undefined);
  return vscode.window.showTextDocument(doc, { preview: true, selection: range });
}
