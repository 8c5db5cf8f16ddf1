// Inline assembly: Yul `let` variables and functions have block scope; any other name is a Solidity local,
// parameter, state variable or constant (`x.slot`, `x.offset`), looked up as in the enclosing body.
// Yul builtins (`sload`, `call`, ...) are left alone: the assembly statement is opaque to the rest of the model.
import type { Node } from '../pattern/ast';
import { isNode } from '../pattern/ast';
import { builtin } from './builtins';
import type { Ctx, Resolver } from './context';
import { nodes, variableSymbol } from './symbols';
import { UNKNOWN } from './types';

export function yulBlock(r: Resolver, node: Node, ctx: Ctx): void {
  const inner: Ctx = { ...ctx, yul: new Map(ctx.yul) };
  r.result.owners.set(node, ctx.owner);
  // Yul functions are visible in their whole block, before their definition too.
  for (const op of nodes(node.operations)) if (op.type === 'AssemblyFunctionDefinition') declare(r, op, inner, String(op.name ?? ''));
  for (const op of nodes(node.operations)) yulItem(r, op, inner);
}

function declare(r: Resolver, node: Node, ctx: Ctx, name: string) {
  const sym = variableSymbol({ ...node, name, typeName: null }, 'assemblyLocal', r.result.file, ctx.contract);
  sym.node = node;
  r.result.locals.set(node, sym);
  r.result.localTypes.set(sym, UNKNOWN);
  ctx.yul!.set(name, sym);
  return sym;
}

function yulItem(r: Resolver, node: Node, ctx: Ctx): void {
  r.result.owners.set(node, ctx.owner);
  switch (node.type) {
    case 'AssemblyBlock':
      return yulBlock(r, node, ctx);
    case 'AssemblyLocalDefinition':
      yulExpr(r, node.expression, ctx);
      for (const n of nodes(node.names)) if (n.type === 'Identifier') declare(r, n, ctx, String(n.name));
      return;
    case 'AssemblyAssignment':
      for (const n of nodes(node.names)) yulExpr(r, n, ctx);
      yulExpr(r, node.expression, ctx);
      return;
    case 'AssemblyFunctionDefinition': {
      const fn: Ctx = { ...ctx, yul: new Map(ctx.yul) };
      for (const a of [...nodes(node.arguments), ...nodes(node.returnArguments)]) declare(r, a, fn, String(a.name));
      if (isNode(node.body)) yulBlock(r, node.body, fn);
      return;
    }
    case 'AssemblyIf':
      yulExpr(r, node.condition, ctx);
      if (isNode(node.body)) yulBlock(r, node.body, ctx);
      return;
    case 'AssemblyFor': {
      // Names declared in the init block are visible in the condition, post block and body.
      const loop: Ctx = { ...ctx, yul: new Map(ctx.yul) };
      if (isNode(node.pre) && node.pre.type === 'AssemblyBlock') for (const op of nodes(node.pre.operations)) yulItem(r, op, loop);
      else yulExpr(r, node.pre, loop);
      yulExpr(r, node.condition, loop);
      if (isNode(node.post)) yulItem(r, node.post, loop);
      if (isNode(node.body)) yulBlock(r, node.body, loop);
      return;
    }
    case 'AssemblySwitch':
      yulExpr(r, node.expression, ctx);
      for (const c of nodes(node.cases)) if (isNode(c.block)) yulBlock(r, c.block, ctx);
      return;
    default:
      yulExpr(r, node, ctx);
  }
}

function yulExpr(r: Resolver, node: unknown, ctx: Ctx): void {
  if (!isNode(node)) return;
  r.result.owners.set(node, ctx.owner);
  switch (node.type) {
    case 'AssemblyCall': {
      const name = String(node.functionName ?? '');
      const args = nodes(node.arguments);
      for (const a of args) yulExpr(r, a, ctx);
      const d = yulName(r, name, ctx);
      if (d) r.result.declarations.set(node, d);
      return;
    }
    case 'Identifier': {
      const d = yulName(r, String(node.name), ctx);
      if (d) r.result.declarations.set(node, d);
      return;
    }
    case 'AssemblyMemberAccess':
      // `x.slot`, `x.offset`, `data.length`: the member is Yul's, the base a Solidity name.
      yulExpr(r, node.expression, ctx);
      return;
    default:
      for (const v of Object.values(node)) {
        if (Array.isArray(v)) for (const x of v) yulExpr(r, x, ctx);
        else if (isNode(v)) yulExpr(r, v, ctx);
      }
  }
}

function yulName(r: Resolver, name: string, ctx: Ctx) {
  const y = ctx.yul?.get(name);
  if (y) return y;
  const local = ctx.scope.find(name);
  if (local) return local;
  const found = r.binder.lookup(name, ctx.contract);
  if (found.length) return found[0];
  return YUL_BUILTINS.has(name) ? builtin(`yul.${name}`) : undefined;
}

const YUL_BUILTINS = new Set(
  (
    'stop add sub mul div sdiv mod smod exp not lt gt slt sgt eq iszero and or xor byte shl shr sar addmod mulmod ' +
    'signextend keccak256 pc pop mload mstore mstore8 sload sstore tload tstore msize gas address balance ' +
    'selfbalance caller callvalue calldataload calldatasize calldatacopy codesize codecopy extcodesize extcodecopy ' +
    'returndatasize returndatacopy mcopy extcodehash create create2 call callcode delegatecall staticcall return ' +
    'revert selfdestruct invalid log0 log1 log2 log3 log4 chainid basefee blobbasefee origin gasprice blockhash ' +
    'blobhash coinbase timestamp number difficulty prevrandao gaslimit datasize dataoffset datacopy setimmutable ' +
    'loadimmutable linkersymbol memoryguard verbatim'
  ).split(' '),
);
