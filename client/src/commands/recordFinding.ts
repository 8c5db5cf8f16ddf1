// "Record finding from selection": the selected Solidity becomes a finding of the workspace's local pack
// (.hindsight/packs/local/pack.yaml) with a test case built from the file. The language server generalises the
// selection into a pattern, counts its matches and writes the pack (hindsight/generalizeSelection,
// hindsight/countMatches, hindsight/recordFinding), as the CLI would; this module only asks the questions.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CountMatchesRequest,
  GeneralizeSelectionRequest,
  RecordFindingRequest,
  type MatchCountInfo,
  type RecordFindingResult,
} from '../../../server/src/shared/protocol';
import { SEVERITIES, type OwaspCategory, type Severity } from '../../../server/src/shared/types';
import { request } from '../serverClient';

export interface RecordAnswers {
  pattern?: 'generalized' | 'exact';
  id?: string;
  title?: string;
  severity?: Severity;
  reference?: string;
  description?: string;
  recommendation?: string;
  /** Not asked: the server guesses it from the title and description when absent; the pack file is where to change it. */
  owasp?: OwaspCategory;
}

function describeCount(c: MatchCountInfo): { ok: boolean; text: string } {
  if (c.error) return { ok: false, text: `does not compile: ${c.error}` };
  return { ok: true, text: `matches ${c.total} place${c.total === 1 ? '' : 's'} in ${c.files} file${c.files === 1 ? '' : 's'} of the workspace` };
}

/** `answers` skips the questions (tests, other extensions); anything missing is asked. */
export async function recordFindingFromSelection(client: LanguageClient, answers: RecordAnswers = {}): Promise<string | undefined> {
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
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage('Hindsight: the language server is not running; record the finding once it has restarted.');
    return undefined;
  }
  const sel = editor.selection;
  const selection = {
    uri: editor.document.uri.toString(),
    range: { start: { line: sel.start.line, character: sel.start.character }, end: { line: sel.end.line, character: sel.end.character } },
    text: editor.document.getText(),
  };
  const interactive = answers.pattern === undefined;
  let gen;
  try {
    gen = interactive
      ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Hindsight: reading the workspace to count matches' }, () =>
          request(client, GeneralizeSelectionRequest, { ...selection, count: true }),
        )
      : await request(client, GeneralizeSelectionRequest, selection);
  } catch (e) {
    void vscode.window.showErrorMessage(`Hindsight: cannot record a finding from this selection: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if ('error' in gen) {
    void vscode.window.showErrorMessage(`Hindsight: cannot record a finding from this selection: ${gen.error}`);
    return undefined;
  }
  const count = async (pattern: string) => describeCount(await request(client, CountMatchesRequest, { pattern }));

  let pattern = answers.pattern === 'exact' ? gen.exact : answers.pattern === 'generalized' ? gen.pattern : undefined;
  if (pattern === undefined) {
    const counted = (c: MatchCountInfo | undefined) => (c ? describeCount(c).text : undefined);
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Generalised pattern', description: counted(gen.counts?.pattern), detail: gen.pattern.replace(/\s+/g, ' '), value: gen.pattern },
        { label: 'Exact code', description: counted(gen.counts?.exact), detail: gen.exact.replace(/\s+/g, ' '), value: gen.exact },
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
        validateInput: async (v) => {
          const c = await count(v).catch((e: unknown) => ({ ok: false, text: `cannot be counted: ${e instanceof Error ? e.message : String(e)}` }));
          return c.ok ? { message: `Pattern ${c.text}`, severity: vscode.InputBoxValidationSeverity.Info } : `Pattern ${c.text}`;
        },
      })
    )?.trim();
    if (!pattern) return undefined;
  }

  const id =
    answers.id ??
    (await askText(3, 'id', {
      value: gen.nextId,
      check: (v) => (/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/.test(v) ? undefined : 'Upper-case words and digits joined by dashes, e.g. TEAM-001'),
    }));
  if (!id) return undefined;
  const title =
    answers.title ?? (await askText(4, 'title', { prompt: 'What is wrong, in one line', check: (v) => (v.trim() ? undefined : 'A title is required') }));
  if (!title) return undefined;
  const severity =
    answers.severity ??
    ((await vscode.window.showQuickPick([...SEVERITIES], { title: 'Record finding (5/8): severity', ignoreFocusOut: true })) as Severity | undefined);
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

  let result: RecordFindingResult;
  try {
    const owasp = answers.owasp ? { owasp: answers.owasp } : {};
    result = await request(client, RecordFindingRequest, { ...selection, pattern, id, title, severity, description, recommendation, reference, ...owasp });
  } catch (e) {
    void vscode.window.showErrorMessage(`Hindsight: finding not recorded: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const packFile = vscode.Uri.parse(result.packFile);
  if (answers.id === undefined) {
    const shown = await vscode.window.showTextDocument(packFile);
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
  return packFile.fsPath;
}

/** One text step of the Record finding dialog, trimmed; undefined when the reviewer cancels. */
async function askText(
  step: number,
  what: string,
  o: { prompt?: string; value?: string; check: (v: string) => string | undefined },
): Promise<string | undefined> {
  const v = await vscode.window.showInputBox({
    title: `Record finding (${step}/8): ${what}`,
    prompt: o.prompt,
    value: o.value,
    ignoreFocusOut: true,
    validateInput: o.check,
  });
  return v?.trim();
}
