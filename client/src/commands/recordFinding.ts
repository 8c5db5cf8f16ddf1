// "Record finding from selection": turns the selected Solidity into a finding of the workspace's local pack
// (.hindsight/packs/local/pack.yaml), with the file it came from as the finding's first test case.
// A first version: the pattern is the selection as written; generalising it ($X, ...) is left to the author.
import * as vscode from 'vscode';
import { promises as fs } from 'node:fs';
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import type { Severity } from '../../../server/src/shared/protocol';
import { SEVERITIES } from '../../../server/src/engine/types';

export const LOCAL_PACK_DIR = '.hindsight/packs/local';

export function dedent(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n').trim();
}

export function nextLocalId(existing: string[]): string {
  const used = new Set(existing);
  for (let n = 1; ; n++) {
    const id = `LOCAL-${String(n).padStart(3, '0')}`;
    if (!used.has(id)) return id;
  }
}

export interface NewFinding {
  id: string;
  title: string;
  severity: Severity;
  pattern: string;
  reference: string;
  source: string;
}

/** Adds the finding to the pack text (creating the pack when empty), keeping existing comments and layout. */
export function addFindingToPack(packText: string, f: NewFinding): string {
  const doc = parseDocument(packText.trim() ? packText : 'name: local\nversion: 0.1.0\ndescription: Findings recorded in this workspace.\nfindings: []\n');
  if (doc.errors.length) throw new Error(`pack.yaml does not parse: ${doc.errors[0].message}`);
  if (!isMap(doc.contents)) throw new Error('pack.yaml must be a mapping with name, version and findings');
  let findings = doc.get('findings');
  if (!isSeq(findings)) {
    findings = new YAMLSeq();
    doc.set('findings', findings);
  }
  const node = doc.createNode({
    id: f.id,
    title: f.title,
    severity: f.severity,
    confidence: 'medium',
    category: 'local',
    description: `Recorded from ${f.source}. Describe why this code is a problem.`,
    recommendation: 'Describe what to do instead.',
    references: [{ title: f.title, url: f.reference }],
    match: { pattern: f.pattern + '\n' },
  });
  (findings as YAMLSeq).add(node);
  if ((findings as YAMLSeq).flow) (findings as YAMLSeq).flow = false;
  return doc.toString({ lineWidth: 0 });
}

export function existingIds(packText: string): string[] {
  if (!packText.trim()) return [];
  const doc = parseDocument(packText);
  const findings = doc.toJS()?.findings;
  return Array.isArray(findings) ? findings.map((f: { id?: string }) => f?.id).filter((x): x is string => typeof x === 'string') : [];
}

export async function recordFindingFromSelection(): Promise<vscode.Uri | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) {
    void vscode.window.showWarningMessage('Hindsight: select the Solidity code the finding should match first.');
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(editor.document.uri) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('Hindsight: open a folder first; recorded findings go into its .hindsight/packs/local pack.');
    return undefined;
  }
  const packUri = vscode.Uri.joinPath(folder.uri, LOCAL_PACK_DIR, 'pack.yaml');
  let packText = '';
  try {
    packText = await fs.readFile(packUri.fsPath, 'utf8');
  } catch {
    // A new pack.
  }
  const selection = editor.document.getText(editor.selection);
  const id = await vscode.window.showInputBox({
    title: 'Record finding (1/4): id',
    value: nextLocalId(existingIds(packText)),
    validateInput: (v) => (/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/.test(v) ? (existingIds(packText).includes(v) ? `${v} already exists in the local pack` : undefined) : 'Upper-case words and digits joined by dashes, e.g. TEAM-001'),
    ignoreFocusOut: true,
  });
  if (!id) return undefined;
  const title = await vscode.window.showInputBox({ title: 'Record finding (2/4): title', prompt: 'What is wrong, in one line', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'A title is required') });
  if (!title) return undefined;
  const severity = (await vscode.window.showQuickPick([...SEVERITIES], { title: 'Record finding (3/4): severity', ignoreFocusOut: true })) as Severity | undefined;
  if (!severity) return undefined;
  const reference = await vscode.window.showInputBox({
    title: 'Record finding (4/4): reference',
    prompt: 'A public http(s) address where this was reported (audit report, issue, write-up): packs require one',
    ignoreFocusOut: true,
    validateInput: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? undefined : 'An http(s) address'),
  });
  if (!reference) return undefined;
  const rel = vscode.workspace.asRelativePath(editor.document.uri, false);
  const line = editor.selection.start.line;
  const next = addFindingToPack(packText, { id, title: title.trim(), severity, pattern: dedent(selection), reference: reference.trim(), source: `${rel}:${line + 1}` });
  await fs.mkdir(vscode.Uri.joinPath(folder.uri, LOCAL_PACK_DIR, 'tests').fsPath, { recursive: true });
  await fs.writeFile(packUri.fsPath, next, 'utf8');
  // The file it came from is the first test case: the selected line must be reported.
  const lines = editor.document.getText().split(/\r?\n/);
  const indent = /^\s*/.exec(lines[line] ?? '')![0];
  lines.splice(line, 0, `${indent}// expect: ${id}`);
  await fs.writeFile(vscode.Uri.joinPath(folder.uri, LOCAL_PACK_DIR, 'tests', `${id}.sol`).fsPath, lines.join('\n'), 'utf8');
  const doc = await vscode.window.showTextDocument(packUri);
  const at = doc.document.getText().indexOf(`id: ${id}`);
  if (at >= 0) {
    const pos = doc.document.positionAt(at);
    doc.selection = new vscode.Selection(pos, pos);
    doc.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
  }
  void vscode.window.showInformationMessage(`Hindsight: recorded ${id} in ${vscode.workspace.asRelativePath(packUri)}. Generalise the pattern with $X and ..., then run "hindsight pack test".`);
  return packUri;
}
