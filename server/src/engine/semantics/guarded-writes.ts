// Whether a state variable is set behind a check of the caller (the `set-by-guarded` metavariable fact,
// docs/pack-format.md): some function writes it where a sender check (owner, role) guards the write. A payment
// whose amount is such a variable is transaction-order dependent (SWC-114): the owner can change the amount
// between the moment a user sends a transaction and the moment it is mined.
import { isNode, someNode, unparen } from './cfg-ast';
import type { Node } from './cfg-types';
import type { SemanticModel } from './model';
import type { ContractSymbol, Declaration } from './symbols';

export interface GuardedWritesHost {
  model: SemanticModel;
  rootDeclaration(node: Node): Declaration | undefined;
  senderGuarded(fnNode: Node, start: number, end: number, matched?: Node): boolean | undefined;
}

const WRITES = new Set(['=', '+=', '-=', '*=', '/=']);

export class GuardedWrites {
  private readonly memo = new Map<Declaration, boolean>();

  constructor(private readonly host: GuardedWritesHost) {}

  /** Whether `node` is a state variable that some function writes under a sender check (constructors aside). */
  setByGuarded(node: Node): boolean {
    const d = this.host.rootDeclaration(unparen(node));
    if (d?.kind !== 'stateVariable' || d.constant || d.immutable) return false;
    const known = this.memo.get(d);
    if (known !== undefined) return known;
    const contract = this.host.model.contractOf(node) ?? d.contract;
    const answer = contract ? this.guardedWrite(d, contract) : false;
    this.memo.set(d, answer);
    return answer;
  }

  private guardedWrite(d: Declaration, contract: ContractSymbol): boolean {
    for (const fn of this.host.model.functionsOf(contract)) {
      if (!fn.body || fn.isConstructor) continue;
      const guardedWrite = (x: Node) =>
        x.type === 'BinaryOperation' &&
        WRITES.has(String(x.operator)) &&
        isNode(x.left) &&
        !!x.range &&
        this.host.rootDeclaration(unparen(x.left)) === d &&
        this.host.senderGuarded(fn.node, x.range[0], x.range[1] + 1, x) === true;
      if (someNode(fn.body, guardedWrite)) return true;
    }
    return false;
  }
}
