// Questions about order on a function's graph: can B run after A, must every way to X pass a check, does an
// external call come before a state write. Each is a search of at most every edge once, cheap at keystroke speed.
import { edgeFacts, type Fact } from './cfg-conditions';
import { isNode, walk } from './cfg-ast';
import type { Cfg, CfgEdge, CfgNode, Node } from './cfg-types';

export interface Avoiding {
  /** Nodes a path may not pass through (the path's two ends excepted). */
  node?: (n: CfgNode) => boolean;
  /** Edges a path may not take. */
  edge?: (e: CfgEdge) => boolean;
}

/** A path of zero or more edges from `from` to `to` whose inner nodes and edges avoid `avoiding`. */
export function pathExists(from: CfgNode, to: CfgNode, avoiding: Avoiding = {}): boolean {
  if (from === to) return true;
  return search(from, to, avoiding) !== undefined;
}

/** A path of one or more edges from `a` to `b` (so a node reaches itself only inside a loop). */
export function reachable(a: CfgNode, b: CfgNode): boolean {
  return search(a, b, {}) !== undefined;
}

/** The nodes of a shortest path from `from` to `to` (both included), or undefined: a witness for a report. */
export function shortestPath(from: CfgNode, to: CfgNode, avoiding: Avoiding = {}): CfgNode[] | undefined {
  if (from === to) return [from];
  const via = search(from, to, avoiding);
  if (!via) return undefined;
  const path = [to];
  for (let n = to; n !== from; ) {
    n = via.get(n)!;
    path.push(n);
  }
  return path.reverse();
}

/** Breadth-first from `from`'s successors; the predecessor map when `to` is found. */
function search(from: CfgNode, to: CfgNode, avoiding: Avoiding): Map<CfgNode, CfgNode> | undefined {
  const via = new Map<CfgNode, CfgNode>();
  const queue: CfgNode[] = [from];
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i];
    for (let j = 0; j < n.out.length; j++) {
      const e = n.out[j];
      if (avoiding.edge?.(e)) continue;
      const next = e.to;
      if (via.has(next)) continue;
      if (next === to) {
        via.set(next, n);
        return via;
      }
      if (next === from || avoiding.node?.(next)) continue;
      via.set(next, n);
      queue.push(next);
    }
  }
  return undefined;
}

/** Every node reachable from `from` by one or more edges. */
export function reachableFrom(from: CfgNode): Set<CfgNode> {
  const seen = new Set<CfgNode>();
  const stack = [from];
  while (stack.length) {
    const out = stack.pop()!.out;
    for (let i = 0; i < out.length; i++) {
      const e = out[i];
      if (seen.has(e.to)) continue;
      seen.add(e.to);
      stack.push(e.to);
    }
  }
  return seen;
}

/**
 * Whether every path from the entry to `target` passes a node (before `target`) or takes an edge satisfying
 * `predicate`: a dominance-style guard check. True when `target` cannot be reached at all.
 */
export function onAllPathsFromEntry(cfg: Cfg, target: CfgNode, predicate: Avoiding | ((n: CfgNode) => boolean)): boolean {
  const avoiding = typeof predicate === 'function' ? { node: predicate } : predicate;
  if (target === cfg.entry) return false;
  if (avoiding.node?.(cfg.entry)) return true;
  return !pathExists(cfg.entry, target, avoiding);
}

/**
 * Whether on every path from the entry to `target` some branch established a fact satisfying `test`, for
 * example "`msg.sender == owner` holds": `require(msg.sender == owner)`, `if (msg.sender != owner) revert();`,
 * `if (msg.sender == owner) { target }` and an early `return` all qualify. A later write to the tested variables
 * is not looked at.
 */
export function knownOnAllPaths(cfg: Cfg, target: CfgNode, test: (fact: Fact, edge: CfgEdge) => boolean): boolean {
  return onAllPathsFromEntry(cfg, target, { edge: (e) => edgeFacts(e).some((f) => test(f, e)) });
}

export interface CallThenWrite {
  call: CfgNode;
  write: CfgNode;
}

/**
 * Each node satisfying `isWrite` that some path reaches after a node satisfying `isCall` (one or more edges; a
 * call and a write in one statement count only with `sameNode`, when the caller knows their order there).
 */
export function callThenWrite(
  cfg: Cfg,
  isCall: (n: CfgNode) => boolean,
  isWrite: (n: CfgNode) => boolean,
  options: { sameNode?: (n: CfgNode) => boolean } = {},
): CallThenWrite[] {
  const out: CallThenWrite[] = [];
  const writes = cfg.nodes.filter((n) => isWrite(n));
  if (!writes.length) return out;
  for (let i = 0; i < cfg.nodes.length; i++) {
    const call = cfg.nodes[i];
    if (!isCall(call)) continue;
    const after = reachableFrom(call);
    for (let j = 0; j < writes.length; j++) {
      const write = writes[j];
      if (after.has(write) || (write === call && options.sameNode?.(call))) out.push({ call, write });
    }
  }
  return out;
}

const ownIndex = new WeakMap<Cfg, { nodes: Map<Node, CfgNode[]>; parents: Map<Node, Node> }>();

/** The graph nodes whose own code contains `ast` (a statement, a condition, or any expression inside one). */
export function nodesOf(cfg: Cfg, ast: Node): CfgNode[] {
  return cfg.byAst.get(ast) ?? indexOf(cfg).nodes.get(ast) ?? [];
}

/** The parent of an expression within its node's own code (undefined at the node's root). */
export function parentOf(cfg: Cfg, ast: Node): Node | undefined {
  return indexOf(cfg).parents.get(ast);
}

/** The roots of the code a node evaluates (a catch clause's parameters, not its body). */
export function ownCode(n: CfgNode): Node[] {
  const ast = n.ast;
  if (!ast) return [];
  if (ast.type === 'CatchClause') return Array.isArray(ast.parameters) ? ast.parameters.filter(isNode) : [];
  return [ast];
}

function indexOf(cfg: Cfg): { nodes: Map<Node, CfgNode[]>; parents: Map<Node, Node> } {
  let index = ownIndex.get(cfg);
  if (index) return index;
  index = { nodes: new Map(), parents: new Map() };
  const { nodes, parents } = index;
  for (let i = 0; i < cfg.nodes.length; i++) {
    const n = cfg.nodes[i];
    const roots = ownCode(n);
    for (let j = 0; j < roots.length; j++) {
      walk(roots[j], (x, parent) => {
        if (parent && !parents.has(x)) parents.set(x, parent);
        const list = nodes.get(x);
        if (!list) nodes.set(x, [n]);
        else if (list[list.length - 1] !== n) list.push(n);
      });
    }
  }
  ownIndex.set(cfg, index);
  return index;
}
