// `comparison` filters: a small Solidity expression over number literals and metavariables, parsed with the
// Solidity parser and evaluated by this interpreter. Never eval/Function: the expression comes from a pack.
import * as parser from '../parse/parser';
import { isNode, METAVARIABLE, type Node } from './ast';
import { parseSource } from '../parse';
import { LineIndex } from '../positions';

export type Value = number | boolean;
export type Lookup = (metavariable: string) => string | undefined;

export class ComparisonError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const BINARY = new Set(['&&', '||', '<', '<=', '>', '>=', '==', '!=', '+', '-', '*', '/', '%']);
const PREFIX = 'contract C { function f() { (\n';

export interface CompiledComparison {
  metavariables: string[];
  evaluate(lookup: Lookup): boolean;
}

export function compileComparison(source: string): CompiledComparison {
  let ast: Node;
  const wrapped = `${PREFIX}${source}\n); } }`;
  try {
    const unit = parser.parse(wrapped, { tolerant: true, range: true }) as unknown as Node & {
      errors?: Array<{ message: string; line: number; column: number }>;
    };
    const first = unit.errors?.[0];
    if (first) {
      const offset = first.line <= 1 ? 0 : offsetIn(source, first.line - 2, first.column);
      throw new ComparisonError(`comparison does not parse: ${first.message}`, offset);
    }
    const contract = (unit.children as Node[])[0];
    const fn = (contract.subNodes as Node[])[0];
    const stmt = ((fn.body as Node).statements as Node[])[0];
    ast = stmt.expression as Node;
  } catch (err) {
    if (err instanceof ComparisonError) throw err;
    const problem = parseSource(wrapped).syntaxErrors[0];
    const at = problem ? new LineIndex(wrapped).offset(problem.range.start) - PREFIX.length : 0;
    throw new ComparisonError(`comparison does not parse: ${problem?.message ?? (err as Error).message}`, Math.max(0, Math.min(source.length, at)));
  }
  const metavariables = new Set<string>();
  check(ast, source, metavariables);
  return {
    metavariables: [...metavariables],
    evaluate(lookup) {
      try {
        return evaluate(ast, lookup) === true;
      } catch {
        return false; // a bound value that is not a number: the filter does not hold
      }
    },
  };
}

function offsetIn(source: string, line: number, column: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const nl = source.indexOf('\n', offset);
    if (nl < 0) return source.length;
    offset = nl + 1;
  }
  return Math.min(source.length, offset + column);
}

function check(n: Node, source: string, metas: Set<string>): void {
  const at = n.range ? Math.max(0, n.range[0] - PREFIX.length) : 0;
  switch (n.type) {
    case 'BinaryOperation':
      if (!BINARY.has(String(n.operator)))
        throw new ComparisonError(`operator '${String(n.operator)}' is not allowed in a comparison (use && || ! < <= > >= == != + - * / %)`, at);
      check(n.left as Node, source, metas);
      check(n.right as Node, source, metas);
      return;
    case 'UnaryOperation':
      if (n.operator !== '!' && n.operator !== '-') throw new ComparisonError(`operator '${String(n.operator)}' is not allowed in a comparison`, at);
      check(n.subExpression as Node, source, metas);
      return;
    case 'TupleExpression': {
      const parts = n.components as unknown[];
      if (parts.length !== 1 || !isNode(parts[0])) throw new ComparisonError('tuples are not allowed in a comparison', at);
      check(parts[0], source, metas);
      return;
    }
    case 'NumberLiteral':
    case 'BooleanLiteral':
      return;
    case 'Identifier':
      if (!METAVARIABLE.test(String(n.name))) throw new ComparisonError(`'${String(n.name)}' is neither a metavariable nor a number`, at);
      metas.add(String(n.name));
      return;
    default:
      throw new ComparisonError(`${n.type} is not allowed in a comparison: only numbers, metavariables and arithmetic/comparison operators`, at);
  }
}

function evaluate(n: Node, lookup: Lookup): Value {
  switch (n.type) {
    case 'TupleExpression':
      return evaluate((n.components as Node[])[0], lookup);
    case 'NumberLiteral':
      return numberOf(String(n.number), n.subdenomination as string | null);
    case 'BooleanLiteral':
      return n.value as boolean;
    case 'Identifier': {
      const text = lookup(String(n.name));
      if (text === undefined) throw new Error('unbound');
      return parseNumber(text);
    }
    case 'UnaryOperation': {
      const v = evaluate(n.subExpression as Node, lookup);
      return n.operator === '!' ? !bool(v) : -num(v);
    }
    case 'BinaryOperation': {
      const op = String(n.operator);
      if (op === '&&') return bool(evaluate(n.left as Node, lookup)) && bool(evaluate(n.right as Node, lookup));
      if (op === '||') return bool(evaluate(n.left as Node, lookup)) || bool(evaluate(n.right as Node, lookup));
      const l = evaluate(n.left as Node, lookup);
      const r = evaluate(n.right as Node, lookup);
      switch (op) {
        case '==':
          return l === r;
        case '!=':
          return l !== r;
        case '<':
          return num(l) < num(r);
        case '<=':
          return num(l) <= num(r);
        case '>':
          return num(l) > num(r);
        case '>=':
          return num(l) >= num(r);
        case '+':
          return num(l) + num(r);
        case '-':
          return num(l) - num(r);
        case '*':
          return num(l) * num(r);
        case '/':
          return num(l) / num(r);
        case '%':
          return num(l) % num(r);
      }
    }
  }
  throw new Error(`cannot evaluate ${n.type}`);
}

function bool(v: Value): boolean {
  if (typeof v !== 'boolean') throw new Error('not a boolean');
  return v;
}
function num(v: Value): number {
  if (typeof v !== 'number') throw new Error('not a number');
  return v;
}

const UNITS: Record<string, number> = {
  wei: 1,
  gwei: 1e9,
  szabo: 1e12,
  finney: 1e15,
  ether: 1e18,
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86400,
  weeks: 604800,
  years: 31536000,
};

/** The bound code of a metavariable as a number: `100`, `1_000`, `0x10`, `1e18`, `5 ether`, `true`. */
export function parseNumber(text: string): Value {
  const t = text.trim();
  if (t === 'true') return true;
  if (t === 'false') return false;
  const m = /^(-?)\s*([0-9][0-9_]*(?:\.[0-9_]+)?(?:[eE]-?[0-9_]+)?|0[xX][0-9a-fA-F_]+)(?:\s+([a-z]+))?$/.exec(t);
  if (!m) throw new Error('not a number literal');
  const v = numberOf(m[2], m[3] ?? null);
  return m[1] ? -v : v;
}

function numberOf(literal: string, unit: string | null): number {
  const clean = literal.replace(/_/g, '');
  const v = /^0[xX]/.test(clean) ? Number.parseInt(clean, 16) : Number(clean);
  if (!Number.isFinite(v)) throw new Error('not a number');
  if (unit === null) return v;
  const factor = UNITS[unit];
  if (factor === undefined) throw new Error('unknown unit');
  return v * factor;
}
