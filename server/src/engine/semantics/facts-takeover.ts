// A guard anyone can take over (facts-functions.ts, `guard-takeover`): the function checks the caller against
// state (`require(msg.sender == creator)`, `owners[msg.sender] != 0`), but some function outside code reaches
// without a check writes that state for whoever calls it: a constructor misnamed into a public function (Rubixi),
// an `initWallet` anyone can call again, an `addOwner` that forgot its modifier. The guard then protects nothing.
import { isNode } from './cfg-ast';
import type { Node } from './cfg-types';
import type { FunctionEffects } from './effects';
import { effectsByNode, UNNAMED } from './facts-order';
import type { FileQueries } from './facts-types';
import type { GuardReport } from './guards';
import type { ContractSummaries } from './summaries';
import type { ContractSymbol } from './symbols';

/** What the takeover question needs of the function facts. */
export interface TakeoverQueries {
  senderGuarded(fnNode: Node, start: number, end: number, matched?: Node): boolean | undefined;
  initializer(fnNode: Node, start?: number, end?: number): boolean | undefined;
  reachableExternally(fnNode: Node): boolean | undefined;
  privileged(node: Node): boolean | undefined;
}

/** The state the strong checks of a function read (through the functions they call). */
export function guardKeys(a: FunctionEffects, report: GuardReport, summaries: ContractSummaries): Set<string> {
  const keys = new Set<string>();
  const at = effectsByNode(a);
  for (const site of report.sites) {
    if (site.kind !== 'sender' && site.kind !== 'role') continue;
    for (const e of at.get(site.node) ?? []) {
      if (e.kind === 'read' && e.state && !UNNAMED.test(e.state.key)) keys.add(e.state.key);
      if (e.kind === 'internal') for (const k of summaries.summaryOfCall(e.ast)?.reads ?? []) if (!UNNAMED.test(k)) keys.add(k);
    }
  }
  return keys;
}

/**
 * Whether some function of `contract` that outside code reaches, not payable and not a one-time initializer,
 * writes one of `keys` as privileged state (not the caller's own entry) with no check of the caller before it.
 */
export function writtenByAnyone(q: TakeoverQueries, facts: FileQueries, contract: ContractSymbol, keys: Set<string>): boolean {
  if (!keys.size) return false;
  const summaries = facts.summaryIndex.of(contract);
  for (const g of facts.model.functionsOf(contract)) {
    if (g.isConstructor || !g.body || g.file !== facts.path || g.mutability === 'payable') continue;
    const a = summaries.analysisOf(g);
    for (const e of a.effects) {
      if (e.kind !== 'write' || !e.state || !keys.has(e.state.key)) continue;
      const target = lvalueOf(e.ast);
      const r = e.ast.range;
      if (!target || !r) continue;
      if (q.senderGuarded(g.node, r[0], r[1] + 1, e.ast) !== false) continue;
      if (q.initializer(g.node, r[0], r[1] + 1) !== false) continue;
      if (!q.reachableExternally(g.node)) continue;
      if (q.privileged(target)) return true;
    }
  }
  return false;
}

/** The place an assignment, `++`/`--` or `delete` writes. */
function lvalueOf(ast: Node): Node | undefined {
  if (ast.type === 'BinaryOperation' && isNode(ast.left)) return ast.left;
  if (ast.type === 'UnaryOperation' && isNode(ast.subExpression)) return ast.subExpression;
  return undefined;
}
