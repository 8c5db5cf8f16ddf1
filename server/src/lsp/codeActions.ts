// Code actions for one document: each finding's fix, "Ignore ID here", "Show details", and fix-all.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Finding } from '../engine/finding';
import { LineIndex } from '../engine/positions';
import type { Suppression } from '../engine/suppress';
import type { Occurrence, Range } from '../engine/types';
import { COMMANDS, FIX_ALL_KIND, REASON_PLACEHOLDER, type IgnoreFindingArgs, type ShowFindingDetailsArgs } from '../shared/protocol';

/**
 * A finding's fix as a quick fix. A safe fix is preferred (the one "auto fix" picks); a review fix is never
 * preferred and shows its edit in the title, so it can be judged before it is applied.
 */
export function fixAction(uri: string, o: Occurrence, f: Finding, diagnostic?: Diagnostic): CodeAction | null {
  if (!o.fix || o.fix.edits.length === 0) return null;
  const safe = o.fix.kind === 'safe';
  return {
    title: safe ? `${o.fix.title} (${f.id})` : `Review: ${o.fix.title} (${f.id})${o.fix.preview ? `: ${o.fix.preview}` : ''}`,
    kind: CodeActionKind.QuickFix,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    isPreferred: safe,
    edit: { changes: { [uri]: o.fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } },
  };
}

/** The comment line that suppresses `findingId` on `line`, with that line's indentation and line ending. */
export function ignoreEdit(text: string, line: number, findingId: string, reason?: string): LspTextEdit {
  const lines = new LineIndex(text);
  const start = lines.lineStart(line);
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  const indent = text.slice(start, end);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const why = reason?.replace(/[\r\n]+/g, ' ').trim() || REASON_PLACEHOLDER;
  const pos = lines.position(start);
  return { range: { start: pos, end: pos }, newText: `${indent}// hindsight-ignore-next-line ${findingId}: ${why}${eol}` };
}

export function ignoreAction(uri: string, text: string, o: Occurrence, diagnostic?: Diagnostic): CodeAction {
  const line = o.range.start.line;
  const args: IgnoreFindingArgs = { uri, findingId: o.findingId, line };
  return {
    title: `Ignore ${o.findingId} here`,
    kind: CodeActionKind.QuickFix,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    // The edit works in every editor; clients that want to ask for the reason run the command instead
    // (same arguments plus `reason`) — the VS Code client swaps it in through middleware.
    edit: { changes: { [uri]: [ignoreEdit(text, line, o.findingId)] } },
    data: { command: COMMANDS.ignoreFinding, args },
  };
}

export function detailsAction(uri: string, o: Occurrence, f: Finding): CodeAction {
  const args: ShowFindingDetailsArgs = { findingId: f.id, pack: o.pack, uri, fingerprint: o.fingerprint };
  return {
    title: `Show details of ${f.id}: ${f.title}`,
    kind: CodeActionKind.QuickFix,
    command: { title: 'Show finding details', command: COMMANDS.showFindingDetails, arguments: [args] },
  };
}

/** One edit that turns `before` into `after`: the changed middle, so the cursor and undo stay sensible. */
export function minimalEdit(before: string, after: string): LspTextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  const lines = new LineIndex(before);
  return { range: lines.range(start, endB), newText: after.slice(start, endA) };
}

export function fixAllAction(uri: string, before: string, after: string, fixes: number, kind: string = FIX_ALL_KIND): CodeAction {
  return {
    title: `Apply ${fixes === 1 ? 'the safe Hindsight fix' : `all ${fixes} safe Hindsight fixes`} in this file`,
    kind,
    edit: { changes: { [uri]: [minimalEdit(before, after)] } },
  };
}

/**
 * Removes an unused id from its suppression comment, or the whole comment (and its line, when it is alone on
 * it) when that id was the only one. `at` is the range of the unused-suppression diagnostic.
 */
export function removeSuppressionEdit(text: string, suppressions: readonly Suppression[], at: Range): LspTextEdit | null {
  const same = (a: Range, b: Range) =>
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
  const s = suppressions.find((x) => same(x.range, at) || x.ids.some((i) => same(i.range, at)));
  if (!s) return null;
  const lines = new LineIndex(text);
  const id = s.ids.find((i) => same(i.range, at));
  if (id && s.ids.length > 1) {
    let start = lines.offset(id.range.start);
    let end = lines.offset(id.range.end);
    const after = /^\s*,\s*/.exec(text.slice(end));
    if (after) end += after[0].length;
    else {
      const before = /\s*,\s*$/.exec(text.slice(lines.lineStart(id.range.start.line), start));
      if (before) start -= before[0].length;
    }
    return { range: lines.range(start, end), newText: '' };
  }
  let start = lines.offset(s.range.start);
  let end = lines.offset(s.range.end);
  const lineStart = lines.lineStart(s.range.start.line);
  const endLine = s.range.end.line;
  const nextLineStart = endLine + 1 < lines.lineCount ? lines.lineStart(endLine + 1) : text.length;
  const alone = text.slice(lineStart, start).trim() === '' && text.slice(end, nextLineStart).trim() === '';
  if (alone) {
    start = lineStart;
    end = nextLineStart;
  } else {
    while (start > lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  }
  return { range: lines.range(start, end), newText: '' };
}
