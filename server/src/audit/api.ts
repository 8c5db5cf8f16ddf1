// Entry points for the language server (lsp/requests/): the same logic as the CLI commands, without
// argument parsing or printing, so the panel's deployed-code section, the pack-update notification and the
// review-due status bar item agree with CI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedPack } from '../packs/load';
import { auditDeployments, type DeploymentReport } from './deployed';
import { packUpdateNotice } from './deployed-format';
import { DEFAULT_DEPLOYED_STATE, readDeployedState, writeDeployedState } from './deployed-state';
import { DEFAULT_DEPLOYMENTS, readDeployments } from './deployments';
import { AuditInputError } from './input-error';
import { DEFAULT_REVIEWS, parseReviews, reviewDue, type ReviewDue } from './reviews';
import { scanTexts } from './scan-bridge';

export interface DeployedAudit {
  /** false when the workspace has no .hindsight/deployments.yaml (nothing to show, not an error). */
  configured: boolean;
  reports: DeploymentReport[];
  /** Set when a pack update brought findings to deployed code since the last review. */
  notice?: string;
  /** A malformed deployments or state file, or a git problem, as `file:line:col: message`. */
  error?: string;
}

/**
 * Re-audits the workspace's deployments with `packs`. Records the state only when `record` is true: an editor
 * that re-runs this on every pack reload should record once the user has seen the notice.
 */
export interface DeployedAuditOptions {
  toolVersion: string;
  record?: boolean;
  now?: Date;
  /** The workspace configuration's exclusions (absolute paths), as the editor applies them to open files. */
  isExcluded?(file: string): boolean;
}

export async function auditWorkspaceDeployments(root: string, packs: LoadedPack[], options: DeployedAuditOptions): Promise<DeployedAudit> {
  const { toolVersion, record = false, now = new Date(), isExcluded } = options;
  const deploymentsFile = path.join(root, DEFAULT_DEPLOYMENTS);
  if (!fs.existsSync(deploymentsFile)) return { configured: false, reports: [] };
  try {
    const deployments = readDeployments(deploymentsFile, DEFAULT_DEPLOYMENTS).deployments;
    const stateFile = path.join(root, DEFAULT_DEPLOYED_STATE);
    const state = readDeployedState(stateFile, DEFAULT_DEPLOYED_STATE);
    const run = await auditDeployments(
      root,
      deployments,
      state,
      { toolVersion, packs, isExcluded, scanTexts: (files) => scanTexts(files, packs, { minSeverity: 'info', minConfidence: 'low' }) },
      now,
    );
    if (record) writeDeployedState(stateFile, run.nextState);
    const errors = run.reports.filter((r) => r.error).map((r) => r.error!);
    return { configured: true, reports: run.reports, notice: packUpdateNotice(run.reports), ...(errors.length ? { error: errors.join('\n') } : {}) };
  } catch (err) {
    return { configured: true, reports: [], error: (err as Error).message };
  }
}

export interface ReviewStatus extends ReviewDue {
  /** Short, for a status bar: "Review due", "Review in 12 days", "No review yet". */
  label: string;
  /** One sentence for a tooltip. */
  detail: string;
  error?: string;
}

/** Reads `.hindsight/reviews.json` under `root` (missing = no review yet) and says whether a review is due. */
export function workspaceReviewStatus(root: string, intervalDays: number, now = new Date(), dueBeforeFirst = true): ReviewStatus {
  let reviews: Parameters<typeof reviewDue>[0] = [];
  let error: string | undefined;
  try {
    reviews = parseReviews(fs.readFileSync(path.join(root, DEFAULT_REVIEWS), 'utf8'), DEFAULT_REVIEWS).reviews;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      error = err instanceof AuditInputError ? err.message : `${DEFAULT_REVIEWS}: ${(err as Error).message}`;
  }
  const due = reviewDue(reviews, intervalDays, now, dueBeforeFirst);
  const last = due.last ? `Last review ${due.last.date.slice(0, 10)} by ${due.last.by}.` : 'No review recorded yet.';
  let label: string;
  let detail: string;
  if (!(intervalDays > 0)) {
    label = due.last ? `Reviewed ${due.last.date.slice(0, 10)}` : 'No review yet';
    detail = `${last} Review reminders are off.`;
  } else if (!due.nextDue && !due.due) {
    label = 'No review yet';
    detail = `${last} Reminders every ${intervalDays} days start with the first recorded review ("hindsight review record", or "Hindsight: Record Review" in VS Code).`;
  } else if (!due.nextDue) {
    label = 'Review due';
    detail = `${last} Record one with "hindsight review record".`;
  } else if (due.due) {
    label = 'Review due';
    detail = `${last} A review was due on ${due.nextDue.toISOString().slice(0, 10)} (every ${intervalDays} days).`;
  } else {
    label = `Review in ${due.daysLeft} day${due.daysLeft === 1 ? '' : 's'}`;
    detail = `${last} Next review due on ${due.nextDue.toISOString().slice(0, 10)}.`;
  }
  return { ...due, label, detail, ...(error ? { error } : {}) };
}
