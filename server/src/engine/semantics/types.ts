// Solidity types as the model knows them, without a compiler: what a type name says, and `unknown` wherever
// a piece is missing or could not be resolved. Types of reference kind carry the data location when known.
import type { ContractSymbol, EnumSymbol, FunctionSymbol, StructSymbol, UserTypeSymbol, Declaration } from './symbols';

export type DataLocation = 'storage' | 'memory' | 'calldata';

export type SolType =
  | { kind: 'address'; payable: boolean }
  | { kind: 'bool' }
  | { kind: 'int'; signed: boolean; bits: number; literal?: boolean }
  | { kind: 'fixedBytes'; size: number }
  | { kind: 'bytes'; location?: DataLocation }
  | { kind: 'string'; location?: DataLocation; literal?: boolean }
  | { kind: 'fixed'; name: string }
  /** An instance of a contract or interface (`IERC20 token`); a library only appears as `type`. */
  | { kind: 'contract'; contract: ContractSymbol; isSuper?: boolean }
  | { kind: 'struct'; struct: StructSymbol; location?: DataLocation }
  | { kind: 'enum'; enum: EnumSymbol }
  | { kind: 'userType'; type: UserTypeSymbol; underlying: SolType }
  | { kind: 'mapping'; key: SolType; value: SolType; location?: DataLocation }
  /** `length` is null for a dynamic array and undefined when the length expression is not a plain number. */
  | { kind: 'array'; base: SolType; length?: number | null; location?: DataLocation }
  | FunctionType
  | { kind: 'tuple'; members: Array<SolType | null> }
  /** An expression that names a type: `IERC20` in `IERC20(x)`, `uint8` in `uint8(y)`, a struct or enum name. */
  | { kind: 'type'; type: SolType }
  /** `X` of `import "f.sol" as X`. */
  | { kind: 'module'; file: string }
  /** `msg`, `block`, `tx`, `abi`, and `type(T)` (with `of`). */
  | { kind: 'magic'; name: 'msg' | 'block' | 'tx' | 'abi' | 'meta'; of?: SolType }
  | { kind: 'modifier' }
  | { kind: 'unknown' };

export interface FunctionType {
  kind: 'function';
  params: SolType[];
  returns: SolType[];
  visibility: 'internal' | 'external' | 'default' | 'public' | 'private';
  mutability: 'pure' | 'view' | 'payable' | 'nonpayable';
  /** The declaration called, when the function is a named one (or a builtin). */
  declaration?: Declaration;
  /** Called on a value bound as its first argument (`using L for T`, `x.add(y)`). */
  bound?: boolean;
  /** Address members and `.value()`/`.gas()` in legacy syntax return the same function. */
  builtin?: string;
}

export const UNKNOWN: SolType = { kind: 'unknown' };
export const BOOL: SolType = { kind: 'bool' };
export const UINT256: SolType = { kind: 'int', signed: false, bits: 256 };
export const ADDRESS: SolType = { kind: 'address', payable: false };
export const ADDRESS_PAYABLE: SolType = { kind: 'address', payable: true };
export const BYTES: SolType = { kind: 'bytes' };
export const BYTES32: SolType = { kind: 'fixedBytes', size: 32 };
export const STRING: SolType = { kind: 'string' };

/** An elementary type name (`uint`, `address payable`, `bytes4`, ...) as a type; unknown for names it does not know. */
export function elementaryType(name: string, stateMutability?: string | null): SolType {
  switch (name) {
    case 'address':
      return { kind: 'address', payable: stateMutability === 'payable' };
    case 'bool':
      return BOOL;
    case 'string':
      return STRING;
    case 'bytes':
      return BYTES;
    case 'byte':
      return { kind: 'fixedBytes', size: 1 };
    case 'uint':
      return UINT256;
    case 'int':
      return { kind: 'int', signed: true, bits: 256 };
  }
  let m = /^(u?)int(\d+)$/.exec(name);
  if (m) return { kind: 'int', signed: m[1] !== 'u', bits: Number(m[2]) };
  m = /^bytes(\d+)$/.exec(name);
  if (m) return { kind: 'fixedBytes', size: Number(m[1]) };
  if (/^u?fixed/.test(name)) return { kind: 'fixed', name };
  return UNKNOWN;
}

export function withLocation(t: SolType, location: DataLocation | undefined): SolType {
  if (!location) return t;
  switch (t.kind) {
    case 'bytes':
    case 'string':
    case 'struct':
    case 'mapping':
    case 'array':
      return t.location === location ? t : { ...t, location };
    default:
      return t;
  }
}

export function locationOf(t: SolType): DataLocation | undefined {
  return 'location' in t ? t.location : undefined;
}

/** The Solidity spelling of a type, without data locations: `mapping(address => uint256)`, `contract IERC20`. */
export function typeToString(t: SolType): string {
  switch (t.kind) {
    case 'address':
      return t.payable ? 'address payable' : 'address';
    case 'int':
      return t.literal ? 'int_const' : `${t.signed ? 'int' : 'uint'}${t.bits}`;
    case 'fixedBytes':
      return `bytes${t.size}`;
    case 'string':
      return t.literal ? 'literal_string' : 'string';
    case 'fixed':
      return t.name;
    case 'contract':
      return `${t.isSuper ? 'super ' : ''}${t.contract.contractKind === 'library' ? 'library' : t.contract.contractKind === 'interface' ? 'interface' : 'contract'} ${t.contract.name}`;
    case 'struct':
      return `struct ${qualified(t.struct)}`;
    case 'enum':
      return `enum ${qualified(t.enum)}`;
    case 'userType':
      return qualified(t.type);
    case 'mapping':
      return `mapping(${typeToString(t.key)} => ${typeToString(t.value)})`;
    case 'array':
      return `${typeToString(t.base)}[${t.length === null ? '' : (t.length ?? '?')}]`;
    case 'function':
      return `function (${t.params.map(typeToString).join(',')})${t.returns.length ? ` returns (${t.returns.map(typeToString).join(',')})` : ''}`;
    case 'tuple':
      return `tuple(${t.members.map((m) => (m ? typeToString(m) : '')).join(',')})`;
    case 'type':
      return `type(${typeToString(t.type)})`;
    case 'module':
      return `module "${t.file}"`;
    case 'magic':
      return t.of ? `type(${typeToString(t.of)})` : t.name;
    default:
      return t.kind;
  }
}

function qualified(d: { name: string; contract?: ContractSymbol }): string {
  return d.contract ? `${d.contract.name}.${d.name}` : d.name;
}

/** Same type, ignoring data location and literal-ness (used to match overloads and `using ... for`). */
export function sameType(a: SolType, b: SolType): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'contract':
      return a.contract === (b as typeof a).contract;
    case 'struct':
      return a.struct === (b as typeof a).struct;
    case 'enum':
      return a.enum === (b as typeof a).enum;
    case 'userType':
      return a.type === (b as typeof a).type;
    case 'int':
      return a.signed === (b as typeof a).signed && a.bits === (b as typeof a).bits;
    case 'address':
      return true;
    case 'array':
      return sameType(a.base, (b as typeof a).base) && (a.length ?? null) === ((b as typeof a).length ?? null);
    case 'mapping':
      return sameType(a.key, (b as typeof a).key) && sameType(a.value, (b as typeof a).value);
    default:
      return typeToString(a) === typeToString(b);
  }
}

/**
 * How well a value of type `from` fits a parameter of type `to`: 2 the same type, 1 convertible implicitly or
 * not known, 0 not at all. Overload choice picks the highest total.
 */
export function fitness(from: SolType, to: SolType, inherits: (a: ContractSymbol, b: ContractSymbol) => boolean = (a, b) => a === b): number {
  if (from.kind === 'unknown' || to.kind === 'unknown') return 1;
  if (sameType(from, to)) return 2;
  if (from.kind === 'int' && to.kind === 'int') {
    if (from.literal) return 1;
    return from.signed === to.signed && from.bits <= to.bits ? 1 : 0;
  }
  if (from.kind === 'int' && from.literal && (to.kind === 'fixedBytes' || to.kind === 'address' || to.kind === 'enum')) return 1;
  if (from.kind === 'contract' && to.kind === 'contract') return inherits(from.contract, to.contract) ? 1 : 0;
  if (from.kind === 'contract' && to.kind === 'address') return 1;
  if (from.kind === 'string' && (to.kind === 'bytes' || to.kind === 'fixedBytes') && from.literal) return 1;
  if (from.kind === 'fixedBytes' && to.kind === 'fixedBytes') return from.size <= to.size ? 1 : 0;
  if (from.kind === 'tuple' || to.kind === 'tuple') return 1;
  return 0;
}

/** The type a function returns: nothing, its one value, or a tuple of them. */
export function returnType(t: SolType): SolType {
  if (t.kind !== 'function') return UNKNOWN;
  if (t.returns.length === 1) return t.returns[0];
  return { kind: 'tuple', members: t.returns };
}

export function isAddressLike(t: SolType): boolean {
  return t.kind === 'address' || t.kind === 'contract';
}

export function functionTypeOf(f: FunctionSymbol, params: SolType[], returns: SolType[]): FunctionType {
  return { kind: 'function', params, returns, visibility: f.visibility, mutability: f.mutability, declaration: f };
}
