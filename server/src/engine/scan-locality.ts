// Which findings stay inside one unit (a contract member, a top-level unit or a contract header), so that a unit's
// matches can be kept while the unit's text is unchanged (scan-units.ts). Semantic findings are asked separately:
// their filters read other units, whose changes scan-semantic-units.ts tracks, but their patterns may still stay
// in one unit.
import { isSemantic, type CompiledFinding, type CompiledNode, type CompiledPattern } from './compile';

const plain = new WeakMap<CompiledFinding, boolean>();
const semantic = new WeakMap<CompiledFinding, boolean>();

/** A finding whose patterns stay in one unit and that asks nothing of the semantic model. */
export function isLocal(compiled: CompiledFinding): boolean {
  let local = plain.get(compiled);
  if (local === undefined) plain.set(compiled, (local = localNode(compiled.match, false, false)));
  return local;
}

/**
 * A finding whose patterns stay in one unit, whatever its semantic filters and `followed-by: state-write` ask (a
 * `followed-by` node may lie in a function the matched one calls: not local).
 */
export function isSemanticLocal(compiled: CompiledFinding): boolean {
  let local = semantic.get(compiled);
  if (local === undefined) semantic.set(compiled, (local = localNode(compiled.match, false, true)));
  return local;
}

/**
 * `around`: the node is only ever tried at the nodes enclosing a candidate (`inside`, `not-inside`), never
 * looked up among the file's nodes. A contract pattern without members is allowed there: it only reads the
 * header, which is part of each unit's key. `withModel`: semantic filters and `followed-by: state-write` are
 * allowed.
 */
function localNode(node: CompiledNode, around: boolean, withModel: boolean): boolean {
  switch (node.op) {
    case 'pattern': {
      const types = node.pattern.rootTypes;
      if (types === null || types.includes('SourceUnit')) return false;
      if (types.includes('ContractDefinition')) return around && headerOnly(node.pattern);
      return true;
    }
    case 'any':
      return node.items.every((i) => localNode(i, around, withModel));
    case 'all':
      return (
        localNode(node.first, around, withModel) &&
        node.rest.every((item) =>
          item.op === 'where'
            ? withModel || !item.filters.some(isSemantic)
            : item.op === 'followed-by'
              ? withModel && item.target.kind === 'state-write'
              : localNode(item.node, item.op === 'inside' || item.op === 'not-inside', withModel),
        )
      );
  }
}

function headerOnly(p: CompiledPattern): boolean {
  const n = p.node;
  return !!n && n.type === 'ContractDefinition' && Array.isArray(n.subNodes) && n.subNodes.length === 0;
}

/** A finding cut in two: `local` is matched unit by unit, `rest` over the whole file; their matches concatenated are the finding's. */
export interface SplitFinding {
  local: CompiledFinding;
  rest: CompiledFinding;
}

const splits = new WeakMap<CompiledFinding, SplitFinding | null>();

/**
 * A finding that is not local as a whole, whose match is `all: [any: [...], ...]` where the first alternatives stay
 * in one unit and the later ones do not (e.g. an unused local or parameter, next to an unused private state
 * variable found by a contract pattern): the leading local alternatives with the other items are matched unit
 * by unit, the trailing ones over the whole file. Exact: `any` lists its alternatives' candidates in order and
 * the items kept here (`where`, `and`, `not`, `not-inside`) judge each candidate alone, so the two parts' matches
 * in turn are the whole's (`inside`, which caps its candidates, and `followed-by` are not split). Undefined when
 * no such cut exists.
 */
export function splitLocal(compiled: CompiledFinding): SplitFinding | undefined {
  let split = splits.get(compiled);
  if (split === undefined) splits.set(compiled, (split = cut(compiled) ?? null));
  return split ?? undefined;
}

function cut(compiled: CompiledFinding): SplitFinding | undefined {
  const m = compiled.match;
  if (m.op !== 'all' || m.first.op !== 'any' || isLocal(compiled) || isSemanticLocal(compiled)) return undefined;
  if (!m.rest.every((item) => item.op === 'where' || item.op === 'and' || item.op === 'not' || item.op === 'not-inside')) return undefined;
  const items = m.first.items;
  const part = (from: number, to: number): CompiledFinding => ({
    ...compiled,
    match: { op: 'all', first: { op: 'any', items: items.slice(from, to) }, rest: m.rest },
  });
  let k = 0;
  while (k < items.length && localNode(part(0, k + 1).match, false, true)) k++;
  return k > 0 && k < items.length ? { local: part(0, k), rest: part(k, items.length) } : undefined;
}
