// A statement-level control-flow graph of one function, built through its modifiers: the modifier bodies run in
// order and each `_` is replaced by the rest (the next modifiers, then the body), once per `_`. Works on any
// shape the tolerant parser leaves: what it does not know becomes an opaque node that falls through. Never throws.
import { bareCallName, callArguments, defaultChecksArgument, isNode, isPlaceholder, modifierLookupIn, nodeList, walk } from './cfg-ast';
import type { Cfg, CfgEdge, CfgEdgeKind, CfgNode, CfgNodeKind, CfgOptions, ModifierOrigin, Node } from './cfg-types';

export type * from './cfg-types';

/** An edge waiting for the node that comes next. */
interface Pending {
  from: CfgNode;
  kind: CfgEdgeKind;
  condition?: Node;
  holds?: boolean;
}

interface Loop {
  breaks: Pending[];
  continues: Pending[];
}

/** What a statement inside one body (the function's or one modifier's) needs to know about where it is. */
interface Scope {
  unchecked: boolean;
  origin?: ModifierOrigin;
  loop?: Loop;
  /** `return` leaves the current body only: in a modifier chain it continues after the enclosing `_`. */
  returns: Pending[];
  /** Expands a `_`; absent in the function body itself. */
  placeholder?: (pending: Pending[], statement: Node) => Pending[];
}

const ASSEMBLY_EXITS = new Set(['return', 'stop']);
const ASSEMBLY_REVERTS = new Set(['revert', 'invalid']);

/** The graph of a FunctionDefinition (or of a ModifierDefinition's own body). Typed loosely: any parser node will do. */
export function buildCfg(fnNode: object, options: CfgOptions = {}): Cfg {
  const fn = (isNode(fnNode) ? fnNode : { type: 'Unknown' }) as Node;
  try {
    return new Builder(fn, options).build();
  } catch {
    // A shape nobody foresaw: the whole body as one opaque node is still a sound over-approximation.
    const b = new Builder(fn, options);
    const n = b.node('opaque', isNode(fn.body) ? fn.body : null, null, { unchecked: false, returns: [] });
    b.link([{ from: b.entry, kind: 'next' }], n);
    b.link([{ from: n, kind: 'next' }], b.exit);
    return b.result();
  }
}

class Builder {
  readonly nodes: CfgNode[] = [];
  readonly byAst = new Map<Node, CfgNode[]>();
  readonly entry: CfgNode;
  readonly exit: CfgNode;
  readonly revert: CfgNode;
  private truncated = false;
  private readonly lookup: (invocation: Node) => Node | undefined;
  private readonly checks: (call: Node, index: number) => boolean;
  private readonly maxNodes: number;

  constructor(
    private readonly fn: Node,
    private readonly options: CfgOptions,
  ) {
    const none: Scope = { unchecked: false, returns: [] };
    this.entry = this.node('entry', null, null, none);
    this.exit = this.node('exit', null, null, none);
    this.revert = this.node('revert', null, null, none);
    this.lookup = options.lookupModifier ?? modifierLookupIn(options.contract);
    this.checks = options.checksArgument ?? defaultChecksArgument;
    this.maxNodes = options.maxNodes ?? 20_000;
  }

  build(): Cfg {
    const out = this.chain(0, [{ from: this.entry, kind: 'next' }]);
    this.link(out, this.exit);
    return this.result();
  }

  result(): Cfg {
    return { fn: this.fn, nodes: this.nodes, entry: this.entry, exit: this.exit, revert: this.revert, byAst: this.byAst, truncated: this.truncated };
  }

  node(kind: CfgNodeKind, ast: Node | null, statement: Node | null, scope: Scope, condition?: Node): CfgNode {
    const n: CfgNode = { id: this.nodes.length, kind, ast, statement, unchecked: scope.unchecked, out: [], in: [] };
    if (condition) n.condition = condition;
    if (scope.origin) n.origin = scope.origin;
    this.nodes.push(n);
    if (ast) this.index(ast, n);
    if (statement && statement !== ast) this.index(statement, n);
    return n;
  }

  private index(ast: Node, n: CfgNode): void {
    const list = this.byAst.get(ast);
    if (list) list.push(n);
    else this.byAst.set(ast, [n]);
  }

  link(pending: Pending[], to: CfgNode, back = false): void {
    for (let i = 0; i < pending.length; i++) {
      const p = pending[i];
      const e: CfgEdge = { from: p.from, to, kind: p.kind };
      if (p.condition) {
        e.condition = p.condition;
        e.holds = p.holds;
      }
      if (back) e.back = true;
      p.from.out.push(e);
      to.in.push(e);
    }
  }

  /** Modifier `i` onwards, then the body; returns the edges leaving the chain normally. */
  private chain(i: number, pending: Pending[]): Pending[] {
    const modifiers = nodeList(this.fn.modifiers);
    if (i >= modifiers.length) {
      const scope: Scope = { unchecked: false, returns: [] };
      return [...this.statement(this.fn.body, pending, scope), ...scope.returns];
    }
    const invocation = modifiers[i];
    const definition = this.lookup(invocation);
    if (!definition || !isNode(definition.body)) {
      // A base constructor call or a modifier we cannot see: something runs here, and then the rest.
      const n = this.node('modifier', invocation, invocation, { unchecked: false, returns: [] });
      this.link(pending, n);
      return this.chain(i + 1, [{ from: n, kind: 'next' }]);
    }
    const scope: Scope = {
      unchecked: false,
      origin: { invocation, definition },
      returns: [],
      placeholder: (inner, statement) => {
        if (this.nodes.length > this.maxNodes) {
          this.truncated = true;
          const n = this.node('opaque', statement, statement, scope);
          this.link(inner, n);
          return [{ from: n, kind: 'next' }];
        }
        return this.chain(i + 1, inner);
      },
    };
    return [...this.statement(definition.body, pending, scope), ...scope.returns];
  }

  private simple(s: Node, pending: Pending[], scope: Scope, kind: CfgNodeKind = 'statement'): CfgNode {
    const n = this.node(kind, s, s, scope);
    this.link(pending, n);
    return n;
  }

  private statement(s: unknown, pending: Pending[], scope: Scope): Pending[] {
    if (!isNode(s)) return pending;
    switch (s.type) {
      case 'Block': {
        let p = pending;
        for (const st of nodeList(s.statements)) p = this.statement(st, p, scope);
        return p;
      }
      case 'UncheckedStatement':
        return this.statement(s.block, pending, { ...scope, unchecked: true });
      case 'IfStatement':
        return this.ifStatement(s, pending, scope);
      case 'WhileStatement':
        return this.whileLoop(s, pending, scope);
      case 'DoWhileStatement':
        return this.doWhileLoop(s, pending, scope);
      case 'ForStatement':
        return this.forLoop(s, pending, scope);
      case 'TryStatement':
        return this.tryStatement(s, pending, scope);
      case 'BreakStatement':
      case 'ContinueStatement': {
        const n = this.simple(s, pending, scope);
        const loop = scope.loop;
        if (!loop) return [{ from: n, kind: 'next' }]; // outside a loop: not valid Solidity, so just fall through
        (s.type === 'BreakStatement' ? loop.breaks : loop.continues).push({ from: n, kind: 'next' });
        return [];
      }
      case 'ReturnStatement':
        scope.returns.push({ from: this.simple(s, pending, scope), kind: 'next' });
        return [];
      case 'ThrowStatement':
      case 'RevertStatement':
        this.link([{ from: this.simple(s, pending, scope), kind: 'next' }], this.revert);
        return [];
      case 'InlineAssemblyStatement':
        return this.assembly(s, pending, scope);
      case 'ExpressionStatement':
        return this.expressionStatement(s, pending, scope);
      case 'VariableDeclarationStatement':
      case 'EmitStatement':
        return [{ from: this.simple(s, pending, scope), kind: 'next' }];
      default:
        return [{ from: this.simple(s, pending, scope, 'opaque'), kind: 'next' }];
    }
  }

  private expressionStatement(s: Node, pending: Pending[], scope: Scope): Pending[] {
    if (isPlaceholder(s) && scope.placeholder) return scope.placeholder(pending, s);
    const call = isNode(s.expression) && s.expression.type === 'FunctionCall' ? s.expression : undefined;
    if (call) {
      const name = bareCallName(call);
      if (name === 'revert' || this.options.alwaysReverts?.(call)) {
        this.link([{ from: this.simple(s, pending, scope), kind: 'next' }], this.revert);
        return [];
      }
      if (name === 'selfdestruct' || name === 'suicide') {
        this.link([{ from: this.simple(s, pending, scope), kind: 'next' }], this.exit);
        return [];
      }
      const args = callArguments(call);
      for (let i = 0; i < args.length; i++) {
        if (!this.checks(call, i)) continue;
        const n = this.node('condition', s, s, scope, args[i]);
        this.link(pending, n);
        this.link([{ from: n, kind: 'false', condition: args[i], holds: false }], this.revert);
        return [{ from: n, kind: 'true', condition: args[i], holds: true }];
      }
    }
    return [{ from: this.simple(s, pending, scope), kind: 'next' }];
  }

  /** A condition node (or a plain head when the condition is missing) and its two outgoing pendings. */
  private branch(condition: unknown, statement: Node, pending: Pending[], scope: Scope): { head: CfgNode; yes: Pending; no?: Pending } {
    if (!isNode(condition)) {
      const head = this.node('loop', null, statement, scope);
      this.link(pending, head);
      return { head, yes: { from: head, kind: 'next' } };
    }
    const head = this.node('condition', condition, statement, scope, condition);
    this.link(pending, head);
    return {
      head,
      yes: { from: head, kind: 'true', condition, holds: true },
      no: { from: head, kind: 'false', condition, holds: false },
    };
  }

  private ifStatement(s: Node, pending: Pending[], scope: Scope): Pending[] {
    const { yes, no } = this.branch(s.condition, s, pending, scope);
    const whenTrue = this.statement(s.trueBody, [yes], scope);
    // A missing condition (half-typed) is treated as unknown: both branches stay possible.
    const otherwise = no ?? { from: yes.from, kind: 'next' as const };
    const whenFalse = isNode(s.falseBody) ? this.statement(s.falseBody, [otherwise], scope) : [otherwise];
    return [...whenTrue, ...whenFalse];
  }

  private whileLoop(s: Node, pending: Pending[], scope: Scope): Pending[] {
    const { head, yes, no } = this.branch(s.condition, s, pending, scope);
    const loop: Loop = { breaks: [], continues: [] };
    const end = this.statement(s.body, [yes], { ...scope, loop });
    this.link([...end, ...loop.continues], head, true);
    return [...(no ? [no] : [{ from: head, kind: 'next' as const }]), ...loop.breaks];
  }

  private doWhileLoop(s: Node, pending: Pending[], scope: Scope): Pending[] {
    const head = this.node('loop', null, s, scope);
    this.link(pending, head);
    const loop: Loop = { breaks: [], continues: [] };
    const end = this.statement(s.body, [{ from: head, kind: 'next' }], { ...scope, loop });
    const { yes, no } = this.branch(s.condition, s, [...end, ...loop.continues], scope);
    this.link([yes], head, true);
    return [...(no ? [no] : [{ from: yes.from, kind: 'next' as const }]), ...loop.breaks];
  }

  private forLoop(s: Node, pending: Pending[], scope: Scope): Pending[] {
    let p = pending;
    if (isNode(s.initExpression)) p = [{ from: this.simple(s.initExpression, p, scope), kind: 'next' }];
    const { head, yes, no } = this.branch(s.conditionExpression, s, p, scope);
    const loop: Loop = { breaks: [], continues: [] };
    const end = [...this.statement(s.body, [yes], { ...scope, loop }), ...loop.continues];
    const update = s.loopExpression;
    if (isNode(update) && isNode(update.expression)) {
      const n = this.node('statement', update, s, scope);
      this.link(end, n);
      this.link([{ from: n, kind: 'next' }], head, true);
    } else {
      this.link(end, head, true);
    }
    return [...(no ? [no] : []), ...loop.breaks];
  }

  private tryStatement(s: Node, pending: Pending[], scope: Scope): Pending[] {
    const call = isNode(s.expression) ? s.expression : s;
    const t = this.node('try', call, s, scope);
    this.link(pending, t);
    const out = this.statement(s.body, [{ from: t, kind: 'success' }], scope);
    let catchAll = false;
    for (const clause of nodeList(s.catchClauses)) {
      const c = this.node('catch', clause, s, scope);
      this.link([{ from: t, kind: 'catch' }], c);
      out.push(...this.statement(clause.body, [{ from: c, kind: 'next' }], scope));
      // `catch { }` and `catch (bytes memory) { }` take every failure; `Error(..)`/`Panic(..)` only their own.
      if (clause.kind === null || clause.kind === undefined) catchAll = true;
    }
    if (!catchAll) this.link([{ from: t, kind: 'uncaught' }], this.revert);
    return out;
  }

  private assembly(s: Node, pending: Pending[], scope: Scope): Pending[] {
    const n = this.simple(s, pending, scope, 'assembly');
    walk(s, (x) => {
      if (x.type !== 'AssemblyCall' || typeof x.functionName !== 'string') return;
      if (ASSEMBLY_EXITS.has(x.functionName)) n.mayExit = true;
      else if (ASSEMBLY_REVERTS.has(x.functionName)) n.mayRevert = true;
    });
    // Assembly `return` ends the whole call, not just the current body: straight to the function's exit.
    if (n.mayExit) this.link([{ from: n, kind: 'exit' }], this.exit);
    if (n.mayRevert) this.link([{ from: n, kind: 'exit' }], this.revert);
    return [{ from: n, kind: 'next' }];
  }
}

/**
 * The argument an invocation binds to a modifier's parameter: in `onlyRole(MINTER)` running
 * `modifier onlyRole(bytes32 role) { _checkRole(role); _; }`, `role` is `MINTER`. Undefined for other names.
 */
export function modifierArgument(origin: ModifierOrigin, name: string): Node | undefined {
  const i = nodeList(origin.definition.parameters).findIndex((p) => p.name === name);
  return i < 0 ? undefined : nodeList(origin.invocation.arguments)[i];
}
