// The Findings panel: the groupings of findingsGroups.ts as a VS Code tree, with counts, severity codicons, lazy
// description tooltips and filters. Grouping and filters are remembered per workspace.
import * as vscode from 'vscode';
import type { FindingDetails, Severity } from '../../server/src/shared/protocol';
import { owaspLabel } from '../../server/src/shared/owasp';
import { FindingsModel, Item, SEVERITY_LABELS, compareItems, toVsRange } from './findingsModel';
import { FilterState, NO_FILTER, applyFilters, describeFilters, isFiltered } from './filters';
import { GROUPINGS, type Grouping, type Node, childNodes, leavesInOrder, rootNodes } from './findingsGroups';
import { TRIAGE_LABELS } from './triage/triageFile';
import type { Baselines } from './baseline';
import { RESTRICTED_LABEL } from './trust';

export type { Grouping, Node };

const GROUPING_KEY = 'hindsight.panel.grouping';
const FILTERS_KEY = 'hindsight.panel.filters';

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
  /** Parents of the nodes handed out, by id: getParent (reveal) needs them. */
  private parents = new Map<string, Node | undefined>();
  /** visibleItems() of the current model, filters and baseline answer. */
  private visible?: Item[];
  private relPaths = new Map<string, string>();

  constructor(
    private readonly model: FindingsModel,
    private readonly details: DetailsProvider,
    /** Where grouping and filters are kept (the workspace's state); none in tests that build a bare tree. */
    private readonly memento?: vscode.Memento,
  ) {
    this.sub = vscode.Disposable.from(
      model.onDidChange(() => this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.relPaths.clear();
        this.refresh();
      }),
    );
    const saved = memento?.get<string>(GROUPING_KEY);
    if (saved && (GROUPINGS as readonly string[]).includes(saved)) this._grouping = saved as Grouping;
    const filters = memento?.get<FilterState>(FILTERS_KEY);
    if (filters && typeof filters === 'object') this._filters = { ...NO_FILTER, ...filters };
    void vscode.commands.executeCommand('setContext', 'hindsight.grouping', this._grouping);
    void vscode.commands.executeCommand('setContext', 'hindsight.filtered', isFiltered(this._filters));
  }

  attach(view: vscode.TreeView<Node>): void {
    this.view = view;
    this.updateMessage();
  }

  get grouping(): Grouping {
    return this._grouping;
  }

  set grouping(g: Grouping) {
    if (g === this._grouping) return;
    this._grouping = g;
    void this.memento?.update(GROUPING_KEY, g);
    void vscode.commands.executeCommand('setContext', 'hindsight.grouping', g);
    this.refresh();
  }

  get filters(): FilterState {
    return this._filters;
  }

  set filters(f: FilterState) {
    this._filters = f;
    void this.memento?.update(FILTERS_KEY, f);
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
    this.visible = undefined;
    this.emitter.fire();
    this.updateMessage();
  }

  /** The items the panel currently shows (after filters), computed once per refresh. */
  visibleItems(): Item[] {
    if (this.visible) return this.visible;
    const all = this.model.all();
    let isNew: ((i: Item) => boolean) | undefined;
    if (this._filters.newSinceBaseline && this.baselines?.present) {
      const fresh = this.baselines.newItems(all);
      isNew = (i) => fresh.has(i);
    }
    this.visible = applyFilters(all, this._filters, (u) => this.rel(u), isNew).sort(compareItems);
    return this.visible;
  }

  /** relPath, remembered per uri for the life of the workspace folders (thousands of items share a few files). */
  rel(uri: string): string {
    let r = this.relPaths.get(uri);
    if (r === undefined) {
      r = relPath(uri);
      this.relPaths.set(uri, r);
    }
    return r;
  }

  /** Every visible occurrence in the order the tree shows it (next/previous finding). */
  leaves(): Item[] {
    return leavesInOrder(rootNodes(this.visibleItems(), this._grouping, (u) => this.rel(u)));
  }

  /** The tree node of an occurrence under the current grouping, for reveal(). */
  nodeOf(item: Item): Node | undefined {
    const find = (nodes: Node[], parent: Node | undefined): Node | undefined => {
      for (const n of nodes) {
        this.parents.set(n.id, parent);
        if (n.kind === 'occurrence') {
          if (n.item === item) return n;
        } else if (n.items.includes(item)) return find(childNodes(n), n);
      }
      return undefined;
    };
    return find(
      rootNodes(this.visibleItems(), this._grouping, (u) => this.rel(u)),
      undefined,
    );
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
    const children = node ? childNodes(node) : rootNodes(this.visibleItems(), this._grouping, (u) => this.rel(u));
    if (!node) this.parents = new Map();
    for (const c of children) this.parents.set(c.id, node);
    return children;
  }

  getParent(node: Node): Node | undefined {
    return this.parents.get(node.id);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const t = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      t.id = node.id;
      t.description = countLabel(node.items);
      if (node.severity) t.iconPath = severityIcon(node.severity);
      else if (node.uri && node.id.startsWith('fn:')) {
        const first = node.items.reduce((a, b) => (a.range.start.line <= b.range.start.line ? a : b));
        t.iconPath = new vscode.ThemeIcon('symbol-method');
        t.description = `${this.rel(node.uri)}:${first.range.start.line + 1} · ${countLabel(node.items)}`;
      } else if (node.uri) {
        t.resourceUri = vscode.Uri.parse(node.uri);
        t.iconPath = vscode.ThemeIcon.File;
        t.label = this.rel(node.uri);
      } else t.iconPath = new vscode.ThemeIcon('symbol-folder');
      t.contextValue = 'group';
      t.tooltip = `${node.label}: ${countLabel(node.items)}`;
      return t;
    }
    if (node.kind === 'finding') {
      const t = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.Expanded);
      t.id = node.id;
      t.description = node.where ? `×${node.items.length} in ${node.where} · ${node.findingId}` : `${node.findingId} · ${countLabel(node.items)}`;
      t.iconPath = severityIcon(node.severity);
      t.contextValue = `finding ${node.items[0].source}`;
      return t;
    }
    const item = node.item;
    const loc = `${this.rel(item.uri).split('/').pop()}:${item.range.start.line + 1}`;
    const where = [item.contract, item.function].filter(Boolean).join('.');
    const t = new vscode.TreeItem(node.labelStyle === 'location' ? loc : item.title, vscode.TreeItemCollapsibleState.None);
    t.id = node.id;
    const triage = item.triage !== 'open' ? TRIAGE_LABELS[item.triage] : '';
    // The line comes first: at the default sidebar width the end of a description is cut off.
    t.description = [node.labelStyle === 'location' ? where : `line ${item.range.start.line + 1} · ${item.findingId}`, triage].filter(Boolean).join(' · ');
    t.iconPath = triageIcon(item);
    t.contextValue = ['occurrence', item.source, item.hasFix && item.source === 'hindsight' ? 'fixable' : '', `triage-${item.triage}`]
      .filter(Boolean)
      .join(' ');
    t.command = { command: 'hindsight.openOccurrence', title: 'Open', arguments: [node] };
    t.accessibilityInformation = {
      label: `${SEVERITY_LABELS[item.severity]} ${item.findingId} ${item.title} at ${this.rel(item.uri)} line ${item.range.start.line + 1}${triage ? `, ${triage}` : ''}`,
    };
    return t;
  }

  async resolveTreeItem(treeItem: vscode.TreeItem, node: Node): Promise<vscode.TreeItem> {
    if (node.kind === 'group') return treeItem;
    const item = node.kind === 'finding' ? node.items[0] : node.item;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`$(${severityIcon(item.severity).id}) **${escapeMd(item.title)}** \`${item.findingId}\`  \n`);
    md.appendMarkdown(
      `${SEVERITY_LABELS[item.severity]} · ${item.confidence} confidence · ${escapeMd(item.category)}${item.owasp ? ` · ${escapeMd(owaspLabel(item.owasp))}` : ''} · ${escapeMd(item.source === 'imported' ? `imported from ${item.tool ?? 'SARIF'}` : item.pack)}\n\n`,
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
