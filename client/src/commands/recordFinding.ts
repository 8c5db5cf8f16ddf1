// "Record finding from selection": the selected Solidity becomes a finding of the workspace's local pack
// (.hindsight/packs/local/pack.yaml) with a test case built from the file. Generalising the selection into a
// pattern, counting its matches and writing the pack are the shared engine's (server/src/packs/generalize),
// so the CLI and the editor record findings the same way; this module only asks the questions.
import * as vscode from 'vscode';
import * as path from 'node:path';
import {
  LOCAL_PACK_DIR,
  appendFindingToPack,
  countMatches,
  generalizeSelection,
  nextFindingId,
} from '../../../server/src/packs/generalize';
import type { FindingDefinition } from '../../../server/src/engine/finding';
import { SEVERITIES, type Severity } from '../../../server/src/engine/types';

export interface RecordAnswers {
  pattern?: 'generalized' | 'exact';
  id?: string;
  title?: string;
  severity?: Severity;
  reference?: string;
}

/** `answers` skips the questions (tests, other extensions); anything missing is asked. */
export async function recordFindingFromSelection(answers: RecordAnswers = {}): Promise<string | undefined> {
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
  const text = editor.document.getText();
  const sel = editor.selection;
  const gen = generalizeSelection(text, { start: { line: sel.start.line, character: sel.start.character }, end: { line: sel.end.line, character: sel.end.character } });
  if ('error' in gen) {
    void vscode.window.showErrorMessage(`Hindsight: cannot record a finding from this selection: ${gen.error}`);
    return undefined;
  }

  let pattern = answers.pattern === 'exact' ? gen.exact : answers.pattern === 'generalized' ? gen.pattern : undefined;
  if (pattern === undefined) {
    const files = await vscode.workspace.findFiles('**/*.sol', '**/node_modules/**', 5000);
    const openDocs = new Map(vscode.workspace.textDocuments.filter((d) => d.languageId === 'solidity' || d.uri.fsPath.endsWith('.sol')).map((d) => [d.uri.fsPath, d.getText()]));
    const inputs = files.map((f) => (openDocs.has(f.fsPath) ? { file: f.fsPath, text: openDocs.get(f.fsPath)! } : f.fsPath));
    const counted = (p: string) => {
      const c = countMatches(p, inputs);
      return c.error ? `does not compile: ${c.error.message}` : `matches ${c.total} place${c.total === 1 ? '' : 's'} in ${c.files.length} file${c.files.length === 1 ? '' : 's'}`;
    };
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Generalised pattern', description: counted(gen.pattern), detail: gen.pattern.replace(/\s+/g, ' '), value: gen.pattern },
        { label: 'Exact code', description: counted(gen.exact), detail: gen.exact.replace(/\s+/g, ' '), value: gen.exact },
      ],
      { title: 'Record finding (1/5): pattern', ignoreFocusOut: true, matchOnDetail: true },
    );
    if (!pick) return undefined;
    pattern = pick.value;
  }

  const packFile = path.join(folder.uri.fsPath, LOCAL_PACK_DIR, 'pack.yaml');
  const id =
    answers.id ??
    (await vscode.window.showInputBox({
      title: 'Record finding (2/5): id',
      value: nextFindingId(packFile),
      ignoreFocusOut: true,
      validateInput: (v) => (/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/.test(v) ? undefined : 'Upper-case words and digits joined by dashes, e.g. TEAM-001'),
    }));
  if (!id) return undefined;
  const title =
    answers.title ??
    (await vscode.window.showInputBox({ title: 'Record finding (3/5): title', prompt: 'What is wrong, in one line', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'A title is required') }))?.trim();
  if (!title) return undefined;
  const severity = answers.severity ?? ((await vscode.window.showQuickPick([...SEVERITIES], { title: 'Record finding (4/5): severity', ignoreFocusOut: true })) as Severity | undefined);
  if (!severity) return undefined;
  const reference =
    answers.reference ??
    (await vscode.window.showInputBox({
      title: 'Record finding (5/5): reference',
      prompt: 'A public http(s) address where this was reported (audit report, issue, write-up): every finding needs one',
      ignoreFocusOut: true,
      validateInput: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? undefined : 'An http(s) address'),
    }))?.trim();
  if (!reference) return undefined;

  const where = `${vscode.workspace.asRelativePath(editor.document.uri, false)}:${sel.start.line + 1}`;
  const def: FindingDefinition = {
    id,
    title,
    severity,
    confidence: 'medium',
    category: 'local',
    description: `Recorded from ${where}${gen.contract ? ` (${[gen.contract, gen.function].filter(Boolean).join('.')})` : ''}. Describe why this code is a problem.`,
    recommendation: 'Describe what to do instead.',
    references: [{ title, url: reference }],
    match: { pattern },
  };
  let result;
  try {
    result = appendFindingToPack(packFile, def, { source: text, range: gen.range });
  } catch (e) {
    void vscode.window.showErrorMessage(`Hindsight: finding not recorded: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if (answers.id === undefined) {
    const shown = await vscode.window.showTextDocument(vscode.Uri.file(packFile));
    const at = shown.document.getText().indexOf(`id: ${id}`);
    if (at >= 0) {
      const pos = shown.document.positionAt(at);
      shown.selection = new vscode.Selection(pos, pos);
      shown.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
    }
    void vscode.window.showInformationMessage(
      `Hindsight: recorded ${id} in ${vscode.workspace.asRelativePath(packFile)} (pack ${result.version})${result.selectionMatched ? '' : ' — note: the pattern does not report the selected code in its test; adjust it'}.`,
    );
  }
  return packFile;
}
