// One pass of `hindsight monitor` over the deployments: for each, from its checkpoint to the chain's head minus the
// confirmation depth, in chunks; after each chunk the alerts are handed out and the checkpoint is written
// atomically, so a run killed at any point resumes from the last chunk it finished and skips nothing.
import { createHash } from 'node:crypto';
import type { Deployment } from '../audit/deployments';
import { ChainReader, GapError } from './chain';
import type { CompiledMonitor } from './definitions';
import { anomalyAlerts, balanceAlerts, eventAlerts, flaggedCallAlerts, functionAlerts, type ChunkContext, type FlaggedFunction } from './detectors';
import { RECENT, type DeploymentMonitorState, type MonitorState } from './state';
import type { Alert, AnomalyMonitor, BalanceMonitor } from './types';

export const IMPLEMENTATION_SLOT = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc';

export interface PassOptions {
  confirmations: number;
  /** Where a deployment without a checkpoint starts: this block, else its `block`, else the current head. */
  fromBlock?: number;
  chunk: number;
  monitors: CompiledMonitor[];
  flagged: ReadonlyMap<string, ReadonlyMap<string, FlaggedFunction>>;
  onAlerts(alerts: Alert[]): void | Promise<void>;
  saveState(): void;
  /** Checked between chunks: a stop request (SIGINT) ends the pass after the chunk in hand. */
  stopping?(): boolean;
}

export interface PassResult {
  alerts: number;
  blocks: number;
  /** Deployments that hit an RPC error (their checkpoint stays where it was). */
  errors: string[];
}

/** `i/n`: the deployments whose name hashes to bucket i of n (1-based), the same on every machine. */
export function inShard(name: string, shard: { index: number; count: number }): boolean {
  const h = createHash('sha256').update(name).digest().readUInt32BE(0);
  return (h % shard.count) + 1 === shard.index;
}

export async function monitorPass(reader: ChainReader, deployments: Deployment[], state: MonitorState, o: PassOptions): Promise<PassResult> {
  const result: PassResult = { alerts: 0, blocks: 0, errors: [] };
  const head = await reader.head();
  const target = head - o.confirmations;
  for (const d of deployments) {
    if (o.stopping?.()) break;
    const address = d.address.toLowerCase();
    let st = state.deployments[d.name];
    if (!st || st.address !== address || String(st.chain) !== String(d.chain)) {
      const start = o.fromBlock ?? d.block ?? Math.max(0, target);
      st = { chain: d.chain, address, lastBlock: start - 1, lastHash: '', slots: {}, balances: {}, anomalies: {}, gaps: [] };
      state.deployments[d.name] = st;
    }
    try {
      const reorg = await checkReorg(reader, d, st, o.confirmations);
      if (reorg) {
        st.recent = [...(st.recent ?? []), reorg].slice(-RECENT);
        await o.onAlerts([reorg]);
        result.alerts++;
      }
      while (st.lastBlock < target && !o.stopping?.()) {
        const from = st.lastBlock + 1;
        const to = Math.min(target, from + o.chunk - 1);
        const alerts = await processChunk(reader, d, st, from, to, o);
        const last = await reader.block(to);
        st.lastBlock = to;
        st.lastHash = last.hash;
        result.blocks += to - from + 1;
        if (alerts.length) {
          st.recent = [...(st.recent ?? []), ...alerts].slice(-RECENT);
          await o.onAlerts(alerts);
        }
        result.alerts += alerts.length;
        o.saveState();
      }
    } catch (err) {
      result.errors.push(`deployment "${d.name}": ${(err as Error).message}`);
    }
  }
  return result;
}

/** A checkpointed block whose hash changed was reorganised away deeper than the confirmation depth: say so, go back. */
async function checkReorg(reader: ChainReader, d: Deployment, st: DeploymentMonitorState, depth: number): Promise<Alert | undefined> {
  if (!st.lastHash || st.lastBlock < 0) return undefined;
  const now = await reader.block(st.lastBlock);
  if (now.hash === st.lastHash) return undefined;
  const back = Math.max(d.block ?? 0, st.lastBlock - Math.max(depth, 1) * 2) - 1;
  const alert: Alert = {
    deployment: d.name,
    chain: d.chain,
    address: st.address,
    block: st.lastBlock,
    kind: 'reorg',
    monitor: 'reorg',
    severity: 'medium',
    message: `block ${st.lastBlock} was replaced by a reorganisation deeper than the ${depth}-block confirmation depth; blocks ${back + 1}–${st.lastBlock} are processed again`,
  };
  st.lastBlock = back;
  st.lastHash = '';
  return alert;
}

async function processChunk(reader: ChainReader, d: Deployment, st: DeploymentMonitorState, from: number, to: number, o: PassOptions): Promise<Alert[]> {
  const address = st.address;
  let calls: Awaited<ReturnType<ChainReader['callsTo']>>;
  let logs: Awaited<ReturnType<ChainReader['logs']>>;
  try {
    [calls, logs] = await Promise.all([reader.callsTo(address, from, to), reader.logs(address, from, to)]);
  } catch (err) {
    if (!(err instanceof GapError)) throw err;
    st.gaps.push({ from, to, reason: err.message });
    return [
      {
        deployment: d.name,
        chain: d.chain,
        address,
        block: from,
        kind: 'gap',
        monitor: 'gap',
        severity: 'high',
        message: `blocks ${from}–${to} could not be read and were not monitored: ${err.message}`,
      },
    ];
  }
  if (d.block !== undefined && from <= d.block && d.block <= to) {
    // The constructor's events (an initial Upgraded, OwnershipTransferred to the deployer) are the deployment itself.
    const creation = new Set((await reader.block(d.block)).transactions.filter((t) => t.to === null).map((t) => t.hash));
    logs = logs.filter((l) => !(Number(l.blockNumber) === d.block && l.transactionHash && creation.has(l.transactionHash)));
  }
  const implementation = await reader.storage(address, IMPLEMENTATION_SLOT, to);
  const ctx: ChunkContext = {
    deployment: d.name,
    chain: d.chain,
    address,
    from,
    to,
    calls,
    logs,
    proxy: BigInt(implementation) !== 0n,
    flagged: o.flagged.get(d.name) ?? new Map(),
    state: st,
  };
  const alerts: Alert[] = [];
  for (const m of o.monitors) {
    if (m.addresses?.length && !m.addresses.includes(address)) continue;
    if (m.kind === 'event') alerts.push(...eventAlerts(m, ctx));
    else if (m.kind === 'function') alerts.push(...functionAlerts(m, ctx));
    else if (m.kind === 'flagged-call') alerts.push(...flaggedCallAlerts(m, ctx));
    else if (m.kind === 'anomaly') alerts.push(...anomalyAlerts(m as AnomalyMonitor, ctx));
    else if (m.kind === 'storage-slot') {
      const slot = m.slot.toLowerCase();
      // Without a checkpoint, what the constructor wrote in the deployment block is the baseline, not a change.
      const baseline = from === d.block ? from : from - 1;
      const before = st.slots[slot] ?? (baseline >= 0 ? await reader.storage(address, slot, baseline) : '0x0');
      const after = slot === IMPLEMENTATION_SLOT ? implementation : await reader.storage(address, slot, to);
      st.slots[slot] = after;
      if (BigInt(before) !== BigInt(after)) {
        alerts.push({
          deployment: d.name,
          chain: d.chain,
          address,
          block: to,
          kind: 'storage-slot',
          monitor: m.id,
          severity: m.severity,
          message: `${m.title}: slot ${slot.slice(0, 10)}… changed from ${asWord(before)} to ${asWord(after)} in blocks ${from}–${to}`,
        });
      }
    } else if (m.kind === 'balance-drop') {
      alerts.push(...(await balanceDrop(reader, m, ctx, d)));
    }
  }
  return alerts.sort((a, b) => a.block - b.block);
}

/** Balances are read where something happened to the contract and at the chunk's end, not at every block. */
async function balanceDrop(reader: ChainReader, m: BalanceMonitor, ctx: ChunkContext, d: Deployment): Promise<Alert[]> {
  const blocks = new Set<number>([ctx.to]);
  for (const c of ctx.calls) blocks.add(c.block);
  for (const l of ctx.logs) if (l.blockNumber !== null) blocks.add(Number(l.blockNumber));
  const sorted = [...blocks].sort((a, b) => a - b);
  if (m.asset === 'eth') {
    const samples: Array<[number, bigint]> = [];
    for (const b of sorted) samples.push([b, await reader.balance(ctx.address, b)]);
    return balanceAlerts(m, ctx, 'eth', samples);
  }
  const out: Alert[] = [];
  for (const token of d.tokens ?? []) {
    const samples: Array<[number, bigint]> = [];
    for (const b of sorted) samples.push([b, await reader.tokenBalance(token.toLowerCase(), ctx.address, b)]);
    out.push(...balanceAlerts(m, ctx, token.toLowerCase(), samples));
  }
  return out;
}

function asWord(v: string): string {
  const n = BigInt(v);
  return n === 0n ? '0' : `0x${n.toString(16).padStart(40, '0')}`;
}
