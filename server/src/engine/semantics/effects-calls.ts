// What a call expression does, for effects: a message call out (high-level on a contract/interface type or a
// cast, low-level `call`/`delegatecall`/`staticcall`, legacy `.call.value(v)()`/`.gas(g)`, `send`, `transfer`,
// and the well-known wrappers of OpenZeppelin Address/SafeERC20 and solmate SafeTransferLib), a jump to internal
// code, an event, a revert, a push/pop. Built on the model's call classification (calls.ts); when the model cannot
// type the receiver (a missing import), shapes that cannot mean anything else still count, marked unresolved.
import { callArguments, isNode, nodeList, unparen } from './cfg-ast';
import type { CallOptions, CallTarget } from './calls';
import type { Node } from './cfg-types';
import type { SemanticModel } from './model';
import type { FunctionSymbol } from './symbols';

export type ValueFlow = 'yes' | 'no' | 'unknown';

export type ExternalCallKind = 'high-level' | 'low-level' | 'send' | 'transfer' | 'wrapper' | 'create' | 'assembly';

export interface ExternalCall {
  kind: ExternalCallKind;
  /** The member called: `transfer`, `call`, `delegatecall`, `sendValue`, `safeTransfer`, a function's name. */
  name: string;
  /** Whether ether goes with the call. */
  value: ValueFlow;
  /** The called code runs in this contract's storage (`delegatecall`, `callcode`, `functionDelegateCall`). */
  delegate: boolean;
  /** A read-only call (`staticcall`, a view/pure function of another contract). */
  static: boolean;
  /** Options given the pre-0.7 way: `.value(v)`, `.gas(g)`. */
  legacy: boolean;
  /** Moves tokens: ERC20/721/1155 transfer, transferFrom, approve and their Safe* wrappers. */
  token: boolean;
  /** The type of the receiver is known (false: recognised by shape alone). */
  resolved: boolean;
  /** A call to `this`. */
  self: boolean;
  /** The expression of the address or contract called, when there is one. */
  receiver?: Node;
  /** The value sent, when given. */
  valueExpr?: Node;
  /** The function called, when the model knows it. */
  function?: FunctionSymbol;
  /** For wrappers: the library that holds them (`Address`, `SafeERC20`, `SafeTransferLib`). */
  library?: string;
  /**
   * A plain payment: no function of the receiver is asked to run (`send`, `transfer`, `Address.sendValue`,
   * `safeTransferETH`, `call{value: v}("")`, legacy `.call.value(v)()`, assembly `call` with no input).
   */
  payment?: boolean;
}

export type CallEffect =
  | { kind: 'external'; call: ExternalCall }
  /** Internal code: own, inherited, `super`, a library's (internal or public), a free function. */
  | { kind: 'internal'; callee: FunctionSymbol; args: Node[]; via: string }
  | { kind: 'event'; name: string }
  /** `revert(..)` (always) or `require`/`assert` (when the condition fails). */
  | { kind: 'revert'; conditional: boolean }
  | { kind: 'selfdestruct' }
  /** `arr.push(..)`, `arr.pop()`: a write to the array. */
  | { kind: 'arrayWrite'; how: 'push' | 'pop'; target: Node }
  /** Something runs that the model cannot see: a function value, a name it could not resolve. */
  | { kind: 'opaque'; name?: string }
  /** Pure builtins, conversions, struct constructors, abi and hashing. */
  | { kind: 'none' };

interface Wrapper {
  libraries: RegExp;
  value: ValueFlow | { arg: number };
  token?: boolean;
  delegate?: boolean;
  static?: boolean;
}

const ADDRESS_LIB = /^(Address|AddressUpgradeable)$/;
const TOKEN_LIBS = /^(SafeERC20|SafeERC20Upgradeable|SafeTransferLib|TransferHelper|SafeTransferLibrary)$/;
const ETH_LIBS = /^(SafeTransferLib|TransferHelper|SafeTransferLibrary)$/;

/** Argument positions are counted without the bound receiver (`recipient.sendValue(amount)`: amount is 0). */
const WRAPPERS: Record<string, Wrapper> = {
  sendValue: { libraries: ADDRESS_LIB, value: { arg: 1 } },
  functionCall: { libraries: ADDRESS_LIB, value: 'no' },
  functionCallWithValue: { libraries: ADDRESS_LIB, value: { arg: 2 } },
  functionStaticCall: { libraries: ADDRESS_LIB, value: 'no', static: true },
  functionDelegateCall: { libraries: ADDRESS_LIB, value: 'no', delegate: true },
  safeTransferETH: { libraries: ETH_LIBS, value: { arg: 1 } },
  forceSafeTransferETH: { libraries: ETH_LIBS, value: { arg: 1 } },
  trySafeTransferETH: { libraries: ETH_LIBS, value: { arg: 1 } },
  safeTransferAllETH: { libraries: ETH_LIBS, value: 'yes' },
};
for (const name of [
  'safeTransfer',
  'safeTransferFrom',
  'safeApprove',
  'safeIncreaseAllowance',
  'safeDecreaseAllowance',
  'forceApprove',
  'safePermit',
  'trySafeTransfer',
  'trySafeTransferFrom',
  'transferAndCallRelaxed',
  'transferFromAndCallRelaxed',
  'approveAndCallRelaxed',
  'safeTransferAll',
  'safeTransferAllFrom',
]) {
  WRAPPERS[name] = { libraries: TOKEN_LIBS, value: 'no', token: true };
}

/** Wrappers that only send ether. */
const PAYMENTS = new Set(['sendValue', 'safeTransferETH', 'forceSafeTransferETH', 'trySafeTransferETH', 'safeTransferAllETH']);

/** A low-level `call`'s arguments pass no calldata: none (legacy `.call.value(v)()`), `""`, `''` or `hex""`. */
function noCalldata(args: Node[]): boolean {
  if (args.length === 0) return true;
  const a = unparen(args[0]);
  return args.length === 1 && (a.type === 'StringLiteral' || a.type === 'HexLiteral') && a.value === '';
}

/** Names distinctive enough to be taken for the wrapper when the library cannot be resolved. */
const DISTINCTIVE = new Set([
  'sendValue',
  'functionCallWithValue',
  'functionDelegateCall',
  'safeTransferETH',
  'forceSafeTransferETH',
  'forceApprove',
  'safeTransfer',
  'safeTransferFrom',
  'safeIncreaseAllowance',
  'safeDecreaseAllowance',
  'safeApprove',
]);

/** Members that move tokens: a call of one on a contract is a token call (facts.ts uses it for unresolved calls too). */
export const TOKEN_MEMBERS: ReadonlySet<string> = new Set([
  'transfer',
  'transferFrom',
  'approve',
  'safeTransferFrom',
  'safeBatchTransferFrom',
  'send',
  'operatorSend',
  'increaseAllowance',
  'decreaseAllowance',
  'permit',
]);

const ELEMENTARY = /^(address|payable|bool|string|bytes\d*|u?int\d*|byte|u?fixed[\dx]*)$/;

const LOW_LEVEL = new Set(['call', 'delegatecall', 'staticcall', 'callcode']);

/** What `call` (a FunctionCall) does. Never throws. */
export function callEffect(model: SemanticModel, call: Node): CallEffect {
  let target: CallTarget;
  try {
    target = model.resolveCall(call);
  } catch {
    target = { kind: 'unknown' };
  }
  const args = callArguments(call);
  switch (target.kind) {
    case 'external': {
      const fn = target.function;
      const name = fn?.name ?? target.getter?.name ?? memberName(call) ?? '';
      const isStatic = fn ? fn.mutability === 'view' || fn.mutability === 'pure' : !!target.getter;
      const receiver = unparen(target.receiver);
      return external({
        kind: 'high-level',
        name,
        ...optionValue(target.options),
        delegate: false,
        static: isStatic,
        legacy: target.options.legacy,
        token: TOKEN_MEMBERS.has(name) && !isStatic,
        resolved: true,
        self: receiver.type === 'Identifier' && receiver.name === 'this',
        receiver,
        function: fn,
      });
    }
    case 'lowLevel': {
      const name = target.name;
      const amount = name === 'send' || name === 'transfer' ? args[0] : target.options.value;
      return external({
        kind: name === 'send' || name === 'transfer' ? name : 'low-level',
        name,
        payment: name === 'send' || name === 'transfer' || (name === 'call' && noCalldata(args)),
        value: name === 'delegatecall' || name === 'staticcall' || !amount ? 'no' : amountFlow(amount),
        valueExpr: amount,
        delegate: name === 'delegatecall' || name === 'callcode',
        static: name === 'staticcall',
        legacy: target.options.legacy,
        token: false,
        resolved: true,
        self: false,
        receiver: unparen(target.receiver),
      });
    }
    case 'library':
    case 'internal': {
      const fn = target.function;
      const lib = fn.contract?.contractKind === 'library' ? fn.contract.name : undefined;
      const bound = target.kind === 'library' ? target.bound : target.via === 'using';
      const wrapped = lib ? wrapper(call, fn.name, lib, bound, true) : undefined;
      if (wrapped) return wrapped;
      const receiver = bound ? receiverOf(call) : undefined;
      return { kind: 'internal', callee: fn, args: receiver ? [receiver, ...args] : args, via: target.kind === 'library' ? 'library' : target.via };
    }
    case 'builtin':
      return builtinEffect(target.name, call);
    case 'event':
      return { kind: 'event', name: target.event.name };
    case 'new':
      return external({
        kind: 'create',
        name: 'new',
        ...optionValue(target.options),
        delegate: false,
        static: false,
        legacy: target.options.legacy,
        token: false,
        resolved: true,
        self: false,
      });
    case 'functionValue':
      return { kind: 'opaque', name: target.variable?.name };
    case 'error':
    case 'conversion':
    case 'struct':
      return { kind: 'none' };
    default:
      return byShape(call);
  }
}

function external(call: Omit<ExternalCall, 'value'> & { value: ValueFlow }): CallEffect {
  return { kind: 'external', call };
}

function optionValue(options: CallOptions): { value: ValueFlow; valueExpr?: Node } {
  return { value: options.value ? amountFlow(options.value) : 'no', valueExpr: options.value };
}

/** A literal zero sends nothing; any other amount (or one the code computes) sends ether. */
function amountFlow(amount: Node | undefined): ValueFlow {
  if (!amount) return 'unknown';
  return isZero(amount) ? 'no' : 'yes';
}

export function isZero(e: Node): boolean {
  const x = unparen(e);
  const n = x.type === 'NumberLiteral' ? x.number : x.type === 'DecimalNumber' || x.type === 'HexNumber' ? x.value : undefined;
  return typeof n === 'string' && /^(0x0*|0+)$/i.test(n.trim());
}

function builtinEffect(name: string, call: Node): CallEffect {
  switch (name) {
    case 'require':
    case 'assert':
      return { kind: 'revert', conditional: true };
    case 'revert':
      return { kind: 'revert', conditional: false };
    case 'selfdestruct':
    case 'suicide':
      return { kind: 'selfdestruct' };
    case 'array.push':
    case 'array.pop':
    case 'bytes.push':
    case 'bytes.pop': {
      const receiver = receiverOf(call);
      return receiver ? { kind: 'arrayWrite', how: name.endsWith('push') ? 'push' : 'pop', target: receiver } : { kind: 'none' };
    }
    default:
      return { kind: 'none' };
  }
}

/** `Address.sendValue(to, v)` / `to.sendValue(v)`; `lib` is the declaring library when the model resolved it. */
function wrapper(call: Node, name: string, lib: string | undefined, bound: boolean, resolved: boolean): CallEffect | undefined {
  const w = Object.hasOwn(WRAPPERS, name) ? WRAPPERS[name] : undefined;
  if (!w) return undefined;
  if (lib !== undefined ? !w.libraries.test(lib) : !DISTINCTIVE.has(name)) return undefined;
  const args = callArguments(call);
  const all = bound ? [receiverOf(call), ...args] : args;
  const amount = typeof w.value === 'object' ? all[w.value.arg] : undefined;
  return external({
    kind: 'wrapper',
    name,
    value: typeof w.value === 'object' ? amountFlow(amount) : w.value,
    valueExpr: amount,
    delegate: !!w.delegate,
    static: !!w.static,
    legacy: false,
    token: !!w.token,
    resolved,
    self: false,
    receiver: all[0] ? unparen(all[0]) : undefined,
    library: lib,
    payment: PAYMENTS.has(name),
  });
}

/**
 * A call the model could not resolve. Only shapes with one meaning count: `x.call(..)`, `x.call{value: v}(..)`,
 * `x.call.value(v)(..)`, `x.delegatecall(..)`, `x.send(v)`, `x.transfer(v)` (one argument: ether; an ERC20
 * `transfer(to, amount)` has two), a distinctive wrapper name. A bare unresolved name runs unknown code.
 */
function byShape(call: Node): CallEffect {
  let c = isNode(call.expression) ? call.expression : undefined;
  let legacy = false;
  let valueExpr: Node | undefined;
  if (c?.type === 'NameValueExpression') {
    const list = isNode(c.arguments) ? c.arguments : undefined;
    const names = Array.isArray(list?.names) ? (list.names as string[]) : [];
    valueExpr = nodeList(list?.arguments)[names.indexOf('value')];
    c = isNode(c.expression) ? c.expression : undefined;
  }
  // Legacy options: `x.call.value(v).gas(g)(..)`.
  while (
    c?.type === 'FunctionCall' &&
    isNode(c.expression) &&
    c.expression.type === 'MemberAccess' &&
    (c.expression.memberName === 'value' || c.expression.memberName === 'gas')
  ) {
    if (c.expression.memberName === 'value') valueExpr = callArguments(c)[0];
    legacy = true;
    c = isNode(c.expression.expression) ? c.expression.expression : undefined;
  }
  if (!c) return { kind: 'opaque' };
  if (c.type === 'Identifier') {
    if (c.name === 'selfdestruct' || c.name === 'suicide') return { kind: 'selfdestruct' };
    // `address(x)`, `uint256(y)`, `payable(z)`: a conversion the parser wrote as a call of a name.
    if (ELEMENTARY.test(String(c.name))) return { kind: 'none' };
    return { kind: 'opaque', name: String(c.name) };
  }
  if (c.type === 'ElementaryTypeName') return { kind: 'none' };
  if (c.type !== 'MemberAccess' || !isNode(c.expression)) return { kind: 'opaque' };
  const name = String(c.memberName);
  const receiver = unparen(c.expression);
  const args = callArguments(call);
  const base = { legacy, resolved: false, self: false, receiver, token: false, static: false, delegate: false };
  if (LOW_LEVEL.has(name)) {
    return external({
      ...base,
      kind: 'low-level',
      name,
      payment: name === 'call' && noCalldata(args),
      value: name === 'delegatecall' || name === 'staticcall' ? 'no' : valueExpr ? amountFlow(valueExpr) : 'no',
      valueExpr,
      delegate: name === 'delegatecall' || name === 'callcode',
      static: name === 'staticcall',
    });
  }
  if ((name === 'send' || name === 'transfer') && args.length === 1)
    return external({ ...base, kind: name, name, payment: true, value: amountFlow(args[0]), valueExpr: args[0] });
  const lib = receiver.type === 'Identifier' && /^[A-Z]/.test(String(receiver.name)) ? String(receiver.name) : undefined;
  const wrapped = wrapper(call, name, lib && (ADDRESS_LIB.test(lib) || TOKEN_LIBS.test(lib)) ? lib : undefined, !lib, false);
  if (wrapped) return wrapped;
  return { kind: 'opaque', name };
}

function receiverOf(call: Node): Node | undefined {
  let c = isNode(call.expression) ? call.expression : undefined;
  if (c?.type === 'NameValueExpression') c = isNode(c.expression) ? c.expression : undefined;
  return c?.type === 'MemberAccess' && isNode(c.expression) ? c.expression : undefined;
}

function memberName(call: Node): string | undefined {
  let c = isNode(call.expression) ? call.expression : undefined;
  if (c?.type === 'NameValueExpression') c = isNode(c.expression) ? c.expression : undefined;
  return c?.type === 'MemberAccess' && typeof c.memberName === 'string' ? c.memberName : undefined;
}
