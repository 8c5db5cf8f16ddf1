// A write to a state variable by its slot number (facts-functions.ts, `writes-numbered-slot`): inline assembly
// `sstore(1, x)` where the contract's own variables occupy slot 1. The variable changes without its name ever
// appearing in the code that changes it, which is how a backdoor hides in a contract that looks fair.
import { nodeList } from './cfg-ast';
import type { Node } from './cfg-types';
import type { FunctionEffects } from './effects';

/** Whether an assembly `sstore` of the function writes a literal slot below `slots` (the contract's variable count). */
export function writesNumberedSlot(a: FunctionEffects, slots: number): boolean {
  return a.effects.some((e) => {
    if (e.kind !== 'write' || e.how !== 'assembly' || e.ast.type !== 'AssemblyCall' || String(e.ast.functionName) !== 'sstore') return false;
    const n = literalNumber(nodeList(e.ast.arguments)[0]);
    return n !== undefined && n < BigInt(slots);
  });
}

function literalNumber(e: Node | undefined): bigint | undefined {
  if (!e) return undefined;
  const v = e.type === 'DecimalNumber' || e.type === 'HexNumber' ? e.value : e.type === 'NumberLiteral' ? e.number : undefined;
  if (typeof v !== 'string') return undefined;
  try {
    return BigInt(v);
  } catch {
    return undefined;
  }
}
