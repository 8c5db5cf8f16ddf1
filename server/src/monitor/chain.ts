// Reading a range of blocks for one contract: the transactions sent to it, their receipts, the calls other
// contracts made into it (from call traces where the node has them), its logs, and point reads of storage and
// balances. Blocks are cached per run so deployments on one chain share the reads.
import { type Hex, type PublicClient } from 'viem';
import { rpcFailure } from './rpc';

export interface SeenCall {
  block: number;
  transaction: string;
  from: string;
  /** `0x` + 8 hex digits, or `0x` for a call without data. */
  selector: string;
  input: Hex;
  reverted: boolean;
  gasUsed?: bigint;
  via: 'transaction' | 'trace';
}

export interface BlockInfo {
  number: number;
  hash: string;
  transactions: Array<{ hash: string; from: string; to: string | null; input: Hex }>;
}

/** The node no longer has these blocks (pruned history, a missing header): a gap, not a failure to retry. */
export class GapError extends Error {}

export type TraceMode = 'auto' | 'off';

const GAP = /pruned|missing trie node|header not found|not available|unknown block|historical state/i;

export class ChainReader {
  private readonly blocks = new Map<number, Promise<BlockInfo>>();
  private readonly receipts = new Map<string, Promise<{ status: 'success' | 'reverted'; gasUsed: bigint }>>();
  private readonly traces = new Map<number, Promise<TraceCall[] | undefined>>();
  /** undefined until probed; then which tracer this node answers. */
  private tracer: 'block' | 'struct' | 'none' | undefined;
  readonly notes: string[] = [];

  constructor(
    readonly client: PublicClient,
    readonly label: string,
    private readonly traceMode: TraceMode = 'auto',
  ) {}

  async head(): Promise<number> {
    return Number(await this.client.getBlockNumber({ cacheTime: 0 }));
  }

  block(n: number): Promise<BlockInfo> {
    let p = this.blocks.get(n);
    if (!p) {
      p = this.client.getBlock({ blockNumber: BigInt(n), includeTransactions: true }).then(
        (b) => {
          if (!b) throw new GapError(`block ${n} is not available`);
          return {
            number: n,
            hash: b.hash as string,
            transactions: b.transactions.map((t) => ({ hash: t.hash, from: t.from.toLowerCase(), to: t.to ? t.to.toLowerCase() : null, input: t.input })),
          };
        },
        (err) => {
          throw classify(err, this.label);
        },
      );
      this.blocks.set(n, p);
      if (this.blocks.size > 2000) this.blocks.delete(this.blocks.keys().next().value as number);
    }
    return p;
  }

  private receipt(hash: string) {
    let p = this.receipts.get(hash);
    if (!p) {
      p = this.client.getTransactionReceipt({ hash: hash as Hex }).then((r) => ({ status: r.status, gasUsed: r.gasUsed }));
      this.receipts.set(hash, p);
    }
    return p;
  }

  /** Every call into `address` in blocks `from..to`: direct transactions, and calls from contracts where traced. */
  async callsTo(address: string, from: number, to: number): Promise<SeenCall[]> {
    const out: SeenCall[] = [];
    for (let n = from; n <= to; n++) {
      const b = await this.block(n);
      const direct = b.transactions.filter((t) => t.to === address);
      const receipts = await Promise.all(direct.map((t) => this.receipt(t.hash)));
      direct.forEach((t, i) =>
        out.push({
          block: n,
          transaction: t.hash,
          from: t.from,
          selector: selectorOf(t.input),
          input: t.input,
          reverted: receipts[i].status === 'reverted',
          gasUsed: receipts[i].gasUsed,
          via: 'transaction',
        }),
      );
      const traced = await this.tracedCalls(b);
      for (const c of traced ?? []) {
        if (c.to !== address || c.depth === 0) continue;
        out.push({ block: n, transaction: c.transaction, from: c.from, selector: selectorOf(c.input), input: c.input, reverted: c.reverted, via: 'trace' });
      }
    }
    return out;
  }

  async logs(address: string, from: number, to: number) {
    try {
      return await this.client.getLogs({ address: address as Hex, fromBlock: BigInt(from), toBlock: BigInt(to) });
    } catch (err) {
      throw classify(err, this.label);
    }
  }

  async storage(address: string, slot: string, block: number): Promise<string> {
    try {
      const v = await this.client.getStorageAt({ address: address as Hex, slot: slot as Hex, blockNumber: BigInt(block) });
      return !v || v === '0x' ? '0x0' : v.toLowerCase();
    } catch (err) {
      throw classify(err, this.label);
    }
  }

  async balance(address: string, block: number): Promise<bigint> {
    try {
      return await this.client.getBalance({ address: address as Hex, blockNumber: BigInt(block) });
    } catch (err) {
      throw classify(err, this.label);
    }
  }

  async tokenBalance(token: string, holder: string, block: number): Promise<bigint> {
    const data = `0x70a08231${holder.slice(2).padStart(64, '0')}` as Hex;
    try {
      const r = await this.client.call({ to: token as Hex, data, blockNumber: BigInt(block) });
      return r.data && r.data !== '0x' ? BigInt(r.data) : 0n;
    } catch (err) {
      throw classify(err, this.label);
    }
  }

  // --- call traces -----------------------------------------------------------------------------------------

  private tracedCalls(b: BlockInfo): Promise<TraceCall[] | undefined> {
    if (this.traceMode === 'off' || !b.transactions.length) return Promise.resolve(undefined);
    let p = this.traces.get(b.number);
    if (!p) {
      p = this.trace(b);
      this.traces.set(b.number, p);
    }
    return p;
  }

  private async trace(b: BlockInfo): Promise<TraceCall[] | undefined> {
    if (this.tracer === undefined || this.tracer === 'block') {
      try {
        const r = (await this.client.request({
          method: 'debug_traceBlockByNumber' as never,
          params: [`0x${b.number.toString(16)}`, { tracer: 'callTracer' }] as never,
        })) as Array<{ txHash?: string; result?: CallFrame }>;
        this.tracer = 'block';
        return r.flatMap((entry, i) => (entry.result ? flattenFrames(entry.result, entry.txHash ?? b.transactions[i]?.hash ?? '', 0) : []));
      } catch {
        if (this.tracer === 'block') return undefined;
        this.tracer = 'struct';
      }
    }
    if (this.tracer === 'struct') {
      try {
        const all: TraceCall[] = [];
        for (const t of b.transactions) {
          const r = (await this.client.request({
            method: 'debug_traceTransaction' as never,
            params: [t.hash, { disableStorage: true, disableMemory: false, disableStack: false }] as never,
          })) as { structLogs?: StructLog[] };
          all.push(...callsFromStructLogs(r.structLogs ?? [], t.hash, t.to ?? ''));
        }
        return all;
      } catch {
        this.tracer = 'none';
        this.notes.push(`${this.label} answers no call traces: calls made by other contracts are not seen`);
      }
    }
    return undefined;
  }
}

export interface TraceCall {
  transaction: string;
  from: string;
  to: string;
  input: Hex;
  reverted: boolean;
  depth: number;
}

interface CallFrame {
  from: string;
  to?: string;
  input?: Hex;
  error?: string;
  calls?: CallFrame[];
}

function flattenFrames(frame: CallFrame, tx: string, depth: number): TraceCall[] {
  const out: TraceCall[] = [
    { transaction: tx, from: frame.from.toLowerCase(), to: (frame.to ?? '').toLowerCase(), input: frame.input ?? '0x', reverted: Boolean(frame.error), depth },
  ];
  for (const c of frame.calls ?? []) out.push(...flattenFrames(c, tx, depth + 1));
  return out;
}

interface StructLog {
  op: string;
  depth: number;
  stack?: string[];
  memory?: string[];
}

const CALL_OPS: Record<string, number> = { CALL: 3, CALLCODE: 3, DELEGATECALL: 2, STATICCALL: 2 };

/** Calls made by contracts, from a struct-log trace (nodes without a call tracer, such as ganache). */
export function callsFromStructLogs(logs: readonly StructLog[], tx: string, to: string): TraceCall[] {
  const out: TraceCall[] = [];
  // executing[d]: the contract whose storage and address the code at depth d runs as.
  const executing: string[] = ['', to.toLowerCase()];
  logs.forEach((log, i) => {
    const argsAt = CALL_OPS[log.op];
    if (argsAt === undefined || !log.stack) return;
    const s = log.stack;
    const word = (k: number) => BigInt(`0x${s[s.length - 1 - k] || '0'}`.replace(/^0x0x/, '0x'));
    const target = `0x${(s[s.length - 2] ?? '').replace(/^0x/, '').padStart(40, '0').slice(-40)}`.toLowerCase();
    const self = executing[log.depth] ?? '';
    executing[log.depth + 1] = log.op === 'DELEGATECALL' || log.op === 'CALLCODE' ? self : target;
    const offset = Number(word(argsAt));
    const length = Number(word(argsAt + 1));
    const memory = (log.memory ?? []).join('').replace(/0x/g, '');
    const input = `0x${memory.slice(offset * 2, offset * 2 + Math.min(length, 4096) * 2)}` as Hex;
    // The step after the call at the caller's depth has the call's success flag on top of its stack.
    const after = logs.slice(i + 1).find((l) => l.depth === log.depth);
    const flag = after?.stack?.[after.stack.length - 1];
    const reverted = flag !== undefined && BigInt(`0x${flag.replace(/^0x/, '') || '0'}`) === 0n;
    out.push({ transaction: tx, from: self, to: target, input, reverted, depth: log.depth });
  });
  return out;
}

export function selectorOf(input: string): string {
  return input.length >= 10 ? input.slice(0, 10).toLowerCase() : '0x';
}

function classify(err: unknown, label: string): Error {
  const text = rpcFailure(err, label);
  return GAP.test(text) ? new GapError(text) : new Error(text);
}
