// Next / previous finding (like F8 for problems): walks the occurrences in the order the Findings panel shows them,
// under its grouping and filters, opens each in the editor and selects it in the panel.
import * as vscode from 'vscode';
import type { App } from '../app';
import { itemId, toVsRange, type Item } from '../findingsModel';
import { openOccurrence } from './findingActions';

export function registerNavigationCommands(app: App): vscode.Disposable[] {
  let last: string | undefined;
  const go = async (step: 1 | -1): Promise<Item | undefined> => {
    const leaves = app.tree.leaves();
    if (!leaves.length) {
      vscode.window.setStatusBarMessage('Hindsight: no findings to go to', 3000);
      return undefined;
    }
    const index = currentIndex(leaves, last);
    const next = leaves[index < 0 ? (step > 0 ? 0 : leaves.length - 1) : (index + step + leaves.length) % leaves.length];
    last = itemId(next);
    await openOccurrence(next);
    const node = app.tree.nodeOf(next);
    if (node && app.view.visible) await app.view.reveal(node, { select: true, focus: false, expand: true });
    return next;
  };
  return [vscode.commands.registerCommand('hindsight.nextFinding', () => go(1)), vscode.commands.registerCommand('hindsight.previousFinding', () => go(-1))];
}

/**
 * Where the walk stands: the occurrence under the cursor, else the one visited last (if the cursor is still in its
 * file), else none (start from the first / last).
 */
function currentIndex(leaves: Item[], last: string | undefined): number {
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const uri = editor.document.uri.toString();
    const pos = editor.selection.active;
    const lastIndex = last ? leaves.findIndex((i) => itemId(i) === last) : -1;
    if (lastIndex >= 0 && vscode.Uri.parse(leaves[lastIndex].uri).toString() === uri && toVsRange(leaves[lastIndex].range).contains(pos)) return lastIndex;
    const here = leaves.findIndex((i) => vscode.Uri.parse(i.uri).toString() === uri && toVsRange(i.range).contains(pos));
    if (here >= 0) return here;
  }
  return last ? leaves.findIndex((i) => itemId(i) === last) : -1;
}
