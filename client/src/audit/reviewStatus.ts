// Periodic reviews in the editor: a status bar item saying when the last review was and whether one is due
// (hindsight.review.intervalDays), and "Hindsight: Record Review". The language server reads and appends to
// .hindsight/reviews.json (hindsight/reviewStatus, hindsight/recordReview) what `hindsight review record` would, and
// records the deployed state, so pack-update findings in deployed code count as seen.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RecordReviewRequest, ReviewStatusRequest, type ReviewInfo, type ReviewStatusResult } from '../../../server/src/shared/protocol';
import { request } from '../serverClient';
import { SERVER_DOWN, type WorkspaceAudit } from './workspaceAudit';

export class ReviewStatusItem implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('hindsight.review', vscode.StatusBarAlignment.Left, 9);
  /** Answers older than the latest question are dropped. */
  private asked = 0;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Hindsight Review';
    this.item.command = 'hindsight.recordReview';
    this.update();
  }

  /** Asks the server again; until it answers, the item shows what it showed. */
  update(): void {
    const asked = ++this.asked;
    const folder = firstFolder();
    const cfg = vscode.workspace.getConfiguration('hindsight', folder);
    if (!folder || !cfg.get<boolean>('statusBar.enable', true)) {
      this.item.hide();
      return;
    }
    if (!this.client.isRunning()) return this.show('$(checklist) Review', `${SERVER_DOWN} The review status is not known.`);
    // Before the first review, a review is due only if someone set an interval: a fresh workspace is not nagged.
    const dueBeforeFirst = intervalConfigured(folder);
    request(this.client, ReviewStatusRequest, { folder: folder.uri.toString(), ...intervalDays(folder), dueBeforeFirst }).then(
      (status) => asked === this.asked && this.render(status),
      (e: unknown) => asked === this.asked && this.show('$(checklist) Review', `The review status is not known: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  private render(status: ReviewStatusResult): void {
    const due = status.due;
    this.show(`$(${due ? 'bell-dot' : 'checklist'}) ${status.label}`, `${status.detail}${status.error ? `\n${status.error}` : ''}\nClick to record a review.`);
    this.item.backgroundColor = due && status.last ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  private show(text: string, tooltip: string): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = undefined;
    this.item.show();
  }

  dispose(): void {
    this.asked++;
    this.item.dispose();
  }
}

function firstFolder(): vscode.WorkspaceFolder | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
}

/** Whether hindsight.review.intervalDays is set anywhere (user, workspace or folder), rather than left at its default. */
function intervalConfigured(folder: vscode.WorkspaceFolder): boolean {
  const i = vscode.workspace.getConfiguration('hindsight', folder).inspect<number>('review.intervalDays');
  return i?.globalValue !== undefined || i?.workspaceValue !== undefined || i?.workspaceFolderValue !== undefined;
}

/** The folder's hindsight.review.intervalDays, when usable (else the server's default). */
function intervalDays(folder?: vscode.WorkspaceFolder): { intervalDays?: number } {
  const v = vscode.workspace.getConfiguration('hindsight', folder).get<number>('review.intervalDays');
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? { intervalDays: v } : {};
}

export interface RecordReviewOptions {
  note?: string;
  by?: string;
  folder?: vscode.WorkspaceFolder;
}

/** Records a review of a folder through the server. Returns the review written, or undefined when the user cancelled. */
export async function recordReview(client: LanguageClient, audit: WorkspaceAudit, options: RecordReviewOptions = {}): Promise<ReviewInfo | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const folder =
    options.folder ?? (folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Record a review of which folder?' }) : folders[0]);
  if (!folder) return undefined;
  const note =
    options.note ??
    (await vscode.window.showInputBox({
      title: 'Hindsight: Record Review',
      prompt: 'A note for the review log (optional): what was reviewed, what was decided',
      ignoreFocusOut: true,
    }));
  if (note === undefined) return undefined;
  if (!client.isRunning()) throw new Error(SERVER_DOWN);
  // Without a name here, the server asks git (user.name) and then the OS.
  const by = options.by?.trim() || vscode.workspace.getConfiguration('hindsight', folder).get<string>('triage.author', '').trim();
  const review = await request(client, RecordReviewRequest, { folder: folder.uri.toString(), note, ...(by ? { by } : {}) });
  // The server recorded the deployed state with the review: what the view shows as new is seen now.
  await audit.refresh();
  return review;
}
