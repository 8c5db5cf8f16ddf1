// What a call expression calls, from what the walk recorded about its callee: an internal function (by name,
// through `super`, a base, a library or `using ... for`), an external function of another contract (or `this`),
// a low-level call (`call`, `delegatecall`, `staticcall`, `send`, `transfer`, legacy `.call.value(v)()`), a
// builtin, a type conversion, a struct constructor, a contract creation, an event or an error.
import type { Node } from '../pattern/ast';
import { isNode } from '../pattern/ast';
import type { FileResolution } from './context';
import type { ContractSymbol, ErrorSymbol, EventSymbol, FunctionSymbol, StructSymbol, VariableSymbol } from './symbols';
import { nodes } from './symbols';
import type { FunctionType, SolType } from './types';

export interface CallOptions {
  /** `{value: v}` or legacy `.value(v)`. */
  value?: Node;
  gas?: Node;
  salt?: Node;
  /** True when an option was given the pre-0.7 way, `.value(v)` / `.gas(g)`. */
  legacy: boolean;
}

export type CallTarget =
  /** A jump inside the contract: own, inherited, `super`, `Base.f`, a free function, an internal library function. */
  | { kind: 'internal'; function: FunctionSymbol; via: 'name' | 'super' | 'base' | 'library' | 'using' | 'module' }
  /** A public/external library function: runs with DELEGATECALL. */
  | { kind: 'library'; function: FunctionSymbol; library: ContractSymbol; bound: boolean }
  /** A message call to another contract (or to `this`); `function` is unknown for an unresolved member. */
  | { kind: 'external'; function?: FunctionSymbol; getter?: VariableSymbol; contract?: ContractSymbol; receiver: Node; options: CallOptions }
  | { kind: 'lowLevel'; name: 'call' | 'delegatecall' | 'staticcall' | 'callcode' | 'send' | 'transfer'; receiver: Node; options: CallOptions }
  /** `require`, `keccak256`, `abi.encode`, `array.push`, `selfdestruct`, ... by their builtin name. */
  | { kind: 'builtin'; name: string }
  | { kind: 'conversion'; type: SolType }
  | { kind: 'struct'; struct: StructSymbol }
  | { kind: 'new'; type: SolType; options: CallOptions }
  | { kind: 'event'; event: EventSymbol }
  | { kind: 'error'; error: ErrorSymbol }
  /** A call through a variable or parameter of function type. */
  | { kind: 'functionValue'; variable?: VariableSymbol; type: FunctionType }
  | { kind: 'unknown' };

const LOW_LEVEL = new Set(['call', 'delegatecall', 'staticcall', 'callcode', 'send', 'transfer']);

export function classifyCall(call: Node, res: FileResolution): CallTarget {
  if (call.type !== 'FunctionCall' || !isNode(call.expression)) return { kind: 'unknown' };
  const options: CallOptions = { legacy: false };
  let callee: Node = call.expression;
  // Peel `{value: v, gas: g}` and legacy `.value(v)` / `.gas(g)` off the callee.
  for (;;) {
    if (callee.type === 'NameValueExpression' && isNode(callee.expression)) {
      const list = isNode(callee.arguments) ? callee.arguments : undefined;
      const names = Array.isArray(list?.names) ? (list.names as string[]) : [];
      const args = nodes(list?.arguments);
      names.forEach((n, i) => setOption(options, n, args[i]));
      callee = callee.expression;
      continue;
    }
    if (callee.type === 'FunctionCall' && isNode(callee.expression)) {
      const inner = callee.expression;
      const innerDecl = res.declarations.get(inner);
      if (
        inner.type === 'MemberAccess' &&
        innerDecl?.kind === 'builtin' &&
        (innerDecl.name === 'function.value' || innerDecl.name === 'function.gas') &&
        isNode(inner.expression)
      ) {
        setOption(options, innerDecl.name.slice('function.'.length), nodes(callee.arguments)[0]);
        options.legacy = true;
        callee = inner.expression;
        continue;
      }
    }
    break;
  }
  const decl = res.declarations.get(callee);
  const calleeType = res.types.get(callee);
  const receiver = callee.type === 'MemberAccess' && isNode(callee.expression) ? callee.expression : undefined;
  const receiverType = receiver ? res.types.get(receiver) : undefined;

  if (callee.type === 'NewExpression') return { kind: 'new', type: calleeType?.kind === 'type' ? calleeType.type : { kind: 'unknown' }, options };
  if (decl?.kind === 'builtin') {
    const member = decl.name.startsWith('address.') ? decl.name.slice('address.'.length) : undefined;
    if (member && LOW_LEVEL.has(member) && receiver) return { kind: 'lowLevel', name: member as 'call', receiver, options };
    if (decl.name === 'payable') return { kind: 'conversion', type: { kind: 'address', payable: true } };
    return { kind: 'builtin', name: decl.name };
  }
  if (decl?.kind === 'event') return { kind: 'event', event: decl };
  if (decl?.kind === 'error') return { kind: 'error', error: decl };
  if (decl?.kind === 'struct') return { kind: 'struct', struct: decl };
  if (calleeType?.kind === 'type') return { kind: 'conversion', type: calleeType.type };
  if (decl?.kind === 'function') {
    if (!receiver) return { kind: 'internal', function: decl, via: 'name' };
    const lib = decl.contract?.contractKind === 'library' ? decl.contract : undefined;
    const bound = calleeType?.kind === 'function' && calleeType.bound === true;
    if (lib && (decl.visibility === 'public' || decl.visibility === 'external')) return { kind: 'library', function: decl, library: lib, bound };
    if (bound) return { kind: 'internal', function: decl, via: 'using' };
    switch (receiverType?.kind) {
      case 'contract':
        if (receiverType.isSuper) return { kind: 'internal', function: decl, via: 'super' };
        return { kind: 'external', function: decl, contract: receiverType.contract, receiver, options };
      case 'type':
        if (lib) return { kind: 'internal', function: decl, via: 'library' };
        if (calleeType?.kind === 'function' && calleeType.visibility === 'external')
          return { kind: 'external', function: decl, contract: decl.contract, receiver, options };
        return { kind: 'internal', function: decl, via: 'base' };
      case 'module':
        return { kind: 'internal', function: decl, via: 'module' };
    }
    return { kind: 'external', function: decl, contract: decl.contract, receiver, options };
  }
  if (decl?.kind === 'stateVariable' && receiver && receiverType?.kind === 'contract') {
    return { kind: 'external', getter: decl, contract: receiverType.contract, receiver, options };
  }
  if (calleeType?.kind === 'function') {
    const variable = decl && decl.kind !== 'contract' && 'typeName' in decl ? (decl as VariableSymbol) : undefined;
    return { kind: 'functionValue', variable, type: calleeType };
  }
  // A member of something typed as a contract that the model could not find: still a message call.
  if (receiver && receiverType?.kind === 'contract' && !receiverType.isSuper) return { kind: 'external', contract: receiverType.contract, receiver, options };
  return { kind: 'unknown' };
}

function setOption(options: CallOptions, name: string, value: Node | undefined): void {
  if (!value) return;
  if (name === 'value') options.value = value;
  else if (name === 'gas') options.gas = value;
  else if (name === 'salt') options.salt = value;
}
