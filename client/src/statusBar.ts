// Status bar: finding counts by severity for the active file and for the workspace; a click opens the panel.
// False positives, fixed and acknowledged occurrences are not counted: the numbers are what is left to do.
import * as vscode from 'vscode';
import { SEVERITIES, type Severity } from '../../server/src/shared/types';
import { FindingsModel, Item, SEVERITY_LABELS } from './findingsModel';

const SHORT: Record<Severity, string> = { critical: 'C', high: 'H', medium: 'M', low: 'L', info: 'I' };

export function countBySeverity(items: Item[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const i of items) if (i.triage === 'open' || i.triage === 'confirmed') counts[i.severity]++;
  return counts;
}

function compact(c: Record<Severity, number>): string {
  const parts = SEVERITIES.filter((s) => c[s] > 0).map((s) => `${c[s]}${SHORT[s]}`);
  return parts.length ? parts.join(' ') : '0';
}

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('hindsight.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subs: vscode.Disposable[];

  constructor(private readonly model: FindingsModel) {
    this.item.name = 'Hindsight findings';
    this.item.command = 'hindsight.showPanel';
    this.subs = [
      model.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('hindsight.statusBar.enable') && this.update()),
    ];
    this.update();
  }

  get text(): string {
    return this.item.text;
  }

  update(): void {
    if (!vscode.workspace.getConfiguration('hindsight').get<boolean>('statusBar.enable', true)) {
      this.item.hide();
      return;
    }
    const state = this.model.state;
    if (state === 'starting') {
      this.item.text = '$(loading~spin) Hindsight';
      this.item.tooltip = 'Hindsight: starting the language server…';
      this.item.show();
      return;
    }
    if (state === 'stopped') {
      this.item.text = '$(debug-disconnect) Hindsight';
      this.item.tooltip = 'Hindsight: the language server is not running. Click to open the panel.';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.item.show();
      return;
    }
    this.item.backgroundColor = undefined;
    const all = this.model.all();
    const ws = countBySeverity(all);
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const file = active ? countBySeverity(all.filter((i) => i.uri === active)) : undefined;
    const spin = state === 'scanning' ? '$(loading~spin) ' : '';
    const icon = ws.critical + ws.high > 0 ? '$(shield)' : '$(eye)';
    this.item.text = `${spin}${icon} ${file ? `${compact(file)} / ` : ''}${compact(ws)}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(
      `**Hindsight**${state === 'scanning' ? ' (scanning…)' : ''}\n\n| | ${file ? 'This file | ' : ''}Workspace |\n|---|${file ? '---:|' : ''}---:|\n`,
    );
    for (const s of SEVERITIES) md.appendMarkdown(`| ${SEVERITY_LABELS[s]} | ${file ? `${file[s]} | ` : ''}${ws[s]} |\n`);
    md.appendMarkdown('\nOpen and confirmed findings. Click to open the Findings panel.');
    this.item.tooltip = md;
    this.item.accessibilityInformation = {
      label: `Hindsight: ${file ? `this file ${SEVERITIES.map((s) => `${file[s]} ${s}`).join(', ')}; ` : ''}workspace ${SEVERITIES.map((s) => `${ws[s]} ${s}`).join(', ')}`,
    };
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.item.dispose();
  }
}
