// "Only new since baseline": `.hindsight/baseline.json` (written by `hindsight baseline save`) is read and
// compared with the same code the CLI uses (server/src/audit/baseline), so the editor's "new" is CI's "new".
import * as vscode from 'vscode';
import { promises as fs } from 'node:fs';
import { parseBaseline, compareWithBaseline, type Baseline } from '../../server/src/audit/baseline';
import type { Item } from './findingsModel';

export const BASELINE_FILE = '.hindsight/baseline.json';

export class Baselines {
  /** Per workspace folder URI; folders without a baseline file are absent. */
  private readonly byFolder = new Map<string, Baseline>();
  problems: string[] = [];

  get present(): boolean {
    return this.byFolder.size > 0;
  }

  async load(): Promise<void> {
    this.byFolder.clear();
    this.problems = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, BASELINE_FILE);
      let text: string;
      try {
        text = await fs.readFile(uri.fsPath, 'utf8');
      } catch {
        continue;
      }
      try {
        this.byFolder.set(folder.uri.toString(), parseBaseline(text, vscode.workspace.asRelativePath(uri, true)));
      } catch (e) {
        this.problems.push(e instanceof Error ? e.message : String(e));
      }
    }
  }

  /**
   * The items not accepted in their folder's baseline. Items of folders without a baseline all count as
   * new; the panel says when no baseline exists at all.
   */
  newItems(items: Item[]): Set<Item> {
    const result = new Set<Item>();
    const perFolder = new Map<string, Item[]>();
    for (const item of items) {
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(item.uri))?.uri.toString() ?? '';
      perFolder.set(folder, [...(perFolder.get(folder) ?? []), item]);
    }
    for (const [folder, list] of perFolder) {
      const baseline = this.byFolder.get(folder);
      if (!baseline) {
        list.forEach((i) => result.add(i));
        continue;
      }
      const keyed = list.map((item) => ({ item, fingerprint: item.fingerprint, file: vscode.workspace.asRelativePath(vscode.Uri.parse(item.uri), false) }));
      for (const k of compareWithBaseline(keyed, baseline).added) result.add(k.item);
    }
    return result;
  }
}
