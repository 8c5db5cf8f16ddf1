// Code behind a check no state can pass: `if (stage != 2) return;` where the contract only ever stores 0 or 1 in
// `stage` (SWC-106's "infeasible" case). A check on every path to the code requires a state variable to equal a
// literal that is neither its initial value nor any value the contract writes to it, so the code never runs.
// Only plain values are followed: a write of anything but a literal (an argument, `++`, assembly, a storage
// pointer) makes every value possible, and the answer is "feasible".
import { isNode, unparen } from './cfg-ast';
import { comparisonOf, edgeFacts, type Fact } from './cfg-conditions';
import type { Node } from './cfg-types';
import type { FunctionEffects } from './effects-types';
import type { FileQueries } from './facts-types';
import { UNNAMED } from './facts-order';
import { nodesOf, onAllPathsFromEntry } from './order';
import type { FunctionSymbol, VariableSymbol } from './symbols';

type Values = Set<string> | 'any';

export class Feasibility {
  private readonly values = new Map<VariableSymbol, Values>();

  constructor(
    private readonly facts: FileQueries,
    private readonly analysisOf: (fn: FunctionSymbol) => FunctionEffects | undefined,
  ) {}

  /** Whether `node` in `fn` can run: false when every path to it passed a check no stored value satisfies. */
  feasible(fn: FunctionSymbol, node: Node): boolean | undefined {
    const a = this.analysisOf(fn);
    const at = a ? nodesOf(a.cfg, node) : [];
    if (!a || !at.length) return undefined;
    const impossible = (f: Fact) => this.impossible(f);
    return !at.every((t) => onAllPathsFromEntry(a.cfg, t, { edge: (e) => edgeFacts(e).some(impossible) }));
  }

  private impossible(f: Fact): boolean {
    const c = comparisonOf(f);
    if (c?.operator !== '==') return false;
    for (const [v, lit] of [
      [c.left, c.right],
      [c.right, c.left],
    ]) {
      const want = literal(lit);
      const variable = want !== undefined ? this.stateVariable(v) : undefined;
      if (!variable) continue;
      const stored = this.storedValues(variable);
      if (stored !== 'any' && !stored.has(want!)) return true;
    }
    return false;
  }

  private stateVariable(e: Node): VariableSymbol | undefined {
    const x = unparen(e);
    if (x.type !== 'Identifier') return undefined;
    const d = this.facts.model.declarationOf(x);
    return d?.kind === 'stateVariable' && !d.constant && !d.immutable ? d : undefined;
  }

  /** Every value the variable can hold: its initial value and each literal written to it; 'any' when unknown. */
  private storedValues(variable: VariableSymbol): Values {
    const known = this.values.get(variable);
    if (known) return known;
    const out = this.collect(variable);
    this.values.set(variable, out);
    return out;
  }

  private collect(variable: VariableSymbol): Values {
    const owner = variable.contract;
    if (!owner) return 'any';
    const value = initialValue(variable.node);
    const init = value ? literal(value) : defaultValue(variable.node);
    if (init === undefined) return 'any';
    const out = new Set([init]);
    const key = `${owner.name}.${variable.name}`;
    const seen = new Set<Node>();
    for (const contract of this.facts.model.contracts()) {
      if (!this.facts.model.linearization(contract).includes(owner)) continue;
      for (const fn of this.facts.model.functionsOf(contract) as FunctionSymbol[]) {
        if (seen.has(fn.node)) continue;
        seen.add(fn.node);
        const a = this.analysisOf(fn);
        if (!a) return 'any';
        for (const e of a.effects) {
          if (e.kind !== 'write' || !e.state) continue;
          if (UNNAMED.test(e.state.key)) return 'any';
          if (e.state.key !== key) continue;
          const v = writtenValue(e.ast, e.how);
          if (v === undefined) return 'any';
          out.add(v);
        }
      }
    }
    return out;
  }
}

/** What a write stores, when it is a literal: `x = 1`, `delete x`. */
function writtenValue(ast: Node, how: string | undefined): string | undefined {
  if (how === 'delete') return '0';
  if (how !== 'assign' || ast.type !== 'BinaryOperation' || !isNode(ast.left) || !isNode(ast.right)) return undefined;
  return unparen(ast.left).type === 'Identifier' ? literal(ast.right) : undefined;
}

/** A number or boolean literal, normalised (`0x01` and `1` are one value; `false` is 0). */
function literal(e: Node): string | undefined {
  const x = unparen(e);
  if (x.type === 'BooleanLiteral') return x.value === true ? '1' : '0';
  if (x.type === 'NumberLiteral' && !x.subdenomination) {
    try {
      return BigInt(String(x.number).replace(/_/g, '')).toString();
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function initialValue(decl: Node): Node | undefined {
  if (isNode(decl.expression)) return decl.expression;
  return isNode(decl.initialValue) ? decl.initialValue : undefined;
}

/** The zero a state variable of an integer or bool type starts with. */
function defaultValue(decl: Node): string | undefined {
  const t = isNode(decl.typeName) ? decl.typeName : undefined;
  return t?.type === 'ElementaryTypeName' && /^(u?int\d*|bool)$/.test(String(t.name)) ? '0' : undefined;
}
