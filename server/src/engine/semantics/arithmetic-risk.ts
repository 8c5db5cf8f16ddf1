// Whether an arithmetic operation can realistically wrap, beyond "is it checked" (arithmetic.ts): does an operand
// come from the caller (a parameter, through locals), is the wrap ruled out by a comparison on every path before it
// (`require(b >= x); b -= x`) or of its result after it (`c = a + b; require(c >= a)`), and is the result kept in
// state. A balance plus `msg.value`, a counter plus one or a subtraction checked first cannot wrap in practice;
// a subtraction or product of caller-supplied amounts that lands in storage can.
import { comparisonOf, edgeFacts, type Fact } from './cfg-conditions';
import { callArguments, forEachChild, isNode, nodeList, unparen } from './cfg-ast';
import type { Cfg, CfgNode, Node } from './cfg-types';
import { usesIn } from './dataflow';
import { reachingDefinitions, type ReachingDefinitions } from './dataflow-defs';
import { knownOnAllPaths, nodesOf, onAllPathsFromEntry, ownCode, parentOf, reachableFrom } from './order';

export interface ArithmeticRisk {
  /** An operand comes from a parameter of the function, directly or through locals (never `msg.value`). */
  userControlled: boolean;
  /** A comparison on every path before it, or of its result after it, rules the wrap out (or it cannot wrap). */
  bounded: boolean;
  /** Its result is written to state, directly or through locals, further arithmetic and calls. */
  stored: boolean;
  /** A multiplication with a quotient as an operand, directly or through a local (`x = a / b; x * c`). */
  dividesFirst: boolean;
}

export interface RiskEnv {
  /** Whether an assignment target (`x`, `m[k]`, `s.f`) is storage: a state variable or a storage pointer. */
  isState(target: Node): boolean;
  /** Whether an operation reverts on overflow (0.8+ outside `unchecked`, see arithmetic.ts). */
  reverts(op: Node): boolean;
}

const ADDITIVE = new Set(['+', '+=']);
const SUBTRACTIVE = new Set(['-', '-=']);
const MULTIPLICATIVE = new Set(['*', '*=', '**']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '**']);
const UPPER = new Set(['<', '<=']);
const LOWER = new Set(['>', '>=']);

const defsOf = new WeakMap<Cfg, ReachingDefinitions>();

/** The risk of one operation of `cfg`'s function; undefined when it is not an operation of the graph. */
export function arithmeticRisk(cfg: Cfg, op: Node, env: RiskEnv): ArithmeticRisk | undefined {
  const nodes = nodesOf(cfg, op);
  if (!nodes.length) return undefined;
  let rd = defsOf.get(cfg);
  if (!rd) defsOf.set(cfg, (rd = reachingDefinitions(cfg)));
  const operator = operatorOf(op);
  const operands = operandsOf(op);
  const params = new Set(nodeList(cfg.fn.parameters).map((p) => String(p.name)));
  const ctx: Ctx = { cfg, rd: rd, params, env };
  let userControlled = false;
  let bounded = true;
  let stored = false;
  for (const n of nodes) {
    const fromCaller = operands.filter((x) => callerValue(ctx, x, n, 0));
    if (fromCaller.length) userControlled = true;
    if (!boundedAt({ ...ctx, op }, n, operator, operands, fromCaller)) bounded = false;
    if (!stored && keptInState(ctx, n, op, new Set(), 0)) stored = true;
  }
  return { userControlled, bounded, stored, dividesFirst: false };
}

interface Ctx {
  op?: Node;
  cfg: Cfg;
  rd: ReachingDefinitions;
  params: Set<string>;
  env: RiskEnv;
}

/** `a op b` and `a op= b` give [a, b]; `x++` gives [x] (one is added: `x += 1`). */
function operandsOf(op: Node): Node[] {
  if (op.type === 'BinaryOperation') return [op.left, op.right].filter(isNode).map(unparen);
  if (op.type === 'UnaryOperation' && isNode(op.subExpression)) return [unparen(op.subExpression), ONE];
  return [];
}

const ONE: Node = { type: 'NumberLiteral', number: '1', subdenomination: null };

/** `x++` is `x += 1`, `x--` is `x -= 1`. */
function operatorOf(op: Node): string {
  const o = String(op.operator ?? '');
  if (op.type === 'UnaryOperation') return o === '++' ? '+=' : o === '--' ? '-=' : `unary ${o}`;
  return o;
}

/** Whether the value of `x` at `n` may come from a parameter of the function (the caller's choice). */
function callerValue(ctx: Ctx, expr: Node, n: CfgNode, depth: number): boolean {
  if (depth > 12) return false;
  const x = unparen(expr);
  switch (x.type) {
    case 'Identifier': {
      const name = String(x.name);
      const defs = ctx.rd.reaching(n).filter((d) => d.variable === name);
      return defs.some((d) => (d.kind === 'parameter' ? ctx.params.has(name) : !!d.value && callerValue(ctx, d.value, d.node, depth + 1)));
    }
    case 'MemberAccess':
      if (isNode(x.expression) && unparen(x.expression).type === 'Identifier' && unparen(x.expression).name === 'msg') return false;
      return isNode(x.expression) && callerValue(ctx, x.expression, n, depth + 1);
    case 'IndexAccess':
      // An element of a caller's array is the caller's; an entry of a mapping in storage is not.
      return isNode(x.base) && callerValue(ctx, x.base, n, depth + 1);
    case 'BinaryOperation':
      return ARITHMETIC.has(String(x.operator)) && [x.left, x.right].some((s) => isNode(s) && callerValue(ctx, s, n, depth + 1));
    case 'Conditional':
      return [x.trueExpression, x.falseExpression].some((s) => isNode(s) && callerValue(ctx, s, n, depth + 1));
    case 'FunctionCall': {
      // A conversion (`uint256(x)`) or a SafeMath-style call (`a.add(b)`) passes its operands on.
      const c = isNode(x.expression) ? unparen(x.expression) : undefined;
      const conversion = c?.type === 'ElementaryTypeName' || c?.type === 'TypeNameExpression';
      const safeMath = c?.type === 'MemberAccess' && /^(add|sub|mul)$/.test(String(c.memberName));
      if (!conversion && !safeMath) return false;
      const args = callArguments(x);
      if (safeMath && isNode(c.expression)) args.push(c.expression);
      return args.some((a) => callerValue(ctx, a, n, depth + 1));
    }
    default:
      return false;
  }
}

/** Whether a comparison on every path to `n`, or of the result after it, rules out the wrap. */
function boundedAt(ctx: Ctx, n: CfgNode, operator: string, operands: Node[], fromCaller: Node[]): boolean {
  const additive = ADDITIVE.has(operator);
  const subtractive = SUBTRACTIVE.has(operator);
  const multiplicative = MULTIPLICATIVE.has(operator);
  if (!additive && !subtractive && !multiplicative) return true; // `/`, `%`, `-x` cannot wrap an unsigned value
  const [a, b] = operands;
  if (!a || !b) return true;
  // Both operands compared with each other: `require(b >= x)` before `b - x`, `require(a + b >= a)` before `a + b`.
  const relates = (f: Fact) => !!comparisonOf(f) && mentions(f.expr, a) && mentions(f.expr, b);
  if (!multiplicative && knownOnAllPaths(ctx.cfg, n, relates)) return true;
  if (subtractive) {
    // The subtrahend bounded by another amount (`require(balance >= v)` before `total -= v`), or already added to or
    // taken from one by a reverting operation (`totalSupply += v` on a mint): the books add up.
    const ok = onAllPathsFromEntry(ctx.cfg, n, {
      edge: (e) => edgeFacts(e).some((f) => upperBounds(f, b, true)),
      node: (m) => m !== n && revertingUseOf(ctx, m, b),
    });
    if (!isLiteral(b) && ok) return true;
  } else {
    // Every operand the caller supplies (or every non-constant one) bounded first, or, for a sum, already added to
    // or taken from something else by an operation that reverts (`totalSupply += v` before `unchecked { bal += v; }`).
    const subjects = fromCaller.length ? fromCaller : operands.filter((x) => !isLiteral(x));
    const ok = (x: Node) =>
      onAllPathsFromEntry(ctx.cfg, n, {
        edge: (e) => edgeFacts(e).some((f) => upperBounds(f, x, false)),
        node: (m) => additive && m !== n && revertingUseOf(ctx, m, x),
      });
    if (subjects.every(ok)) return true;
  }
  return checkedAfter(ctx, n, operands);
}

function isLiteral(x: Node): boolean {
  return /Literal$|^(NumberLiteral|HexNumber|DecimalNumber)$/.test(unparen(x).type);
}

/**
 * Whether node `m` adds `x` to, or takes it from, something with an operation that reverts on overflow (`a + x`,
 * `b -= x` in 0.8, `b.sub(x)`): the amount is then bounded by what it was taken from or added to.
 */
function revertingUseOf(ctx: Ctx, m: CfgNode, x: Node): boolean {
  let found = false;
  const visit = (y: Node) => {
    if (found) return;
    if (y.type === 'BinaryOperation' && /^[+-]=?$/.test(String(y.operator)) && isNode(y.right) && ctx.env.reverts(y)) {
      if (sameCode(y.right, x) || (/^\+/.test(String(y.operator)) && isNode(y.left) && sameCode(y.left, x))) found = true;
    } else if (
      y.type === 'FunctionCall' &&
      isNode(y.expression) &&
      y.expression.type === 'MemberAccess' &&
      /^(add|sub)$/.test(String(y.expression.memberName))
    ) {
      if (callArguments(y).some((a) => sameCode(a, x)) && ctx.env.reverts(y)) found = true;
    }
    forEachChild(y, visit);
  };
  for (const root of ownCode(m)) visit(root);
  return found;
}

/** A comparison establishing `x < e`, `x <= e` (or `e > x`, `e >= x`). */
function upperBounds(f: Fact, x: Node, byVariable: boolean): boolean {
  const c = comparisonOf(f);
  if (!c) return false;
  if (UPPER.has(c.operator) && sameCode(c.left, x)) return !byVariable || !isLiteral(c.right);
  if (LOWER.has(c.operator) && sameCode(c.right, x)) return !byVariable || !isLiteral(c.left);
  return false;
}

/**
 * A comparison after the operation relating its result to an operand: `c = a + b; require(c >= a)`,
 * `c = a * b; require(c / a == b)`, `s += v; assert(s >= v)`.
 */
function checkedAfter(ctx: Ctx, n: CfgNode, operands: Node[]): boolean {
  const result = ctx.op && resultName(ctx, ctx.op);
  if (!result) return false;
  for (const m of [n, ...reachableFrom(n)]) {
    if (m.kind !== 'condition' || !m.condition) continue;
    // Any comparison in the condition: `require(a == 0 || c / a == b)` tests the product on the branch that matters.
    for (const cmp of comparisonsIn(m.condition)) {
      if (mentions(cmp, result) && operands.some((x) => !sameCode(x, result) && mentions(cmp, x))) return true;
    }
  }
  return false;
}

/** What holds the result: the target of `s op= v`, or the variable `c` of `c = a op b` / `uint c = a op b`. */
function resultName(ctx: Ctx, op: Node): Node | undefined {
  if (op.type === 'BinaryOperation' && String(op.operator).endsWith('=') && isNode(op.left)) return unparen(op.left);
  let cur = op;
  for (let p = parentOf(ctx.cfg, cur); p; cur = p, p = parentOf(ctx.cfg, cur)) {
    if (p.type === 'TupleExpression' && nodeList(p.components).length === 1) continue;
    if (p.type === 'BinaryOperation' && p.operator === '=' && p.right === cur && isNode(p.left)) return unparen(p.left);
    if (p.type === 'VariableDeclarationStatement') {
      const v = nodeList(p.variables)[0];
      return v && typeof v.name === 'string' ? { type: 'Identifier', name: v.name } : undefined;
    }
    return undefined;
  }
  return undefined;
}

/** Whether the value of `expr` (at `n`) ends up written to state. */
function keptInState(ctx: Ctx, n: CfgNode, expr: Node, seen: Set<unknown>, depth: number): boolean {
  if (depth > 8) return false;
  // `s op= v` writes its target.
  if (expr.type === 'BinaryOperation' && String(expr.operator).endsWith('=') && expr.operator !== '=' && isNode(expr.left)) {
    if (ctx.env.isState(unparen(expr.left))) return true;
  }
  if (expr.type === 'UnaryOperation' && (expr.operator === '++' || expr.operator === '--') && isNode(expr.subExpression)) {
    if (ctx.env.isState(unparen(expr.subExpression))) return true;
  }
  let cur = expr;
  for (let i = 0; i < 64; i++) {
    const taking = ctx.rd.madeAt(n).filter((d) => d.value === cur);
    if (taking.length) {
      for (const d of taking) {
        if (seen.has(d)) continue;
        seen.add(d);
        for (const m of ctx.cfg.nodes) {
          if (!ctx.rd.reaches(d, m)) continue;
          for (const use of usesIn(m, d.variable)) if (keptInState(ctx, m, use, seen, depth + 1)) return true;
        }
      }
      return false;
    }
    const p = parentOf(ctx.cfg, cur);
    if (!p) return false;
    if (p.type === 'BinaryOperation') {
      const o = String(p.operator);
      if (o === '=' || (o.endsWith('=') && o.length === 2 && ARITHMETIC.has(o[0]!))) {
        // The value assigned (or added in) to storage; a local target was taken above.
        return p.right === cur && isNode(p.left) && ctx.env.isState(unparen(p.left));
      }
      if (!ARITHMETIC.has(o)) return false;
    } else if (p.type === 'FunctionCall') {
      // Through a conversion or a call computing from it (`balance.sub(amount)`, `mul(a, b)`).
      if (!callArguments(p).includes(cur) && p.expression !== cur) return false;
    } else if (p.type === 'MemberAccess') {
      // `amount.add(x)`: the receiver of a call.
      const call = parentOf(ctx.cfg, p);
      if (call?.type !== 'FunctionCall' || call.expression !== p) return false;
    } else if (p.type !== 'TupleExpression' && p.type !== 'Conditional') return false;
    cur = p;
  }
  return false;
}

function comparisonsIn(x: Node): Node[] {
  const out: Node[] = [];
  const visit = (y: Node) => {
    if (y.type === 'BinaryOperation' && COMPARISONS.has(String(y.operator))) out.push(y);
    forEachChild(y, visit);
  };
  visit(x);
  return out;
}

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** Whether `hay` contains code equal to `needle`. */
function mentions(hay: Node, needle: Node): boolean {
  if (sameCode(hay, needle)) return true;
  let found = false;
  forEachChild(hay, (c) => {
    if (!found && mentions(c, needle)) found = true;
  });
  return found;
}

const IGNORED = new Set(['range', 'loc', 'comments']);

/** Structural equality of two expressions, ignoring positions and parentheses. */
export function sameCode(a: Node, b: Node): boolean {
  const x = unparen(a);
  const y = unparen(b);
  if (x === y) return true;
  if (x.type !== y.type) return false;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const k of keys) {
    if (IGNORED.has(k)) continue;
    const u = x[k];
    const v = y[k];
    if (isNode(u) || isNode(v)) {
      if (!isNode(u) || !isNode(v) || !sameCode(u, v)) return false;
    } else if (Array.isArray(u) || Array.isArray(v)) {
      if (!Array.isArray(u) || !Array.isArray(v) || u.length !== v.length) return false;
      for (let i = 0; i < u.length; i++) {
        const p = u[i];
        const q = v[i];
        if (isNode(p) && isNode(q) ? !sameCode(p, q) : p !== q) return false;
      }
    } else if (u !== v) return false;
  }
  return true;
}
