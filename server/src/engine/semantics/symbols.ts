// Declarations of one source unit, read from its AST alone: what each contract and the file itself declare, by
// name. Nothing here looks at another file or inside a function body, so a file's table depends only on its own
// tree and is cached by that tree object (an edit that gives a new tree gives a new table; other files keep theirs).
import type { Node } from '../pattern/ast';
import { isNode } from '../pattern/ast';

export type VariableKind =
  | 'stateVariable'
  | 'fileConstant'
  | 'parameter'
  | 'returnParameter'
  | 'localVariable'
  | 'structField'
  | 'eventParameter'
  | 'errorParameter'
  | 'assemblyLocal';

interface SymbolBase {
  name: string;
  /** The declaring AST node (ContractDefinition, FunctionDefinition, VariableDeclaration, ...). */
  node: Node;
  /** Path of the declaring file, as the project knows it. */
  file: string;
  /** The contract, interface or library that declares it; undefined at file level. */
  contract?: ContractSymbol;
}

export type ContractKind = 'contract' | 'abstract' | 'interface' | 'library';

export interface ContractSymbol extends SymbolBase {
  kind: 'contract';
  contractKind: ContractKind;
  /** `is A, B(1)` as written: the base names, most base-like first. */
  baseNames: Node[];
  /** Every member by name; overloads and same-named members in declaration order. */
  members: Map<string, MemberSymbol[]>;
  functions: FunctionSymbol[];
  stateVariables: VariableSymbol[];
  modifiers: ModifierSymbol[];
  usingFor: UsingForSymbol[];
}

export interface FunctionSymbol extends SymbolBase {
  kind: 'function';
  /** '' for constructor, fallback and receive of 0.6+ syntax; a 0.4 constructor keeps the contract's name. */
  visibility: 'default' | 'external' | 'internal' | 'public' | 'private';
  mutability: 'pure' | 'view' | 'payable' | 'nonpayable';
  isConstructor: boolean;
  isFallback: boolean;
  isReceive: boolean;
  isVirtual: boolean;
  /** Modifier invocations in the header, in order (base constructor calls included: they look the same). */
  modifiers: Node[];
  parameters: VariableSymbol[];
  returns: VariableSymbol[];
  body: Node | null;
}

export interface ModifierSymbol extends SymbolBase {
  kind: 'modifier';
  parameters: VariableSymbol[];
  body: Node | null;
  isVirtual: boolean;
}

export interface VariableSymbol extends SymbolBase {
  kind: VariableKind;
  /** Null for `var` and for names whose type the parser lost. */
  typeName: Node | null;
  constant: boolean;
  immutable: boolean;
  transient: boolean;
  visibility: 'default' | 'public' | 'internal' | 'private' | 'external';
  storageLocation: 'storage' | 'memory' | 'calldata' | null;
  /** The function, modifier, event, error or struct the variable belongs to, when it is not a state variable. */
  owner?: FunctionSymbol | ModifierSymbol | EventSymbol | ErrorSymbol | StructSymbol;
}

export interface EventSymbol extends SymbolBase {
  kind: 'event';
  parameters: VariableSymbol[];
}

export interface ErrorSymbol extends SymbolBase {
  kind: 'error';
  parameters: VariableSymbol[];
}

export interface StructSymbol extends SymbolBase {
  kind: 'struct';
  fields: VariableSymbol[];
}

export interface EnumSymbol extends SymbolBase {
  kind: 'enum';
  values: EnumValueSymbol[];
}

export interface EnumValueSymbol extends SymbolBase {
  kind: 'enumValue';
  enum: EnumSymbol;
}

/** `type Price is uint128;` */
export interface UserTypeSymbol extends SymbolBase {
  kind: 'userType';
  underlying: Node | null;
}

export interface UsingForSymbol {
  kind: 'usingFor';
  node: Node;
  file: string;
  contract?: ContractSymbol;
  /** `using L for T`: the library's name path. */
  library: string | null;
  /** `using {f, g as +} for T`: the function name paths. */
  functions: string[];
  /** null for `*`. */
  typeName: Node | null;
  global: boolean;
}

/** `import "x.sol" as X;` / `import * as X from "x.sol";` */
export interface ModuleSymbol extends SymbolBase {
  kind: 'module';
  /** The import directive. */
  node: Node;
}

export interface BuiltinSymbol {
  kind: 'builtin';
  /** `msg.sender`, `require`, `address.call`, `array.push`, ... */
  name: string;
  node?: undefined;
  file?: undefined;
  contract?: undefined;
}

export type MemberSymbol = FunctionSymbol | ModifierSymbol | VariableSymbol | EventSymbol | ErrorSymbol | StructSymbol | EnumSymbol | UserTypeSymbol;

export type Declaration = ContractSymbol | MemberSymbol | EnumValueSymbol | ModuleSymbol | BuiltinSymbol;

export interface FileSymbols {
  file: string;
  ast: Node;
  /** Top-level declarations by name (free functions may be overloaded). */
  globals: Map<string, Declaration[]>;
  contracts: ContractSymbol[];
  imports: Node[];
  /** File-level `using ... for ...` (with or without `global`). */
  usingFor: UsingForSymbol[];
  /**
   * Every symbol declared in the file, by its declaring node (and the name's Identifier node, where the parser
   * has one): parameters, fields and enum values included.
   */
  byNode: Map<Node, Declaration>;
}

const cache = new WeakMap<object, Map<string, FileSymbols>>();

/** The declaration table of a source unit. The same tree object gives the same table. */
export function fileSymbols(ast: Node, file: string): FileSymbols {
  let perPath = cache.get(ast);
  if (!perPath) cache.set(ast, (perPath = new Map()));
  let table = perPath.get(file);
  if (!table) perPath.set(file, (table = buildFileSymbols(ast, file)));
  return table;
}

/**
 * A table of its own, not the one `fileSymbols` shares: a project carries its table over to the next version of
 * the tree by moving its symbols to the new nodes (incremental.ts), which other holders of the tree must not see.
 */
export function buildFileSymbols(ast: Node, file: string): FileSymbols {
  const table: FileSymbols = { file, ast, globals: new Map(), contracts: [], imports: [], usingFor: [], byNode: new Map() };
  const addGlobal = (d: Declaration & { name: string }) => push(table.globals, d.name, d);
  for (const child of nodes(ast.children)) {
    switch (child.type) {
      case 'ImportDirective':
        table.imports.push(child);
        break;
      case 'ContractDefinition': {
        const c = contractSymbol(child, file, table);
        table.contracts.push(c);
        addGlobal(c);
        break;
      }
      case 'UsingForDeclaration':
        table.usingFor.push(usingForSymbol(child, file));
        break;
      default: {
        const d = memberSymbol(child, file, undefined, table);
        if (d) addGlobal(d);
      }
    }
  }
  return table;
}

function contractSymbol(node: Node, file: string, table: FileSymbols): ContractSymbol {
  const kind = String(node.kind ?? 'contract');
  const c: ContractSymbol = {
    kind: 'contract',
    name: String(node.name ?? ''),
    node,
    file,
    contractKind: kind === 'interface' || kind === 'library' || kind === 'abstract' ? kind : 'contract',
    baseNames: baseNamesOf(node),
    members: new Map(),
    functions: [],
    stateVariables: [],
    modifiers: [],
    usingFor: [],
  };
  table.byNode.set(node, c);
  for (const sub of nodes(node.subNodes)) {
    if (sub.type === 'UsingForDeclaration') {
      c.usingFor.push(usingForSymbol(sub, file, c));
      continue;
    }
    if (sub.type === 'StateVariableDeclaration') {
      for (const v of nodes(sub.variables)) {
        const sym = variableSymbol(v, 'stateVariable', file, c);
        c.stateVariables.push(sym);
        push(c.members, sym.name, sym);
        table.byNode.set(v, sym);
        if (isNode(v.identifier)) table.byNode.set(v.identifier, sym);
      }
      continue;
    }
    const m = memberSymbol(sub, file, c, table);
    if (m) listMember(c, m);
  }
  return c;
}

/** A member in its contract's lists: by name, and among its functions or modifiers. */
function listMember(c: ContractSymbol, m: MemberSymbol): void {
  push(c.members, m.name, m);
  if (m.kind === 'function') c.functions.push(m);
  else if (m.kind === 'modifier') c.modifiers.push(m);
}

/**
 * A function or modifier that appeared in a contract whose other members stay (incremental.ts): its symbols go
 * into the table, and the contract's member lists are rebuilt in declaration order from the symbols it holds.
 */
export function declareMember(node: Node, contract: ContractSymbol, table: FileSymbols): void {
  memberSymbol(node, table.file, contract, table);
}

/** A contract's member lists again, in declaration order, from the table's symbols of its (current) nodes. */
export function relistMembers(c: ContractSymbol, table: FileSymbols): void {
  c.members.clear();
  c.functions.length = 0;
  c.modifiers.length = 0;
  for (const sub of nodes(c.node.subNodes)) {
    if (sub.type === 'UsingForDeclaration') continue;
    if (sub.type === 'StateVariableDeclaration') {
      for (const v of nodes(sub.variables)) {
        const sym = table.byNode.get(v);
        if (sym && sym.kind === 'stateVariable') push(c.members, sym.name, sym);
      }
      continue;
    }
    const m = table.byNode.get(sub);
    if (!m || m.kind === 'builtin' || m.kind === 'contract' || m.kind === 'module' || m.kind === 'enumValue' || m.node !== sub) continue;
    listMember(c, m);
  }
}

function memberSymbol(node: Node, file: string, contract: ContractSymbol | undefined, table: FileSymbols): MemberSymbol | undefined {
  const name = typeof node.name === 'string' ? node.name : '';
  const base = { name, node, file, contract };
  let sym: MemberSymbol;
  switch (node.type) {
    case 'FunctionDefinition': {
      const f: FunctionSymbol = {
        ...base,
        kind: 'function',
        visibility: (node.visibility as FunctionSymbol['visibility']) ?? 'default',
        mutability: mutabilityOf(node.stateMutability),
        isConstructor: node.isConstructor === true,
        isFallback: node.isFallback === true,
        isReceive: node.isReceiveEther === true,
        isVirtual: node.isVirtual === true,
        modifiers: nodes(node.modifiers),
        parameters: [],
        returns: [],
        body: bodyOf(node),
      };
      f.parameters = params(node.parameters, 'parameter', file, contract, f, table);
      f.returns = params(node.returnParameters, 'returnParameter', file, contract, f, table);
      sym = f;
      break;
    }
    case 'ModifierDefinition': {
      const m: ModifierSymbol = { ...base, kind: 'modifier', parameters: [], body: bodyOf(node), isVirtual: node.isVirtual === true };
      m.parameters = params(node.parameters, 'parameter', file, contract, m, table);
      sym = m;
      break;
    }
    case 'EventDefinition': {
      const e: EventSymbol = { ...base, kind: 'event', parameters: [] };
      e.parameters = params(node.parameters, 'eventParameter', file, contract, e, table);
      sym = e;
      break;
    }
    case 'CustomErrorDefinition': {
      const e: ErrorSymbol = { ...base, kind: 'error', parameters: [] };
      e.parameters = params(node.parameters, 'errorParameter', file, contract, e, table);
      sym = e;
      break;
    }
    case 'StructDefinition': {
      const s: StructSymbol = { ...base, kind: 'struct', fields: [] };
      s.fields = params(node.members, 'structField', file, contract, s, table);
      sym = s;
      break;
    }
    case 'EnumDefinition': {
      const e: EnumSymbol = { ...base, kind: 'enum', values: [] };
      for (const v of nodes(node.members)) {
        const value: EnumValueSymbol = { kind: 'enumValue', name: String(v.name ?? ''), node: v, file, contract, enum: e };
        e.values.push(value);
        table.byNode.set(v, value);
      }
      sym = e;
      break;
    }
    case 'TypeDefinition':
      sym = { ...base, kind: 'userType', underlying: underlyingOf(node) };
      break;
    case 'FileLevelConstant':
      sym = {
        ...base,
        kind: 'fileConstant',
        typeName: constantTypeName(node),
        constant: node.isDeclaredConst === true,
        immutable: node.isImmutable === true,
        transient: false,
        visibility: 'internal',
        storageLocation: null,
      };
      break;
    default:
      return undefined;
  }
  table.byNode.set(node, sym);
  return sym;
}

function params(
  list: unknown,
  kind: VariableKind,
  file: string,
  contract: ContractSymbol | undefined,
  owner: VariableSymbol['owner'],
  table: FileSymbols,
): VariableSymbol[] {
  return nodes(list).map((v) => {
    const sym = variableSymbol(v, kind, file, contract, owner);
    table.byNode.set(v, sym);
    if (isNode(v.identifier)) table.byNode.set(v.identifier, sym);
    return sym;
  });
}

export function variableSymbol(
  v: Node,
  kind: VariableKind,
  file: string,
  contract: ContractSymbol | undefined,
  owner?: VariableSymbol['owner'],
): VariableSymbol {
  const location = v.storageLocation;
  const typeName = variableTypeName(v);
  return {
    kind,
    name: typeof v.name === 'string' ? v.name : '',
    node: v,
    file,
    contract,
    owner,
    typeName,
    constant: v.isDeclaredConst === true,
    immutable: v.isImmutable === true,
    transient: v.isTransient === true,
    visibility: (v.visibility as VariableSymbol['visibility']) ?? 'default',
    storageLocation: location === 'storage' || location === 'memory' || location === 'calldata' ? location : null,
  };
}

function usingForSymbol(node: Node, file: string, contract?: ContractSymbol): UsingForSymbol {
  return {
    kind: 'usingFor',
    node,
    file,
    contract,
    library: typeof node.libraryName === 'string' ? node.libraryName : null,
    functions: Array.isArray(node.functions) ? node.functions.filter((f): f is string => typeof f === 'string') : [],
    typeName: isNode(node.typeName) ? node.typeName : null,
    global: node.isGlobal === true,
  };
}

// What a symbol reads from its node: shared by the table's construction and by moveSymbol.
const bodyOf = (node: Node): Node | null => (isNode(node.body) ? node.body : null);
const baseNamesOf = (node: Node): Node[] => nodes(node.baseContracts).map((b) => (isNode(b.baseName) ? b.baseName : b));
const underlyingOf = (node: Node): Node | null => (isNode(node.definition) ? node.definition : null);
const constantTypeName = (node: Node): Node | null => (isNode(node.typeName) ? node.typeName : null);
const variableTypeName = (v: Node): Node | null =>
  isNode(v.typeName) && !(v.typeName.type === 'ElementaryTypeName' && v.typeName.name === 'var') ? v.typeName : null;

/**
 * Points a symbol at `node`, its declaring node in the next version of the tree (the same text, moved), and
 * re-reads the nodes it keeps from there: the symbol object, and so everything that refers to it, stays.
 */
export function moveSymbol(d: Exclude<Declaration, BuiltinSymbol> | UsingForSymbol, node: Node): void {
  d.node = node;
  switch (d.kind) {
    case 'contract':
      d.baseNames = baseNamesOf(node);
      return;
    case 'function':
      d.modifiers = nodes(node.modifiers);
      d.body = bodyOf(node);
      return;
    case 'modifier':
      d.body = bodyOf(node);
      return;
    case 'userType':
      d.underlying = underlyingOf(node);
      return;
    case 'usingFor':
      d.typeName = isNode(node.typeName) ? node.typeName : null;
      return;
    case 'fileConstant':
      d.typeName = constantTypeName(node);
      return;
    case 'assemblyLocal':
      // Yul names have no type name (yul.ts).
      return;
    case 'stateVariable':
    case 'parameter':
    case 'returnParameter':
    case 'localVariable':
    case 'structField':
    case 'eventParameter':
    case 'errorParameter':
      d.typeName = variableTypeName(node);
      return;
  }
}

function mutabilityOf(m: unknown): FunctionSymbol['mutability'] {
  if (m === 'pure' || m === 'view' || m === 'payable') return m;
  if (m === 'constant') return 'view';
  return 'nonpayable';
}

export function nodes(list: unknown): Node[] {
  return Array.isArray(list) ? list.filter(isNode) : [];
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * UTF-16 offset where a declaration's name is written in its file's text, for declarations whose node has no
 * name node of its own (the parser keeps `name` as a string on contracts, functions, events, ...).
 */
export function nameOffset(decl: Declaration, text: string): number | undefined {
  if (decl.kind === 'builtin') return undefined;
  const node = decl.node;
  const ident = node.identifier;
  if (isNode(ident) && ident.range) return ident.range[0];
  if (!node.range || !decl.name) return undefined;
  const [start, end] = node.range;
  if (decl.kind === 'enumValue') return start;
  if (decl.kind === 'module') {
    const alias = node.unitAliasIdentifier;
    return isNode(alias) && alias.range ? alias.range[0] : undefined;
  }
  // The first whole-word occurrence from `start`, as /\bname\b/ finds it, without compiling a regex per question.
  for (let at = text.indexOf(decl.name, start); at >= 0; at = text.indexOf(decl.name, at + 1))
    if (wordEdge(text, at) && wordEdge(text, at + decl.name.length)) return at <= end ? at : undefined;
  return undefined;
}

/** Whether a regex `\b` holds at offset `at`: a word character on one side only. */
function wordEdge(text: string, at: number): boolean {
  const word = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return word(text.charCodeAt(at - 1)) !== word(text.charCodeAt(at));
}
