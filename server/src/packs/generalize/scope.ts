// Names declared in the file tell a project's types and functions (kept in a pattern) from its variables
// (generalised), and state variables from locals (the fallback anchors when nothing else is specific).
import { children, type AstNode } from './ast';

export interface Scope {
  /** State variables of the enclosing contract. */
  state: Set<string>;
  /** Contract, interface, library, struct, enum, event, error and user type names of the file. */
  types: Set<string>;
  /** Functions and modifiers of the file's contracts. */
  functions: Set<string>;
}

export function collectScope(ast: AstNode, contract: AstNode | undefined): Scope {
  const state = new Set<string>();
  const types = new Set<string>();
  const functions = new Set<string>();
  const visit = (n: AstNode) => {
    switch (n.type) {
      case 'ContractDefinition':
      case 'StructDefinition':
      case 'EnumDefinition':
      case 'EventDefinition':
      case 'CustomErrorDefinition':
      case 'TypeDefinition':
        if (typeof n.name === 'string') types.add(n.name);
        break;
      case 'FunctionDefinition':
      case 'ModifierDefinition':
        if (typeof n.name === 'string') functions.add(n.name);
        break;
      case 'ImportDirective':
        for (const [name, alias] of (n.symbolAliases as Array<[string, string | null]>) ?? []) types.add(alias ?? name);
        if (typeof n.unitAlias === 'string') types.add(n.unitAlias);
        break;
    }
    for (const c of children(n)) if (c.node.type !== 'Block') visit(c.node);
  };
  visit(ast);
  for (const m of (contract?.subNodes as AstNode[]) ?? []) {
    if (m.type === 'StateVariableDeclaration') for (const v of (m.variables as AstNode[]) ?? []) if (v && typeof v.name === 'string') state.add(v.name);
  }
  return { state, types, functions };
}
