// One walk over a file: every header, initialiser and body, with block scopes (C99-style, as Solidity has
// since 0.5; a name used after its block ends still finds the local, as pre-0.5 function-wide scoping did).
// It records what every name refers to and the type of every expression (context.ts: FileResolution).
import type { Node } from '../pattern/ast';
import { isNode } from '../pattern/ast';
import type { Binder, ProjectAccess } from './binder';
import { Scope, type Ctx, type FileResolution, type Owner, type Resolver } from './context';
import { expr, markTypeNames, typeName, typePath } from './expressions';
import { NodeTable } from './node-table';
import { nodes, variableSymbol, type ContractSymbol, type Declaration, type VariableSymbol } from './symbols';
import { UNKNOWN, type SolType } from './types';
import { yulBlock } from './yul';

export function resolveFile(binder: Binder, project: ProjectAccess, text: string): FileResolution {
  const t = new NodeTable();
  const result: FileResolution = {
    file: binder.file,
    declarations: t.declarations,
    types: t.types,
    owners: t.owners,
    locals: t.locals,
    localTypes: new Map(),
    loose: [],
  };
  const r = resolver(binder, project, text, result);
  const table = binder.table;
  for (const imp of table.imports) importDirective(r, imp);
  for (const child of nodes(table.ast.children)) {
    try {
      if (child.type === 'ContractDefinition') {
        const c = table.byNode.get(child);
        if (c?.kind === 'contract') contract(r, c);
      } else member(r, child, undefined);
    } catch {
      // A piece of tree this walk did not expect costs that piece only.
    }
  }
  return result;
}

/**
 * Walks one function or modifier of the file again, into a resolution that holds the rest of the file: what a
 * body declares is seen by that body alone, so no other member's answers change (incremental.ts).
 */
export function resolveMember(binder: Binder, project: ProjectAccess, text: string, result: FileResolution, node: Node): void {
  const sym = binder.table.byNode.get(node);
  const c = sym && sym.kind !== 'builtin' ? sym.contract : undefined;
  try {
    member(resolver(binder, project, text, result), node, c);
  } catch {
    // As in resolveFile.
  }
}

function resolver(binder: Binder, project: ProjectAccess, text: string, result: FileResolution): Resolver {
  return {
    binder,
    project,
    result,
    text,
    typeOfDeclaration(d: Declaration): SolType {
      if (d.kind === 'localVariable' || d.kind === 'assemblyLocal') {
        const t = result.localTypes.get(d);
        if (t) return t;
      }
      return d.kind === 'builtin' ? UNKNOWN : (project.binder(d.file)?.typeOfDeclaration(d) ?? UNKNOWN);
    },
  };
}

function newCtx(contract: ContractSymbol | undefined, owner: Owner | null): Ctx {
  return { contract, owner, scope: new Scope(), hoisted: new Map() };
}

function importDirective(r: Resolver, imp: Node): void {
  const pairs = Array.isArray(imp.symbolAliasesIdentifiers) ? (imp.symbolAliasesIdentifiers as Array<[Node, Node | null]>) : [];
  if (!pairs.length) return;
  const target = r.project.importTarget(r.result.file, imp);
  const other = target ? r.project.binder(target) : undefined;
  if (!other) return;
  for (const [original] of pairs) {
    if (!isNode(original)) continue;
    const d = other.lookupGlobal(String(original.name))[0];
    if (d) r.result.declarations.set(original, d);
  }
}

function contract(r: Resolver, c: ContractSymbol): void {
  const ctx = newCtx(c, c);
  const fileCtx = newCtx(undefined, c);
  r.result.owners.set(c.node, null);
  for (const spec of nodes(c.node.baseContracts)) {
    r.result.owners.set(spec, c);
    if (isNode(spec.baseName)) markTypeNames(r, spec.baseName, fileCtx);
    for (const a of nodes(spec.arguments)) expr(r, a, ctx);
  }
  for (const sub of nodes(c.node.subNodes)) {
    try {
      member(r, sub, c);
    } catch {
      // As above: one member's surprise is that member's.
    }
  }
}

function member(r: Resolver, node: Node, c: ContractSymbol | undefined): void {
  const table = r.binder.table;
  const sym = table.byNode.get(node);
  const ctx = newCtx(c, c ?? null);
  r.result.owners.set(node, c ?? null);
  switch (node.type) {
    case 'StateVariableDeclaration':
      for (const v of nodes(node.variables)) {
        r.result.owners.set(v, c ?? null);
        markTypeNames(r, v.typeName, ctx);
        overrides(r, v, ctx);
        if (isNode(v.expression)) expr(r, v.expression, ctx);
      }
      // The parser gives the initial value twice, as one object; a tree moved by an edit (parse/shift.ts) has two.
      if (isNode(node.initialValue) && !nodes(node.variables).some((v) => v.expression === node.initialValue)) expr(r, node.initialValue, ctx);
      return;
    case 'FileLevelConstant':
      markTypeNames(r, node.typeName, ctx);
      expr(r, node.initialValue, ctx);
      return;
    case 'UsingForDeclaration':
      usingFor(r, node, ctx);
      return;
    case 'StructDefinition':
    case 'EventDefinition':
    case 'CustomErrorDefinition':
      for (const p of [...nodes(node.members), ...nodes(node.parameters)]) {
        r.result.owners.set(p, c ?? null);
        markTypeNames(r, p.typeName, ctx);
      }
      return;
    case 'FunctionDefinition':
    case 'ModifierDefinition': {
      if (sym?.kind !== 'function' && sym?.kind !== 'modifier') return;
      const fctx = newCtx(c, sym);
      const params = sym.kind === 'function' ? [...sym.parameters, ...sym.returns] : sym.parameters;
      for (const p of params) {
        r.result.owners.set(p.node, sym);
        markTypeNames(r, p.typeName, fctx);
        fctx.scope.declare(p);
      }
      overrides(r, node, fctx);
      if (sym.kind === 'function') for (const m of sym.modifiers) modifierInvocation(r, m, fctx);
      if (isNode(node.body)) block(r, node.body, fctx);
      return;
    }
  }
}

function overrides(r: Resolver, node: Node, ctx: Ctx): void {
  for (const o of nodes(node.override)) markTypeNames(r, o, newCtx(undefined, ctx.owner));
}

/** `onlyOwner`, `nonReentrant`, or a base constructor call `Base(x)` in a constructor header. */
function modifierInvocation(r: Resolver, m: Node, ctx: Ctx): void {
  r.result.owners.set(m, ctx.owner);
  const name = String(m.name ?? '');
  const c = ctx.contract;
  const d = c ? r.binder.lookupModifier(c, name) : undefined;
  if (d) r.result.declarations.set(m, d);
  else {
    // A modifier named by path (`Base.mod`) or declared where this contract cannot see it: try the file.
    const g = r.binder.lookupPath(name, c).find((x) => x.kind === 'modifier' || x.kind === 'contract');
    if (g) r.result.declarations.set(m, g);
  }
  for (const a of nodes(m.arguments)) expr(r, a, ctx);
}

function usingFor(r: Resolver, node: Node, ctx: Ctx): void {
  markTypeNames(r, node.typeName, ctx);
  const start = node.range?.[0];
  if (typeof node.libraryName === 'string') {
    const at = start === undefined ? undefined : r.text.indexOf(node.libraryName.split('.')[0], start + 'using'.length);
    looseTypePath(r, node, node.libraryName, ctx, at);
  }
  let at = start;
  for (const f of Array.isArray(node.functions) ? (node.functions as string[]) : []) {
    const off = at === undefined ? undefined : r.text.indexOf(f.split('.')[0], at);
    looseTypePath(r, node, f, ctx, off);
    if (off !== undefined && off >= 0) at = off + f.length;
  }
}

/** A path written on a node that has other names too: every segment becomes a loose reference. */
function looseTypePath(r: Resolver, node: Node, path: string, ctx: Ctx, offset: number | undefined): void {
  const before = r.result.declarations.get(node);
  typePath(r, node, path, ctx, offset !== undefined && offset >= 0 ? offset : undefined);
  const last = r.result.declarations.get(node);
  if (last && last !== before) {
    const name = path.split('.').pop()!.trim();
    let off: number | undefined;
    if (offset !== undefined && offset >= 0) off = r.text.indexOf(name, offset + path.length - name.length - 1);
    r.result.loose.push({ node, name, offset: off !== undefined && off >= 0 ? off : undefined, declaration: last });
    if (before) r.result.declarations.set(node, before);
    else r.result.declarations.delete(node);
  }
}

export function block(r: Resolver, node: Node, ctx: Ctx): void {
  const inner: Ctx = { ...ctx, scope: new Scope(ctx.scope) };
  r.result.owners.set(node, ctx.owner);
  for (const s of nodes(node.statements)) statement(r, s, inner);
}

function statement(r: Resolver, node: Node, ctx: Ctx): void {
  r.result.owners.set(node, ctx.owner);
  switch (node.type) {
    case 'Block':
      return block(r, node, ctx);
    case 'UncheckedStatement':
      if (isNode(node.block)) block(r, node.block, ctx);
      return;
    case 'ExpressionStatement':
      expr(r, node.expression, ctx);
      return;
    case 'VariableDeclarationStatement':
      return declaration(r, node, ctx);
    case 'IfStatement':
      expr(r, node.condition, ctx);
      nested(r, node.trueBody, ctx);
      nested(r, node.falseBody, ctx);
      return;
    case 'WhileStatement':
    case 'DoWhileStatement':
      expr(r, node.condition, ctx);
      nested(r, node.body, ctx);
      return;
    case 'ForStatement': {
      const inner: Ctx = { ...ctx, scope: new Scope(ctx.scope) };
      if (isNode(node.initExpression)) statement(r, node.initExpression, inner);
      expr(r, node.conditionExpression, inner);
      if (isNode(node.loopExpression)) statement(r, node.loopExpression, inner);
      nested(r, node.body, inner);
      return;
    }
    case 'ReturnStatement':
      expr(r, node.expression, ctx);
      return;
    case 'EmitStatement':
      expr(r, node.eventCall, ctx);
      return;
    case 'RevertStatement':
      expr(r, node.revertCall, ctx);
      return;
    case 'TryStatement':
      return tryStatement(r, node, ctx);
    case 'InlineAssemblyStatement':
      if (isNode(node.body)) yulBlock(r, node.body, { ...ctx, yul: new Map(ctx.yul) });
      return;
    default:
      // throw, break, continue, placeholders of pieces the parser lost.
      return;
  }
}

/** A statement that is the body of an if/loop has a scope of its own even without braces. */
function nested(r: Resolver, node: unknown, ctx: Ctx): void {
  if (!isNode(node)) return;
  statement(r, node, { ...ctx, scope: new Scope(ctx.scope) });
}

function declaration(r: Resolver, node: Node, ctx: Ctx): void {
  const init = isNode(node.initialValue) ? expr(r, node.initialValue, ctx) : UNKNOWN;
  const vars = Array.isArray(node.variables) ? (node.variables as unknown[]) : [];
  vars.forEach((v, i) => {
    if (!isNode(v)) return;
    const sym = local(r, v, ctx);
    if (!sym.typeName) {
      // `var x = e;` and `var (a, b) = f();` (pre-0.5): the type is the initialiser's.
      const t = vars.length > 1 ? (init.kind === 'tuple' ? (init.members[i] ?? UNKNOWN) : UNKNOWN) : init;
      r.result.localTypes.set(sym, t);
    }
  });
}

/** Declares a local in the innermost scope; the walk keeps its symbol by its declaring node. */
export function local(r: Resolver, v: Node, ctx: Ctx, kind: VariableSymbol['kind'] = 'localVariable'): VariableSymbol {
  const owner = ctx.owner && ctx.owner.kind !== 'contract' ? ctx.owner : undefined;
  const sym = variableSymbol(v, kind, r.result.file, ctx.contract, owner);
  r.result.owners.set(v, ctx.owner);
  if (isNode(v.typeName)) typeName(r, v.typeName, ctx);
  r.result.locals.set(v, sym);
  if (isNode(v.identifier)) r.result.declarations.set(v.identifier, sym);
  ctx.scope.declare(sym);
  if (sym.name) ctx.hoisted.set(sym.name, sym);
  return sym;
}

function tryStatement(r: Resolver, node: Node, ctx: Ctx): void {
  expr(r, node.expression, ctx);
  const body: Ctx = { ...ctx, scope: new Scope(ctx.scope) };
  for (const p of nodes(node.returnParameters)) local(r, p, body);
  if (isNode(node.body)) block(r, node.body, body);
  for (const clause of nodes(node.catchClauses)) {
    r.result.owners.set(clause, ctx.owner);
    const inner: Ctx = { ...ctx, scope: new Scope(ctx.scope) };
    for (const p of nodes(clause.parameters)) local(r, p, inner);
    if (isNode(clause.body)) block(r, clause.body, inner);
  }
}
