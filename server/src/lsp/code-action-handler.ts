// textDocument/codeAction: which actions a range gets (a finding's fix, ignore and details, removing an unused
// suppression, fixing all safe fixes of the file) and computing "fix all", which the hindsight.fixAll command
// shares. The actions themselves, and their edits, are built in codeActions.ts.
import { type CodeAction, CodeActionKind, type CodeActionParams, type Connection } from 'vscode-languageserver/node';
import { fixAllText, type FixAllResult } from '../engine/fix-all';
import { analyzeParsed, parseText, viewOf } from '../project/analysis';
import { normalizeUri } from '../project/workspace';
import { FIX_ALL_KIND, SERVER_CODES } from '../shared/protocol';
import { detailsAction, fixAction, fixAllAction, ignoreAction, removeSuppressionEdit } from './codeActions';
import type { ServerContext } from './context';
import { findingDiagnostic, suppressionDiagnostic } from './diagnostics';
import { contains } from './hover';

export function registerCodeActions(connection: Connection, ctx: ServerContext): void {
  connection.onCodeAction(async (p, token) => {
    // Before the packs are loaded there is nothing to fix with, and an empty answer is final for a save
    // participant: a file saved right after the editor starts would be written without its fixes.
    if (!ctx.state.isReady) await ctx.state.ready;
    if (token.isCancellationRequested) return [];
    return ctx.state.guardSync('codeAction', () => codeActions(ctx, p), []);
  });
}

function codeActions(ctx: ServerContext, p: CodeActionParams): CodeAction[] {
  const uri = normalizeUri(p.textDocument.uri);
  const doc = ctx.state.docs.get(uri);
  if (!doc || !ctx.state.isSolidity(doc)) return [];
  ctx.documents.ensureFresh(uri);
  const st = ctx.state.files.get(uri);
  if (!st) return [];
  const only = p.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const text = doc.getText();
  const out: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    const here = st.view.kept.filter((o) => intersects(o.range, p.range));
    const fixes: CodeAction[] = [];
    const others: CodeAction[] = [];
    for (const o of here) {
      const f = ctx.state.findingOf(o);
      if (!f) continue;
      const diag =
        p.context.diagnostics.find((d) => d.source === 'hindsight' && d.code === o.findingId && sameRange(d.range, o.range)) ?? findingDiagnostic(o, f);
      const fix = fixAction(uri, o, f, diag);
      if (fix) fixes.push(fix);
      others.push(ignoreAction(uri, text, o, diag));
      others.push(detailsAction(uri, o, f));
    }
    for (const pr of st.view.problems) {
      if (pr.code !== SERVER_CODES.suppressUnused || !intersects(pr.range, p.range)) continue;
      const edit = removeSuppressionEdit(text, st.analysis.suppressions, pr.range);
      if (!edit) continue;
      const diag = p.context.diagnostics.find((d) => d.code === pr.code && sameRange(d.range, pr.range)) ?? suppressionDiagnostic(pr);
      fixes.push({
        title: 'Remove unused suppression',
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        isPreferred: true,
        edit: { changes: { [uri]: [edit] } },
      });
    }
    out.push(...fixes);
    const safeInFile = st.view.kept.filter((o) => o.fix?.safe).length;
    if (here.length && safeInFile > 1) {
      const all = fixAll(ctx, uri, text, 1);
      if (all) out.push(fixAllAction(uri, text, all.text, all.fixes, CodeActionKind.QuickFix));
    }
    out.push(...others);
  }
  // Source actions only when asked for (on save, or from the Source Action menu), as ESLint does.
  if (only && wants(FIX_ALL_KIND)) {
    const all = fixAll(ctx, uri, text, 10);
    if (all) out.push(fixAllAction(uri, text, all.text, all.fixes));
  }
  return out;
}

/**
 * Every safe fix of a document, under its settings and suppressions. The first round uses the current
 * analysis (no parsing, so the quick-fix menu stays instant); `rounds` > 1 re-checks the result, because one
 * fix can reveal another, re-parsing incrementally from the previous round.
 */
export function fixAll(ctx: ServerContext, uri: string, text: string, rounds: number): FixAllResult | null {
  const folder = ctx.state.folders.of(uri);
  const settings = ctx.state.settingsFor(folder);
  const findings = ctx.state.packs.findingsFor(folder?.uri ?? null);
  const st = ctx.state.files.get(uri);
  if (st?.skipped) return null;
  const current = st && st.version !== null && st.parsed?.text === text && !st.analysis.stale;
  let previous = current ? st.parsed : undefined;
  return fixAllText(
    text,
    (t) => {
      if (current && t === text) return st.view.kept;
      const parsed = parseText(t, previous);
      previous = parsed;
      return viewOf(analyzeParsed(parsed, findings), settings, (o) => ctx.state.findingOf(o), findings).kept;
    },
    rounds,
  );
}

function intersects(a: { start: { line: number; character: number }; end: { line: number; character: number } }, b: typeof a): boolean {
  return contains(a, b.start) || contains(a, b.end) || contains(b, a.start);
}

function sameRange(a: { start: { line: number; character: number }; end: { line: number; character: number } }, b: typeof a): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
