// The custom requests on findings and packs (hindsight/findings, hindsight/findingDetails, hindsight/scanWorkspace,
// hindsight/reloadPacks, typed in ../shared/protocol) and workspace/executeCommand for the server's commands
// (ignore a finding, fix all, scan, reload packs). They read the workspace model the other modules keep; the
// audit, review, baseline and record-finding requests live in ./requests/.
import type { Connection, WorkspaceEdit } from 'vscode-languageserver/node';
import { fixKindOf } from '../engine/finding';
import { normalizeUri } from '../project/workspace';
import {
  COMMANDS,
  FindingDetailsRequest,
  FindingsRequest,
  ReloadPacksRequest,
  ScanWorkspaceRequest,
  type FindingDetails,
  type FindingsResult,
  type IgnoreFindingArgs,
  type WorkspaceFinding,
} from '../shared/protocol';
import { fixAll } from './code-action-handler';
import { fixAllAction, ignoreEdit } from './codeActions';
import type { ServerContext } from './context';
import { showFindingDetails } from './details-command';

export function registerCustomRequests(connection: Connection, ctx: ServerContext): void {
  const { state, scan, packReload } = ctx;
  connection.onExecuteCommand((p) => state.guard('executeCommand', () => executeCommand(ctx, p.command, p.arguments ?? []), null));
  connection.onRequest(FindingsRequest, (p) =>
    state.guardSync('hindsight/findings', () => findingsResult(ctx, p?.uri), { findings: [], syntaxErrors: [], scanning: false }),
  );
  connection.onRequest(FindingDetailsRequest, (p) => state.guardSync('hindsight/findingDetails', () => details(ctx, p.findingId, p.pack), null));
  connection.onRequest(ScanWorkspaceRequest, () =>
    state.guard('hindsight/scanWorkspace', () => scan.scanWorkspace(true), { files: 0, findings: 0, durationMs: 0 }),
  );
  connection.onRequest(ReloadPacksRequest, () =>
    state.guard('hindsight/reloadPacks', () => packReload.reloadPacksAndRescan(true), { packs: [], problems: [] }),
  );
}

async function executeCommand(ctx: ServerContext, command: string, args: unknown[]): Promise<unknown> {
  switch (command) {
    case COMMANDS.ignoreFinding: {
      const a = args[0] as IgnoreFindingArgs | undefined;
      if (!a || typeof a.uri !== 'string' || typeof a.findingId !== 'string' || typeof a.line !== 'number') {
        throw new Error(`${command} expects [{ uri, findingId, line, reason? }]`);
      }
      const uri = normalizeUri(a.uri);
      const text = await ctx.documents.textOf(uri);
      if (text === null) throw new Error(`${command}: cannot read ${uri}`);
      const edit: WorkspaceEdit = { changes: { [uri]: [ignoreEdit(text, a.line, a.findingId, a.reason)] } };
      return (await ctx.state.connection.workspace.applyEdit({ label: `Ignore ${a.findingId}`, edit })).applied;
    }
    case COMMANDS.fixAll: {
      const a = args[0] as { uri?: string } | undefined;
      if (!a || typeof a.uri !== 'string') throw new Error(`${command} expects [{ uri }]`);
      const uri = normalizeUri(a.uri);
      await ctx.state.ready; // as the fix-all code action: no packs, nothing to fix with
      const text = await ctx.documents.textOf(uri);
      if (text === null) return false;
      ctx.documents.ensureFresh(uri);
      const all = fixAll(ctx, uri, text, 10);
      if (!all) return false;
      const action = fixAllAction(uri, text, all.text, all.fixes);
      return (await ctx.state.connection.workspace.applyEdit({ label: action.title, edit: action.edit! })).applied;
    }
    case COMMANDS.scanWorkspace:
      return ctx.scan.scanWorkspace(true);
    case COMMANDS.reloadPacks:
      return ctx.packReload.reloadPacksAndRescan(true);
    case COMMANDS.showFindingDetails:
      // Clients other than VS Code send the "Show details" code action's command here (details-command.ts).
      return showFindingDetails(ctx, args[0], (id, pack) => details(ctx, id, pack));
    default:
      throw new Error(`Unknown command ${command}`);
  }
}

/** Every file's shown findings (or one file's), and the syntax errors of files not excluded. */
export function findingsResult(ctx: ServerContext, uri?: string): FindingsResult {
  const want = uri ? normalizeUri(uri) : undefined;
  const findings: WorkspaceFinding[] = [];
  const syntaxErrors: FindingsResult['syntaxErrors'] = [];
  const states = [...ctx.state.files.values()].filter((s) => !want || s.uri === want).sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const st of states) {
    for (const o of st.view.kept) {
      const f = ctx.state.findingOf(o);
      if (!f) continue;
      findings.push({
        uri: st.uri,
        range: o.range,
        matchRange: o.matchRange,
        findingId: f.id,
        title: f.title,
        severity: f.severity,
        confidence: f.confidence,
        category: f.category,
        ...(f.owasp ? { owasp: f.owasp } : {}),
        pack: o.pack,
        fingerprint: o.fingerprint,
        contract: o.contract,
        function: o.function,
        hasFix: !!o.fix,
        ...(o.fix ? { fixSafe: o.fix.safe, fixTitle: o.fix.title } : {}),
        triage: 'open',
      });
    }
    if (st.analysis.syntaxErrors.length && !st.excluded) {
      syntaxErrors.push({ uri: st.uri, errors: st.analysis.syntaxErrors.map((e) => ({ message: e.message, range: e.range })) });
    }
  }
  return { findings, syntaxErrors, scanning: ctx.state.scanning };
}

function details(ctx: ServerContext, findingId: string, pack?: string): FindingDetails | null {
  const f = (pack ? ctx.state.packs.finding(pack, findingId) : undefined) ?? ctx.state.packs.findingById(findingId);
  if (!f) return null;
  return {
    id: f.id,
    title: f.title,
    severity: f.severity,
    confidence: f.confidence,
    category: f.category,
    ...(f.owasp ? { owasp: f.owasp } : {}),
    description: f.description,
    recommendation: f.recommendation,
    references: f.references,
    pack: { name: f.pack.name, version: f.pack.version, file: f.pack.file },
    ...(f.fix ? { fix: { title: f.fix.title, safe: fixKindOf(f.fix) === 'safe' } } : {}),
  };
}
