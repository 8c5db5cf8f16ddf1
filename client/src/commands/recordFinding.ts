// "Record finding from selection": the selected Solidity becomes a finding of the workspace's local pack
// (.hindsight/packs/local/pack.yaml) with a test case built from the file. Generalising the selection into a
// pattern, counting its matches and writing the pack are the shared engine's (server/src/packs/generalize),
// so the CLI and the editor record findings the same way; this module only asks the questions.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { parseSource } from '../../../server/src/engine/parse';
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
  description?: string;
  recommendation?: string;
}

type CountInput = { file: string; parsed: ReturnType<typeof parseSource> };

/** Parsed once, so counting while the reviewer edits the pattern costs a match per file, not a parse. */
async function parsedWorkspace(): Promise<CountInput[]> {
  const files = await vscode.workspace.findFiles('**/*.sol', '{**/node_modules/**,**/.git/**}', 5000);
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.fsPath, d.getText()]));
  const out: CountInput[] = [];
  for (const f of files) {
    let text = open.get(f.fsPath);
    if (text === undefined) {
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(f));
      } catch {
        continue;
      }
    }
    out.push({ file: f.fsPath, parsed: parseSource(text) });
  }
  return out;
}

function describeCount(pattern: string, inputs: CountInput[]): { ok: boolean; text: string } {
  const c = countMatches(pattern, inputs);
  if (c.error) return { ok: false, text: `does not compile: ${c.error.message}` };
  return { ok: true, text: `matches ${c.total} place${c.total === 1 ? '' : 's'} in ${c.files.length} file${c.files.length === 1 ? '' : 's'} of the workspace` };
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
    const inputs = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Hindsight: reading the workspace to count matches' },
      () => parsedWorkspace(),
    );
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Generalised pattern', description: describeCount(gen.pattern, inputs).text, detail: gen.pattern.replace(/\s+/g, ' '), value: gen.pattern },
        { label: 'Exact code', description: describeCount(gen.exact, inputs).text, detail: gen.exact.replace(/\s+/g, ' '), value: gen.exact },
      ],
      { title: 'Record finding (1/8): pattern', ignoreFocusOut: true, matchOnDetail: true },
    );
    if (!pick) return undefined;
    // The reviewer edits the proposal; every change is compiled and counted with the engine that will run it.
    pattern = (
      await vscode.window.showInputBox({
        title: 'Record finding (2/8): edit the pattern ($X matches any expression or name, ... any sequence)',
        value: pick.value.replace(/\s*\n\s*/g, ' '),
        ignoreFocusOut: true,
        validateInput: (v) => {
          const c = describeCount(v, inputs);
          return c.ok ? { message: `Pattern ${c.text}`, severity: vscode.InputBoxValidationSeverity.Info } : `Pattern ${c.text}`;
        },
      })
    )?.trim();
    if (!pattern) return undefined;
  }

  const packFile = path.join(folder.uri.fsPath, LOCAL_PACK_DIR, 'pack.yaml');
  const id =
    answers.id ??
    (await askText(3, 'id', {
      value: nextFindingId(packFile),
      check: (v) => (/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/.test(v) ? undefined : 'Upper-case words and digits joined by dashes, e.g. TEAM-001'),
    }));
  if (!id) return undefined;
  const title =
    answers.title ??
    (await askText(4, 'title', { prompt: 'What is wrong, in one line', check: (v) => (v.trim() ? undefined : 'A title is required') }));
  if (!title) return undefined;
  const severity = answers.severity ?? ((await vscode.window.showQuickPick([...SEVERITIES], { title: 'Record finding (5/8): severity', ignoreFocusOut: true })) as Severity | undefined);
  if (!severity) return undefined;
  const description =
    answers.description ??
    (await askText(6, 'description', {
      prompt: 'Why this code is a problem: what an attacker or a user can make happen',
      check: (v) => (v.trim() ? undefined : 'A description is required: every finding says why it matters'),
    }));
  if (!description) return undefined;
  const recommendation =
    answers.recommendation ??
    (await askText(7, 'recommendation', {
      prompt: 'What to do instead',
      check: (v) => (v.trim() ? undefined : 'A recommendation is required: every finding says what to do'),
    }));
  if (!recommendation) return undefined;
  const reference =
    answers.reference ??
    (await askText(8, 'reference', {
      prompt: 'A public http(s) address where this was reported (audit report, issue, write-up): every finding needs one',
      check: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? undefined : 'An http(s) address'),
    }));
  if (!reference) return undefined;

  const where = `${vscode.workspace.asRelativePath(editor.document.uri, false)}:${sel.start.line + 1}`;
  const def: FindingDefinition = {
    id,
    title,
    severity,
    confidence: 'medium',
    category: 'local',
    description: `${description}\n\nRecorded from ${where}${gen.contract ? ` (${[gen.contract, gen.function].filter(Boolean).join('.')})` : ''}.`,
    recommendation,
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

/** One text step of the Record finding dialog, trimmed; undefined when the reviewer cancels. */
async function askText(step: number, what: string, o: { prompt?: string; value?: string; check: (v: string) => string | undefined }): Promise<string | undefined> {
  const v = await vscode.window.showInputBox({ title: `Record finding (${step}/8): ${what}`, prompt: o.prompt, value: o.value, ignoreFocusOut: true, validateInput: o.check });
  return v?.trim();
}
