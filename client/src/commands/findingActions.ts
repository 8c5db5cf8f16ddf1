// Actions on one finding occurrence, from the panel (inline and context menu), code actions and the palette.
import * as vscode from 'vscode';
import { COMMANDS, type IgnoreFindingArgs, type ShowFindingDetailsArgs, type TriageState } from '../../../server/src/shared/protocol';
import type { App } from '../app';
import { Item, itemId, toVsRange } from '../findingsModel';
import type { Node } from '../findingsTree';
import { relPath } from '../findingsTree';
import { askIgnoreReason } from '../serverClient';
import { matchedCode } from '../detailsView';
import { TRIAGE_LABELS, TRIAGE_STATES } from '../triage/triageFile';

/** The occurrences a command targets: the clicked node, or every selected node, expanded to occurrences. */
export function targetItems(node: Node | undefined, selected: readonly Node[] | undefined): Item[] {
  const nodes = selected && node && selected.some((n) => n.id === node.id) ? selected : node ? [node] : [];
  const items = new Map<string, Item>();
  for (const n of nodes) {
    if (n.kind === 'occurrence') items.set(itemId(n.item), n.item);
    else for (const i of n.items) items.set(itemId(i), i);
  }
  return [...items.values()];
}

export async function openOccurrence(item: Item): Promise<vscode.TextEditor> {
  const range = toVsRange(item.range);
  return vscode.window.showTextDocument(vscode.Uri.parse(item.uri), { selection: range, preview: true });
}

/** Applies the server's quick fix for this occurrence (the same code action the light bulb offers). */
export async function applyFix(item: Item): Promise<boolean> {
  if (!item.hasFix || item.source !== 'hindsight') return false;
  const uri = vscode.Uri.parse(item.uri);
  const actions =
    (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
      'vscode.executeCodeActionProvider',
      uri,
      toVsRange(item.range),
      vscode.CodeActionKind.QuickFix.value,
    )) ?? [];
  const candidates = actions.filter((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined);
  const byFingerprint = candidates.find((a) =>
    a.diagnostics?.some((d) => ((d as vscode.Diagnostic & { data?: { fingerprint?: string } }).data?.fingerprint ?? '') === item.fingerprint),
  );
  const action = byFingerprint ?? candidates.find((a) => a.title === item.fixTitle) ?? candidates.find((a) => a.title.includes(item.fixTitle ?? '\u0000'));
  if (!action?.edit) {
    void vscode.window.showWarningMessage(`Hindsight: no fix is available for ${item.findingId} here any more (the code may have changed).`);
    return false;
  }
  const ok = await vscode.workspace.applyEdit(action.edit);
  if (ok && action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  return ok;
}

/** Inserts a `hindsight-ignore-next-line ID: reason` comment above the occurrence (written by the server). */
export async function ignoreOccurrence(item: Item, reason?: string): Promise<boolean> {
  if (item.source !== 'hindsight') {
    void vscode.window.showInformationMessage('Hindsight: imported results cannot be ignored with a comment; change their triage status instead.');
    return false;
  }
  const why = reason ?? (await askIgnoreReason(item.findingId));
  if (!why) return false;
  const args: IgnoreFindingArgs = { uri: item.uri, findingId: item.findingId, line: item.range.start.line, reason: why };
  await vscode.commands.executeCommand(COMMANDS.ignoreFinding, args);
  return true;
}

const NEEDS_COMMENT: TriageState[] = ['false-positive', 'wont-fix'];

export async function changeTriage(app: App, items: Item[], status?: TriageState, comment?: string): Promise<boolean> {
  if (!items.length) return false;
  let state = status;
  if (!state) {
    const current = items.length === 1 ? items[0].triage : undefined;
    const pick = await vscode.window.showQuickPick(
      TRIAGE_STATES.map((s) => ({ label: TRIAGE_LABELS[s], description: s === current ? 'current' : undefined, state: s })),
      {
        title:
          items.length === 1
            ? `Triage ${items[0].findingId} at ${relPath(items[0].uri)}:${items[0].range.start.line + 1}`
            : `Triage ${items.length} occurrences`,
      },
    );
    if (!pick) return false;
    state = pick.state;
  }
  let text = comment;
  if (text === undefined) {
    const required = NEEDS_COMMENT.includes(state);
    const input = await vscode.window.showInputBox({
      title: `${TRIAGE_LABELS[state]}: comment`,
      prompt: required ? 'Why? Reviewers and auditors will read this.' : 'Optional comment',
      ignoreFocusOut: true,
      validateInput: (v) => (required && !v.trim() ? 'A comment is required for this status' : undefined),
    });
    if (input === undefined) return false;
    text = input.trim();
  }
  try {
    for (const item of items) await app.triage.set(item, state, text);
  } catch (e) {
    void vscode.window.showErrorMessage(`Hindsight: triage not saved: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  app.diagnostics.reapply();
  return true;
}

function isDetailsArgs(x: unknown): x is ShowFindingDetailsArgs {
  return !!x && typeof x === 'object' && typeof (x as ShowFindingDetailsArgs).findingId === 'string';
}

/** The finding at the cursor, else a pick among all findings. */
async function pickItem(app: App): Promise<Item | undefined> {
  const all = app.model.all();
  const editor = vscode.window.activeTextEditor;
  let choices = all;
  if (editor) {
    const uri = editor.document.uri.toString();
    const pos = editor.selection.active;
    // The findings at the cursor, else those on its line: two findings on one line offer those two, not the workspace.
    const inFile = all.filter((i) => vscode.Uri.parse(i.uri).toString() === uri);
    const here = inFile.filter((i) => toVsRange(i.range).contains(pos));
    const line = here.length ? here : inFile.filter((i) => i.range.start.line <= pos.line && i.range.end.line >= pos.line);
    if (line.length === 1) return line[0];
    if (line.length > 1) choices = line;
  }
  if (!choices.length) {
    void vscode.window.showInformationMessage('Hindsight: no findings in this workspace.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    choices.map((i) => ({ label: `${i.findingId}: ${i.title}`, description: `${relPath(i.uri)}:${i.range.start.line + 1}`, detail: i.severity, item: i })),
    { title: choices === all ? 'Open finding details' : 'Open finding details: the findings at the cursor', matchOnDescription: true },
  );
  return pick?.item;
}

export async function showDetails(app: App, arg?: unknown): Promise<void> {
  let item: Item | undefined;
  let findingId: string | undefined;
  let pack: string | undefined;
  if (isDetailsArgs(arg)) {
    findingId = arg.findingId;
    pack = arg.pack;
    item = arg.fingerprint ? app.model.find({ uri: arg.uri, findingId: arg.findingId, fingerprint: arg.fingerprint }) : undefined;
  } else if (arg && typeof arg === 'object' && 'kind' in arg) {
    const node = arg as Node;
    if (node.kind === 'occurrence') item = node.item;
    else if (node.kind === 'finding') {
      findingId = node.findingId;
      pack = node.pack;
      item = node.items[0];
    }
  } else {
    item = await pickItem(app);
  }
  if (item) {
    findingId ??= item.findingId;
    pack ??= item.pack;
  }
  if (!findingId || pack === undefined) return;
  const details = item?.source === 'imported' ? null : await app.details(findingId, pack).catch(() => null);
  const code = item ? await matchedCode(item) : undefined;
  const triage = item ? app.triage.get(item) : undefined;
  app.detailsView.show({ findingId, pack, details, item, code, triage });
}
