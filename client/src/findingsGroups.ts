// The Findings panel's shape, without `vscode` (the bench and unit tests run it in Node): which nodes a grouping
// makes of the items, with ids unique per file and occurrence (shared/finding-identity.ts through itemId).
//   severity / category / OWASP category → finding → occurrences;  rule → occurrences;
//   file → occurrences;  function → occurrences.
// Under file and function, several occurrences of one rule in one function are one node (a contract with the same
// finding four times reads as one finding, ×4).
import { owaspLabel } from '../../server/src/shared/owasp';
import type { Severity } from '../../server/src/shared/protocol';
import type { Item } from './findingsModel';
import { SEVERITY_LABELS, SEVERITY_ORDER, cmp, compareItems, itemId } from './findingsOrder';

export const GROUPINGS = ['severity', 'file', 'category', 'owasp', 'rule', 'function'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export type Node =
  | { kind: 'group'; id: string; label: string; severity?: Severity; uri?: string; items: Item[]; next: 'finding' | 'occurrence' }
  | { kind: 'finding'; id: string; findingId: string; pack: string; title: string; severity: Severity; items: Item[]; where?: string }
  | { kind: 'occurrence'; id: string; item: Item; labelStyle: 'location' | 'finding' };

/** The top level of the tree. `relPath` names a file as the user sees it. */
export function rootNodes(items: Item[], grouping: Grouping, relPath: (uri: string) => string): Node[] {
  switch (grouping) {
    case 'file':
      return [...groupBy(items, (i) => i.uri).entries()]
        .map(([uri, list]) => ({ rel: relPath(uri), uri, list }))
        .sort((a, b) => cmp(a.rel, b.rel))
        .map(({ rel, uri, list }) => ({ kind: 'group', id: `file:${uri}`, label: rel, uri, items: list, next: 'occurrence' }));
    case 'category':
      return [...groupBy(items, (i) => i.category || 'uncategorised').entries()]
        .sort(([a], [b]) => cmp(a, b))
        .map(([cat, list]) => ({ kind: 'group', id: `cat:${cat}`, label: cat, items: list, next: 'finding' }));
    case 'owasp':
      // SC01 … SC10 in the Top 10's order; findings of packs that give no category (and imported results) last.
      return [...groupBy(items, (i) => i.owasp ?? '').entries()]
        .sort(([a], [b]) => (a === '' ? 1 : 0) - (b === '' ? 1 : 0) || cmp(a, b))
        .map(([code, list]) => ({
          kind: 'group',
          id: `owasp:${code || 'none'}`,
          label: owaspLabel(code || undefined) || 'No OWASP category',
          items: list,
          next: 'finding',
        }));
    case 'rule':
      return findingNodes(items, 'rule');
    case 'function':
      return [...groupBy(items, (i) => `${i.uri}\u0000${i.contract}\u0000${i.function}`).values()]
        .map((list) => {
          const first = list.reduce((a, b) => (compareLocation(a, b) <= 0 ? a : b));
          return { first, list };
        })
        .sort((a, b) => cmp(relPath(a.first.uri), relPath(b.first.uri)) || compareLocation(a.first, b.first))
        .map(({ first, list }) => ({
          kind: 'group',
          id: `fn:${first.uri}#${first.contract}#${first.function}`,
          label: functionLabel(first),
          uri: first.uri,
          items: list,
          next: 'occurrence',
        }));
    default:
      return [...groupBy(items, (i) => i.severity).entries()]
        .sort(([a], [b]) => SEVERITY_ORDER[a] - SEVERITY_ORDER[b])
        .map(([sev, list]) => ({ kind: 'group', id: `sev:${sev}`, label: SEVERITY_LABELS[sev], severity: sev, items: list, next: 'finding' }));
  }
}

/** The children of a node. */
export function childNodes(node: Node): Node[] {
  if (node.kind === 'group') return node.next === 'finding' ? findingNodes(node.items, node.id) : occurrencesByFunction(node.items, node.id);
  if (node.kind === 'finding') return occurrenceNodes(node.items, node.id, 'location');
  return [];
}

export function functionLabel(i: Pick<Item, 'contract' | 'function'>): string {
  if (!i.contract && !i.function) return '(file level)';
  return [i.contract, i.function].filter(Boolean).join('.');
}

function findingNodes(items: Item[], parent: string): Node[] {
  return [...groupBy(items, (i) => `${i.pack}\u0000${i.findingId}`).values()]
    .map((list): Extract<Node, { kind: 'finding' }> => {
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
    .sort((x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] || cmp(x.findingId, y.findingId) || cmp(x.pack, y.pack));
}

/** Occurrences in file order; several of one rule in one function become one finding node. */
function occurrencesByFunction(items: Item[], parent: string): Node[] {
  const groups = groupBy(items, (i) => `${i.uri}\u0000${i.contract}\u0000${i.function}\u0000${i.pack}\u0000${i.findingId}`);
  const nodes: Array<{ at: Item; node: Node }> = [];
  const seen = new Map<string, number>();
  for (const list of groups.values()) {
    const sorted = [...list].sort(compareLocation);
    const first = sorted[0];
    if (sorted.length === 1) {
      nodes.push({ at: first, node: occurrenceNode(first, parent, 'finding', seen) });
      continue;
    }
    const id = `${parent}/${first.uri}#${first.contract}#${first.function}/${first.pack}/${first.findingId}`;
    nodes.push({
      at: first,
      node: {
        kind: 'finding',
        id,
        findingId: first.findingId,
        pack: first.pack,
        title: first.title,
        severity: first.severity,
        items: sorted,
        where: functionLabel(first),
      },
    });
  }
  return nodes.sort((a, b) => compareLocation(a.at, b.at) || SEVERITY_ORDER[a.at.severity] - SEVERITY_ORDER[b.at.severity]).map((n) => n.node);
}

function occurrenceNodes(items: Item[], parent: string, labelStyle: 'location' | 'finding'): Node[] {
  const seen = new Map<string, number>();
  return [...items].sort(compareItems).map((item) => occurrenceNode(item, parent, labelStyle, seen));
}

/**
 * Ids from the occurrence identity (file, rule, fingerprint), unique per file and occurrence; the counter only
 * guards against two imported results that claim the same identity.
 */
function occurrenceNode(item: Item, parent: string, labelStyle: 'location' | 'finding', seen: Map<string, number>): Node {
  const base = `${parent}/${itemId(item)}`;
  const n = seen.get(base) ?? 0;
  seen.set(base, n + 1);
  return { kind: 'occurrence', id: n ? `${base}~${n}` : base, item, labelStyle };
}

function compareLocation(a: Item, b: Item): number {
  return cmp(a.uri, b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || cmp(a.findingId, b.findingId);
}

export function groupBy<K>(items: Item[], key: (i: Item) => K): Map<K, Item[]> {
  const m = new Map<K, Item[]>();
  for (const i of items) {
    const k = key(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}

/** Every leaf of the tree in the order the panel shows it: what next/previous finding walk through. */
export function leavesInOrder(roots: Node[]): Item[] {
  const out: Item[] = [];
  const visit = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.kind === 'occurrence') out.push(n.item);
      else visit(childNodes(n));
    }
  };
  visit(roots);
  return out;
}
