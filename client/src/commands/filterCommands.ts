// The panel's filter and grouping commands (view title bar and palette).
import * as vscode from 'vscode';
import { SEVERITIES, type Severity } from '../../../server/src/shared/types';
import type { TriageState } from '../../../server/src/shared/protocol';
import type { App } from '../app';
import { NO_FILTER, packOf } from '../filters';
import { SEVERITY_LABELS } from '../findingsModel';
import { TRIAGE_LABELS, TRIAGE_STATES } from '../triage/triageFile';

async function multiPick<T extends string>(title: string, options: readonly T[], labels: (v: T) => string, current: readonly T[]): Promise<T[] | undefined> {
  const picks = await vscode.window.showQuickPick(
    options.map((v) => ({ label: labels(v), value: v, picked: current.includes(v) })),
    { title, canPickMany: true, placeHolder: 'Nothing selected = no filter' },
  );
  return picks?.map((p) => p.value);
}

export function registerFilterCommands(app: App): vscode.Disposable[] {
  const { tree } = app;
  const set = (patch: Partial<typeof NO_FILTER>) => (tree.filters = { ...tree.filters, ...patch });
  return [
    vscode.commands.registerCommand('hindsight.groupBySeverity', () => (tree.grouping = 'severity')),
    vscode.commands.registerCommand('hindsight.groupByFile', () => (tree.grouping = 'file')),
    vscode.commands.registerCommand('hindsight.groupByCategory', () => (tree.grouping = 'category')),
    vscode.commands.registerCommand('hindsight.groupByOwasp', () => (tree.grouping = 'owasp')),
    vscode.commands.registerCommand('hindsight.groupByRule', () => (tree.grouping = 'rule')),
    vscode.commands.registerCommand('hindsight.groupByFunction', () => (tree.grouping = 'function')),
    vscode.commands.registerCommand('hindsight.filterText', async (text?: string) => {
      const value =
        typeof text === 'string'
          ? text
          : await vscode.window.showInputBox({
              title: 'Filter findings',
              prompt: 'Words to look for in id, title, category, OWASP code, pack, file, contract or function (empty clears)',
              value: tree.filters.text,
            });
      if (value !== undefined) set({ text: value.trim() });
    }),
    vscode.commands.registerCommand('hindsight.filterSeverity', async (given?: Severity[]) => {
      const v = Array.isArray(given) ? given : await multiPick('Show severities', SEVERITIES, (s) => SEVERITY_LABELS[s], tree.filters.severities);
      if (v) set({ severities: v });
    }),
    vscode.commands.registerCommand('hindsight.filterTriage', async (given?: TriageState[]) => {
      const v = Array.isArray(given)
        ? given
        : await multiPick('Show triage states (nothing selected: all but false positives)', TRIAGE_STATES, (s) => TRIAGE_LABELS[s], tree.filters.triage);
      if (v) set({ triage: v });
    }),
    vscode.commands.registerCommand('hindsight.filterPack', async (given?: string[]) => {
      const packs = [...new Set(app.model.all().map(packOf))].sort();
      const v = Array.isArray(given) ? given : await multiPick('Show packs', packs, (p) => p, tree.filters.packs);
      if (v) set({ packs: v });
    }),
    vscode.commands.registerCommand('hindsight.toggleNewSinceBaseline', async () => {
      await app.baselines.load();
      set({ newSinceBaseline: !tree.filters.newSinceBaseline });
      if (tree.filters.newSinceBaseline && !app.baselines.present) {
        void vscode.window.showWarningMessage(
          'Hindsight: no .hindsight/baseline.json in this workspace, so every finding counts as new. Create one with `hindsight baseline save`.',
        );
      }
    }),
    vscode.commands.registerCommand('hindsight.clearFilters', () => (tree.filters = NO_FILTER)),
  ];
}
