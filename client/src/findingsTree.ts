// The Findings panel: severity → finding → occurrences (default), file → occurrences, or
// category → finding → occurrences, with counts, severity codicons, lazy description tooltips and filters.
import * as vscode from 'vscode';
import type { FindingDetails, Severity } from '../../server/src/shared/protocol';
import { FindingsModel, Item, SEVERITY_LABELS, SEVERITY_ORDER, compareItems, itemId, toVsRange } from './findingsModel';
import { FilterState, NO_FILTER, applyFilters, describeFilters, isFiltered } from './filters';
import { TRIAGE_LABELS } from './triage/triageFile';
import type { Baselines } from './baseline';
import { RESTRICTED_LABEL } from './trust';

export type Grouping = 'severity' | 'file' | 'category';

export type Node =
  | { kind: 'group'; id: string; label: string; severity?: Severity; uri?: string; items: Item[]; next: 'finding' | 'occurrence' }
  | { kind: 'finding'; id: string; findingId: string; pack: string; title: string; severity: Severity; items: Item[] }
  | { kind: 'occurrence'; id: string; item: Item; labelStyle: 'location' | 'finding' };

export function severityIcon(severity: Severity): vscode.ThemeIcon {
  switch (severity) {
    case 'critical':
      return new vscode.ThemeIcon('flame', new vscode.ThemeColor('errorForeground'));
    case 'high':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'medium':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'low':
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
    default:
      return new vscode.ThemeIcon('lightbulb');
  }
}

function triageIcon(item: Item): vscode.ThemeIcon {
  switch (item.triage) {
    case 'false-positive':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
    case 'fixed':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'wont-fix':
      return new vscode.ThemeIcon('mute');
    default:
      return severityIcon(item.severity);
  }
}

export type DetailsProvider = (findingId: string, pack: string) => Promise<FindingDetails | null>;

export class FindingsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private _grouping: Grouping = 'severity';
  private _filters: FilterState = NO_FILTER;
  private baselines?: Baselines;
  private view?: vscode.TreeView<Node>;
  private readonly sub: vscode.Disposable;

  constructor(
    private readonly model: FindingsModel,
    private readonly details: DetailsProvider,
  ) {
    this.sub = model.onDidChange(() => this.refresh());
    void vscode.commands.executeCommand('setContext', 'hindsight.grouping', this._grouping);
  }

  attach(view: vscode.TreeView<Node>): void {
    this.view = view;
    this.updateMessage();
  }

  get grouping(): Grouping {
    return this._grouping;
  }

  set grouping(g: Grouping) {
    this._grouping = g;
    void vscode.commands.executeCommand('setContext', 'hindsight.grouping', g);
    this.refresh();
  }

  get filters(): FilterState {
    return this._filters;
  }

  set filters(f: FilterState) {
    this._filters = f;
    void vscode.commands.executeCommand('setContext', 'hindsight.filtered', isFiltered(f));
    this.refresh();
  }

  setBaselines(baselines: Baselines): void {
    this.baselines = baselines;
    this.refresh();
  }

  get hasBaseline(): boolean {
    return this.baselines?.present ?? false;
  }

  refresh(): void {
    this.emitter.fire();
    this.updateMessage();
  }

  /** The items the panel currently shows (after filters). */
  visibleItems(): Item[] {
    const all = this.model.all();
    let isNew: ((i: Item) => boolean) | undefined;
    if (this._filters.newSinceBaseline && this.baselines?.present) {
      const fresh = this.baselines.newItems(all);
      isNew = (i) => fresh.has(i);
    }
    return applyFilters(all, this._filters, (u) => relPath(u), isNew).sort(compareItems);
  }

  private updateMessage(): void {
    if (!this.view) return;
    const all = this.model.all();
    const shown = this.visibleItems();
    const lines: string[] = [];
    if (!vscode.workspace.isTrusted) lines.push(`${RESTRICTED_LABEL}: built-in packs only until this folder is trusted.`);
    if (this.model.state === 'scanning' && all.length > 0) lines.push('Scanning the workspace… results so far.');
    const active = describeFilters(this._filters);
    if (active.length) lines.push(`Showing ${shown.length} of ${all.length}, filtered by ${active.join('; ')}.`);
    if (this._filters.newSinceBaseline && !this.hasBaseline) {
      lines.push('No baseline: .hindsight/baseline.json is missing (create it with `hindsight baseline save`), so every finding is shown.');
    }
    for (const p of this.baselines?.problems ?? []) lines.push(`Baseline not read: ${p}.`);
    const hiddenFp = all.filter((i) => i.triage === 'false-positive').length;
    if (hiddenFp && !this._filters.triage.length)
      lines.push(`${hiddenFp} false positive${hiddenFp === 1 ? '' : 's'} hidden (filter by triage status to see them).`);
    if (active.length && shown.length === 0 && all.length > 0) lines.push('No finding matches the filters.');
    this.view.message = lines.length ? lines.join(' ') : undefined;
    const open = all.filter((i) => i.triage === 'open' || i.triage === 'confirmed').length;
    this.view.badge = open ? { value: open, tooltip: `${open} open finding${open === 1 ? '' : 's'}` } : undefined;
    this.view.description = this.model.importedCount ? `${this.model.importedCount} imported` : undefined;
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.roots(this.visibleItems());
    if (node.kind === 'group') return node.next === 'finding' ? this.byFinding(node.items, node.id) : this.occurrences(node.items, node.id, 'finding');
    if (node.kind === 'finding') return this.occurrences(node.items, node.id, 'location');
    return [];
  }

  getParent(): undefined {
    return undefined;
  }

  private roots(items: Item[]): Node[] {
    if (this._grouping === 'file') {
      const byFile = groupBy(items, (i) => i.uri);
      return [...byFile.entries()]
        .sort(([a], [b]) => relPath(a).localeCompare(relPath(b)))
        .map(([uri, list]) => ({ kind: 'group', id: `file:${uri}`, label: relPath(uri), uri, items: list, next: 'occurrence' }));
    }
    if (this._grouping === 'category') {
      const byCat = groupBy(items, (i) => i.category || 'uncategorised');
      return [...byCat.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([cat, list]) => ({ kind: 'group', id: `cat:${cat}`, label: cat, items: list, next: 'finding' }));
    }
    const bySev = groupBy(items, (i) => i.severity);
    return [...bySev.entries()]
      .sort(([a], [b]) => SEVERITY_ORDER[a] - SEVERITY_ORDER[b])
      .map(([sev, list]) => ({ kind: 'group', id: `sev:${sev}`, label: SEVERITY_LABELS[sev], severity: sev, items: list, next: 'finding' }));
  }

  private byFinding(items: Item[], parent: string): Node[] {
    const groups = groupBy(items, (i) => `${i.pack}\u0000${i.findingId}`);
    return [...groups.values()]
      .map((list): Node => {
        const first = list[0];
        return {
          kind: 'finding',
          id: `${parent}/${first.pack}/${first.findingId}`,
          findingId: first.findingId,
          pack: first.pack,
          title: first.title,
          severity: first.severity,
          items: list,
        };
      })
      .sort((a, b) => {
        const x = a as Extract<Node, { kind: 'finding' }>;
        const y = b as Extract<Node, { kind: 'finding' }>;
        return SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] || x.findingId.localeCompare(y.findingId);
      });
  }

  private occurrences(items: Item[], parent: string, labelStyle: 'location' | 'finding'): Node[] {
    // Ids from the occurrence identity (file, rule, fingerprint), unique per file and occurrence; the counter only
    // guards against two imported results that claim the same identity.
    const seen = new Map<string, number>();
    return [...items].sort(compareItems).map((item) => {
      const base = `${parent}/${itemId(item)}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      return { kind: 'occurrence', id: n ? `${base}~${n}` : base, item, labelStyle };
    });
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const t = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      t.id = node.id;
      t.description = countLabel(node.items);
      if (node.severity) t.iconPath = severityIcon(node.severity);
      else if (node.uri) {
        t.resourceUri = vscode.Uri.parse(node.uri);
        t.iconPath = vscode.ThemeIcon.File;
        t.label = relPath(node.uri);
      } else t.iconPath = new vscode.ThemeIcon('symbol-folder');
      t.contextValue = 'group';
      t.tooltip = `${node.label}: ${countLabel(node.items)}`;
      return t;
    }
    if (node.kind === 'finding') {
      const t = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.Expanded);
      t.id = node.id;
      t.description = `${node.findingId} · ${countLabel(node.items)}`;
      t.iconPath = severityIcon(node.severity);
      t.contextValue = `finding ${node.items[0].source}`;
      return t;
    }
    const item = node.item;
    const loc = `${relPath(item.uri).split('/').pop()}:${item.range.start.line + 1}`;
    const where = [item.contract, item.function].filter(Boolean).join('.');
    const t = new vscode.TreeItem(node.labelStyle === 'location' ? loc : item.title, vscode.TreeItemCollapsibleState.None);
    t.id = node.id;
    const triage = item.triage !== 'open' ? TRIAGE_LABELS[item.triage] : '';
    t.description = [node.labelStyle === 'location' ? where : `${item.findingId} · line ${item.range.start.line + 1}`, triage].filter(Boolean).join(' · ');
    t.iconPath = triageIcon(item);
    t.contextValue = ['occurrence', item.source, item.hasFix && item.source === 'hindsight' ? 'fixable' : '', `triage-${item.triage}`]
      .filter(Boolean)
      .join(' ');
    t.command = { command: 'hindsight.openOccurrence', title: 'Open', arguments: [node] };
    t.accessibilityInformation = {
      label: `${SEVERITY_LABELS[item.severity]} ${item.findingId} ${item.title} at ${relPath(item.uri)} line ${item.range.start.line + 1}${triage ? `, ${triage}` : ''}`,
    };
    return t;
  }

  async resolveTreeItem(treeItem: vscode.TreeItem, node: Node): Promise<vscode.TreeItem> {
    if (node.kind === 'group') return treeItem;
    const item = node.kind === 'finding' ? node.items[0] : node.item;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`$(${severityIcon(item.severity).id}) **${escapeMd(item.title)}** \`${item.findingId}\`  \n`);
    md.appendMarkdown(
      `${SEVERITY_LABELS[item.severity]} · ${item.confidence} confidence · ${escapeMd(item.category)} · ${escapeMd(item.source === 'imported' ? `imported from ${item.tool ?? 'SARIF'}` : item.pack)}\n\n`,
    );
    let description = item.rule?.description ?? item.message;
    if (item.source === 'hindsight') {
      try {
        description = (await this.details(item.findingId, item.pack))?.description;
      } catch {
        // The tooltip still shows the title; details open on demand.
      }
    }
    // Pack descriptions are Markdown (`code`, emphasis); the MarkdownString is untrusted, so links cannot run commands.
    if (description) md.appendMarkdown(`${description.trim()}\n\n`);
    if (node.kind === 'occurrence') {
      md.appendMarkdown(`${escapeMd(relPath(item.uri))}:${item.range.start.line + 1}`);
      const entry = item.triage !== 'open' ? ` — ${TRIAGE_LABELS[item.triage]}` : '';
      md.appendMarkdown(entry);
    }
    treeItem.tooltip = md;
    return treeItem;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

function groupBy<K>(items: Item[], key: (i: Item) => K): Map<K, Item[]> {
  const m = new Map<K, Item[]>();
  for (const i of items) {
    const k = key(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}

function countLabel(items: Item[]): string {
  return `${items.length}`;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

export function relPath(uri: string): string {
  const u = vscode.Uri.parse(uri);
  return vscode.workspace.asRelativePath(u, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

export function occurrenceRange(item: Item): vscode.Range {
  return toVsRange(item.range);
}
