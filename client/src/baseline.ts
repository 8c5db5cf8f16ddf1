// "Only new since baseline": the language server compares the panel's findings with each folder's
// .hindsight/baseline.json (hindsight/compareBaseline) with the code `scan --baseline` runs, so the editor's "new"
// is CI's "new". The answer is kept per finding key, so the tree can ask which items are new without waiting.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CompareBaselineRequest } from '../../server/src/shared/protocol';
import { itemId, type Item } from './findingsModel';
import { request } from './serverClient';

export const BASELINE_FILE = '.hindsight/baseline.json';

const key = (i: { uri: string; findingId: string; fingerprint: string }) => itemId(i);

export class Baselines implements vscode.Disposable {
  /** Folder uris with a readable baseline. */
  private folders: string[] = [];
  /**
   * Per occurrence identity (uri, rule, fingerprint): how many of the items with that key the baseline accepts. The server pairs items in
   * order, so those are the first ones of the key.
   */
  private known = new Map<string, number>();
  /** Keys the server has compared: an item with another key arrived since, and the answer is asked again. */
  private compared = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fired when an answer changed what is new. */
  readonly onDidChange = this.changed.event;
  problems: string[] = [];

  constructor(
    private readonly client: LanguageClient,
    private readonly items: () => Item[],
  ) {}

  get present(): boolean {
    return this.folders.length > 0;
  }

  /** Asks the server again (after the baseline file changed, or when the server starts); kept as it was while it is not running. */
  async load(): Promise<void> {
    if (!this.client.isRunning()) return;
    const items = this.items();
    try {
      const r = await request(this.client, CompareBaselineRequest, {
        items: items.map((i) => ({ uri: i.uri, findingId: i.findingId, fingerprint: i.fingerprint })),
      });
      const known = new Map<string, number>();
      items.forEach((item, i) => {
        if (!r.isNew[i]) known.set(key(item), (known.get(key(item)) ?? 0) + 1);
      });
      this.folders = r.folders;
      this.problems = r.problems;
      this.known = known;
      this.compared = new Set(items.map(key));
    } catch (e) {
      this.problems = [`the language server could not compare with it (${e instanceof Error ? e.message : String(e)})`];
      // Not asked again for the same items: the next change of the findings or of the baseline asks again.
      this.compared = new Set(items.map(key));
    }
    this.changed.fire();
  }

  /**
   * The items not accepted in their folder's baseline, from the last answer. Items of folders without a baseline
   * all count as new; the panel says when no baseline exists at all.
   */
  newItems(items: Item[]): Set<Item> {
    const result = new Set<Item>();
    const seen = new Map<string, number>();
    let unasked = false;
    for (const item of items) {
      const k = key(item);
      if (!this.compared.has(k)) unasked = true;
      const n = seen.get(k) ?? 0;
      seen.set(k, n + 1);
      if (n >= (this.known.get(k) ?? 0)) result.add(item);
    }
    if (unasked && this.client.isRunning()) this.loadSoon();
    return result;
  }

  private loadSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.load();
    }, 100);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}
