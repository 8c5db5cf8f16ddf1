// The questions the matcher, the CLI and the summaries ask about a file: what a node refers to, its type, the
// contract and function it is in, what a contract inherits, what a call calls. Nodes are the parser's own
// objects; a node of an imported file is answered too (its file is walked on first question).
import type { Node } from '../pattern/ast';
import type { ParsedSource } from '../parse';
import type { Binder } from './binder';
import { classifyCall, type CallTarget } from './calls';
import type { FileResolution, LooseReference, Owner } from './context';
import type { Remapping } from './imports';
import { nameOffset, type ContractSymbol, type Declaration, type FileSymbols, type FunctionSymbol, type ModifierSymbol, type VariableSymbol } from './symbols';
import { UNKNOWN, type SolType } from './types';

/** What a model reads from its project (project.ts's SemanticProject). */
export interface ModelProject {
  parsed(path: string): ParsedSource | undefined;
  text(path: string): string | undefined;
  symbols(path: string): FileSymbols | undefined;
  binder(path: string): Binder | undefined;
  resolution(path: string): FileResolution | undefined;
  resolved(path: string): FileResolution | undefined;
  unitFiles(path: string): string[];
  /** Whether `file` is one of unitFiles(path); projects that can tell without a copy of the list say so. */
  inUnit?(path: string, file: string): boolean;
  /** Where an import path written in `from` leads; absent when the project cannot read files (fix-needs.ts). */
  resolveImport?(importPath: string, from: string): string | undefined;
  remappingList?(): readonly Remapping[];
}

/** A name in the text and what it refers to. */
export interface Reference {
  file: string;
  /** UTF-16 offset of the name. */
  offset: number;
  name: string;
  node: Node;
  declaration: Declaration;
}

export class SemanticModel {
  constructor(
    readonly project: ModelProject,
    /** Normalized path of the file the model is about. */
    readonly file: string,
  ) {}

  get ast(): Node | undefined {
    return (this.project.parsed(this.file)?.ast ?? undefined) as Node | undefined;
  }

  /** The contracts, interfaces and libraries this file declares. */
  contracts(): ContractSymbol[] {
    return this.project.symbols(this.file)?.contracts ?? [];
  }

  /** A contract visible in this file by name (own or imported). */
  contract(name: string): ContractSymbol | undefined {
    return this.project
      .binder(this.file)
      ?.lookupGlobal(name)
      .find((d): d is ContractSymbol => d.kind === 'contract');
  }

  /**
   * What a node refers to: for an Identifier, MemberAccess, UserDefinedTypeName, ModifierInvocation or Yul name,
   * its declaration; for a declaring node (VariableDeclaration, FunctionDefinition, ...), its own symbol.
   */
  declarationOf(node: Node): Declaration | undefined {
    const res = this.locate(node);
    if (!res) return undefined;
    return res.declarations.get(node) ?? res.locals.get(node) ?? this.project.symbols(res.file)?.byNode.get(node);
  }

  /** The type of an expression (or of a declaring node, or a type name); `unknown` when not known. */
  typeOf(node: Node): SolType {
    const res = this.locate(node);
    if (!res) return UNKNOWN;
    const t = res.types.get(node);
    if (t) return t;
    const binder = this.project.binder(res.file);
    const local = res.locals.get(node);
    if (local) return res.localTypes.get(local) ?? binder?.typeOfDeclaration(local) ?? UNKNOWN;
    const d = this.project.symbols(res.file)?.byNode.get(node);
    if (d) return binder?.typeOfDeclaration(d) ?? UNKNOWN;
    const owner = res.owners.get(node);
    return binder?.typeOfTypeName(node, owner ? (owner.kind === 'contract' ? owner : owner.contract) : undefined) ?? UNKNOWN;
  }

  /** The type of a reference to a declaration (a variable's declared type, a function's function type). */
  typeOfDeclaration(d: Declaration): SolType {
    if (d.kind === 'builtin') return UNKNOWN;
    if (d.kind === 'localVariable' || d.kind === 'assemblyLocal') {
      const t = this.project.resolved(d.file)?.localTypes.get(d);
      if (t) return t;
    }
    return this.project.binder(d.file)?.typeOfDeclaration(d) ?? UNKNOWN;
  }

  /** The contract (interface, library) a node is written in. */
  contractOf(node: Node): ContractSymbol | undefined {
    const owner = this.ownerOf(node);
    if (owner) return owner.kind === 'contract' ? owner : owner.contract;
    const res = this.locate(node);
    const d = res && this.project.symbols(res.file)?.byNode.get(node);
    return d?.kind === 'contract' ? d : d?.contract;
  }

  /** The function or modifier a node is written in. */
  functionOf(node: Node): FunctionSymbol | ModifierSymbol | undefined {
    const owner = this.ownerOf(node);
    return owner && owner.kind !== 'contract' ? owner : undefined;
  }

  private ownerOf(node: Node): Owner | undefined {
    return this.locate(node)?.owners.get(node) ?? undefined;
  }

  /** C3 linearization, most derived first (the contract itself first). */
  linearization(contract: ContractSymbol): ContractSymbol[] {
    return this.project.binder(contract.file)?.linearization(contract) ?? [contract];
  }

  /** The functions a contract has, inherited included, overridden ones left out; most derived first. */
  functionsOf(contract: ContractSymbol): FunctionSymbol[] {
    const binder = this.project.binder(contract.file);
    if (!binder) return contract.functions;
    const out: FunctionSymbol[] = [];
    const seen = new Set<string>();
    for (const c of this.linearization(contract)) {
      for (const f of c.functions) {
        const key = f.isConstructor
          ? `constructor:${c.name}`
          : `${f.isFallback ? ':fallback' : f.isReceive ? ':receive' : f.name}(${this.project.binder(f.file)?.signature(f) ?? ''})`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(f);
      }
    }
    return out;
  }

  /** State variables in storage-layout order: the most base contract's first. Constants included. */
  stateVariablesOf(contract: ContractSymbol): VariableSymbol[] {
    return [...this.linearization(contract)].reverse().flatMap((c) => c.stateVariables);
  }

  /** The modifier `name` as `contract` sees it (the most derived override). */
  lookupModifier(contract: ContractSymbol, name: string): ModifierSymbol | undefined {
    const m = this.project
      .binder(contract.file)
      ?.membersOf(contract, name)
      .find((x) => x.kind === 'modifier');
    return m?.kind === 'modifier' ? m : undefined;
  }

  /** Functions named `name` that `contract` has (inherited included), optionally with this many parameters. */
  lookupFunction(contract: ContractSymbol, name: string, arity?: number): FunctionSymbol[] {
    const all = this.project.binder(contract.file)?.membersOf(contract, name) ?? [];
    return all.filter((m): m is FunctionSymbol => m.kind === 'function' && (arity === undefined || m.parameters.length === arity));
  }

  /**
   * The definition that runs when `fn` is called internally on an instance of `contract` (virtual dispatch):
   * the most derived function with the same name and parameter types.
   */
  dispatch(fn: FunctionSymbol, contract: ContractSymbol): FunctionSymbol {
    const binder = this.project.binder(fn.file);
    const sig = binder?.signature(fn);
    const hit = this.lookupFunction(contract, fn.name).find((f) => this.project.binder(f.file)?.signature(f) === sig);
    return hit ?? fn;
  }

  /** What a FunctionCall calls. */
  resolveCall(call: Node): CallTarget {
    const res = this.locate(call);
    return res ? classifyCall(call, res) : { kind: 'unknown' };
  }

  /** UTF-16 offset of a declaration's name in its file. */
  nameOffset(d: Declaration): number | undefined {
    if (d.kind === 'builtin') return undefined;
    const text = this.project.text(d.file);
    return text === undefined ? undefined : nameOffset(d, text);
  }

  /** Every resolved name in a file (this model's file by default), in no particular order. */
  references(file = this.file): Reference[] {
    const res = this.project.resolution(file);
    if (!res) return [];
    const out: Reference[] = [];
    for (const [node, declaration] of res.declarations) {
      if (declaration.kind !== 'builtin' && declaration.node.identifier === node) continue;
      const at = referenceOffset(node);
      if (at) out.push({ file, offset: at.offset, name: at.name, node, declaration });
    }
    for (const l of res.loose as LooseReference[])
      if (l.offset !== undefined) out.push({ file, offset: l.offset, name: l.name, node: l.node, declaration: l.declaration });
    return out;
  }

  /** The declarations `references()` lists, without building a reference each (a file may hold thousands). */
  referencedDeclarations(file = this.file): Set<Declaration> {
    const out = new Set<Declaration>();
    const res = this.project.resolution(file);
    if (!res) return out;
    res.declarations.forEach((declaration, node) => {
      if (declaration.kind !== 'builtin' && declaration.node.identifier === node) return;
      if (node.range && REFERENCE_TYPES.has(node.type)) out.add(declaration);
    });
    for (const l of res.loose as LooseReference[]) if (l.offset !== undefined) out.add(l.declaration);
    return out;
  }

  /** The resolution holding `node`: this file's first, then the other files of the unit, walked as needed. */
  private locate(node: Node): FileResolution | undefined {
    const own = this.project.resolution(this.file);
    if (own && this.holds(own, node)) return own;
    // A node is one file's: where it was found before, it is found again (when that file is in this unit).
    const hint = homes.get(node);
    if (hint !== undefined && this.project.inUnit?.(this.file, hint)) {
      const res = this.project.resolution(hint);
      if (res && this.holds(res, node)) return res;
    }
    const files = this.project.unitFiles(this.file);
    for (const f of files) {
      const res = this.project.resolved(f);
      if (res && this.holds(res, node)) return this.found(node, res);
    }
    for (const f of files) {
      if (this.project.resolved(f)) continue;
      const res = this.project.resolution(f);
      if (res && this.holds(res, node)) return this.found(node, res);
    }
    return undefined;
  }

  /** Whether `res` knows `node`: its owner, declaration or local, or a symbol of its file. */
  private holds(res: FileResolution, node: Node): boolean {
    return res.owners.has(node) || res.declarations.has(node) || res.locals.has(node) || !!this.project.symbols(res.file)?.byNode.has(node);
  }

  private found(node: Node, res: FileResolution): FileResolution {
    homes.set(node, res.file);
    return res;
  }
}

/** The file whose resolution held a node of another file's unit (SemanticModel.locate). */
const homes = new WeakMap<Node, string>();

/** Where the name of a referring node is written. */
/** The nodes `referenceOffset` places. */
const REFERENCE_TYPES = new Set(['Identifier', 'MemberAccess', 'UserDefinedTypeName', 'ModifierInvocation', 'AssemblyCall']);

function referenceOffset(node: Node): { offset: number; name: string } | undefined {
  const r = node.range;
  if (!r) return undefined;
  switch (node.type) {
    case 'Identifier':
      return { offset: r[0], name: String(node.name) };
    case 'MemberAccess': {
      const name = String(node.memberName);
      return { offset: r[1] - name.length + 1, name };
    }
    case 'UserDefinedTypeName': {
      const name = String(node.namePath).split('.').pop()!.trim();
      return { offset: r[1] - name.length + 1, name };
    }
    case 'ModifierInvocation':
      return { offset: r[0], name: String(node.name) };
    case 'AssemblyCall':
      return { offset: r[0], name: String(node.functionName) };
    default:
      return undefined;
  }
}
