// "The sender's own entry" (facts-functions.ts, privileged state): an index that is the caller, written directly
// (`admins[msg.sender]`), or a name known to equal it on every path to the write (`require(account ==
// msg.sender)`), or the parameter of an internal function that every unguarded caller passes the caller for
// (OpenZeppelin's `renounceRole(role, callerConfirmation)` reaching `_revokeRole(role, account)`).
import { isNode, unparen } from './cfg-ast';
import { comparisonOf, type Fact } from './cfg-conditions';
import type { Node } from './cfg-types';
import type { FunctionQueries } from './facts-types';
import { knownOnAllPaths, nodesOf } from './order';

export function isSender(e: Node): boolean {
  if (e.type === 'MemberAccess' && e.memberName === 'sender' && isNode(e.expression) && e.expression.type === 'Identifier') return e.expression.name === 'msg';
  return e.type === 'FunctionCall' && isNode(e.expression) && e.expression.type === 'Identifier' && e.expression.name === '_msgSender';
}

/** Whether `index`, at `at` in function `fnNode`, is the caller on every path. */
export function keyedBySender(ff: FunctionQueries, index: Node, fnNode: Node | undefined, at: Node, depth = 0): boolean {
  const e = unparen(index);
  if (isSender(e)) return true;
  if (e.type !== 'Identifier' || !fnNode || depth > 3) return false;
  const name = String(e.name);
  const a = ff.analysis(fnNode);
  const nodes = a ? nodesOf(a.cfg, at) : [];
  if (a && nodes.length && nodes.every((n) => knownOnAllPaths(a.cfg, n, (f) => equalsSender(f, name)))) return true;
  // A parameter of an internal function: what its unguarded callers pass.
  const fn = ff.symbolOf(fnNode);
  const i = fn ? fn.parameters.findIndex((p) => p.name === name) : -1;
  if (!fn || i < 0 || (fn.visibility !== 'internal' && fn.visibility !== 'private')) return false;
  const sites = ff.callSites(fn).filter((s) => s.unguarded);
  return (
    sites.length > 0 &&
    sites.every((s) => {
      const arg = s.call.args?.[i];
      return !!arg && keyedBySender(ff, arg, s.caller.node, s.call.ast, depth + 1);
    })
  );
}

function equalsSender(f: Fact, name: string): boolean {
  const c = comparisonOf(f);
  if (c?.operator !== '==') return false;
  const is = (x: Node) => x.type === 'Identifier' && x.name === name;
  return (is(c.left) && isSender(c.right)) || (is(c.right) && isSender(c.left));
}
