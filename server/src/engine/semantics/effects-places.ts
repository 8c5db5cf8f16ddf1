// Where an access path lands in storage: a state variable (through indexes and struct fields), what a storage
// pointer local points at, a storage-pointer parameter (bound by the caller), storage a function returned
// (namespaced storage `$._x`, StorageSlot), or an assembly slot (`x.slot`, else unknown).
import { forEachChild, isNode, nodeList, unparen } from './cfg-ast';
import type { Cfg, Node } from './cfg-types';
import type { StateRef } from './effects-types';
import type { SemanticModel } from './model';
import { ownCode } from './order';
import { locationOf } from './types';

export class Places {
  /** Storage-pointer locals → the initialiser they point at (null: assigned again, target unknown). */
  private readonly pointers = new Map<Node, Node | null>();
  private readonly params = new Map<Node, number>();

  constructor(
    private readonly model: SemanticModel,
    cfg: Cfg,
  ) {
    nodeList(cfg.fn.parameters).forEach((p, i) => this.params.set(p, i));
    for (let i = 0; i < cfg.nodes.length; i++) {
      const roots = ownCode(cfg.nodes[i]);
      for (let j = 0; j < roots.length; j++) this.collectPointers(roots[j]);
    }
  }

  /** The initialiser a storage-pointer local was declared with (and never moved from). */
  pointerInit(declaration: Node): Node | null | undefined {
    return this.pointers.get(declaration);
  }

  /**
   * Where an access path lands; `onIndex` sees the index expressions on the way, `onRootCall` a function call at
   * the root (both are evaluated when the path is).
   */
  refOf(e: Node, onIndex?: (x: Node) => void, onRootCall?: (x: Node) => void): StateRef | undefined {
    const path: string[] = [];
    let cur = unparen(e);
    for (let depth = 0; depth < 64; depth++) {
      if (cur.type === 'IndexAccess' && isNode(cur.base)) {
        if (onIndex && isNode(cur.index)) onIndex(cur.index);
        path.unshift('[]');
        cur = unparen(cur.base);
      } else if (cur.type === 'IndexRangeAccess' && isNode(cur.base)) {
        cur = unparen(cur.base);
      } else if (cur.type === 'MemberAccess' && isNode(cur.expression)) {
        path.unshift(`.${String(cur.memberName)}`);
        cur = unparen(cur.expression);
      } else break;
    }
    if (cur.type === 'Identifier') return this.rootRef(cur, path.join(''));
    if (cur.type === 'FunctionCall') {
      onRootCall?.(cur);
      return this.structRef(cur, path.join(''));
    }
    return undefined;
  }

  /** A name at the root of an access path, as a place in storage (or undefined: memory, a value). */
  rootRef(id: Node, path: string, depth = 0): StateRef | undefined {
    const d = this.declaration(id);
    if (!d) return undefined;
    if (d.kind === 'stateVariable') {
      if (d.constant || d.immutable) return undefined;
      return { key: `${d.contract?.name ?? ''}.${d.name}`, variable: d, path, transient: d.transient };
    }
    if ((d.kind === 'localVariable' || d.kind === 'parameter') && this.isStoragePointer(id)) {
      const param = this.params.get(d.node);
      if (param !== undefined) return { key: `param:${param}`, path, transient: false, through: 'parameter', param };
      const init = this.pointers.get(d.node);
      if (init && depth < 8) {
        const target = this.pointerRef(init, depth + 1);
        if (target) return { ...target, path: target.path + path, through: 'pointer' };
      }
      return this.structRef(id, path);
    }
    return undefined;
  }

  /** What a pointer's initialiser points at (no effects recorded: taking a reference reads nothing). */
  private pointerRef(init: Node, depth: number): StateRef | undefined {
    const path: string[] = [];
    let cur = unparen(init);
    while ((cur.type === 'IndexAccess' && isNode(cur.base)) || (cur.type === 'MemberAccess' && isNode(cur.expression))) {
      path.unshift(cur.type === 'IndexAccess' ? '[]' : `.${String(cur.memberName)}`);
      cur = unparen((cur.type === 'IndexAccess' ? cur.base : cur.expression) as Node);
    }
    if (cur.type === 'Identifier') return this.rootRef(cur, path.join(''), depth);
    return this.structRef(init, '');
  }

  /** Storage reached some other way (a function returning a pointer): named by its struct type when known. */
  structRef(e: Node, path: string): StateRef | undefined {
    const t = this.model.typeOf(e);
    if (locationOf(t) !== 'storage') return undefined;
    const name = t.kind === 'struct' ? `${t.struct.contract ? `${t.struct.contract.name}.` : ''}${t.struct.name}` : '?';
    return { key: `struct:${name}`, path, transient: false, through: 'pointer' };
  }

  /** A storage reference passed as an argument (binds a callee's storage-pointer parameter). */
  pointsAt(arg: Node): StateRef | undefined {
    const t = this.model.typeOf(arg);
    if (locationOf(t) !== 'storage') return undefined;
    const x = unparen(arg);
    if (x.type !== 'Identifier' && x.type !== 'IndexAccess' && x.type !== 'MemberAccess') return undefined;
    return this.pointerRef(x, 0);
  }

  isStoragePointer(id: Node): boolean {
    return locationOf(this.model.typeOf(id)) === 'storage';
  }

  declaration(id: Node) {
    try {
      return this.model.declarationOf(id);
    } catch {
      return undefined;
    }
  }

  /** `x.slot` of a state variable or storage pointer in assembly; a literal or computed slot is unknown. */
  slotRef(arg: Node): StateRef | undefined {
    if (arg.type === 'AssemblyMemberAccess' && isNode(arg.expression) && arg.expression.type === 'Identifier') {
      const d = this.declaration(arg.expression);
      if (d?.kind === 'stateVariable') return { key: `${d.contract?.name ?? ''}.${d.name}`, variable: d, path: '', transient: d.transient };
      if (d && (d.kind === 'localVariable' || d.kind === 'parameter')) return this.rootRef(arg.expression, '') ?? undefined;
    }
    return undefined;
  }

  private collectPointers(root: Node): void {
    const visit = (x: Node) => {
      if (x.type === 'VariableDeclarationStatement') {
        const vars = Array.isArray(x.variables) ? x.variables : [];
        if (vars.length === 1 && isNode(vars[0]) && isNode(x.initialValue) && vars[0].storageLocation !== 'memory' && vars[0].storageLocation !== 'calldata') {
          this.pointers.set(vars[0], x.initialValue);
        }
      } else if (x.type === 'BinaryOperation' && x.operator === '=' && isNode(x.left) && x.left.type === 'Identifier') {
        // A pointer moved later may point anywhere its assignments say; keep it simple: unknown.
        const d = this.declaration(x.left);
        if (d && d.kind === 'localVariable' && this.pointers.has(d.node)) this.pointers.set(d.node, null);
      }
      forEachChild(x, visit);
    };
    visit(root);
  }
}
