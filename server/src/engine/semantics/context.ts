// What one pass over a file's bodies records, and the scope it carries while it walks. Kept apart from the
// walkers so that statements, expressions and members can each live in a file of their own.
import type { Node } from '../pattern/ast';
import type { Binder, ProjectAccess } from './binder';
import type { ContractSymbol, Declaration, FunctionSymbol, ModifierSymbol, VariableSymbol } from './symbols';
import type { SolType } from './types';

/** The function, modifier or contract (state variable initialisers, base arguments) a node belongs to. */
export type Owner = FunctionSymbol | ModifierSymbol | ContractSymbol;

/** A name written where no node of its own holds it (`using L for T`'s `L`, a path segment `A` of `A.B`). */
export interface LooseReference {
  /** The node whose text contains the name. */
  node: Node;
  name: string;
  /** UTF-16 offset of the name in the file, when the walker could tell. */
  offset?: number;
  declaration: Declaration;
}

/** Everything the walk of one file found. Keys are the parser's node objects. */
export interface FileResolution {
  file: string;
  /** Identifier, MemberAccess, UserDefinedTypeName, ModifierInvocation and Yul identifier nodes → declaration. */
  declarations: Map<Node, Declaration>;
  /** Expression nodes → type. */
  types: Map<Node, SolType>;
  /** Every node visited → the function, modifier or contract it is in. File-level nodes have none. */
  owners: Map<Node, Owner | null>;
  /** Declaring nodes of locals (VariableDeclaration, Yul identifiers) → their symbol. */
  locals: Map<Node, VariableSymbol>;
  /** Types of locals the walk inferred (`var x = ...`, tuple destructuring). */
  localTypes: Map<VariableSymbol, SolType>;
  /** References that no node of their own carries, and the leading segments of `A.B` paths. */
  loose: LooseReference[];
}

export class Scope {
  private readonly names = new Map<string, VariableSymbol>();
  constructor(readonly parent?: Scope) {}
  declare(v: VariableSymbol): void {
    if (v.name) this.names.set(v.name, v);
  }
  find(name: string): VariableSymbol | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.names.get(name);
      if (v) return v;
    }
    return undefined;
  }
}

/** Where an expression is: its contract, owner, innermost block scope, and every local of the owner so far. */
export interface Ctx {
  contract?: ContractSymbol;
  owner: Owner | null;
  scope: Scope;
  /** Locals of the owner already declared, by name, for pre-0.5 code that uses a local outside its block. */
  hoisted: Map<string, VariableSymbol>;
  /** Yul names: `let` variables and functions of the enclosing assembly blocks. */
  yul?: Map<string, VariableSymbol>;
}

/** What a callee is called with: overloads are chosen by it. */
export interface CallHint {
  args: SolType[];
  names?: string[];
}

export interface Resolver {
  readonly binder: Binder;
  readonly project: ProjectAccess;
  readonly result: FileResolution;
  readonly text: string;
  /** Type of a declaration as a reference to it (locals with an inferred type included). */
  typeOfDeclaration(d: Declaration): SolType;
}
