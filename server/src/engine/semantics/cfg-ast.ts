// Small, defensive readers of the parser's AST for the graph and data-flow code: every field may be missing or
// null in half-typed code, so nothing here assumes a shape it has not checked.
import { isNode, type Node } from '../pattern/ast';

export { isNode };

/** Fields that hold no code (positions, comments, duplicated names, type annotations). */
const SKIPPED = new Set(['range', 'loc', 'comments', 'identifier', 'identifiers', 'typeName', 'parts', 'isUnicode']);

/** Calls `visit` on each child node of `node` (elements of array fields included). */
export function forEachChild(node: Node, visit: (child: Node, field: string) => void): void {
  for (const field in node) {
    if (field === 'type' || SKIPPED.has(field)) continue;
    const v = node[field];
    if (isNode(v)) visit(v, field);
    else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) if (isNode(v[i])) visit(v[i], field);
  }
}

/** Visits `node` and every node below it, depth first; `visit` returning false skips the children. */
export function walk(node: Node, visit: (n: Node, parent: Node | null) => boolean | void, parent: Node | null = null): void {
  if (visit(node, parent) === false) return;
  // forEachChild's loop written out: no closure per node walked.
  for (const field in node) {
    if (field === 'type' || SKIPPED.has(field)) continue;
    const v = node[field];
    if (isNode(v)) walk(v, visit, node);
    else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) if (isNode(v[i])) walk(v[i], visit, node);
  }
}

/** Whether `test` holds at `node` or any node below it; stops at the first that does. */
export function someNode(node: Node, test: (n: Node) => boolean): boolean {
  if (test(node)) return true;
  let found = false;
  forEachChild(node, (c) => {
    if (!found) found = someNode(c, test);
  });
  return found;
}

export function nodeList(v: unknown): Node[] {
  return Array.isArray(v) ? v.filter(isNode) : [];
}

/** `(e)` → `e`: a parenthesised expression is a one-element tuple that is not an array literal. */
export function unparen(e: Node): Node {
  let cur = e;
  while (cur.type === 'TupleExpression' && !cur.isArray && Array.isArray(cur.components) && cur.components.length === 1 && isNode(cur.components[0])) {
    cur = cur.components[0];
  }
  return cur;
}

export function isParen(e: Node): boolean {
  return e.type === 'TupleExpression' && !e.isArray && Array.isArray(e.components) && e.components.length === 1;
}

/** The called expression without its `{value: ..}` options. */
export function callee(call: Node): Node | undefined {
  let c = call.expression;
  if (isNode(c) && c.type === 'NameValueExpression') c = c.expression;
  return isNode(c) ? c : undefined;
}

/** `f` for `f(..)`, `transfer` for `a.transfer(..)`, `value` for `a.call.value(v)`; undefined otherwise. */
export function calleeName(call: Node): string | undefined {
  const c = callee(call);
  if (!c) return undefined;
  if (c.type === 'Identifier' && typeof c.name === 'string') return c.name;
  if (c.type === 'MemberAccess' && typeof c.memberName === 'string') return c.memberName;
  return undefined;
}

/** A call of a bare name (`require(..)`, `revert(..)`), not a member (`x.require(..)`). */
export function bareCallName(call: Node): string | undefined {
  const c = callee(call);
  return c && c.type === 'Identifier' && typeof c.name === 'string' ? c.name : undefined;
}

export function callArguments(call: Node): Node[] {
  return nodeList(call.arguments);
}

export function defaultChecksArgument(call: Node, index: number): boolean {
  if (index !== 0 || call.type !== 'FunctionCall') return false;
  const name = bareCallName(call);
  return name === 'require' || name === 'assert';
}

/** The `_;` of a modifier body. */
export function isPlaceholder(statement: Node): boolean {
  const e = statement.expression;
  return statement.type === 'ExpressionStatement' && isNode(e) && e.type === 'Identifier' && e.name === '_';
}

/** Looks a modifier up by name among the members of one contract (the syntactic default). */
export function modifierLookupIn(contract: Node | undefined): (invocation: Node) => Node | undefined {
  const byName = new Map<string, Node>();
  for (const member of nodeList(contract?.subNodes)) {
    if (member.type === 'ModifierDefinition' && typeof member.name === 'string' && !byName.has(member.name)) byName.set(member.name, member);
  }
  return (invocation) => (typeof invocation.name === 'string' ? byName.get(invocation.name) : undefined);
}

/** Each FunctionDefinition of a source unit with the contract it belongs to (free functions have none). */
export function functionsOf(sourceUnit: object | null | undefined): { fn: Node; contract?: Node }[] {
  const out: { fn: Node; contract?: Node }[] = [];
  for (const unit of nodeList(isNode(sourceUnit) ? sourceUnit.children : undefined)) {
    if (unit.type === 'FunctionDefinition') out.push({ fn: unit });
    else if (unit.type === 'ContractDefinition') {
      for (const member of nodeList(unit.subNodes)) if (member.type === 'FunctionDefinition') out.push({ fn: member, contract: unit });
    }
  }
  return out;
}

/** `address(this)` or `this` (legacy code used `this` as the address). */
export function isThisAddress(n: Node): boolean {
  const e = unparen(n);
  if (e.type === 'Identifier') return e.name === 'this';
  if (e.type !== 'FunctionCall') return false;
  const c = callee(e);
  const args = callArguments(e);
  return (c?.type === 'ElementaryTypeName' || c?.type === 'Identifier') && c.name === 'address' && args.length === 1 && isThisAddress(args[0]);
}
