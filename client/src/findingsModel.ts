// The workspace's findings as the panel, the status bar and reports see them: the language server's
// findings (hindsight/findings) plus SARIF results imported from other tools, with team triage merged in.
import * as vscode from 'vscode';
import type { Range, Reference, TriageState, WorkspaceFinding } from '../../server/src/shared/protocol';
import type { TriageStore } from './triageStore';

export interface ImportedRule {
  description: string;
  recommendation: string;
  references: Reference[];
}

export interface Item extends WorkspaceFinding {
  /** 'hindsight' for the server's findings; 'imported' for results from an imported SARIF file. */
  source: 'hindsight' | 'imported';
  /** For imported results: the tool that produced them (e.g. Slither) and its message. */
  tool?: string;
  message?: string;
  rule?: ImportedRule;
}

export type LoadState = 'starting' | 'scanning' | 'ready' | 'stopped';

export class FindingsModel implements vscode.Disposable {
  private server: WorkspaceFinding[] = [];
  private imported: Item[] = [];
  private _state: LoadState = 'starting';
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly sub: vscode.Disposable;
  private cache: Item[] | undefined;
  private signature = '';

  constructor(private readonly triage: TriageStore) {
    this.sub = triage.onDidChange(() => this.changed());
  }

  get state(): LoadState {
    return this._state;
  }

  setState(state: LoadState): void {
    if (state === this._state) return;
    this._state = state;
    void vscode.commands.executeCommand('setContext', 'hindsight.state', state);
    this.emitter.fire();
  }

  setServerFindings(findings: WorkspaceFinding[], scanning: boolean): void {
    // The server re-announces unchanged findings often (every re-analysis of an open file): re-rendering the panel
    // for nothing discards the commands of the rows on screen, and a click in that moment is lost.
    const signature = JSON.stringify(findings);
    this.setState(scanning ? 'scanning' : 'ready');
    if (signature === this.signature) return;
    this.signature = signature;
    this.server = findings;
    this.changed();
  }

  setImported(items: Item[]): void {
    this.imported = items;
    this.changed();
  }

  private changed(): void {
    this.cache = undefined;
    this.emitter.fire();
  }

  get importedCount(): number {
    return this.imported.length;
  }

  /**
   * Every item with its current triage state. Computed once per change of the findings or the triage (the panel,
   * status bar and filters all ask for it on every refresh).
   */
  all(): Item[] {
    if (this.cache) return this.cache;
    const list: Item[] = [...this.server.map((f): Item => ({ ...f, source: 'hindsight' })), ...this.imported];
    const entries = this.triage.assign(list);
    this.cache = list.map((i) => ({ ...i, triage: entries.get(i)?.status ?? 'open' }));
    return this.cache;
  }

  /** The item with this identity (uri, rule and fingerprint); with no uri, the first with the rule and fingerprint. */
  find(o: { uri?: string; findingId?: string; fingerprint: string }): Item | undefined {
    const uri = o.uri ? vscode.Uri.parse(o.uri).toString() : undefined;
    return this.all().find(
      (i) => i.fingerprint === o.fingerprint && (!o.findingId || i.findingId === o.findingId) && (!uri || vscode.Uri.parse(i.uri).toString() === uri),
    );
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

export function toVsRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export { SEVERITY_LABELS, SEVERITY_ORDER, compareItems, itemId } from './findingsOrder';
export type { TriageState };
