// Whether a function consults who is calling at all (facts-functions.ts, `consults-caller`): its code, its
// modifiers or an internal function it calls reads `msg.sender`, `_msgSender()` or `tx.origin`, or recovers a
// signer from a signature. Weaker than a guard, and meant as its negative: code that moves an argument's tokens
// and never once asks who the caller is has no authorisation of any kind, however it might be spelt.
import { walk } from './cfg-ast';
import type { Node } from './cfg-types';
import type { FunctionEffects } from './effects';
import type { FunctionSymbol } from './symbols';

const SIGNATURE_CHECKS = /^(ecrecover|recover|tryRecover|isValidSignatureNow|isValidSignature|isValidERC1271SignatureNow)$/;

export interface CallerSearch {
  analysisOf(fn: FunctionSymbol): FunctionEffects | undefined;
  calleeOf(call: Node): FunctionSymbol | undefined;
}

export function consultsCaller(fn: FunctionSymbol, s: CallerSearch): boolean {
  const seen = new Set<Node>();
  const queue: FunctionSymbol[] = [fn];
  for (let i = 0; i < queue.length && i < 32; i++) {
    const f = queue[i];
    if (seen.has(f.node)) continue;
    seen.add(f.node);
    const a = s.analysisOf(f);
    if (!a) continue;
    for (const n of a.cfg.nodes) if (n.ast && mentionsCaller(n.ast)) return true;
    for (const e of a.effects) {
      if (e.kind !== 'internal') continue;
      const callee = s.calleeOf(e.ast) ?? e.callee;
      if (callee) queue.push(callee);
    }
  }
  return false;
}

function mentionsCaller(ast: Node): boolean {
  let found = false;
  walk(ast, (x) => {
    if (found) return;
    if (x.type === 'MemberAccess' && x.expression && (x.expression as Node).type === 'Identifier') {
      const base = (x.expression as Node).name;
      if ((base === 'msg' && x.memberName === 'sender') || (base === 'tx' && x.memberName === 'origin')) found = true;
    } else if (x.type === 'FunctionCall') {
      const c = x.expression as Node | undefined;
      const name = c?.type === 'Identifier' ? c.name : c?.type === 'MemberAccess' ? c.memberName : undefined;
      if (name === '_msgSender' || (typeof name === 'string' && SIGNATURE_CHECKS.test(name))) found = true;
    }
  });
  return found;
}
