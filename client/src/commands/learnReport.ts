// "Learn from Audit Report…": the language server reads the report and proposes one finding per reported issue
// (hindsight/learnReport); this module shows each proposal beside the code it came from, lets the reviewer accept,
// edit or drop it, sends the decisions back and says how many places each accepted finding matches. The reading,
// generalising and writing are the server's (`hindsight learn`'s); the client only asks.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LearnReportRequest, type LearnDecision, type LearnedFindingInfo, type LearnReportResult } from '../../../server/src/shared/protocol';
import { SEVERITIES, type Severity } from '../../../server/src/shared/types';
import { request } from '../serverClient';

export interface LearnAnswers {
  /** The report (path or uri); default: the active Markdown or JSON editor, else asked. */
  report?: string;
  /** Skip the review (tests, other extensions): these decisions, or accept every proposal. */
  decisions?: LearnDecision[] | 'accept-all';
}

const SCHEME = 'hindsight-learned';
const proposals = new Map<string, string>();
const changed = new vscode.EventEmitter<vscode.Uri>();

/** The read-only documents that show each proposal beside its code; registered once by the extension. */
export function registerLearnedProposals(): vscode.Disposable {
  return vscode.Disposable.from(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => proposals.get(uri.toString()) ?? '',
    }),
  );
}

/** Returns what was written (undefined when cancelled or refused). */
export async function learnFromReport(client: LanguageClient, answers: LearnAnswers = {}): Promise<LearnReportResult['written'] | undefined> {
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage('Hindsight: the language server is not running; learn from the report once it has restarted.');
    return undefined;
  }
  const report = await pickReport(answers.report);
  if (!report) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(report) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showWarningMessage('Hindsight: open the audited folder first; learned findings go into its .hindsight/packs/learned pack.');
    return undefined;
  }
  const params = { report: report.toString(), folder: folder.uri.toString() };
  let proposal: LearnReportResult;
  try {
    proposal = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Hindsight: reading ${path.basename(report.fsPath)}` },
      () => request(client, LearnReportRequest, params),
    );
  } catch (e) {
    void vscode.window.showErrorMessage(`Hindsight: cannot learn from this report: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  for (const w of proposal.warnings.slice(0, 3)) void vscode.window.showWarningMessage(`Hindsight: ${w}`);

  const decisions =
    answers.decisions === 'accept-all'
      ? proposal.findings.map((f) => ({ id: f.id, action: 'accept' as const }))
      : (answers.decisions ?? (await review(proposal, path.basename(report.fsPath))));
  if (!decisions) return undefined;
  if (!decisions.some((d) => d.action === 'accept')) {
    void vscode.window.showInformationMessage('Hindsight: nothing accepted, nothing written.');
    return undefined;
  }
  let result: LearnReportResult;
  try {
    result = await request(client, LearnReportRequest, { ...params, decisions });
  } catch (e) {
    void vscode.window.showErrorMessage(`Hindsight: findings not written: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const written = result.written!;
  const places = written.matches.map((m) =>
    m.draft ? `${m.id} is a draft (${m.draft})` : `${m.id} matches ${plural(m.total, 'place')} in ${plural(m.files, 'file')}`,
  );
  const kept = written.outcomes.filter((o) => o.outcome === 'kept').map((o) => `${o.id} kept (${o.why})`);
  const packFile = vscode.Uri.parse(result.packFile);
  if (answers.decisions === undefined) await vscode.window.showTextDocument(packFile, { preview: false });
  void vscode.window.showInformationMessage(
    `Hindsight: learned into ${vscode.workspace.asRelativePath(packFile)} (pack ${written.version}): ${[...places, ...kept].join('; ')}.`,
  );
  return written;
}

async function pickReport(given: string | undefined): Promise<vscode.Uri | undefined> {
  if (given) return /^[a-z][a-z0-9+.-]+:/i.test(given) && !/^[a-z]:[\\/]/i.test(given) ? vscode.Uri.parse(given) : vscode.Uri.file(given);
  const active = vscode.window.activeTextEditor?.document;
  if (active && active.uri.scheme === 'file' && /\.(md|markdown|json)$/i.test(active.uri.fsPath)) return active.uri;
  const picked = await vscode.window.showOpenDialog({
    title: 'Learn from audit report',
    openLabel: 'Learn',
    canSelectMany: false,
    filters: { 'Audit reports': ['md', 'markdown', 'json'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}

type Choice = 'accept' | 'title' | 'severity' | 'pattern' | 'drop' | 'accept-rest' | 'stop';

/** One proposal at a time: the code it came from on the left, the proposed finding beside it, a pick to decide. */
async function review(proposal: LearnReportResult, reportName: string): Promise<LearnDecision[] | undefined> {
  const decisions: LearnDecision[] = [];
  const n = proposal.findings.length;
  for (let i = 0; i < n; i++) {
    const f = proposal.findings[i];
    const d: LearnDecision = { id: f.id, action: 'accept' };
    for (;;) {
      await show(f, d);
      const choice = await vscode.window.showQuickPick(choices(f, d), {
        title: `Learn from ${reportName} (${i + 1}/${n}): ${f.id} — ${d.title ?? f.title}`,
        placeHolder: f.draft ? `Draft: ${f.draft}` : `Ready: matches ${plural(f.matches, 'place')} in this folder`,
        ignoreFocusOut: true,
      });
      if (!choice || choice.value === 'stop') return undefined;
      if (choice.value === 'title')
        d.title = (await vscode.window.showInputBox({ title: `${f.id}: title`, value: d.title ?? f.title, ignoreFocusOut: true }))?.trim() || d.title;
      else if (choice.value === 'severity')
        d.severity =
          ((await vscode.window.showQuickPick([...SEVERITIES], { title: `${f.id}: severity`, ignoreFocusOut: true })) as Severity | undefined) ?? d.severity;
      else if (choice.value === 'pattern')
        d.pattern =
          (
            await vscode.window.showInputBox({
              title: `${f.id}: pattern ($X matches any expression or name, ... any sequence)`,
              value: (d.pattern ?? f.pattern ?? '').replace(/\s*\n\s*/g, ' '),
              ignoreFocusOut: true,
            })
          )?.trim() || d.pattern;
      else {
        if (choice.value === 'drop') d.action = 'drop';
        decisions.push(d);
        if (choice.value === 'accept-rest') for (const rest of proposal.findings.slice(i + 1)) decisions.push({ id: rest.id, action: 'accept' });
        if (choice.value === 'accept-rest') return decisions;
        break;
      }
    }
  }
  return decisions;
}

function choices(f: LearnedFindingInfo, d: LearnDecision): Array<vscode.QuickPickItem & { value: Choice }> {
  const runs = f.pattern !== undefined;
  return [
    {
      label: '$(check) Accept',
      description: runs
        ? f.draft
          ? 'write it and run it: this review is what the draft waited for'
          : 'write it; it runs from now on'
        : 'write it as a draft: it has no pattern yet',
      value: 'accept',
    },
    { label: '$(edit) Edit title…', description: d.title, value: 'title' },
    { label: '$(warning) Change severity…', description: d.severity ?? f.severity, value: 'severity' },
    ...(runs ? [{ label: '$(symbol-misc) Edit pattern…', description: d.pattern, value: 'pattern' as const }] : []),
    { label: '$(trash) Drop', description: 'leave it out of the pack', value: 'drop' },
    { label: '$(check-all) Accept this and all remaining', value: 'accept-rest' },
    { label: '$(close) Stop', description: 'write nothing', value: 'stop' },
  ];
}

async function show(f: LearnedFindingInfo, d: LearnDecision): Promise<void> {
  if (f.code) {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(f.code.uri));
    const r = f.code.range;
    const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: range, preserveFocus: true, preview: true });
  }
  const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${f.id}.md` });
  proposals.set(uri.toString(), markdown(f, d));
  changed.fire(uri); // an edited title or pattern shows in the open proposal
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
}

function markdown(f: LearnedFindingInfo, d: LearnDecision): string {
  return [
    `# ${f.id}: ${d.title ?? f.title}`,
    '',
    `Severity: ${d.severity ?? f.severity} · report id ${f.reportId} · ${f.draft ? `draft: ${f.draft}` : `matches ${plural(f.matches, 'place')} in this folder`}`,
    '',
    '## Pattern',
    '',
    '```solidity',
    d.pattern ?? f.pattern ?? '(none: the report links no code here)',
    '```',
    '',
    ...(f.code
      ? [
          '## Learned from',
          '',
          `${vscode.workspace.asRelativePath(vscode.Uri.parse(f.code.uri))}:${f.code.range.start.line + 1}`,
          '',
          '```solidity',
          f.code.text,
          '```',
          '',
        ]
      : []),
    '## Description',
    '',
    f.description,
    '',
    '## Recommendation',
    '',
    f.recommendation,
    '',
  ].join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
