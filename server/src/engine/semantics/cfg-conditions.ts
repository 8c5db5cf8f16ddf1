// What a branch tells about its condition: along an edge, which simple expressions are known to hold or not.
// `!` flips, `a && b` holding gives both, `a || b` failing gives both negated; anything else (`a || b` holding,
// `a && b` failing) is kept whole, so nothing is claimed that the branch does not establish.
import { isNode, unparen } from './cfg-ast';
import type { CfgEdge, Node } from './cfg-types';

export interface Fact {
  /** An expression that is not `!`, `&&`, `||` or parentheses, unless kept whole as explained above. */
  expr: Node;
  holds: boolean;
}

export function factsOf(condition: Node, holds: boolean): Fact[] {
  const out: Fact[] = [];
  collect(condition, holds, out);
  return out;
}

function collect(condition: Node, holds: boolean, out: Fact[]): void {
  const e = unparen(condition);
  if (e.type === 'UnaryOperation' && e.operator === '!' && isNode(e.subExpression)) return collect(e.subExpression, !holds, out);
  if (e.type === 'BinaryOperation' && isNode(e.left) && isNode(e.right)) {
    if ((e.operator === '&&' && holds) || (e.operator === '||' && !holds)) {
      collect(e.left, holds, out);
      collect(e.right, holds, out);
      return;
    }
  }
  out.push({ expr: e, holds });
}

/** The facts a 'true'/'false' edge establishes; none for other edges. */
export function edgeFacts(edge: CfgEdge): Fact[] {
  return edge.condition && typeof edge.holds === 'boolean' ? factsOf(edge.condition, edge.holds) : [];
}

const NEGATED: Record<string, string> = { '==': '!=', '!=': '==', '<': '>=', '>=': '<', '>': '<=', '<=': '>' };

export interface Comparison {
  left: Node;
  right: Node;
  /** The operator that holds, after the fact's polarity is applied: `!(a != b)` gives `==`. */
  operator: '==' | '!=' | '<' | '<=' | '>' | '>=';
}

/** A fact that is a comparison, as the comparison known to hold. */
export function comparisonOf(fact: Fact): Comparison | undefined {
  const e = fact.expr;
  if (e.type !== 'BinaryOperation' || !isNode(e.left) || !isNode(e.right)) return undefined;
  const op = String(e.operator);
  if (!(op in NEGATED)) return undefined;
  return { left: unparen(e.left), right: unparen(e.right), operator: (fact.holds ? op : NEGATED[op]) as Comparison['operator'] };
}
