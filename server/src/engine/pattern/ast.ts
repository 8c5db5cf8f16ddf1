// Shared vocabulary of the matcher: the loose node shape we walk, metavariable names, and the canonical
// structural key that makes `$X` bindings comparable regardless of formatting.

/** A @solidity-parser/parser node seen generically: the matcher walks fields by name. */
export interface Node {
  type: string;
  range?: [number, number];
  [field: string]: unknown;
}

/** What `...` is rewritten to before parsing: a valid 3-character Solidity identifier, so offsets do not move. */
export const ELLIPSIS = '$$$';
export const ANY = '$_';
export const METAVARIABLE = /^\$[A-Z][A-Za-z0-9_]*$/;

export function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

export function isMetaName(name: unknown): boolean {
  // File code almost never has `$` names: the first character settles it without a regex.
  return typeof name === 'string' && name.charCodeAt(0) === 36 && (name === ANY || name === ELLIPSIS || METAVARIABLE.test(name));
}

/** `$X`, `$_` or `...` standing where an expression or type goes; undefined for ordinary nodes. */
export function metaOf(p: Node): string | undefined {
  if (p.type === 'Identifier' && isMetaName(p.name)) return p.name as string;
  if (p.type === 'UserDefinedTypeName' && isMetaName(p.namePath)) return p.namePath as string;
  return undefined;
}

/** True for the element a `...` became in a list (arguments, parameters, statements, bases). */
export function isEllipsis(p: unknown): boolean {
  if (!isNode(p)) return false;
  switch (p.type) {
    case 'Identifier':
      return p.name === ELLIPSIS;
    case 'UserDefinedTypeName':
      return p.namePath === ELLIPSIS;
    case 'ExpressionStatement':
      return isNode(p.expression) && isEllipsis(p.expression);
    case 'VariableDeclaration':
      return p.name === null && isNode(p.typeName) && isEllipsis(p.typeName);
    case 'InheritanceSpecifier':
      return isNode(p.baseName) && isEllipsis(p.baseName);
    case 'ModifierInvocation':
      return p.name === ELLIPSIS && (p.arguments === null || (Array.isArray(p.arguments) && p.arguments.length === 0));
    default:
      return false;
  }
}

/** Fields that never carry meaning for matching (positions, comments, duplicated name nodes). */
export const SKIPPED_FIELDS = new Set(['type', 'range', 'loc', 'comments', 'identifier', 'identifiers', 'parts', 'isUnicode']);

const ELEMENTARY_ALIASES: Record<string, string> = {
  uint: 'uint256',
  int: 'int256',
  byte: 'bytes1',
  ufixed: 'ufixed128x18',
  fixed: 'fixed128x18',
};

export function elementaryName(name: string): string {
  return ELEMENTARY_ALIASES[name] ?? name;
}

const keys = new WeakMap<object, string>();

/**
 * Canonical structural key: equal for code that differs only in whitespace, comments or formatting.
 * Identifiers and user type names reduce to their name so a name bound from a declaration compares equal
 * to a use of that name.
 */
export function keyOf(node: Node): string {
  const cached = keys.get(node);
  if (cached !== undefined) return cached;
  let key: string;
  switch (node.type) {
    case 'Identifier':
      key = String(node.name);
      break;
    case 'UserDefinedTypeName':
      key = String(node.namePath);
      break;
    case 'ElementaryTypeName':
      key = elementaryName(String(node.name)) + (node.stateMutability ? ` ${String(node.stateMutability)}` : '');
      break;
    case 'NumberLiteral':
      key = `#${String(node.number)}${node.subdenomination ? ` ${String(node.subdenomination)}` : ''}`;
      break;
    case 'StringLiteral':
      key = JSON.stringify(node.value);
      break;
    default: {
      const parts: string[] = [];
      for (const field of Object.keys(node)) {
        if (SKIPPED_FIELDS.has(field)) continue;
        parts.push(`${field}=${valueKey(node[field])}`);
      }
      key = `${node.type}(${parts.join(',')})`;
    }
  }
  keys.set(node, key);
  return key;
}

function valueKey(v: unknown): string {
  if (isNode(v)) return keyOf(v);
  if (Array.isArray(v)) return `[${v.map(valueKey).join(',')}]`;
  if (v === null || v === undefined) return '_';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** End-exclusive offsets of a node, or undefined when the tolerant parser left it without a range. */
export function spanOf(node: Node): [number, number] | undefined {
  const r = node.range;
  return r ? [r[0], r[1] + 1] : undefined;
}

/**
 * A cheap discriminator of a node: the called or accessed name, or the operator. A pattern whose head is known
 * only needs trying at file nodes with the same type and head (most patterns name the function they look for).
 * Undefined when the node has no head or the pattern leaves it to a metavariable.
 */
export function headOf(n: Node): string | undefined {
  switch (n.type) {
    case 'FunctionCall': {
      let callee = n.expression;
      if (isNode(callee) && callee.type === 'NameValueExpression') callee = callee.expression;
      return isNode(callee) ? calleeHead(callee) : undefined;
    }
    case 'MemberAccess':
      return isMetaName(n.memberName) ? undefined : `.${String(n.memberName)}`;
    case 'Identifier':
      return isMetaName(n.name) ? undefined : String(n.name);
    case 'BinaryOperation':
    case 'UnaryOperation':
      return String(n.operator);
    case 'ExpressionStatement':
      return isNode(n.expression) ? headOf(n.expression) : undefined;
    case 'EmitStatement':
      return isNode(n.eventCall) ? headOf(n.eventCall) : undefined;
    case 'RevertStatement':
      return isNode(n.revertCall) ? headOf(n.revertCall) : undefined;
    default:
      return undefined;
  }
}

function calleeHead(callee: Node): string | undefined {
  if (callee.type === 'MemberAccess') return isMetaName(callee.memberName) ? undefined : `.${String(callee.memberName)}`;
  if (callee.type === 'Identifier') return isMetaName(callee.name) ? undefined : String(callee.name);
  if (callee.type === 'ElementaryTypeName') return `:${elementaryName(String(callee.name))}`;
  return undefined;
}
