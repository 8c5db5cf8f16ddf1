// Reports for any client: the workspace's findings as SARIF or a Markdown audit report (hindsight/exportReport) and
// other tools' SARIF read as findings (hindsight/importSarif). The renderers and the parser are the report layer's
// (server/src/report), SARIF's writer the CLI's: a client picks files and passes what only it knows, team triage and
// the results it imported, and writes the text it gets back.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { relativePath } from '../../audit/scan-bridge';
import { type Folder, normalizeUri, uriToPath } from '../../project/workspace';
import { renderMarkdownReport } from '../../report/markdown';
import { codeLines, compareReportItems, type ReportItem } from '../../report/report-items';
import { findingsToSarif, INFORMATION_URI, type SarifRoot } from '../../report/sarif';
import { artifactResolver, importSarif, SarifImportError } from '../../report/sarif-import';
import {
  ExportReportRequest,
  ImportSarifRequest,
  TRIAGE_LABELS,
  type ExportReportParams,
  type ExportReportResult,
  type ImportSarifResult,
  type ReportFinding,
  type TriageDecision,
  type TriageState,
} from '../../shared/protocol';
import { folderParam, guarded, RequestProblem, toolVersion, type RequestContext } from './context';

export function registerReportRequests(connection: Connection, ctx: RequestContext): void {
  connection.onRequest(
    ExportReportRequest,
    guarded(connection, ExportReportRequest.method, async (p): Promise<ExportReportResult> => {
      await ctx.ready();
      if (p?.format !== 'sarif' && p?.format !== 'markdown') throw new RequestProblem('the request needs "format": "sarif" or "markdown"');
      const scope = scopeOf(ctx, p);
      const items = await reportItems(ctx, p, scope, p.format === 'markdown');
      if (p.format === 'markdown') {
        const names = scope.folder
          ? [scope.folder.name]
          : ctx.folders
              .all()
              .map((f) => f.name)
              .sort();
        const title = typeof p.title === 'string' && p.title.trim() ? p.title.trim() : `Hindsight findings: ${names.join(', ') || 'workspace'}`;
        return { text: renderMarkdownReport({ title, generated: new Date(), items }), findings: items.length };
      }
      const tool = { name: 'hindsight', version: toolVersion(), informationUri: INFORMATION_URI };
      const log = findingsToSarif(items, { roots: sarifRoots(scope.folder ? [scope.folder] : ctx.folders.all()), tool });
      return { text: JSON.stringify(log, null, 2) + '\n', findings: items.length };
    }),
  );
  connection.onRequest(
    ImportSarifRequest,
    guarded(connection, ImportSarifRequest.method, async (p): Promise<ImportSarifResult> => {
      await ctx.ready();
      const uri = typeof p?.uri === 'string' && p.uri ? p.uri : undefined;
      const file = uri ? uriToPath(uri) : null;
      let text = p?.text;
      if (typeof text !== 'string') {
        if (!file) throw new RequestProblem('the request needs "text" (a SARIF log) or "uri" (a SARIF file)');
        try {
          text = await fs.readFile(file, 'utf8');
        } catch (e) {
          throw new RequestProblem(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        }
      }
      // Relative paths: a workspace folder that has the file, else the log's own folder.
      const roots = [...ctx.folders.all().map((f) => f.path), ...(file ? [path.dirname(file)] : [])];
      try {
        return importSarif(text, { file: file ?? uri ?? 'SARIF', resolve: artifactResolver(roots) });
      } catch (e) {
        if (e instanceof SarifImportError) throw new RequestProblem(e.message);
        throw e;
      }
    }),
  );
}

interface Scope {
  folder?: Folder;
  uri?: string;
}

function scopeOf(ctx: RequestContext, p: ExportReportParams): Scope {
  const s = p.scope;
  if (s === undefined || s === null) return {};
  if (typeof s !== 'object') throw new RequestProblem('"scope" is { folder?, uri? }');
  return {
    ...(s.folder !== undefined ? { folder: folderParam(ctx, s.folder) } : {}),
    ...(typeof s.uri === 'string' && s.uri ? { uri: normalizeUri(s.uri) } : {}),
  };
}

/** The server's findings and the client's imported ones in scope, with triage, rule text, place and (for Markdown) code. */
async function reportItems(ctx: RequestContext, p: ExportReportParams, scope: Scope, withCode: boolean): Promise<ReportItem[]> {
  const decisions = triageOf(p.triage);
  const inScope = (f: ReportFinding) => (!scope.uri || normalizeUri(f.uri) === scope.uri) && (!scope.folder || ctx.folders.of(f.uri)?.uri === scope.folder.uri);
  const findings = [...ctx.findings().map((f): ReportFinding => ({ ...f, source: 'hindsight' })), ...importedOf(p.imported)]
    .filter(inScope)
    .sort(compareReportItems);
  const texts = new Map<string, Promise<string | null>>();
  const multiRoot = ctx.folders.all().length > 1;
  const items: ReportItem[] = [];
  for (const f of findings) {
    const decision = decisions.get(key(f.uri, f.fingerprint));
    const file = uriToPath(f.uri) ?? undefined;
    const folder = ctx.folders.of(f.uri);
    const item: ReportItem = {
      ...f,
      source: f.source === 'imported' ? 'imported' : 'hindsight',
      triage: decision?.status ?? f.triage,
      ...ruleOf(ctx, f),
      path: folder && file ? `${multiRoot ? `${folder.name}/` : ''}${relativePath(folder.path, file)}` : (file ?? f.uri),
      ...(file ? { file } : {}),
    };
    if (decision && (decision.comment || decision.author))
      item.note = { comment: decision.comment ?? '', author: decision.author ?? '', date: decision.date ?? '' };
    if (withCode) {
      if (!texts.has(f.uri))
        texts.set(
          f.uri,
          ctx.textOf(f.uri).catch(() => null),
        );
      const text = await texts.get(f.uri)!;
      item.code = text === null ? '' : codeLines(text, f.matchRange ?? f.range);
    }
    items.push(item);
  }
  return items;
}

/** A Hindsight finding's text from its loaded pack; an imported one's from its tool's rule. */
function ruleOf(ctx: RequestContext, f: ReportFinding): Pick<ReportItem, 'rule' | 'packVersion' | 'owasp'> {
  if (f.source === 'imported') return { rule: f.rule ?? { description: f.message ?? '', recommendation: '', references: [] } };
  const def = ctx.packs.finding(f.pack, f.findingId) ?? ctx.packs.findingById(f.findingId);
  if (!def) return { rule: { description: '', recommendation: '', references: [] } };
  return {
    rule: { description: def.description, recommendation: def.recommendation, references: def.references },
    packVersion: def.pack.version,
    ...(def.owasp ? { owasp: def.owasp } : {}),
  };
}

function key(uri: string, fingerprint: string): string {
  return `${normalizeUri(uri)}\u0000${fingerprint}`;
}

function triageOf(list: unknown): Map<string, TriageDecision> {
  const out = new Map<string, TriageDecision>();
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) throw new RequestProblem('"triage" is a list of { uri, fingerprint, status, comment?, author?, date? }');
  list.forEach((d: Partial<TriageDecision> | null, i) => {
    if (!d || typeof d.uri !== 'string' || typeof d.fingerprint !== 'string') throw new RequestProblem(`triage[${i}] needs "uri" and "fingerprint"`);
    if (typeof d.status !== 'string' || !(d.status in TRIAGE_LABELS)) {
      throw new RequestProblem(`triage[${i}] has unknown status ${JSON.stringify(d.status)} (expected one of ${Object.keys(TRIAGE_LABELS).join(', ')})`);
    }
    out.set(key(d.uri, d.fingerprint), {
      uri: d.uri,
      fingerprint: d.fingerprint,
      status: d.status as TriageState,
      ...(typeof d.comment === 'string' ? { comment: d.comment } : {}),
      ...(typeof d.author === 'string' ? { author: d.author } : {}),
      ...(typeof d.date === 'string' ? { date: d.date } : {}),
    });
  });
  return out;
}

function importedOf(list: unknown): ReportFinding[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new RequestProblem('"imported" is a list of findings, as hindsight/importSarif answers them');
  return list.map((f: ReportFinding | null, i) => {
    const ok =
      f &&
      typeof f.uri === 'string' &&
      typeof f.fingerprint === 'string' &&
      typeof f.findingId === 'string' &&
      typeof f.range?.start?.line === 'number' &&
      typeof f.range?.end?.line === 'number' &&
      f.severity in { critical: 1, high: 1, medium: 1, low: 1, info: 1 };
    if (!ok) throw new RequestProblem(`imported[${i}] is not a finding (uri, fingerprint, findingId, range and severity are needed)`);
    return {
      ...f,
      source: 'imported',
      title: f.title ?? f.findingId,
      pack: f.pack ?? `imported:${f.tool ?? 'SARIF'}`,
      confidence: f.confidence ?? 'medium',
      category: f.category ?? '',
      contract: f.contract ?? '',
      function: f.function ?? '',
      matchRange: f.matchRange ?? f.range,
      triage: f.triage in TRIAGE_LABELS ? f.triage : 'open',
    };
  });
}

/** %SRCROOT% is the outermost folder (the repository, when the others are inside it); other folders get their name. */
function sarifRoots(folders: readonly Folder[]): SarifRoot[] {
  const ordered = [...folders].sort((a, b) => a.path.length - b.path.length);
  const used = new Set<string>(['%SRCROOT%']);
  return ordered.map((f, i) => {
    if (i === 0) return { id: '%SRCROOT%', path: f.path };
    const base = f.name.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'folder';
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    return { id, path: f.path };
  });
}
