// Types and declarations of expressions, bottom-up: a name is looked up (locals, then the contract and its
// bases, then the file and its imports, then the language's globals), a member through the type of its base,
// a call through its callee. Anything that cannot be known is `unknown`, and the walk goes on.
import type { Node } from '../pattern/ast';
import { isNode } from '../pattern/ast';
import { builtin, globalBuiltin } from './builtins';
import type { CallHint, Ctx, Resolver } from './context';
import { memberOf, pick, type Found } from './members';
import { nodes } from './symbols';
import { ADDRESS_PAYABLE, BOOL, elementaryType, locationOf, returnType, UNKNOWN, withLocation, type SolType } from './types';

/** The type of `node`, recording it and the declaration every name in it refers to. */
export function expr(r: Resolver, node: unknown, ctx: Ctx, hint?: CallHint): SolType {
  if (!isNode(node)) return UNKNOWN;
  r.result.owners.set(node, ctx.owner);
  let t: SolType;
  try {
    t = compute(r, node, ctx, hint);
  } catch {
    // A shape this code did not expect (a partial tree): unknown, and the rest of the file still resolves.
    t = UNKNOWN;
  }
  r.result.types.set(node, t);
  return t;
}

function compute(r: Resolver, node: Node, ctx: Ctx, hint?: CallHint): SolType {
  switch (node.type) {
    case 'Identifier':
      return identifier(r, node, ctx, hint);
    case 'MemberAccess': {
      const base = expr(r, node.expression, ctx);
      const found = memberOf(r, base, String(node.memberName), ctx, hint);
      return record(r, node, found);
    }
    case 'IndexAccess':
      return indexAccess(r, node, ctx);
    case 'IndexRangeAccess': {
      const base = expr(r, node.base, ctx);
      expr(r, node.indexStart, ctx);
      expr(r, node.indexEnd, ctx);
      return base;
    }
    case 'FunctionCall':
      return call(r, node, ctx);
    case 'NameValueExpression': {
      const t = expr(r, node.expression, ctx, hint);
      if (isNode(node.arguments)) for (const a of nodes(node.arguments.arguments)) expr(r, a, ctx);
      return t;
    }
    case 'NewExpression': {
      const t = typeName(r, node.typeName as Node, ctx);
      const instance = t.kind === 'array' || t.kind === 'bytes' || t.kind === 'string' ? withLocation(t, 'memory') : t;
      return { kind: 'type', type: instance };
    }
    case 'TupleExpression': {
      const members = (Array.isArray(node.components) ? node.components : []).map((c: unknown) => (isNode(c) ? expr(r, c, ctx) : null));
      if (node.isArray === true) {
        const first = members.find((m): m is SolType => !!m) ?? UNKNOWN;
        return { kind: 'array', base: first, length: members.length, location: 'memory' };
      }
      return members.length === 1 && members[0] ? members[0] : { kind: 'tuple', members };
    }
    case 'BinaryOperation':
      return binary(r, node, ctx);
    case 'UnaryOperation': {
      const t = expr(r, node.subExpression, ctx);
      if (node.operator === '!') return BOOL;
      if (node.operator === 'delete') return { kind: 'tuple', members: [] };
      return t;
    }
    case 'Conditional': {
      expr(r, node.condition, ctx);
      const a = expr(r, node.trueExpression, ctx);
      const b = expr(r, node.falseExpression, ctx);
      return a.kind === 'unknown' || (a.kind === 'int' && a.literal) ? b : a;
    }
    case 'NumberLiteral':
    case 'HexNumber':
    case 'DecimalNumber':
      return { kind: 'int', signed: false, bits: 256, literal: true };
    case 'BooleanLiteral':
      return BOOL;
    case 'StringLiteral':
      return { kind: 'string', literal: true, location: 'memory' };
    case 'HexLiteral':
      return { kind: 'bytes', location: 'memory' };
    case 'ElementaryTypeName':
    case 'UserDefinedTypeName':
    case 'ArrayTypeName':
    case 'Mapping':
    case 'FunctionTypeName':
      return { kind: 'type', type: typeName(r, node, ctx) };
    default:
      return UNKNOWN;
  }
}

function record(r: Resolver, node: Node, found: Found | undefined): SolType {
  if (!found) return UNKNOWN;
  if (found.declaration) r.result.declarations.set(node, found.declaration);
  return found.type;
}

function identifier(r: Resolver, node: Node, ctx: Ctx, hint?: CallHint): SolType {
  const name = String(node.name);
  const yul = ctx.yul?.get(name);
  if (yul) return record(r, node, { declaration: yul, type: r.typeOfDeclaration(yul) });
  const local = ctx.scope.find(name);
  if (local) return record(r, node, { declaration: local, type: r.typeOfDeclaration(local) });
  if (name === 'this' && ctx.contract) return record(r, node, { declaration: builtin('this'), type: { kind: 'contract', contract: ctx.contract } });
  if (name === 'super' && ctx.contract)
    return record(r, node, { declaration: builtin('super'), type: { kind: 'contract', contract: ctx.contract, isSuper: true } });
  if (name === '_' && ctx.owner?.kind === 'modifier') return record(r, node, { declaration: builtin('_'), type: UNKNOWN });
  const found = pick(r, r.binder.lookup(name, ctx.contract), hint);
  if (found) return record(r, node, found);
  const hoisted = ctx.hoisted.get(name);
  if (hoisted) return record(r, node, { declaration: hoisted, type: r.typeOfDeclaration(hoisted) });
  const g = globalBuiltin(name);
  if (g) return record(r, node, { declaration: g.symbol, type: g.type });
  // The parser sometimes gives an elementary type used as an expression (`address(this)`) as an identifier.
  const elementary = elementaryType(name);
  return elementary.kind === 'unknown' ? UNKNOWN : { kind: 'type', type: elementary };
}

function indexAccess(r: Resolver, node: Node, ctx: Ctx): SolType {
  const base = expr(r, node.base, ctx);
  expr(r, node.index, ctx);
  const loc = locationOf(base);
  switch (base.kind) {
    case 'mapping':
      return withLocation(base.value, 'storage');
    case 'array':
      return withLocation(base.base, loc);
    case 'bytes':
    case 'fixedBytes':
      return { kind: 'fixedBytes', size: 1 };
    case 'type':
      // `uint[]` written as an expression (`abi.decode(d, (uint[]))`, `new T[](n)` in old code).
      return { kind: 'type', type: { kind: 'array', base: base.type, length: null } };
    default:
      return UNKNOWN;
  }
}

function binary(r: Resolver, node: Node, ctx: Ctx): SolType {
  const a = expr(r, node.left, ctx);
  const b = expr(r, node.right, ctx);
  switch (node.operator) {
    case '==':
    case '!=':
    case '<':
    case '>':
    case '<=':
    case '>=':
    case '&&':
    case '||':
      return BOOL;
    case '<<':
    case '>>':
    case '**':
      return a;
    default:
      if (String(node.operator).endsWith('=')) return a;
      return a.kind === 'unknown' || (a.kind === 'int' && a.literal) ? b : a;
  }
}

function call(r: Resolver, node: Node, ctx: Ctx): SolType {
  const args = nodes(node.arguments);
  const argTypes = args.map((a) => expr(r, a, ctx));
  const names = Array.isArray(node.names) ? (node.names as string[]) : undefined;
  const callee = isNode(node.expression) ? node.expression : undefined;
  if (!callee) return UNKNOWN;
  // `payable(x)` is written as a call of the keyword.
  if (callee.type === 'Identifier' && callee.name === 'payable' && !ctx.scope.find('payable')) {
    r.result.owners.set(callee, ctx.owner);
    r.result.declarations.set(callee, builtin('payable'));
    r.result.types.set(callee, { kind: 'type', type: ADDRESS_PAYABLE });
    return ADDRESS_PAYABLE;
  }
  const t = expr(r, callee, ctx, { args: argTypes, names: names?.length ? names : undefined });
  namedArguments(r, node, callee);
  switch (t.kind) {
    case 'type': {
      const inner = t.type;
      if (inner.kind === 'address' && args.length === 1) {
        // `address(this)`, `address(c)`: payable only when converting a payable address or a literal in old code.
        const from = argTypes[0];
        return from.kind === 'address' ? from : elementaryType('address');
      }
      return inner.kind === 'struct' ? withLocation(inner, 'memory') : inner;
    }
    case 'function': {
      const b = t.builtin;
      if (b === 'type') return { kind: 'magic', name: 'meta', of: argTypes[0]?.kind === 'type' ? argTypes[0].type : UNKNOWN };
      if (b === 'abi.decode') return decodeResult(argTypes[1]);
      if (b === 'array.push' && args.length > 0) return { kind: 'tuple', members: [] };
      return returnType(t);
    }
    default:
      return UNKNOWN;
  }
}

/** `abi.decode(data, (uint256, address))`: the types listed in the second argument. */
function decodeResult(types: SolType | undefined): SolType {
  if (!types) return UNKNOWN;
  if (types.kind === 'type') return withLocation(types.type, 'memory');
  if (types.kind === 'tuple') return { kind: 'tuple', members: types.members.map((m) => (m?.kind === 'type' ? withLocation(m.type, 'memory') : UNKNOWN)) };
  return UNKNOWN;
}

/** `f({to: a, amount: b})`: each name refers to a parameter of the function called (or a struct field). */
function namedArguments(r: Resolver, node: Node, callee: Node): void {
  const ids = nodes(node.identifiers);
  if (!ids.length) return;
  let inner = callee;
  while (inner.type === 'NameValueExpression' && isNode(inner.expression)) inner = inner.expression;
  const d = r.result.declarations.get(inner);
  const params = d?.kind === 'function' || d?.kind === 'event' || d?.kind === 'error' ? d.parameters : d?.kind === 'struct' ? d.fields : undefined;
  if (!params) return;
  for (const id of ids) {
    const p = params.find((x) => x.name === id.name);
    if (p) r.result.declarations.set(id, p);
  }
}

/** A type name met inside a body or header: its user-defined names are references too. */
export function typeName(r: Resolver, tn: Node | null | undefined, ctx: Ctx): SolType {
  if (!tn) return UNKNOWN;
  markTypeNames(r, tn, ctx);
  return r.binder.typeOfTypeName(tn, ctx.contract);
}

/** Records the declaration of every user-defined type name inside `tn` (mapping keys, array bases, ...). */
export function markTypeNames(r: Resolver, tn: unknown, ctx: Ctx): void {
  if (!isNode(tn)) return;
  r.result.owners.set(tn, ctx.owner);
  switch (tn.type) {
    case 'UserDefinedTypeName':
      typePath(r, tn, String(tn.namePath ?? ''), ctx);
      return;
    case 'Mapping':
      markTypeNames(r, tn.keyType, ctx);
      markTypeNames(r, tn.valueType, ctx);
      return;
    case 'ArrayTypeName':
      markTypeNames(r, tn.baseTypeName, ctx);
      if (isNode(tn.length)) expr(r, tn.length, ctx);
      return;
    case 'FunctionTypeName':
      for (const p of [...nodes(tn.parameterTypes), ...nodes(tn.returnTypes)]) markTypeNames(r, p.typeName, ctx);
      return;
  }
}

/** `A.B.C` written at `node`: the last segment's declaration on the node, the others as loose references. */
export function typePath(r: Resolver, node: Node, path: string, ctx: Ctx, offset = node.range?.[0]): void {
  const parts = path.split('.');
  let found = r.binder.lookup(parts[0].trim(), ctx.contract);
  let at = offset;
  for (let i = 0; i < parts.length && found.length; i++) {
    const name = parts[i].trim();
    if (i > 0) found = r.binder.memberOfDeclaration(found[0], name);
    if (!found.length) break;
    if (at !== undefined) at = r.text.indexOf(name, at);
    if (i === parts.length - 1) r.result.declarations.set(node, found[0]);
    else r.result.loose.push({ node, name, offset: at !== undefined && at >= 0 ? at : undefined, declaration: found[0] });
    if (at !== undefined && at >= 0) at += name.length;
  }
}
