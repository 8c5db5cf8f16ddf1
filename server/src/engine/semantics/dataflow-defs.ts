// Reaching definitions of a function's local variables (parameters, return variables, locals) over its
// control-flow graph: which assignments of `ok` can be the one a later `if (!ok)` reads. Variables are known by
// name; the semantic model may say which are locals through `isLocal` (by default: every name declared in the
// function, its parameters and its modifiers; shadowing is not modelled).
import { forEachChild, isNode, nodeList, unparen } from './cfg-ast';
import type { Cfg, CfgNode, Node } from './cfg-types';
import { ownCode } from './order';

export type DefinitionKind = 'parameter' | 'declaration' | 'assignment' | 'compound' | 'update' | 'assembly';

export interface Definition {
  id: number;
  variable: string;
  node: CfgNode;
  /** The declaration, assignment, `++`/`--`/`delete` or assembly assignment; the parameter's declaration. */
  ast: Node | null;
  kind: DefinitionKind;
  /** The expression whose value the variable takes whole: an initial value, a right-hand side or its element. */
  value?: Node;
  /** When `value` returns a tuple, the element taken: `(bool ok, ) = a.call(..)` defines ok as element 0. */
  component?: number;
}

export interface ReachingDefinitions {
  defs: Definition[];
  /** Definitions made at a node, in evaluation order. */
  madeAt(n: CfgNode): Definition[];
  /** Definitions that reach the start of a node. */
  reaching(n: CfgNode): Definition[];
  /** Whether `def` reaches the start of `n`. */
  reaches(def: Definition, n: CfgNode): boolean;
  isLocal(name: string, site: Node | null): boolean;
}

const ASSIGNMENTS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '|=', '&=', '^=', '<<=', '>>=']);

/** Names of the parameters, return variables and locals declared anywhere in the graph (modifiers included). */
export function localNames(cfg: Cfg): Set<string> {
  const names = new Set<string>();
  const add = (decl: unknown) => {
    if (isNode(decl) && typeof decl.name === 'string' && decl.name) names.add(decl.name);
  };
  for (const d of parameterDeclarations(cfg)) add(d);
  for (let i = 0; i < cfg.nodes.length; i++) {
    const n = cfg.nodes[i];
    if (n.kind === 'try') nodeList(n.statement?.returnParameters).forEach(add);
    const roots = ownCode(n);
    for (let j = 0; j < roots.length; j++) {
      const root = roots[j];
      if (root.type === 'VariableDeclaration') add(root);
      if (root.type === 'VariableDeclarationStatement') nodeList(root.variables).forEach(add);
    }
  }
  return names;
}

function parameterDeclarations(cfg: Cfg): Node[] {
  const out = [...nodeList(cfg.fn.parameters), ...nodeList(cfg.fn.returnParameters)];
  const seen = new Set<Node>();
  for (let i = 0; i < cfg.nodes.length; i++) {
    const m = cfg.nodes[i].origin?.definition;
    if (m && !seen.has(m)) {
      seen.add(m);
      out.push(...nodeList(m.parameters));
    }
  }
  return out;
}

/**
 * `isLocal(name, site)` is asked for each write: `site` is the Identifier written, or the VariableDeclaration
 * (a parameter, a local, a try/catch variable); assembly writes give the assembly Identifier.
 */
export function reachingDefinitions(cfg: Cfg, isLocal?: (name: string, site: Node | null) => boolean): ReachingDefinitions {
  const names = isLocal ? undefined : localNames(cfg);
  const local = isLocal ?? ((name: string) => names!.has(name));
  const defs: Definition[] = [];
  const made = new Map<CfgNode, Definition[]>();
  const define: Define = (node, site, ast, kind, value, component) => {
    const variable = site.name;
    if (typeof variable !== 'string' || !variable || !local(variable, site)) return;
    const d: Definition = { id: defs.length, variable, node, ast, kind };
    if (value) d.value = value;
    if (component !== undefined) d.component = component;
    defs.push(d);
    const list = made.get(node);
    if (list) list.push(d);
    else made.set(node, [d]);
  };
  for (const p of parameterDeclarations(cfg)) define(cfg.entry, p, p, 'parameter');
  for (const n of cfg.nodes) collectDefinitions(n, define);
  return solve(cfg, defs, made, local);
}

/** Records that `site` (an Identifier or VariableDeclaration) is written at `node`. */
type Define = (node: CfgNode, site: Node, ast: Node | null, kind: DefinitionKind, value?: Node, component?: number) => void;

function collectDefinitions(n: CfgNode, define: Define): void {
  if (n.kind === 'try') {
    nodeList(n.statement?.returnParameters).forEach((p, i) => define(n, p, p, 'declaration', n.ast ?? undefined, i));
    return;
  }
  for (const root of ownCode(n)) {
    if (root.type === 'VariableDeclaration') define(n, root, root, 'declaration');
    else visitDefinitions(root, n, define);
  }
}

/** Post-order, so that `a = b = c` defines b before a, as it runs. */
function visitDefinitions(x: Node, n: CfgNode, define: Define): void {
  if (x.type === 'InlineAssemblyStatement') return visitAssembly(x, n, define);
  forEachChild(x, (c) => visitDefinitions(c, n, define));
  if (x.type === 'VariableDeclarationStatement') {
    const vars = Array.isArray(x.variables) ? x.variables : [];
    const init = isNode(x.initialValue) ? x.initialValue : undefined;
    vars.forEach((v, i) => {
      if (!isNode(v)) return;
      const [value, component] = element(init, i, vars.length);
      define(n, v, v, 'declaration', value, component);
    });
  } else if (x.type === 'BinaryOperation' && ASSIGNMENTS.has(String(x.operator)) && isNode(x.left)) {
    const kind = x.operator === '=' ? 'assignment' : 'compound';
    const right = kind === 'assignment' && isNode(x.right) ? x.right : undefined;
    const left = unparen(x.left);
    if (left.type === 'Identifier') define(n, left, x, kind, right);
    else if (left.type === 'TupleExpression' && Array.isArray(left.components)) {
      left.components.forEach((c, i) => {
        if (!isNode(c) || unparen(c).type !== 'Identifier') return;
        const [value, component] = element(right, i, (left.components as unknown[]).length);
        define(n, unparen(c), x, kind, value, component);
      });
    }
  } else if (x.type === 'UnaryOperation' && ['++', '--', 'delete'].includes(String(x.operator)) && isNode(x.subExpression)) {
    const target = unparen(x.subExpression);
    if (target.type === 'Identifier') define(n, target, x, 'update');
  }
}

/** Element `i` of `count` taken from `value`: a tuple literal gives its component, a call its i-th result. */
function element(value: Node | undefined, i: number, count: number): [Node | undefined, number | undefined] {
  if (!value) return [undefined, undefined];
  if (count === 1) return [value, undefined];
  const v = unparen(value);
  if (v.type === 'TupleExpression' && Array.isArray(v.components) && v.components.length === count) {
    const c = v.components[i];
    return [isNode(c) ? c : undefined, undefined];
  }
  return [value, i];
}

function visitAssembly(x: Node, n: CfgNode, define: Define): void {
  const visit = (y: Node) => {
    if (y.type === 'AssemblyAssignment') for (const name of nodeList(y.names)) define(n, name, y, 'assembly');
    forEachChild(y, visit);
  };
  visit(x);
}

/** The classic forward may-analysis: out = gen ∪ (in − kill), iterated to a fixpoint on bit sets. */
function solve(cfg: Cfg, defs: Definition[], made: Map<CfgNode, Definition[]>, isLocal: (name: string, site: Node | null) => boolean): ReachingDefinitions {
  const words = Math.max(1, Math.ceil(defs.length / 32));
  const count = cfg.nodes.length;
  const ins = new Uint32Array(count * words);
  const outs = new Uint32Array(count * words);
  const byVariable = new Map<string, Definition[]>();
  for (let i = 0; i < defs.length; i++) {
    const d = defs[i];
    const list = byVariable.get(d.variable);
    if (list) list.push(d);
    else byVariable.set(d.variable, [d]);
  }
  // gen and kill only for the nodes that define something; the others pass `in` through.
  const gen = new Map<number, Uint32Array>();
  const kill = new Map<number, Uint32Array>();
  // Map.forEach and indexed loops: this runs for every function, mostly before V8 optimises it.
  made.forEach((list, node) => {
    const g = new Uint32Array(words);
    const k = new Uint32Array(words);
    const last = new Map<string, Definition>();
    for (let i = 0; i < list.length; i++) last.set(list[i].variable, list[i]);
    last.forEach((d) => {
      const others = byVariable.get(d.variable)!;
      for (let i = 0; i < others.length; i++) k[others[i].id >>> 5] |= 1 << (others[i].id & 31);
      g[d.id >>> 5] |= 1 << (d.id & 31);
    });
    gen.set(node.id, g);
    kill.set(node.id, k);
  });
  const queued = new Uint8Array(count);
  const queue: CfgNode[] = [];
  for (let i = 0; i < cfg.nodes.length; i++) {
    const n = cfg.nodes[i];
    queue.push(n);
    queued[n.id] = 1;
  }
  for (let head = 0; head < queue.length; head++) {
    const n = queue[head];
    queued[n.id] = 0;
    const base = n.id * words;
    // Indexed loops over the edges: this fixpoint runs for every function, mostly before V8 optimises it.
    for (let i = 0; i < n.in.length; i++) {
      const pb = n.in[i].from.id * words;
      for (let w = 0; w < words; w++) ins[base + w] |= outs[pb + w];
    }
    const g = gen.get(n.id);
    const k = kill.get(n.id);
    let changed = false;
    for (let w = 0; w < words; w++) {
      const v = g ? (g[w] | (ins[base + w] & ~k![w])) >>> 0 : ins[base + w];
      if (v !== outs[base + w]) {
        outs[base + w] = v;
        changed = true;
      }
    }
    if (!changed) continue;
    for (let i = 0; i < n.out.length; i++) {
      const to = n.out[i].to;
      if (queued[to.id]) continue;
      queued[to.id] = 1;
      queue.push(to);
    }
  }
  const reaches = (d: Definition, n: CfgNode) => (ins[n.id * words + (d.id >>> 5)] & (1 << (d.id & 31))) !== 0;
  return {
    defs,
    madeAt: (n) => made.get(n) ?? [],
    reaching: (n) => defs.filter((d) => reaches(d, n)),
    reaches,
    isLocal,
  };
}
