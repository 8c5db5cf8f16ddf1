// Whether a call's result is checked: used in a condition, a require/assert, a return or a checking helper,
// directly or through locals and tuple destructuring (`(bool ok, ) = a.call(..); if (!ok) ..`). A result that is
// discarded, or stored and never tested, or overwritten before any test, is unchecked.
import { bareCallName, callArguments, calleeName, defaultChecksArgument, forEachChild, isNode, nodeList } from './cfg-ast';
import { buildCfg } from './cfg';
import { factsOf, type Fact } from './cfg-conditions';
import type { Cfg, CfgNode, CfgOptions, Node } from './cfg-types';
import { reachingDefinitions, type Definition, type ReachingDefinitions } from './dataflow-defs';
import { nodesOf, ownCode, parentOf, pathExists } from './order';

export { reachingDefinitions, localNames, type Definition, type ReachingDefinitions } from './dataflow-defs';

export type CheckedHow = 'condition' | 'require' | 'helper' | 'return' | 'try' | 'assembly';
export type UncheckedHow =
  | 'discarded' // an expression statement, or a tuple element nobody takes
  | 'unused' // kept in a local that no condition, check or return reads before it is overwritten or the function ends
  | 'assigned' // written to state, a struct field or an array element, not tested here
  | 'passed' // given to a call that is not a checking helper (or emitted)
  | 'other' // used in some other expression (arithmetic, member access, ..)
  | 'unknown'; // the call is not in this graph

export interface ResultUse {
  checked: boolean;
  how: CheckedHow | UncheckedHow;
  /** Where it was checked, or where the trail of an unchecked result ends. */
  at?: Node;
  /** The local variables the value went through, in order. */
  via: Definition[];
}

export interface ResultUseOptions {
  /** Whether a call checks its argument `index` (require/assert by default); see checkingHelpersIn. */
  checksArgument?: (call: Node, index: number) => boolean;
  /** The element of a tuple result that matters: 0, the success flag of a low-level call, by default. */
  component?: number;
  /** Reaching definitions already computed for the graph (several queries on one function). */
  definitions?: ReachingDefinitions;
}

const FLOWS_THROUGH = new Set(['&&', '||', '==', '!=']);

/** How the result of `call` (any expression in the graph) is used; unchecked if any copy of it is. */
export function resultUse(cfg: Cfg, call: Node, options: ResultUseOptions = {}): ResultUse {
  const nodes = nodesOf(cfg, call);
  if (!nodes.length) return { checked: false, how: 'unknown', via: [] };
  const ctx: Context = {
    cfg,
    rd: options.definitions ?? definitionsOf(cfg),
    checks: options.checksArgument ?? defaultChecksArgument,
    component: options.component ?? 0,
    returnNames: new Set(nodeList(cfg.fn.returnParameters).map((p) => String(p.name))),
  };
  let first: ResultUse | undefined;
  for (const n of nodes) {
    const use = sink(ctx, n, call, new Set(), []);
    if (!use.checked) return use;
    first ??= use;
  }
  return first!;
}

export function isResultChecked(cfg: Cfg, call: Node, options: ResultUseOptions = {}): boolean {
  return resultUse(cfg, call, options).checked;
}

const cached = new WeakMap<Cfg, ReachingDefinitions>();

function definitionsOf(cfg: Cfg): ReachingDefinitions {
  let rd = cached.get(cfg);
  if (!rd) cached.set(cfg, (rd = reachingDefinitions(cfg)));
  return rd;
}

interface Context {
  cfg: Cfg;
  rd: ReachingDefinitions;
  checks: (call: Node, index: number) => boolean;
  component: number;
  returnNames: Set<string>;
}

/** Follows a value up its expression until something checks, keeps, passes or drops it. */
function sink(ctx: Context, n: CfgNode, expr: Node, seen: Set<Definition>, via: Definition[]): ResultUse {
  const done = (checked: boolean, how: ResultUse['how'], at?: Node): ResultUse => ({ checked, how, at, via });
  let cur = expr;
  for (let depth = 0; depth < 200; depth++) {
    const taking = ctx.rd.madeAt(n).filter((d) => d.value === cur);
    if (taking.length) {
      // A tuple result is taken element by element: only the element that matters carries the result on.
      const def = taking.find((d) => d.component === undefined || d.component === ctx.component);
      return def ? follow(ctx, def, seen, [...via, def]) : done(false, 'discarded', cur);
    }
    const p = parentOf(ctx.cfg, cur);
    if (!p) {
      if (n.kind === 'condition' && n.condition === cur) return done(true, 'condition', cur);
      if (n.kind === 'try' && n.ast === cur) return done(true, 'try', cur);
      if (n.kind === 'assembly') return done(true, 'assembly', n.ast ?? undefined);
      return done(false, 'other', cur);
    }
    switch (p.type) {
      case 'TupleExpression':
        if (!p.isArray && Array.isArray(p.components) && p.components.length === 1) break;
        // `return (success, data)`: handed back to the caller, like a single returned value.
        if (!p.isArray && parentOf(ctx.cfg, p)?.type === 'ReturnStatement') return done(true, 'return', p);
        return done(false, 'other', p);
      case 'UnaryOperation':
        if (p.operator === '!') break;
        return done(false, 'other', p);
      case 'BinaryOperation':
        if (FLOWS_THROUGH.has(String(p.operator))) break;
        // `x = call` into a local was taken above; what remains is a write elsewhere.
        if (p.operator === '=' && p.right === cur) return done(false, 'assigned', p);
        return done(false, 'other', p);
      case 'Conditional':
        if (p.condition === cur) return done(true, 'condition', p);
        break;
      case 'FunctionCall': {
        const i = callArguments(p).indexOf(cur);
        if (i < 0) return done(false, 'other', p);
        if (ctx.checks(p, i)) {
          const name = bareCallName(p);
          return done(true, name === 'require' || name === 'assert' ? 'require' : 'helper', p);
        }
        return done(false, 'passed', p);
      }
      case 'ReturnStatement':
        return done(true, 'return', p);
      case 'ExpressionStatement':
        return done(false, 'discarded', p);
      case 'EmitStatement':
      case 'NameValueList':
        return done(false, 'passed', p);
      case 'VariableDeclarationStatement':
        return done(false, 'discarded', p);
      default:
        return done(false, 'other', p);
    }
    cur = p;
  }
  return done(false, 'other', cur);
}

/** A local holding the value: checked when some use it reaches checks it (or it is a return variable at exit). */
function follow(ctx: Context, def: Definition, seen: Set<Definition>, via: Definition[]): ResultUse {
  if (seen.has(def)) return { checked: false, how: 'unused', at: def.ast ?? undefined, via };
  seen.add(def);
  if (ctx.returnNames.has(def.variable) && ctx.rd.reaches(def, ctx.cfg.exit)) return { checked: true, how: 'return', at: def.ast ?? undefined, via };
  let firstUnchecked: ResultUse | undefined;
  for (const m of ctx.cfg.nodes) {
    if (!ctx.rd.reaches(def, m)) continue;
    for (const use of usesIn(m, def.variable)) {
      const r = m.kind === 'assembly' ? { checked: true, how: 'assembly' as const, at: m.ast ?? undefined, via } : sink(ctx, m, use, seen, via);
      if (r.checked) return r;
      firstUnchecked ??= r;
    }
  }
  return firstUnchecked && firstUnchecked.how !== 'unused' ? firstUnchecked : { checked: false, how: 'unused', at: def.ast ?? undefined, via };
}

/** Identifiers reading `name` in a node's own code; the target of a plain `=` is written, not read. */
export function usesIn(n: CfgNode, name: string): Node[] {
  const out: Node[] = [];
  const visit = (x: Node) => {
    if (x.type === 'Identifier' && x.name === name) out.push(x);
    // In assembly a Solidity local reads as a call without arguments.
    else if (x.type === 'AssemblyCall' && x.functionName === name && nodeList(x.arguments).length === 0) out.push(x);
    if (x.type === 'BinaryOperation' && x.operator === '=') {
      if (isNode(x.right)) visit(x.right);
      if (isNode(x.left) && !isWritten(x.left)) visit(x.left);
      else if (isNode(x.left)) visitTargets(x.left, visit);
      return;
    }
    forEachChild(x, visit);
  };
  for (const root of ownCode(n)) visit(root);
  return out;
}

/** An Identifier or a tuple of them: written whole by `=`. */
function isWritten(target: Node): boolean {
  return target.type === 'Identifier' || (target.type === 'TupleExpression' && !target.isArray);
}

/** In `(a, b[i]) = ..` the index `i` is read, `a` and `b[i]` are written. */
function visitTargets(target: Node, visit: (x: Node) => void): void {
  if (target.type !== 'TupleExpression') return;
  for (const c of nodeList(target.components)) if (c.type !== 'Identifier') visit(c);
}

/**
 * Whether function `fn` reverts unless its parameter `index` holds: some condition on the parameter has one branch
 * from which every path reverts and one from which the function can return (`require(p)`, `if (!p) revert ..`, `if (!p) _revert(..)`; a called function
 * whose name says "revert" is taken to revert unless `options.alwaysReverts` says otherwise). A test that
 * reverts when `p` holds counts too: it is a test of `p`. The parameter is not tracked through locals.
 */
export function checksParameter(fn: Node, index: number, options: CfgOptions = {}): boolean {
  const param = nodeList(fn.parameters)[index];
  if (!param || typeof param.name !== 'string' || !isNode(fn.body)) return false;
  const name = param.name;
  // Helpers that only revert are named so (`_revert`, OpenZeppelin's `LowLevelCall.bubbleRevert`) unless told.
  const cfg = buildCfg(fn, { alwaysReverts: (call) => /revert/i.test(calleeName(call) ?? ''), ...options });
  for (const n of cfg.nodes) {
    if (n.kind !== 'condition' || !n.condition || !mentions(n.condition, name)) continue;
    // One branch always reverts and the other can return: the outcome depends on the test.
    const returns = n.out.map((e) => pathExists(e.to, cfg.exit));
    if (returns.includes(true) && returns.includes(false)) return true;
  }
  return false;
}

function mentions(x: Node, name: string): boolean {
  if (x.type === 'Identifier' && x.name === name) return true;
  let found = false;
  forEachChild(x, (c) => {
    if (!found && mentions(c, name)) found = true;
  });
  return found;
}

/**
 * `checksArgument` for the functions of one contract (or library) called by name: require/assert, plus any
 * function of `contract` that checks the parameter in that position (see checksParameter). Memoised.
 */
export function checkingHelpersIn(contract: Node | undefined, options: CfgOptions = {}): (call: Node, index: number) => boolean {
  const functions = new Map<string, Node[]>();
  for (const m of nodeList(contract?.subNodes)) {
    if (m.type !== 'FunctionDefinition' || typeof m.name !== 'string') continue;
    const list = functions.get(m.name);
    if (list) list.push(m);
    else functions.set(m.name, [m]);
  }
  const memo = new Map<string, boolean>();
  return (call, index) => {
    if (defaultChecksArgument(call, index)) return true;
    const c = isNode(call.expression) ? call.expression : undefined;
    // `helper(..)`, or `Lib.helper(..)` / `this.helper(..)` on the contract itself.
    const name = c?.type === 'Identifier' ? c.name : c?.type === 'MemberAccess' ? c.memberName : undefined;
    if (typeof name !== 'string' || !functions.has(name)) return false;
    const key = `${name}/${index}/${callArguments(call).length}`;
    let answer = memo.get(key);
    if (answer === undefined) {
      memo.set(key, false); // recursion: not (yet) known to check
      const arity = callArguments(call).length;
      answer = functions.get(name)!.some((fn) => nodeList(fn.parameters).length === arity && checksParameter(fn, index, options));
      memo.set(key, answer);
    }
    return answer;
  };
}

/**
 * Facts with a local's condition put back in: after `bool isOwner = msg.sender == owner;`, the fact `isOwner`
 * along an edge leaving `at` becomes `msg.sender == owner`, when that is the only definition reaching `at`.
 */
export function expandFacts(facts: Fact[], at: CfgNode, definitions: ReachingDefinitions, depth = 0): Fact[] {
  const out: Fact[] = [];
  for (const f of facts) {
    const defs = f.expr.type === 'Identifier' && depth < 8 ? definitions.reaching(at).filter((d) => d.variable === f.expr.name) : [];
    const value = defs.length === 1 && defs[0].component === undefined ? defs[0].value : undefined;
    if (value) out.push(...expandFacts(factsOf(value, f.holds), defs[0].node, definitions, depth + 1));
    else out.push(f);
  }
  return out;
}
