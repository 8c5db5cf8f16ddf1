// Tree questions the fix preconditions ask (fix-requires.ts): the nodes around a span, the statement a fix edits
// and where it stands, loops, and which functions a constructor reaches. Syntactic, so they work on any file the
// parser reads; names are compared as written, which over-approximates calls (the conservative direction here).
import { isNode, spanOf, type Node } from './pattern/ast';

export type Span = [number, number];

const STATEMENT_TYPES = new Set([
  'ExpressionStatement',
  'VariableDeclarationStatement',
  'IfStatement',
  'ForStatement',
  'WhileStatement',
  'DoWhileStatement',
  'ReturnStatement',
  'EmitStatement',
  'RevertStatement',
  'ThrowStatement',
  'TryStatement',
  'UncheckedStatement',
  'Block',
  'BreakStatement',
  'ContinueStatement',
  'InlineAssemblyStatement',
]);
const LOOP_TYPES = new Set(['ForStatement', 'WhileStatement', 'DoWhileStatement']);
const FUNCTION_TYPES = new Set(['FunctionDefinition', 'ModifierDefinition']);

/** The child nodes of a node, in field order. */
export function childrenOf(n: Node): Node[] {
  const out: Node[] = [];
  for (const key in n) {
    if (key === 'range' || key === 'loc' || key === 'comments') continue;
    const v = n[key];
    if (isNode(v)) out.push(v);
    else if (Array.isArray(v)) for (const x of v) if (isNode(x)) out.push(x);
  }
  return out;
}

/** The nodes whose range holds `span`, outermost first (`root` included when it holds it). */
export function ancestorsOf(root: Node, span: Span): Node[] {
  const chain: Node[] = [];
  let at: Node | undefined = root;
  while (at) {
    const s = spanOf(at);
    if (!s || s[0] > span[0] || s[1] < span[1]) break;
    chain.push(at);
    at = childrenOf(at).find((c) => {
      const cs = spanOf(c);
      return cs !== undefined && cs[0] <= span[0] && span[1] <= cs[1];
    });
  }
  return chain;
}

/** The innermost node of `chain` whose range is exactly `span`, else the innermost one holding it. */
export function nodeAtSpan(chain: Node[], span: Span): Node | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const s = spanOf(chain[i]);
    if (s && s[0] === span[0] && s[1] === span[1]) return chain[i];
  }
  return chain[chain.length - 1];
}

export interface StatementPlace {
  statement: Node;
  span: Span;
  /** The statement is the brace-less body of an `if`, `else`, loop: statements added next to it need braces. */
  needsBraces: boolean;
}

/** The innermost statement holding the end of `chain`, and whether it stands without a block around it. */
export function statementPlace(chain: Node[]): StatementPlace | undefined {
  for (let i = chain.length - 1; i > 0; i--) {
    const n = chain[i];
    if (!STATEMENT_TYPES.has(n.type) || n.type === 'Block') continue;
    const parent = chain[i - 1];
    const span = spanOf(n);
    if (!span) return undefined;
    if (parent.type === 'Block' || parent.type === 'UncheckedStatement') return { statement: n, span, needsBraces: false };
    const isBody = parent.trueBody === n || parent.falseBody === n || parent.body === n;
    if (isBody && STATEMENT_TYPES.has(parent.type)) return { statement: n, span, needsBraces: true };
    return undefined; // a statement outside any function body: nothing a fix should add statements next to
  }
  return undefined;
}

export function enclosingFunction(chain: Node[]): Node | undefined {
  for (let i = chain.length - 1; i >= 0; i--) if (FUNCTION_TYPES.has(chain[i].type)) return chain[i];
  return undefined;
}

export function enclosingContract(chain: Node[]): Node | undefined {
  for (let i = chain.length - 1; i >= 0; i--) if (chain[i].type === 'ContractDefinition') return chain[i];
  return undefined;
}

/** Whether the end of `chain` sits in the body of a loop (its condition and header included) within its function. */
export function inLoop(chain: Node[]): boolean {
  for (let i = chain.length - 1; i >= 0; i--) {
    if (FUNCTION_TYPES.has(chain[i].type)) return false;
    if (LOOP_TYPES.has(chain[i].type)) return true;
  }
  return false;
}

/** A function-like node is a constructor: `constructor(...)`, or a 0.4 function named like its contract. */
export function isConstructor(fn: Node, contract: Node | undefined): boolean {
  if (fn.type !== 'FunctionDefinition') return false;
  if (fn.isConstructor === true) return true;
  return contract !== undefined && typeof fn.name === 'string' && fn.name === contract.name;
}

/** Names called (or invoked as modifiers) anywhere under `n`: `f(...)`, `this.f(...)`, `super.f(...)`, `Base.f(...)`. */
export function calledNames(n: Node, out = new Set<string>()): Set<string> {
  if (n.type === 'FunctionCall' && isNode(n.expression)) {
    const callee = n.expression;
    if (callee.type === 'Identifier' && typeof callee.name === 'string') out.add(callee.name);
    else if (callee.type === 'MemberAccess' && typeof callee.memberName === 'string') out.add(callee.memberName);
  }
  if (n.type === 'ModifierInvocation' && typeof n.name === 'string') out.add(n.name);
  for (const c of childrenOf(n)) calledNames(c, out);
  return out;
}

/**
 * Names of the functions and modifiers of the file that some constructor reaches, calls through calls, by name.
 * Base constructors called from a derived contract's header are reached as well (they are modifier invocations).
 */
export function reachedFromConstructors(root: Node): Set<string> {
  const bodies = new Map<string, Node[]>();
  const starts: Node[] = [];
  for (const unit of childrenOf(root)) {
    const members =
      unit.type === 'ContractDefinition' ? childrenOf(unit).filter((m) => FUNCTION_TYPES.has(m.type)) : FUNCTION_TYPES.has(unit.type) ? [unit] : [];
    for (const m of members) {
      if (isConstructor(m, unit.type === 'ContractDefinition' ? unit : undefined)) starts.push(m);
      else if (typeof m.name === 'string') bodies.set(m.name, [...(bodies.get(m.name) ?? []), m]);
    }
  }
  const reached = new Set<string>();
  const queue = [...starts];
  while (queue.length) {
    const fn = queue.pop()!;
    for (const name of calledNames(fn)) {
      if (reached.has(name)) continue;
      reached.add(name);
      queue.push(...(bodies.get(name) ?? []));
    }
  }
  return reached;
}

/**
 * Where `add-modifier` writes a modifier on the function holding the match: before `returns`, else before the
 * body. `no`, with why, when it cannot be written (no body, a constructor, the modifier is already there) or, for
 * the `nonReentrant` lock, would be wrong: on a function that is not public or external, or that the contract
 * calls itself (a nested call of a locked function reverts).
 */
export function modifierPlace(chain: Node[], text: string, modifier: string): { at: number } | { no: string } {
  const fn = enclosingFunction(chain);
  const contract = enclosingContract(chain);
  if (fn?.type !== 'FunctionDefinition' || !contract) return { no: 'the code is not in a function of a contract' };
  const body = fn.body as Node | null | undefined;
  if (!body?.range) return { no: 'the function has no body' };
  if (fn.isConstructor) return { no: 'it is a constructor' };
  const mods = (fn.modifiers as Node[] | undefined) ?? [];
  if (mods.some((m) => m.name === modifier)) return { no: `the function already has ${modifier}` };
  if (modifier === 'nonReentrant') {
    if (fn.visibility !== 'external' && fn.visibility !== 'public')
      return { no: `the function is ${String(fn.visibility)}: lock the public functions that call it instead` };
    const name = typeof fn.name === 'string' ? fn.name : '';
    if (name && calledNames(contract).has(name)) return { no: `the contract calls ${name} itself: a nested call of a locked function reverts` };
  }
  const returns = (fn.returnParameters as Node[] | null | undefined) ?? [];
  const bodyStart = (body.range as [number, number])[0];
  if (returns.length) {
    const header = text.slice((fn.range as [number, number])[0], (returns[0].range as [number, number])[0]);
    const r = header.lastIndexOf('returns');
    if (r < 0) return { no: 'could not find `returns` in the function header' };
    return { at: (fn.range as [number, number])[0] + r };
  }
  return { at: bodyStart };
}

/**
 * The name the statement holding the call at `span` gives to element `component` of its value: the variable of
 * `(, int256 answer, , , ) = f();` or of `(, answer, , , ) = f();`, as the span of that name. Undefined when the
 * statement leaves the element out, or the call's value is not destructured right there.
 */
export function componentName(chain: Node[], span: Span, component: number): Span | undefined {
  const call = nodeAtSpan(chain, span);
  if (!call) return undefined;
  let i = chain.indexOf(call);
  let value: Node = call;
  while (i > 0 && chain[i - 1].type === 'TupleExpression' && !chain[i - 1].isArray && (chain[i - 1].components as unknown[]).length === 1) {
    value = chain[--i];
  }
  const parent = chain[i - 1];
  let named: unknown;
  if (parent?.type === 'VariableDeclarationStatement' && parent.initialValue === value) {
    named = ((parent.variables as unknown[]) ?? [])[component];
    if (isNode(named) && named.type === 'VariableDeclaration' && isNode(named.identifier)) named = named.identifier;
  } else if (parent?.type === 'BinaryOperation' && parent.operator === '=' && parent.right === value && isNode(parent.left)) {
    const left = parent.left;
    if (left.type === 'TupleExpression' && !left.isArray) named = ((left.components as unknown[]) ?? [])[component];
  }
  if (!isNode(named) || (named.type !== 'Identifier' && named.type !== 'VariableDeclaration')) return undefined;
  return spanOf(named);
}

/**
 * Where `add-parameter` writes a parameter on the function holding the match: after its last parameter (`first`
 * false: the text goes after a comma), else inside its empty `()`. Not where the parameter list is fixed by
 * something else: a constructor, fallback or receive, an override (its base or interface declares the list) or a
 * virtual function (overrides elsewhere repeat the list).
 */
export function parameterPlace(chain: Node[], text: string): { at: number; first: boolean } | { no: string } {
  const fn = enclosingFunction(chain);
  if (fn?.type !== 'FunctionDefinition' || !fn.range) return { no: 'the code is not in a function' };
  if (isConstructor(fn, enclosingContract(chain)) || fn.isFallback || fn.isReceiveEther) return { no: 'its parameters are fixed by the language' };
  if (fn.override !== null && fn.override !== undefined) return { no: 'it overrides a declaration whose parameters it must keep' };
  if (fn.isVirtual) return { no: 'it is virtual: overrides elsewhere repeat its parameters' };
  const params = (fn.parameters as Node[] | undefined) ?? [];
  const last = params.length ? spanOf(params[params.length - 1]) : undefined;
  if (last) return { at: last[1], first: false };
  const open = text.indexOf('(', (fn.range as [number, number])[0]);
  if (open < 0 || text.slice(open + 1, text.indexOf(')', open)).trim() !== '') return { no: 'could not find its parameter list' };
  return { at: open + 1, first: true };
}
