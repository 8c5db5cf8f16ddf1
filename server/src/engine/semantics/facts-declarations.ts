// Facts about a declaration itself rather than about what code does: whether a struct holds a mapping (which
// `delete` cannot clear), whether a name shadows a state variable (SWC-119), whether a declaration was written
// without a visibility (SWC-100, SWC-108), and whether anything refers to it (SWC-131). Each is answered from the
// symbols and the resolution the model already has.
import type { ContractSymbol, Declaration, StructSymbol } from './symbols';
import type { SemanticModel } from './model';
import type { SolType } from './types';

/** Whether a value of type `t` holds a mapping somewhere inside (a field, a field of a field, an array element). */
export function holdsMapping(model: SemanticModel, t: SolType, seen = new Set<StructSymbol>()): boolean {
  switch (t.kind) {
    case 'mapping':
      return true;
    case 'array':
      return holdsMapping(model, t.base, seen);
    case 'struct': {
      if (seen.has(t.struct)) return false;
      seen.add(t.struct);
      return t.struct.fields.some((f) => holdsMapping(model, model.typeOfDeclaration(f), seen));
    }
    default:
      return false;
  }
}

/**
 * The state variable a declaration's name hides, if any. A state variable hides one of the same name declared
 * in a base contract (the C3 linearization after its own contract); a parameter, return variable or local hides
 * a state variable of its contract or of a base.
 */
export function shadowedStateVariable(model: SemanticModel, d: Declaration): Declaration | undefined {
  if (d.kind === 'builtin' || !d.contract || !d.name) return undefined;
  const bases = model.linearization(d.contract);
  if (d.kind === 'stateVariable') {
    return stateVariableNamed(bases, 1, d.name);
  }
  if (d.kind !== 'parameter' && d.kind !== 'returnParameter' && d.kind !== 'localVariable') return undefined;
  // Parameters of function types have no owner and are names only, never in scope with state.
  if (!d.owner || (d.owner.kind !== 'function' && d.owner.kind !== 'modifier')) return undefined;
  return stateVariableNamed(bases, 0, d.name);
}

/** The first state variable named `name` of `bases[from..]`, in order (indexed: asked per candidate). */
function stateVariableNamed(bases: readonly ContractSymbol[], from: number, name: string): Declaration | undefined {
  for (let i = from; i < bases.length; i++) {
    const vars = bases[i].stateVariables;
    for (let j = 0; j < vars.length; j++) if (vars[j].name === name) return vars[j];
  }
  return undefined;
}

/** Whether a function or state variable was declared without a visibility keyword. */
export function hasDefaultVisibility(d: Declaration): boolean {
  if (d.kind === 'stateVariable') return d.visibility === 'default';
  if (d.kind === 'function') return d.visibility === 'default' && !d.isConstructor && !d.isFallback && !d.isReceive && d.name !== '';
  return false;
}

/** The declarations some name in the model's file refers to (a declaring name does not count for itself). */
export function referencedDeclarations(model: SemanticModel): Set<Declaration> {
  return model.referencedDeclarations();
}
