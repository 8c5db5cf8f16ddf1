// "Learn from audit report…" for any client (hindsight/learnReport): the report read and its findings proposed
// with the code they came from, then the reviewer's accepted findings written into the folder's learned pack and
// counted in the workspace. The reading, learning and writing are `hindsight learn`'s (server/src/learn).
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { applyDecisions, countPlaces, firstPattern, LEARNED_PACK_DIR, learnReport, ReportError, writeLearned, type LearnedReport } from '../../learn';
import { pathToUri, uriToPath } from '../../project/workspace';
import { LearnReportRequest, type LearnedFindingInfo, type LearnReportParams, type LearnReportResult } from '../../shared/protocol';
import { folderParam, guarded, RequestProblem, type RequestContext } from './context';
import { ParsedWorkspace } from './parsed-workspace';

export function registerLearnReportRequest(connection: Connection, ctx: RequestContext): void {
  const workspace = new ParsedWorkspace(ctx);
  connection.onRequest(
    LearnReportRequest,
    guarded(connection, LearnReportRequest.method, async (p: LearnReportParams): Promise<LearnReportResult> => {
      await ctx.ready();
      if (ctx.restricted()) throw new RequestProblem('trust this folder first: learned findings go into a workspace pack, which Restricted Mode does not run');
      const report = typeof p?.report === 'string' ? uriToPath(p.report) : null;
      if (!report) throw new RequestProblem('the request needs "report": the uri of a report file');
      const folder = p.folder ? folderParam(ctx, p.folder) : (ctx.folders.of(p.report) ?? ctx.folders.all()[0]);
      if (!folder) throw new RequestProblem('open a folder first: learned findings go into its .hindsight/packs/learned pack');
      if (p.decisions !== undefined && !Array.isArray(p.decisions)) throw new RequestProblem('"decisions" must be a list');

      let learned: LearnedReport;
      try {
        learned = learnReport({ report, root: folder.path, git: ctx.trusted() });
      } catch (err) {
        if (err instanceof ReportError) throw new RequestProblem(`${path.basename(report)}:${err.line}: ${err.message}`);
        throw new RequestProblem((err as Error).message);
      }
      const packDir = path.join(folder.path, LEARNED_PACK_DIR);
      const result: LearnReportResult = {
        format: learned.report.format,
        packFile: pathToUri(path.join(packDir, 'pack.yaml')),
        findings: learned.findings.map(info),
        warnings: learned.warnings.map((w) => (w.startsWith(report) ? path.basename(report) + w.slice(report.length) : w)),
      };
      if (!p.decisions) return result;

      const chosen = applyDecisions(learned, p.decisions);
      let written: ReturnType<typeof writeLearned>;
      try {
        written = writeLearned(chosen, packDir);
      } catch (err) {
        throw new RequestProblem((err as Error).message);
      }
      // The pack changed on disk; the workspace may have too (new test files): count on fresh parses.
      workspace.drop();
      const inputs = await workspace.inputs();
      result.written = {
        version: written.version,
        outcomes: written.outcomes,
        matches: chosen.findings.map((f) => {
          const d = f.definition;
          if (d.draft || !d.match) return { id: d.id, total: 0, files: 0, draft: d.draft ?? 'no pattern' };
          const c = countPlaces({ ...d, references: d.references ?? [], match: d.match }, inputs);
          return { id: d.id, total: c.total, files: c.files };
        }),
      };
      return result;
    }),
  );
}

function info(f: LearnedReport['findings'][number]): LearnedFindingInfo {
  const d = f.definition;
  const pattern = d.match ? firstPattern(d.match) : undefined;
  return {
    id: d.id,
    reportId: f.reportFinding.id,
    title: d.title,
    severity: d.severity,
    description: d.description,
    recommendation: d.recommendation,
    ...(d.draft ? { draft: d.draft } : {}),
    ...(pattern ? { pattern } : {}),
    ...(f.code
      ? {
          code: {
            uri: pathToUri(f.code.file),
            range: { start: { line: f.code.startLine - 1, character: 0 }, end: { line: f.code.endLine - 1, character: f.code.text.split('\n').pop()!.length } },
            text: f.code.text,
          },
        }
      : {}),
    matches: f.matches,
  };
}
