// Whether a function can run as one call of a payable batch (the `payable-batch` function fact,
// docs/pack-format.md): its contract, or a base, has a payable function that delegatecalls the contract itself in a
// loop (`multicall(bytes[])`, `batch(bytes[], bool)`), so every call of the batch sees the one `msg.value` paid for
// all of them (SushiSwap MISO, 2021). A base the model cannot read counts by its well-known name.
import { isThisAddress } from './cfg-ast';
import type { Node } from './cfg-types';
import type { FileQueries } from './facts-types';
import { onCycle } from './facts-loops';

/** Batching bases known by name: Uniswap's periphery Multicall and BoringSolidity's BoringBatchable are payable. */
const BATCH_BASES = /^(Multicall|MulticallUpgradeable|BoringBatchable|BaseBoringBatchable)$/;

export function inPayableBatch(q: FileQueries, fnNode: Node): boolean | undefined {
  const fn = q.functionSymbol(fnNode);
  const contract = fn?.contract;
  if (!contract) return undefined;
  const summaries = q.summaryIndex.of(contract);
  const lin = q.model.linearization(contract);
  const known = new Set(lin.map((c) => c.name));
  for (const c of lin) {
    for (const b of c.baseNames) {
      const name =
        String(typeof b.namePath === 'string' ? b.namePath : (b.name ?? ''))
          .split('.')
          .pop() ?? '';
      if (!known.has(name) && BATCH_BASES.test(name)) return true;
    }
    for (const g of q.model.functionsOf(c)) {
      if (g.mutability !== 'payable' || !g.body) continue;
      const a = summaries.analysisOf(g);
      if (a.effects.some((e) => e.kind === 'call' && e.call?.delegate && !!e.call.receiver && isThisAddress(e.call.receiver) && onCycle(e.node))) return true;
    }
  }
  return false;
}
