// Code that cannot run because it sits behind a test of state nobody can change: `if (initialized == 0) return;`
// where no function of the contract ever writes `initialized`, so the test always holds as declared. Such code is
// dead in every deployment (the SWC registry's "infeasible" overflow cases), and a finding there is noise.
import { isNode, unparen } from './cfg-ast';
import { comparisonOf, edgeFacts, type Fact } from './cfg-conditions';
import type { Cfg, CfgNode, Node } from './cfg-types';
import { onAllPathsFromEntry } from './order';

/** The value a frozen state variable always has: a bigint for integers, a boolean for bools. */
export type FrozenValue = bigint | boolean;

/** Whether every path from the entry to `n` takes a branch that a frozen variable's value rules out. */
export function unreachableUnderFrozenState(cfg: Cfg, n: CfgNode, frozen: (x: Node) => FrozenValue | undefined): boolean {
  return onAllPathsFromEntry(cfg, n, { edge: (e) => edgeFacts(e).some((f) => impossible(f, frozen)) });
}

function impossible(f: Fact, frozen: (x: Node) => FrozenValue | undefined): boolean {
  const e = unparen(f.expr);
  if (e.type === 'Identifier') {
    const v = frozen(e);
    return typeof v === 'boolean' && v !== f.holds;
  }
  const c = comparisonOf(f);
  if (!c) return false;
  let left = knownValue(c.left, frozen);
  let right = knownValue(c.right, frozen);
  if (left === undefined || right === undefined || typeof left !== typeof right) return false;
  if (typeof left === 'boolean') {
    left = left ? 1n : 0n;
    right = right ? 1n : 0n;
  }
  return !compare(left as bigint, right as bigint, c.operator);
}

function knownValue(x: Node, frozen: (x: Node) => FrozenValue | undefined): FrozenValue | undefined {
  const e = unparen(x);
  if (e.type === 'BooleanLiteral') return e.value === true;
  const literal = literalValue(e);
  if (literal !== undefined) return literal;
  return e.type === 'Identifier' ? frozen(e) : undefined;
}

/** A plain integer literal (`0`, `1`, `0x10`); undefined for units, exponents and everything else. */
export function literalValue(x: Node | undefined): bigint | undefined {
  if (!x || !isNode(x) || x.type !== 'NumberLiteral' || x.subdenomination) return undefined;
  const text = String(x.number ?? '').replace(/_/g, '');
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(text)) return undefined;
  return BigInt(text);
}

function compare(a: bigint, b: bigint, op: string): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}
