// Names outside function bodies, for one file: what a global name means in the file (its own declarations and
// what its imports bring in), what a contract sees (its linearized bases' members, then the file), what a type
// name denotes, and the type of each declaration. One Binder per version of a file and of what it imports;
// everything is computed on first use and kept until the project drops the binder.
import type { Node } from '../pattern/ast';
import { isNode } from '../pattern/ast';
import { builtin } from './builtins';
import { linearize } from './linearize';
import type { ContractSymbol, Declaration, FileSymbols, FunctionSymbol, MemberSymbol, ModuleSymbol, VariableSymbol } from './symbols';
import { nodes } from './symbols';
import { elementaryType, UNKNOWN, withLocation, typeToString, type SolType, type FunctionType } from './types';

/** What a binder needs from the project: other files' tables and binders, and where imports lead. */
export interface ProjectAccess {
  symbols(path: string): FileSymbols | undefined;
  binder(path: string): Binder | undefined;
  importTarget(from: string, directive: Node): string | undefined;
}

export class Binder {
  private readonly globals = new Map<string, Declaration[]>();
  private readonly linearizations = new Map<ContractSymbol, ContractSymbol[]>();
  private readonly memberCache = new Map<ContractSymbol, Map<string, MemberSymbol[]>>();
  // Weak: a binder outlives many versions of a body (incremental.ts), and the locals each version declares.
  private readonly declTypes = new WeakMap<Declaration, SolType>();
  private readonly signatures = new Map<FunctionSymbol, string>();
  private readonly modules = new Map<Node, ModuleSymbol>();

  constructor(
    readonly table: FileSymbols,
    private readonly project: ProjectAccess,
  ) {}

  /** A contract's member set changed (incremental.ts): what each contract sees is looked up again. */
  forgetMembers(): void {
    this.memberCache.clear();
  }

  get file(): string {
    return this.table.file;
  }

  /** A global name of this file: its own top-level declarations, else what the imports make visible. */
  lookupGlobal(name: string, visiting?: Set<string>): Declaration[] {
    const cached = this.globals.get(name);
    if (cached) return cached;
    const seen = visiting ?? new Set<string>();
    if (seen.has(this.file)) return [];
    seen.add(this.file);
    let found = this.table.globals.get(name) ?? [];
    if (!found.length) {
      for (const imp of this.table.imports) {
        const hit = this.throughImport(imp, name, seen);
        if (hit.length) {
          found = hit;
          break;
        }
      }
    }
    seen.delete(this.file);
    // A result found while another file was mid-lookup may be cut short by the cycle guard: keep only complete ones.
    if (!visiting || found.length) this.globals.set(name, found);
    return found;
  }

  private throughImport(imp: Node, name: string, seen: Set<string>): Declaration[] {
    const target = () => this.project.importTarget(this.file, imp);
    if (typeof imp.unitAlias === 'string' && imp.unitAlias) {
      return imp.unitAlias === name ? [this.moduleOf(imp)] : [];
    }
    const aliases = Array.isArray(imp.symbolAliases) ? (imp.symbolAliases as Array<[string, string | null]>) : null;
    if (aliases) {
      for (const [original, alias] of aliases) {
        if ((alias ?? original) !== name) continue;
        const path = target();
        const other = path ? this.project.binder(path) : undefined;
        return other ? other.lookupGlobal(original, seen) : [];
      }
      return [];
    }
    const path = target();
    const other = path ? this.project.binder(path) : undefined;
    return other ? other.lookupGlobal(name, seen) : [];
  }

  moduleOf(imp: Node): ModuleSymbol {
    let m = this.modules.get(imp);
    if (!m) this.modules.set(imp, (m = { kind: 'module', name: String(imp.unitAlias ?? ''), node: imp, file: this.file }));
    return m;
  }

  /** The same import directive in the next version of the tree (its text unchanged, moved): its module follows. */
  moveImport(old: Node, next: Node): void {
    const m = this.modules.get(old);
    if (!m) return;
    this.modules.delete(old);
    m.node = next;
    this.modules.set(next, m);
  }

  /** The file a module alias stands for. */
  moduleTarget(m: ModuleSymbol): string | undefined {
    return this.project.importTarget(m.file, m.node);
  }

  /** A name seen from inside `contract` (or at file level when undefined): its members first, then the file. */
  lookup(name: string, contract?: ContractSymbol): Declaration[] {
    if (contract) {
      const members = this.membersOf(contract, name);
      if (members.length) return members;
      if (contract.name === name) return [contract];
    }
    return this.lookupGlobal(name);
  }

  /** `A.B.C` as written in a type name, a base list, `using L for`, or an override list. */
  lookupPath(path: string, contract?: ContractSymbol): Declaration[] {
    const parts = path.split('.').map((p) => p.trim());
    let found = this.lookup(parts[0], contract);
    for (let i = 1; i < parts.length && found.length; i++) found = this.memberOfDeclaration(found[0], parts[i]);
    return found;
  }

  /** A named member of a contract, module, or enum used as a namespace (`Lib.S`, `X.Foo`, `E.A`). */
  memberOfDeclaration(d: Declaration, name: string): Declaration[] {
    switch (d.kind) {
      case 'contract':
        return this.membersOf(d, name);
      case 'module': {
        const path = this.project.binder(d.file)?.moduleTarget(d);
        const b = path ? this.project.binder(path) : undefined;
        return b ? b.lookupGlobal(name) : [];
      }
      case 'enum': {
        const v = d.values.find((x) => x.name === name);
        return v ? [v] : [];
      }
      default:
        return [];
    }
  }

  /** Base contracts, resolved in the file that declares `contract`. */
  basesOf(contract: ContractSymbol): ContractSymbol[] {
    const b = contract.file === this.file ? this : this.project.binder(contract.file);
    if (!b) return [];
    const out: ContractSymbol[] = [];
    for (const base of contract.baseNames) {
      const path = typeof base.namePath === 'string' ? base.namePath : typeof base.name === 'string' ? base.name : '';
      const hit = b.lookupPath(path).find((d): d is ContractSymbol => d.kind === 'contract');
      if (hit && hit !== contract) out.push(hit);
    }
    return out;
  }

  /** C3 linearization, most derived first. */
  linearization(contract: ContractSymbol): ContractSymbol[] {
    if (contract.file !== this.file) return this.project.binder(contract.file)?.linearization(contract) ?? [contract];
    let lin = this.linearizations.get(contract);
    if (!lin) {
      lin = linearize(contract, (c) => (c.file === this.file ? this.basesOf(c) : (this.project.binder(c.file)?.basesOf(c) ?? [])));
      this.linearizations.set(contract, lin);
    }
    return lin;
  }

  /**
   * Members named `name` visible in `contract`, most derived first: every overload that is not overridden by a
   * more derived one with the same parameter types; for other kinds, the most derived declaration.
   */
  membersOf(contract: ContractSymbol, name: string): MemberSymbol[] {
    let perName = this.memberCache.get(contract);
    if (!perName) this.memberCache.set(contract, (perName = new Map()));
    const cached = perName.get(name);
    if (cached) return cached;
    const out: MemberSymbol[] = [];
    const sigs = new Set<string>();
    let variable = false;
    const lin = this.linearization(contract);
    for (let i = 0; i < lin.length; i++) {
      const ms = lin[i].members.get(name);
      if (!ms) continue;
      for (let j = 0; j < ms.length; j++) {
        const m = ms[j];
        if (m.kind === 'function' || m.kind === 'event' || m.kind === 'error') {
          if (variable && m.kind === 'function') continue;
          const sig = `${m.kind}(${this.project.binder(m.file)?.signature(m) ?? ''})`;
          if (sigs.has(sig)) continue;
          sigs.add(sig);
          out.push(m);
        } else if (!out.some((o) => o.kind === m.kind || (o.kind !== 'function' && o.kind !== 'event' && o.kind !== 'error'))) {
          if (m.kind === 'stateVariable') variable = true;
          out.push(m);
        }
      }
    }
    perName.set(name, out);
    return out;
  }

  /** Parameter types of a function, event or error, as text: what overriding compares. */
  signature(f: MemberSymbol): string {
    if (f.kind !== 'function' && f.kind !== 'event' && f.kind !== 'error') return '';
    if (f.kind !== 'function') return f.parameters.map((p) => typeToString(this.typeOfDeclaration(p))).join(',');
    let sig = this.signatures.get(f);
    if (sig === undefined) {
      sig = f.parameters.map((p) => typeToString(this.typeOfDeclaration(p))).join(',');
      this.signatures.set(f, sig);
    }
    return sig;
  }

  /** What a type name denotes, its user-defined names looked up from `contract` (or the file). */
  typeOfTypeName(tn: Node | null | undefined, contract?: ContractSymbol): SolType {
    if (!tn) return UNKNOWN;
    switch (tn.type) {
      case 'ElementaryTypeName':
        return elementaryType(String(tn.name), tn.stateMutability as string | null);
      case 'UserDefinedTypeName': {
        const d = this.lookupPath(String(tn.namePath ?? ''), contract)[0];
        return d ? this.instanceType(d) : UNKNOWN;
      }
      case 'Mapping':
        return { kind: 'mapping', key: this.typeOfTypeName(tn.keyType as Node, contract), value: this.typeOfTypeName(tn.valueType as Node, contract) };
      case 'ArrayTypeName': {
        const len = tn.length;
        const length =
          len === null || len === undefined
            ? null
            : isNode(len) && len.type === 'NumberLiteral' && /^\d+$/.test(String(len.number))
              ? Number(len.number)
              : undefined;
        return { kind: 'array', base: this.typeOfTypeName(tn.baseTypeName as Node, contract), length };
      }
      case 'FunctionTypeName':
        return {
          kind: 'function',
          params: nodes(tn.parameterTypes).map((p) => this.typeOfTypeName(p.typeName as Node, contract)),
          returns: nodes(tn.returnTypes).map((p) => this.typeOfTypeName(p.typeName as Node, contract)),
          visibility: tn.visibility === 'external' ? 'external' : 'internal',
          mutability: tn.stateMutability === 'pure' || tn.stateMutability === 'view' || tn.stateMutability === 'payable' ? tn.stateMutability : 'nonpayable',
        };
      default:
        return UNKNOWN;
    }
  }

  /** The type of a value whose type is the declaration `d` (a contract, struct, enum or user type). */
  instanceType(d: Declaration): SolType {
    switch (d.kind) {
      case 'contract':
        return { kind: 'contract', contract: d };
      case 'struct':
        return { kind: 'struct', struct: d };
      case 'enum':
        return { kind: 'enum', enum: d };
      case 'userType': {
        const owner = d.file === this.file ? this : this.project.binder(d.file);
        const u = d.underlying;
        return { kind: 'userType', type: d, underlying: u ? (owner?.typeOfTypeName(u) ?? UNKNOWN) : UNKNOWN };
      }
      default:
        return UNKNOWN;
    }
  }

  /** The type of a reference to `d`; type names give `type`, functions their function type. */
  typeOfDeclaration(d: Declaration): SolType {
    if (d.kind === 'builtin') return UNKNOWN;
    if (d.file !== this.file) return this.project.binder(d.file)?.typeOfDeclaration(d) ?? UNKNOWN;
    let t = this.declTypes.get(d);
    if (t) return t;
    t = this.computeDeclType(d);
    this.declTypes.set(d, t);
    return t;
  }

  private computeDeclType(d: Exclude<Declaration, { kind: 'builtin' }>): SolType {
    switch (d.kind) {
      case 'contract':
      case 'struct':
      case 'enum':
      case 'userType':
        return { kind: 'type', type: this.instanceType(d) };
      case 'enumValue':
        return { kind: 'enum', enum: d.enum };
      case 'module': {
        const path = this.moduleTarget(d);
        return path ? { kind: 'module', file: path } : UNKNOWN;
      }
      case 'modifier':
        return { kind: 'modifier' };
      case 'function':
        return this.functionType(d);
      case 'event':
      case 'error':
        return {
          kind: 'function',
          params: d.parameters.map((p) => this.typeOfDeclaration(p)),
          returns: [],
          visibility: 'internal',
          mutability: 'nonpayable',
          declaration: d,
        };
      default:
        return this.variableType(d);
    }
  }

  functionType(f: FunctionSymbol): FunctionType {
    return {
      kind: 'function',
      params: f.parameters.map((p) => this.typeOfDeclaration(p)),
      returns: f.returns.map((p) => this.typeOfDeclaration(p)),
      visibility: f.visibility,
      mutability: f.mutability,
      declaration: f,
    };
  }

  private variableType(v: VariableSymbol): SolType {
    const t = this.typeOfTypeName(v.typeName, v.contract);
    if (v.kind === 'stateVariable') return v.constant || v.immutable ? t : withLocation(t, 'storage');
    if (v.kind === 'structField') return t;
    if (v.storageLocation) return withLocation(t, v.storageLocation);
    // Before 0.5 a local of reference type without a location was a storage pointer.
    if (v.kind === 'localVariable' && (t.kind === 'struct' || t.kind === 'array' || t.kind === 'mapping')) return withLocation(t, 'storage');
    if (t.kind === 'mapping') return withLocation(t, 'storage');
    return t;
  }

  /** `using ... for ...` directives in force in `contract` (own, and bases' for pre-0.7 code), then the file's. */
  usingFor(contract?: ContractSymbol) {
    const out = contract ? this.linearization(contract).flatMap((c) => c.usingFor) : [];
    return [...out, ...this.table.usingFor];
  }

  /** Modifier invocations that name a base contract are constructor calls (`constructor() Base(1)`). */
  lookupModifier(contract: ContractSymbol, name: string): MemberSymbol | ContractSymbol | undefined {
    const m = this.membersOf(contract, name).find((x) => x.kind === 'modifier');
    if (m) return m;
    return this.linearization(contract).find((c) => c.name === name);
  }
}

export function builtinDeclaration(name: string) {
  return builtin(name);
}
