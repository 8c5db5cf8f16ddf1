// SWC-125, incorrect inheritance order: a contract inherits a function with the same name and parameter count
// from two bases neither of which derives from the other, and does not define it itself. Before 0.6 the compiler
// accepts this without a word, and the order of the `is` list alone decides which body runs (or in which order
// their `super` calls compose, when `&&` in one and `||` in the other make the order matter). From 0.6 on, the
// compiler makes the contract override such a function itself, so the fact only holds there for code it rejects.
import type { SemanticModel } from './model';
import type { ContractSymbol, FunctionSymbol } from './symbols';

export interface OrderDependentFunction {
  /** The function the contract inherits from both bases, as `name/arity`. */
  key: string;
  /** The definition the linearization picks (from the base listed later in `is`) and the one it passes over. */
  picked: FunctionSymbol;
  passedOver: FunctionSymbol;
}

/** The first function `c` inherits from two unrelated bases without defining it, if any. */
export function orderDependentFunction(model: SemanticModel, c: ContractSymbol): OrderDependentFunction | undefined {
  if (c.contractKind === 'interface' || c.contractKind === 'library') return undefined;
  const own = new Set(c.functions.map(keyOf));
  const byKey = new Map<string, FunctionSymbol[]>();
  // Most derived first: the first definition found for a key is the one a call on `c` runs.
  for (const base of model.linearization(c).slice(1)) {
    for (const f of base.functions) {
      if (!inheritedBody(f) || own.has(keyOf(f))) continue;
      const list = byKey.get(keyOf(f)) ?? [];
      list.push(f);
      byKey.set(keyOf(f), list);
    }
  }
  for (const [key, defs] of byKey) {
    const picked = defs[0];
    for (const other of defs.slice(1)) {
      if (picked.contract && other.contract && unrelated(model, picked.contract, other.contract)) return { key, picked, passedOver: other };
    }
  }
  return undefined;
}

function unrelated(model: SemanticModel, a: ContractSymbol, b: ContractSymbol): boolean {
  return a !== b && !model.linearization(a).includes(b) && !model.linearization(b).includes(a);
}

function keyOf(f: FunctionSymbol): string {
  return `${f.name}/${f.parameters.length}`;
}

/** A function with a body that derived contracts inherit (constructors, fallbacks and private helpers are not). */
function inheritedBody(f: FunctionSymbol): boolean {
  return f.body !== null && f.name !== '' && !f.isConstructor && !f.isFallback && !f.isReceive && f.visibility !== 'private';
}
