// A match inside a modifier has no graph of its own: the modifier's code runs only inside the functions that apply
// it, with their other modifiers around it (a check in one modifier, a call in the next: SWC-107's modifier
// reentrancy). Order and lock questions about such a match are asked of those functions (facts-functions.ts).
import type { Cfg, Node } from './cfg-types';
import type { FileQueries } from './facts-types';
import { nodesOf } from './order';
import type { FunctionSymbol } from './symbols';

/**
 * The functions of the file whose graph runs the modifier `modNode` (found by name, then confirmed on the graph,
 * where a derived override would have replaced it) and whose graph holds `node` when given. `analysisOf` gives a graph.
 */
export function modifierUsers(
  facts: FileQueries,
  modNode: Node,
  node: Node | undefined,
  analysisOf: (fn: FunctionSymbol) => { cfg: Cfg } | undefined,
): FunctionSymbol[] {
  const name = typeof modNode.name === 'string' ? modNode.name : undefined;
  if (modNode.type !== 'ModifierDefinition' || !name) return [];
  const out: FunctionSymbol[] = [];
  const seen = new Set<Node>();
  for (const contract of facts.model.contracts()) {
    for (const fn of facts.model.functionsOf(contract)) {
      if (seen.has(fn.node) || fn.file !== facts.path) continue;
      const mods = Array.isArray(fn.node.modifiers) ? (fn.node.modifiers as Node[]) : [];
      if (!mods.some((m) => m.name === name)) continue;
      seen.add(fn.node);
      const a = node && analysisOf(fn);
      if (!node || (a && nodesOf(a.cfg, node).length)) out.push(fn);
    }
  }
  return out;
}
