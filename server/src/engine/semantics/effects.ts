// What one function body does, statement by statement: state it reads and writes (through struct fields,
// indexes, storage pointers, push/pop, delete, `++`/`--`, compound assignment, assembly `sstore`/`tstore`),
// message calls out (effects-calls.ts), internal calls (for summaries), events, reverts, selfdestruct. Each
// effect is tied to its AST node and the graph node that evaluates it; the graph is built through the
// function's modifiers, so a modifier's effects are there too, marked with their origin. Never throws.
import { forEachChild, isNode, isPlaceholder, nodeList, unparen } from './cfg-ast';
import { buildCfg } from './cfg';
import type { Cfg, CfgNode, Node } from './cfg-types';
import { assemblyEffects } from './effects-assembly';
import { callEffect } from './effects-calls';
import { Places } from './effects-places';
import type { Effect, EffectsOptions, FunctionEffects, WriteHow } from './effects-types';
import type { SemanticModel } from './model';
import { ownCode, pathExists } from './order';
import type { ContractSymbol, FunctionSymbol, ModifierSymbol } from './symbols';
import { locationOf } from './types';

export type * from './effects-types';
export { isWorldChanging } from './effects-types';

const ASSIGN = /^(?:[-+*/%|&^]|<<|>>|\*\*)?=$/;

/** The effects of a function (through its modifiers) or of a modifier's own body. */
export function analyseEffects(model: SemanticModel, fn: FunctionSymbol | ModifierSymbol | Node, options: EffectsOptions = {}): FunctionEffects {
  const def = 'type' in fn ? (fn as Node) : (fn as FunctionSymbol | ModifierSymbol).node;
  const context = options.context ?? (model.contractOf(def) as ContractSymbol | undefined);
  const cfg = buildCfg(def, {
    lookupModifier: (inv) => lookupModifier(model, inv, context),
    alwaysReverts: options.alwaysReverts,
    ...options.cfg,
  });
  const effects = effectsOfCfg(model, cfg);
  const returns = pathExists(cfg.entry, cfg.exit);
  const reverts = !returns ? 'always' : cfg.revert.in.some((e) => pathExists(cfg.entry, e.from)) ? 'may' : 'never';
  return { fn: def, cfg, effects, reverts };
}

function lookupModifier(model: SemanticModel, inv: Node, context: ContractSymbol | undefined): Node | undefined {
  const name = typeof inv.name === 'string' ? inv.name : '';
  try {
    const m = context && !name.includes('.') ? model.lookupModifier(context, name) : undefined;
    if (m?.node) return m.node;
    const d = model.declarationOf(inv);
    return d?.kind === 'modifier' ? d.node : undefined;
  } catch {
    return undefined;
  }
}

/** The effects of every node of a graph, in node order. */
export function effectsOfCfg(model: SemanticModel, cfg: Cfg): Effect[] {
  const w = new Walker(model, cfg);
  for (let i = 0; i < cfg.nodes.length; i++) {
    const n = cfg.nodes[i];
    try {
      w.node(n);
    } catch {
      // One node's surprise costs that node's effects.
    }
  }
  return w.effects;
}

class Walker {
  readonly effects: Effect[] = [];
  private current!: CfgNode;
  private readonly places: Places;

  constructor(
    private readonly model: SemanticModel,
    cfg: Cfg,
  ) {
    this.places = new Places(model, cfg);
  }

  node(n: CfgNode): void {
    this.current = n;
    if (n.kind === 'modifier' && n.ast) {
      // A modifier whose body the model cannot see: its arguments are evaluated, then unknown code runs.
      for (const a of nodeList(n.ast.arguments)) this.visit(a);
      this.add({ kind: 'opaque', ast: n.ast, name: typeof n.ast.name === 'string' ? n.ast.name : undefined });
      return;
    }
    if (n.kind === 'opaque' && n.ast && isPlaceholder(n.ast)) return;
    const roots = ownCode(n);
    for (let i = 0; i < roots.length; i++) this.visit(roots[i]);
    if (n.kind === 'opaque' && n.ast) this.add({ kind: 'opaque', ast: n.ast });
  }

  private readonly visitor = (x: Node) => this.visit(x);

  private add(e: Omit<Effect, 'node'>): void {
    this.effects.push({ ...e, node: this.current });
  }

  private visit(x: Node): void {
    switch (x.type) {
      case 'BinaryOperation':
        if (ASSIGN.test(String(x.operator)) && isNode(x.left)) {
          if (isNode(x.right)) this.visit(x.right);
          if (x.operator === '=' && this.retargets(x.left)) return;
          this.lvalue(x.left, x.operator === '=' ? 'assign' : 'compound', x);
          return;
        }
        break;
      case 'UnaryOperation':
        if ((x.operator === '++' || x.operator === '--' || x.operator === 'delete') && isNode(x.subExpression)) {
          this.lvalue(x.subExpression, x.operator === 'delete' ? 'delete' : 'increment', x);
          return;
        }
        break;
      case 'FunctionCall':
        return this.call(x);
      case 'Identifier':
        return this.read(x, x, '');
      case 'MemberAccess':
      case 'IndexAccess':
        return this.readPath(x);
      case 'EmitStatement': {
        const call = isNode(x.eventCall) ? x.eventCall : undefined;
        if (!call) return;
        for (const a of nodeList(call.arguments)) this.visit(a);
        const e = callEffect(this.model, call);
        this.add({ kind: 'event', ast: x, event: e.kind === 'event' ? e.name : calleeText(call) });
        return;
      }
      case 'RevertStatement':
        if (isNode(x.revertCall)) for (const a of nodeList(x.revertCall.arguments)) this.visit(a);
        this.add({ kind: 'revert', ast: x, conditional: false });
        return;
      case 'ThrowStatement':
        this.add({ kind: 'revert', ast: x, conditional: false });
        return;
      case 'InlineAssemblyStatement':
        assemblyEffects(x, this.places, (e) => this.add(e));
        return;
      case 'VariableDeclarationStatement': {
        if (!isNode(x.initialValue)) return;
        const vars = nodeList(x.variables);
        // `S storage s = m[k]` takes a reference: the indexes are read, the storage itself is not.
        if (vars.length === 1 && this.places.pointerInit(vars[0]) === x.initialValue && locationOf(this.model.typeOf(x.initialValue)) === 'storage') {
          if (!this.places.refOf(x.initialValue, this.visitor, this.visitor)) this.visit(x.initialValue);
          return;
        }
        this.visit(x.initialValue);
        return;
      }
    }
    forEachChild(x, (c) => this.visit(c));
  }

  private read(id: Node, ast: Node, path: string): void {
    const ref = this.places.rootRef(id, path);
    if (ref) this.add({ kind: 'read', ast, state: ref });
  }

  /** `m[k].x`, `s.x` of a pointer, `getSlot().value`: the indexes are read, then the place the path reaches. */
  private readPath(x: Node): void {
    const path: string[] = [];
    let cur = x;
    while ((cur.type === 'IndexAccess' && isNode(cur.base)) || (cur.type === 'MemberAccess' && isNode(cur.expression))) {
      if (cur.type === 'IndexAccess') {
        if (isNode(cur.index)) this.visit(cur.index);
        path.unshift('[]');
        cur = unparen(cur.base as Node);
      } else {
        path.unshift(`.${String(cur.memberName)}`);
        cur = unparen(cur.expression as Node);
      }
    }
    if (cur.type === 'Identifier') return this.read(cur, x, path.join(''));
    this.visit(cur);
    if (cur.type === 'FunctionCall' && cur !== x) {
      const ref = this.places.structRef(cur, path.join(''));
      if (ref) this.add({ kind: 'read', ast: x, state: ref });
    }
  }

  private call(call: Node): void {
    const e = callEffect(this.model, call);
    // Arguments and the receiver are evaluated first.
    for (const a of nodeList(call.arguments)) this.visit(a);
    const callee = isNode(call.expression) ? call.expression : undefined;
    if (callee) this.visitCallee(callee);
    switch (e.kind) {
      case 'external':
        this.add({ kind: 'call', ast: call, call: e.call });
        return;
      case 'internal':
        this.add({ kind: 'internal', ast: call, callee: e.callee, args: e.args, argRefs: e.args.map((a) => this.places.pointsAt(a)) });
        return;
      case 'event':
        if (!this.isEmitted(call)) this.add({ kind: 'event', ast: call, event: e.name });
        return;
      case 'revert':
        this.add({ kind: 'revert', ast: call, conditional: e.conditional });
        return;
      case 'selfdestruct':
        this.add({ kind: 'selfdestruct', ast: call });
        return;
      case 'arrayWrite': {
        const ref = this.places.refOf(e.target);
        if (ref) this.add({ kind: 'write', ast: call, state: ref, how: e.how });
        return;
      }
      case 'opaque':
        this.add({ kind: 'opaque', ast: call, name: e.name });
        return;
    }
  }

  /** The callee's own sub-expressions: the receiver of `a.f()`, `{value: v}`, legacy `.value(v)`. */
  private visitCallee(c: Node): void {
    if (c.type === 'NameValueExpression') {
      if (isNode(c.arguments)) for (const a of nodeList(c.arguments.arguments)) this.visit(a);
      if (isNode(c.expression)) this.visitCallee(c.expression);
      return;
    }
    if (
      c.type === 'FunctionCall' &&
      isNode(c.expression) &&
      c.expression.type === 'MemberAccess' &&
      (c.expression.memberName === 'value' || c.expression.memberName === 'gas')
    ) {
      for (const a of nodeList(c.arguments)) this.visit(a);
      return this.visitCallee(c.expression.expression as Node);
    }
    if (c.type === 'MemberAccess' && isNode(c.expression)) this.visit(c.expression);
    else if (c.type !== 'Identifier') this.visit(c);
  }

  private isEmitted(call: Node): boolean {
    const st = this.current.ast;
    return st?.type === 'EmitStatement' && st.eventCall === call;
  }

  /** A write to `target`, and for compound forms a read of it. Indexes on the way are read. */
  private lvalue(target: Node, how: WriteHow, ast: Node): void {
    const t = unparen(target);
    if (t.type === 'TupleExpression' && !t.isArray) {
      for (const c of nodeList(t.components)) this.lvalue(c, how, ast);
      return;
    }
    const ref = this.places.refOf(t, this.visitor, this.visitor);
    if (!ref) return;
    if (how === 'compound' || how === 'increment') this.add({ kind: 'read', ast: t, state: ref });
    this.add({ kind: 'write', ast, state: ref, how });
  }

  /** `s = m[k]` where `s` is a storage pointer: the pointer moves, nothing is written. */
  private retargets(target: Node): boolean {
    const t = unparen(target);
    if (t.type !== 'Identifier') return false;
    const d = this.declaration(t);
    return !!d && (d.kind === 'localVariable' || d.kind === 'parameter') && this.places.isStoragePointer(t);
  }

  private declaration(id: Node) {
    return this.places.declaration(id);
  }
}

function calleeText(call: Node): string {
  const c = isNode(call.expression) ? call.expression : undefined;
  if (c?.type === 'Identifier') return String(c.name);
  if (c?.type === 'MemberAccess') return String(c.memberName);
  return '?';
}
