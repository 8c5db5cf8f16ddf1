// Periodic reviews for any client: whether a review is due (hindsight/reviewStatus) and recording one
// (hindsight/recordReview), which writes what `hindsight review record` writes to .hindsight/reviews.json and
// records the deployed state as `hindsight deployed` does, so pack-update findings in deployed code count as seen.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { auditWorkspaceDeployments, workspaceReviewStatus } from '../../audit/api';
import { readStateFile } from '../../audit/data-file';
import { configValue, headCommit } from '../../audit/git';
import { coverageOf, workspaceReviewScope } from '../../audit/review-scope-io';
import { relativePath } from '../../audit/scan-bridge';
import { findSolidityFiles, uriToPath } from '../../project/workspace';
import {
  countBySeverity,
  DEFAULT_REVIEW_INTERVAL_DAYS,
  DEFAULT_REVIEWS,
  emptyReviewLog,
  parseReviews,
  serializeReviews,
  type Review,
  type ReviewLog,
} from '../../audit/reviews';
import { writeFileAtomic } from '../../shared/atomic-write';
import { RecordReviewRequest, ReviewStatusRequest, type ReviewStatusResult } from '../../shared/protocol';
import { folderParam, guarded, toolVersion, type RequestContext } from './context';
import { loadFolderPacks } from './folder-packs';

export function registerReviewRequests(connection: Connection, ctx: RequestContext): void {
  connection.onRequest(
    ReviewStatusRequest,
    guarded(connection, ReviewStatusRequest.method, async (p): Promise<ReviewStatusResult> => {
      await ctx.ready();
      const folder = folderParam(ctx, p?.folder);
      const days = typeof p.intervalDays === 'number' && Number.isFinite(p.intervalDays) && p.intervalDays >= 0 ? p.intervalDays : DEFAULT_REVIEW_INTERVAL_DAYS;
      const { nextDue, ...status } = workspaceReviewStatus(folder.path, days, new Date(), p.dueBeforeFirst !== false);
      return { ...status, ...(nextDue ? { nextDue: nextDue.toISOString() } : {}) };
    }),
  );
  connection.onRequest(
    RecordReviewRequest,
    guarded(connection, RecordReviewRequest.method, async (p): Promise<Review> => {
      await ctx.ready();
      const folder = folderParam(ctx, p?.folder);
      const root = folder.path;
      const file = path.join(root, DEFAULT_REVIEWS);
      // Read first: a malformed log is the user's to fix, and overwriting it would lose the history.
      const log = readLog(file);
      const { packs, inUse } = await loadFolderPacks(ctx, folder);
      const trusted = ctx.trusted();
      // git only in a trusted workspace: a repository's config can make git run its code.
      const by =
        (typeof p.by === 'string' ? p.by.trim() : '') ||
        (trusted ? await configValue(root, 'user.name') : undefined) ||
        process.env.USER ||
        process.env.USERNAME ||
        'unknown';
      const commit = trusted ? await headCommit(root) : undefined;
      const note = typeof p.note === 'string' ? p.note.trim() : '';
      const findings = ctx.findings().filter((f) => ctx.folders.of(f.uri)?.uri === folder.uri);
      // What this review covered, against the previous review's commit, before the log gets the new one.
      const settings = ctx.settingsFor(folder);
      const scope = await workspaceReviewScope(root, {
        files: await findSolidityFiles(folder, settings.exclude, { tests: settings.analyzeTests }),
        findings: findings.map((f) => ({ file: relativePath(root, uriToPath(f.uri) ?? ''), contract: f.contract, function: f.function })),
        git: trusted,
      }).catch(() => undefined);
      const review: Review = {
        date: new Date().toISOString(),
        by,
        ...(note ? { note } : {}),
        packs: inUse.map((pack) => ({ name: pack.info.name, version: pack.info.version })),
        findings: countBySeverity(findings),
        tool: toolVersion(),
        ...(commit ? { commit } : {}),
        ...(scope ? { coverage: coverageOf(scope) } : {}),
      };
      log.reviews.push(review);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeFileAtomic(file, serializeReviews(log));
      // The deployed-code findings seen now are no longer new. Its problems are hindsight/deployedAudit's to show.
      if (trusted) await auditWorkspaceDeployments(root, inUse, { toolVersion: toolVersion(), record: true, isExcluded: (f) => packs.effective.isExcluded(f) });
      return review;
    }),
  );
}

function readLog(file: string): ReviewLog {
  return readStateFile(file, DEFAULT_REVIEWS, 'reviews', (text) => parseReviews(text, DEFAULT_REVIEWS), emptyReviewLog);
}
