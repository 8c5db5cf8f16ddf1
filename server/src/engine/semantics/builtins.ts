// What the language itself declares: global variables and functions (current and legacy: `now`, `sha3`,
// `suicide`, `block.blockhash`, `msg.gas`), the members of `msg`/`block`/`tx`/`abi`, and the members every
// address, array, bytes value and function has. Each is a BuiltinSymbol named as a reader would say it
// (`msg.sender`, `address.call`, `array.push`), so a caller can tell them apart by name.
import type { BuiltinSymbol } from './symbols';
import { ADDRESS, ADDRESS_PAYABLE, BOOL, BYTES, BYTES32, STRING, UINT256, UNKNOWN, type FunctionType, type SolType } from './types';

const symbols = new Map<string, BuiltinSymbol>();

/** The one symbol object for a builtin name, so that identity comparisons work. */
export function builtin(name: string): BuiltinSymbol {
  let s = symbols.get(name);
  if (!s) symbols.set(name, (s = { kind: 'builtin', name }));
  return s;
}

function fn(name: string, params: SolType[], returns: SolType[], mutability: FunctionType['mutability'] = 'pure'): FunctionType {
  return { kind: 'function', params, returns, visibility: 'internal', mutability, declaration: builtin(name), builtin: name };
}

const BYTES4: SolType = { kind: 'fixedBytes', size: 4 };
const BYTES20: SolType = { kind: 'fixedBytes', size: 20 };
const VARIADIC: SolType[] = [];

/** Names visible everywhere unless a declaration shadows them. */
const GLOBALS: Record<string, SolType> = {
  msg: { kind: 'magic', name: 'msg' },
  block: { kind: 'magic', name: 'block' },
  tx: { kind: 'magic', name: 'tx' },
  abi: { kind: 'magic', name: 'abi' },
  now: UINT256,
  require: fn('require', VARIADIC, []),
  assert: fn('assert', [BOOL], []),
  revert: fn('revert', VARIADIC, []),
  keccak256: fn('keccak256', [BYTES], [BYTES32]),
  sha3: fn('sha3', VARIADIC, [BYTES32]),
  sha256: fn('sha256', [BYTES], [BYTES32]),
  ripemd160: fn('ripemd160', [BYTES], [BYTES20]),
  ecrecover: fn('ecrecover', [BYTES32, { kind: 'int', signed: false, bits: 8 }, BYTES32, BYTES32], [ADDRESS]),
  addmod: fn('addmod', [UINT256, UINT256, UINT256], [UINT256]),
  mulmod: fn('mulmod', [UINT256, UINT256, UINT256], [UINT256]),
  gasleft: fn('gasleft', [], [UINT256], 'view'),
  blockhash: fn('blockhash', [UINT256], [BYTES32], 'view'),
  blobhash: fn('blobhash', [UINT256], [BYTES32], 'view'),
  selfdestruct: fn('selfdestruct', [ADDRESS_PAYABLE], [], 'nonpayable'),
  suicide: fn('suicide', [ADDRESS_PAYABLE], [], 'nonpayable'),
  type: fn('type', VARIADIC, [UNKNOWN]),
};

export function globalBuiltin(name: string): { symbol: BuiltinSymbol; type: SolType } | undefined {
  const type = GLOBALS[name];
  return type ? { symbol: builtin(name), type } : undefined;
}

const MAGIC_MEMBERS: Record<string, Record<string, SolType>> = {
  msg: { sender: ADDRESS, value: UINT256, data: { kind: 'bytes', location: 'calldata' }, sig: BYTES4, gas: UINT256 },
  tx: { origin: ADDRESS, gasprice: UINT256 },
  block: {
    timestamp: UINT256,
    number: UINT256,
    difficulty: UINT256,
    prevrandao: UINT256,
    gaslimit: UINT256,
    chainid: UINT256,
    basefee: UINT256,
    blobbasefee: UINT256,
    coinbase: ADDRESS_PAYABLE,
    blockhash: fn('block.blockhash', [UINT256], [BYTES32], 'view'),
  },
  abi: {
    encode: fn('abi.encode', VARIADIC, [BYTES]),
    encodePacked: fn('abi.encodePacked', VARIADIC, [BYTES]),
    encodeWithSelector: fn('abi.encodeWithSelector', VARIADIC, [BYTES]),
    encodeWithSignature: fn('abi.encodeWithSignature', VARIADIC, [BYTES]),
    encodeCall: fn('abi.encodeCall', VARIADIC, [BYTES]),
    decode: fn('abi.decode', VARIADIC, [UNKNOWN]),
  },
};

export function magicMember(magic: string, member: string): { symbol: BuiltinSymbol; type: SolType } | undefined {
  const type = MAGIC_MEMBERS[magic]?.[member];
  return type ? { symbol: builtin(`${magic}.${member}`), type } : undefined;
}

const CALL_RESULT: SolType[] = [BOOL, BYTES];

/** Members of an address (and, in legacy code, of a contract instance used as one: `this.balance`). */
export function addressMember(member: string, payable: boolean): { symbol: BuiltinSymbol; type: SolType } | undefined {
  let type: SolType | undefined;
  switch (member) {
    case 'balance':
      type = UINT256;
      break;
    case 'code':
      type = { kind: 'bytes', location: 'memory' };
      break;
    case 'codehash':
      type = BYTES32;
      break;
    case 'call':
    case 'delegatecall':
    case 'staticcall':
    case 'callcode':
      type = fn(`address.${member}`, [BYTES], CALL_RESULT, member === 'staticcall' ? 'view' : 'payable');
      break;
    case 'send':
      type = fn('address.send', [UINT256], [BOOL], 'nonpayable');
      break;
    case 'transfer':
      type = fn('address.transfer', [UINT256], [], 'nonpayable');
      break;
  }
  // `send`/`transfer` need `address payable` since 0.5, but code being typed often lacks the `payable`.
  void payable;
  return type ? { symbol: builtin(`address.${member}`), type } : undefined;
}

/** `length`, `push`, `pop` of arrays and `bytes`; `length` of fixed-size byte arrays. */
export function arrayMember(member: string, element: SolType, kind: 'array' | 'bytes' | 'fixedBytes'): { symbol: BuiltinSymbol; type: SolType } | undefined {
  const prefix = kind === 'array' ? 'array' : kind;
  if (member === 'length') return { symbol: builtin(`${prefix}.length`), type: kind === 'fixedBytes' ? { kind: 'int', signed: false, bits: 8 } : UINT256 };
  if (kind === 'fixedBytes') return undefined;
  if (member === 'push') return { symbol: builtin(`${prefix}.push`), type: fn(`${prefix}.push`, VARIADIC, [element], 'nonpayable') };
  if (member === 'pop') return { symbol: builtin(`${prefix}.pop`), type: fn(`${prefix}.pop`, [], [], 'nonpayable') };
  return undefined;
}

/** Members of a function value: `.selector`, `.address`, and the legacy `.value(v)` / `.gas(g)` options. */
export function functionMember(member: string, f: FunctionType): { symbol: BuiltinSymbol; type: SolType } | undefined {
  switch (member) {
    case 'selector':
      return { symbol: builtin('function.selector'), type: BYTES4 };
    case 'address':
      return { symbol: builtin('function.address'), type: ADDRESS };
    case 'value':
    case 'gas':
      // `x.call.value(v)` is a function that returns the call itself, options applied.
      return { symbol: builtin(`function.${member}`), type: fn(`function.${member}`, [UINT256], [{ ...f }], f.mutability) };
  }
  return undefined;
}

/** `bytes.concat(...)` and `string.concat(...)`. */
export function typeMember(typeName: 'bytes' | 'string', member: string): { symbol: BuiltinSymbol; type: SolType } | undefined {
  if (member !== 'concat') return undefined;
  return { symbol: builtin(`${typeName}.concat`), type: fn(`${typeName}.concat`, VARIADIC, [typeName === 'bytes' ? BYTES : STRING]) };
}

/** `type(C).name`, `.creationCode`, `.runtimeCode`, `.interfaceId`; `type(uint8).min` / `.max`. */
export function metaMember(of: SolType, member: string): { symbol: BuiltinSymbol; type: SolType } | undefined {
  let type: SolType | undefined;
  if (member === 'min' || member === 'max') type = of;
  else if (member === 'name') type = STRING;
  else if (member === 'creationCode' || member === 'runtimeCode') type = { kind: 'bytes', location: 'memory' };
  else if (member === 'interfaceId') type = BYTES4;
  return type ? { symbol: builtin(`type.${member}`), type } : undefined;
}

export const VARIADIC_PARAMS = VARIADIC;
