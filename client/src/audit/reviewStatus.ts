// Periodic reviews in the editor: a status bar item saying when the last review was and whether one is due
// (hindsight.review.intervalDays), and "Hindsight: Record Review", which appends to .hindsight/reviews.json what
// `hindsight review record` would (date, who, pack versions, finding counts, commit) and records the deployed
// state, so pack-update findings in deployed code count as seen.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../../../server/src/shared/atomic-write';
import { configValue, headCommit } from '../../../server/src/audit/git';
import { countBySeverity, DEFAULT_REVIEWS, emptyReviewLog, parseReviews, serializeReviews, type Review } from '../../../server/src/audit/reviews';
import type { Severity } from '../../../server/src/engine/types';
import { intervalDays, type WorkspaceAudit } from './workspaceAudit';

export class ReviewStatusItem implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('hindsight.review', vscode.StatusBarAlignment.Left, 9);

  constructor(private readonly audit: WorkspaceAudit) {
    this.item.name = 'Hindsight Review';
    this.item.command = 'hindsight.recordReview';
    this.update();
  }

  update(): void {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    const cfg = vscode.workspace.getConfiguration('hindsight', folder);
    if (!folder || !cfg.get<boolean>('statusBar.enable', true)) {
      this.item.hide();
      return;
    }
    const status = this.audit.reviewStatus(folder);
    const due = status.due || (intervalDays(folder) > 0 && !status.last);
    this.item.text = `$(${due ? 'bell-dot' : 'checklist'}) ${status.label}`;
    this.item.tooltip = `${status.detail}${status.error ? `\n${status.error}` : ''}\nClick to record a review.`;
    this.item.backgroundColor = due && status.last ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

export interface RecordReviewOptions {
  note?: string;
  by?: string;
  folder?: vscode.WorkspaceFolder;
}

/**
 * Records a review for a folder. `severities` are the workspace's current findings (the panel's), so the counts
 * are those the reviewer saw. Returns the review written, or undefined when the user cancelled.
 */
export async function recordReview(audit: WorkspaceAudit, severities: (folder: vscode.WorkspaceFolder) => Array<{ severity: Severity }>, options: RecordReviewOptions = {}): Promise<Review | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const folder = options.folder ?? (folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Record a review of which folder?' }) : folders[0]);
  if (!folder) return undefined;
  const note =
    options.note ??
    (await vscode.window.showInputBox({ title: 'Hindsight: Record Review', prompt: 'A note for the review log (optional): what was reviewed, what was decided', ignoreFocusOut: true }));
  if (note === undefined) return undefined;
  const root = folder.uri.fsPath;
  const file = path.join(root, DEFAULT_REVIEWS);
  let log = emptyReviewLog();
  try {
    log = parseReviews(fs.readFileSync(file, 'utf8'), DEFAULT_REVIEWS);
  } catch (e) {
    // A malformed log is the user's to fix; overwriting it would lose the history.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (!audit.last.some((r) => r.folder.uri.toString() === folder.uri.toString())) await audit.refresh();
  const packs = audit.packsOf(folder);
  const author = vscode.workspace.getConfiguration('hindsight', folder).get<string>('triage.author', '');
  const trusted = vscode.workspace.isTrusted;
  // git only in a trusted workspace: a repository's config can make git run its code.
  const by = options.by?.trim() || author.trim() || (trusted ? await configValue(root, 'user.name') : undefined) || process.env.USER || process.env.USERNAME || 'unknown';
  const commit = trusted ? await headCommit(root) : undefined;
  const review: Review = {
    date: new Date().toISOString(),
    by,
    ...(note.trim() ? { note: note.trim() } : {}),
    packs: packs.map((p) => ({ name: p.info.name, version: p.info.version })),
    findings: countBySeverity(severities(folder)),
    tool: vscode.extensions.getExtension('hindsight.hindsight')?.packageJSON.version ?? undefined,
    ...(commit ? { commit } : {}),
  };
  log.reviews.push(review);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, serializeReviews(log));
  // The deployed-code findings seen now are no longer new.
  await audit.refresh(true);
  return review;
}
