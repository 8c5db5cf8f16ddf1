// What a name is, for the matcher's `kind:`, `type:` and declaration filters (facts.ts hands these questions here):
// the kinds of a piece of code (state variable, parameter, external contract, ...), the names of its type, and the
// facts of the declaration it refers to. Contracts the model cannot see (a missing import) are told by how they are
// written.
import { isNode, unparen } from './cfg-ast';
import type { Node } from './cfg-types';
import { hasDefaultVisibility, holdsMapping, referencedDeclarations, shadowedStateVariable } from './facts-declarations';
import { orderDependentFunction } from './facts-inheritance';
import { safe } from './facts-functions';
import type { SemanticModel } from './model';
import type { Declaration } from './symbols';
import { typeToString, type SolType } from './types';

/** What the name questions need of the file (FileFacts). */
export interface NameHost {
  readonly model: SemanticModel;
  rootDeclaration(node: Node): Declaration | undefined;
}

export type DeclarationFact = 'shadows-state' | 'default-visibility' | 'used' | 'order-dependent-inheritance';

export class NameFacts {
  private referenced?: Set<Declaration>;
  private membersByName?: Map<number, Declaration>;

  constructor(private readonly file: NameHost) {}

  private get model(): SemanticModel {
    return this.file.model;
  }

  /** The kinds a piece of code has (`state-variable`, `parameter`, `external-contract`, ...; see compile-semantic.ts). */
  kinds(node: Node): string[] {
    return safe(() => this.computeKinds(node)) ?? [];
  }

  private computeKinds(node: Node): string[] {
    const n = unparen(node);
    const out = new Set<string>();
    if (/Literal$|^(NumberLiteral|HexNumber|DecimalNumber)$/.test(n.type)) out.add('literal');
    const d = this.file.rootDeclaration(n);
    if (d) for (const k of declarationKinds(d)) out.add(k);
    const t = this.model.typeOf(n);
    if (t.kind === 'contract' && !t.isSuper && !isThis(n)) out.add('external-contract');
    return [...out];
  }

  /** Facts of the declaration a name (a declaring name or a use) refers to: facts-declarations.ts. */
  declarationFact(node: Node | undefined, offset: number | undefined, fact: DeclarationFact): boolean | undefined {
    return safe(() => {
      // A function's name is no node of its own: find the member declared at that offset.
      const d = (node && this.file.rootDeclaration(node)) ?? (offset === undefined ? undefined : this.memberNamedAt(offset));
      if (!d) return undefined;
      if (fact === 'shadows-state') return shadowedStateVariable(this.model, d) !== undefined;
      if (fact === 'default-visibility') return hasDefaultVisibility(d);
      if (fact === 'order-dependent-inheritance') return d.kind === 'contract' && orderDependentFunction(this.model, d) !== undefined;
      if (d.kind === 'builtin') return true;
      // Built once per file: a finding asks it of every declaration, and a file may hold thousands.
      this.referenced ??= referencedDeclarations(this.model);
      return this.referenced.has(d);
    });
  }

  private memberNamedAt(offset: number): Declaration | undefined {
    if (!this.membersByName) {
      this.membersByName = new Map();
      // A contract's name too: `contract $C is ... {}` binds it without a node of its own.
      for (const c of this.model.contracts()) {
        const at = this.model.nameOffset(c);
        if (at !== undefined) this.membersByName.set(at, c);
      }
      for (const c of this.model.contracts())
        for (const d of [...c.functions, ...c.stateVariables]) {
          const at = this.model.nameOffset(d);
          if (at !== undefined) this.membersByName.set(at, d);
        }
    }
    return this.membersByName.get(offset);
  }

  /** The names of a piece of code's type: its spelling first (`uint256`), then its families (`uint`, `integer`). */
  typeNames(node: Node): string[] {
    return (
      safe(() => {
        const n = unparen(node);
        const t = this.model.typeOf(n);
        if (t.kind !== 'unknown') {
          const shown = t.kind === 'type' ? t.type : t;
          const names = typeNames(shown);
          return shown.kind === 'struct' && holdsMapping(this.model, shown) ? [...names, 'struct-with-mapping'] : names;
        }
        // A contract type whose declaration the model cannot see (a missing import): its name as written.
        const written = this.writtenTypeName(n);
        return written ? [written, 'contract'] : [];
      }) ?? []
    );
  }

  private writtenTypeName(n: Node): string | undefined {
    if (n.type === 'FunctionCall' && isNode(n.expression) && n.expression.type === 'Identifier' && this.isUnseenContract(n)) return String(n.expression.name);
    const d = n.type === 'Identifier' ? this.file.rootDeclaration(n) : undefined;
    const t = d && 'typeName' in d && d.typeName ? (d.typeName as Node) : undefined;
    return t?.type === 'UserDefinedTypeName' && typeof t.namePath === 'string' ? t.namePath.split('.').pop() : undefined;
  }

  /** Whether code is of a contract type the model cannot see: `IFoo(x)`, or a variable declared with such a type. */
  isUnseenContract(receiver: Node): boolean {
    if (this.model.typeOf(receiver).kind !== 'unknown') return false;
    if (receiver.type === 'FunctionCall' && isNode(receiver.expression) && receiver.expression.type === 'Identifier') {
      // `IFoo(x)`: a conversion to a type nobody declared here.
      const name = String(receiver.expression.name);
      return /^[A-Z]/.test(name) && !this.model.declarationOf(receiver.expression);
    }
    const d = receiver.type === 'Identifier' || receiver.type === 'IndexAccess' ? this.file.rootDeclaration(receiver) : undefined;
    if (!d || !('typeName' in d) || !d.typeName) return false;
    let t = d.typeName as Node;
    // `mapping(address => IVault) vaults` indexed: the value type.
    while (receiver.type === 'IndexAccess' && t.type === 'Mapping' && isNode(t.valueType)) t = t.valueType;
    return t.type === 'UserDefinedTypeName';
  }
}

function isThis(n: Node): boolean {
  return n.type === 'Identifier' && (n.name === 'this' || n.name === 'super');
}

function declarationKinds(d: Declaration): string[] {
  switch (d.kind) {
    case 'stateVariable':
      return [d.constant ? 'constant' : d.immutable ? 'immutable' : 'state-variable'];
    case 'fileConstant':
      return ['constant'];
    case 'parameter':
      return ['parameter'];
    case 'returnParameter':
      return ['return-variable'];
    case 'localVariable':
    case 'assemblyLocal':
      return ['local'];
    case 'function':
      return ['function'];
    case 'modifier':
      return ['modifier'];
    case 'event':
      return ['event'];
    case 'error':
      return ['error'];
    case 'contract':
      return [d.contractKind === 'abstract' ? 'contract' : d.contractKind];
    case 'struct':
      return ['struct', 'type'];
    case 'enum':
      return ['enum', 'type'];
    case 'userType':
      return ['type'];
    case 'builtin':
      return ['builtin'];
    default:
      return [];
  }
}

export function typeNames(t: SolType): string[] {
  if (t.kind === 'unknown') return [];
  const spelled = typeToString(t);
  switch (t.kind) {
    case 'address':
      return t.payable ? [spelled, 'address', 'address-payable'] : [spelled, 'address'];
    case 'int':
      return [spelled, t.signed ? 'int' : 'uint', 'integer'];
    case 'fixedBytes':
      return [spelled, 'fixed-bytes'];
    case 'contract':
      return [t.contract.name, 'contract', ...(t.contract.contractKind === 'interface' ? ['interface'] : [])];
    case 'struct':
      return [t.struct.name, 'struct'];
    case 'enum':
      return [t.enum.name, 'enum'];
    case 'userType':
      return [t.type.name, 'user-type', ...typeNames(t.underlying).slice(1)];
    case 'mapping':
      return [spelled, 'mapping'];
    case 'array':
      return [spelled, 'array'];
    case 'function':
      return [spelled, 'function'];
    default:
      return [spelled];
  }
}
