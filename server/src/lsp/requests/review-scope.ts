// Review scope for any client (hindsight/reviewScope, hindsight/markReviewed): what `hindsight review scope` and
// `hindsight review mark` do, on the folder's files as a workspace scan sees them and the server's current findings.
// git runs only in a trusted workspace (a repository's config can make git run code).
import * as fs from 'node:fs';
import type { Connection } from 'vscode-languageserver/node';
import { configValue, headCommit } from '../../audit/git';
import { addMarks } from '../../audit/review-marks';
import { functionsOf } from '../../audit/review-scope';
import { marksFor, workspaceReviewScope } from '../../audit/review-scope-io';
import { relativePath } from '../../audit/scan-bridge';
import { findSolidityFiles, uriToPath } from '../../project/workspace';
import { MarkReviewedRequest, ReviewScopeRequest, type ReviewScope } from '../../shared/protocol';
import { folderParam, guarded, RequestProblem, type RequestContext } from './context';

export function registerReviewScopeRequests(connection: Connection, ctx: RequestContext): void {
  connection.onRequest(
    ReviewScopeRequest,
    guarded(connection, ReviewScopeRequest.method, async (p): Promise<ReviewScope> => {
      await ctx.ready();
      const folder = folderParam(ctx, p?.folder);
      const settings = ctx.settingsFor(folder);
      const files = await findSolidityFiles(folder, settings.exclude, { tests: settings.analyzeTests });
      const findings = ctx
        .findings()
        .filter((f) => ctx.folders.of(f.uri)?.uri === folder.uri)
        .map((f) => ({ file: relativePath(folder.path, uriToPath(f.uri) ?? ''), contract: f.contract, function: f.function }));
      const since = typeof p.since === 'string' && p.since.trim() ? p.since.trim() : undefined;
      return workspaceReviewScope(folder.path, { files, findings, since, git: ctx.trusted() });
    }),
  );
  connection.onRequest(
    MarkReviewedRequest,
    guarded(connection, MarkReviewedRequest.method, async (p) => {
      await ctx.ready();
      const folder = typeof p?.uri === 'string' ? ctx.folders.of(p.uri) : null;
      const file = folder && uriToPath(p.uri);
      if (!folder || !file) throw new RequestProblem('the request needs "uri": a document inside a workspace folder');
      const trusted = ctx.trusted();
      const by =
        (typeof p.by === 'string' ? p.by.trim() : '') ||
        (trusted ? await configValue(folder.path, 'user.name') : undefined) ||
        process.env.USER ||
        process.env.USERNAME ||
        'unknown';
      const rel = relativePath(folder.path, file);
      let functions = Array.isArray(p.functions) ? p.functions.filter((f): f is string => typeof f === 'string' && f !== '') : [];
      if (!functions.length && p.lines && Number.isInteger(p.lines.start) && Number.isInteger(p.lines.end)) {
        const { start, end } = p.lines;
        const text = fs.readFileSync(file, 'utf8');
        functions = functionsOf(text)
          .filter((f) => f.startLine <= end && f.endLine >= start)
          .map((f) => f.key);
      }
      const targets = functions.length ? functions.map((f) => `${rel}#${f}`) : [rel];
      const marks = await marksFor(folder.path, targets, new Date().toISOString(), trusted ? await headCommit(folder.path) : undefined);
      await addMarks(folder.path, by, marks);
      return { reviewer: by, marks: marks.length };
    }),
  );
}
