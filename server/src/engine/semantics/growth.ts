// Whether anyone can grow a storage array (the `growable` metavariable fact, docs/pack-format.md): some function
// that outside code can run appends to it (`push`, legacy `.length++` / `.length += n`) at a place no check of
// the caller guards. Loops over such an array, and deleting or replacing it, cost gas in proportion to a length
// an attacker controls (SWC-128).
import { callee, isNode, someNode, unparen } from './cfg-ast';
import type { Node } from './cfg-types';
import type { SemanticModel } from './model';
import type { ContractSymbol, Declaration } from './symbols';

export interface GrowthHost {
  model: SemanticModel;
  rootDeclaration(node: Node): Declaration | undefined;
  /** Outside code can run the function without a sender check. */
  reachableExternally(fnNode: Node): boolean | undefined;
  /** A sender check guards the code in [start, end) of the function. */
  senderGuarded(fnNode: Node, start: number, end: number, matched?: Node): boolean | undefined;
}

/** The arrays that a push or a length increase at `n` grows: the access path of the array. */
function grownArray(n: Node): Node | undefined {
  if (n.type === 'FunctionCall') {
    const c = callee(n);
    if (c?.type === 'MemberAccess' && c.memberName === 'push' && isNode(c.expression)) return c.expression;
    return undefined;
  }
  const lengthOf = (x: unknown) => {
    const e = isNode(x) ? unparen(x) : undefined;
    return e?.type === 'MemberAccess' && e.memberName === 'length' && isNode(e.expression) ? e.expression : undefined;
  };
  if (n.type === 'UnaryOperation' && n.operator === '++') return lengthOf(n.subExpression);
  if (n.type === 'BinaryOperation' && n.operator === '+=') return lengthOf(n.left);
  return undefined;
}

export class Growth {
  private readonly memo = new Map<Declaration, boolean>();

  constructor(private readonly host: GrowthHost) {}

  /** Whether `node` (an array, or an access path into a mapping of arrays) is a storage array anyone can grow. */
  growable(node: Node): boolean {
    const d = this.host.rootDeclaration(node);
    if (d?.kind !== 'stateVariable' || d.constant || d.immutable) return false;
    const known = this.memo.get(d);
    if (known !== undefined) return known;
    this.memo.set(d, false);
    const contract = this.host.model.contractOf(node) ?? d.contract;
    const answer = contract ? this.grownByAnyone(d, contract) : false;
    this.memo.set(d, answer);
    return answer;
  }

  private grownByAnyone(d: Declaration, contract: ContractSymbol): boolean {
    for (const fn of this.host.model.functionsOf(contract)) {
      if (!fn.body || fn.isConstructor) continue;
      const grows = (x: Node) => {
        const arr = grownArray(x);
        if (!arr || this.host.rootDeclaration(arr) !== d || !x.range) return false;
        return !!this.host.reachableExternally(fn.node) && this.host.senderGuarded(fn.node, x.range[0], x.range[1] + 1, x) === false;
      };
      if (someNode(fn.body, grows)) return true;
    }
    return false;
  }
}
