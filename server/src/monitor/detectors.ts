// The built-in kinds of monitor, each a function of one chunk of blocks: what the chain shows for the contract,
// the monitor's definition and the deployment's state. They return alerts and update the state in place.
import { decodeEventLog, decodeFunctionData, formatEther, parseAbiItem, toEventSelector, toFunctionSelector, type Abi, type Hex, type Log } from 'viem';
import type { ArgValue } from './conditions';
import type { SeenCall } from './chain';
import type { CompiledMonitor } from './definitions';
import { HISTORY, type AnomalyState, type DeploymentMonitorState } from './state';
import type { Alert, AnomalyMonitor, BalanceMonitor, EventMonitor, FunctionMonitor, SeenVia } from './types';

export interface FlaggedFunction {
  selector: string;
  signature: string;
  findings: Array<{ id: string; title: string; severity: Alert['severity']; file: string; line: number; column: number }>;
}

export interface ChunkContext {
  deployment: string;
  chain: string | number;
  address: string;
  from: number;
  to: number;
  calls: SeenCall[];
  logs: Log[];
  /** The contract is an EIP-1967 proxy: direct calls run the implementation's code. */
  proxy: boolean;
  flagged: ReadonlyMap<string, FlaggedFunction>;
  state: DeploymentMonitorState;
}

type Base = Pick<Alert, 'deployment' | 'chain' | 'address'>;

function base(ctx: ChunkContext): Base {
  return { deployment: ctx.deployment, chain: ctx.chain, address: ctx.address };
}

function via(ctx: ChunkContext, call: SeenCall): SeenVia {
  return call.via === 'trace' ? 'trace' : ctx.proxy ? 'proxy' : 'transaction';
}

const eventAbi = new Map<string, { selector: string; abi?: Abi }>();

function eventOf(signature: string) {
  let e = eventAbi.get(signature);
  if (!e) {
    let abi: Abi | undefined;
    try {
      abi = [parseAbiItem(`event ${signature}`)] as Abi;
    } catch {
      abi = undefined;
    }
    const bare = signature.replace(/\s+indexed\b/g, '').replace(/(\w[\w[\]]*)\s+\w+\s*(?=[,)])/g, '$1');
    e = { selector: toEventSelector(bare.replace(/\s+/g, '')), abi };
    eventAbi.set(signature, e);
  }
  return e;
}

export function eventAlerts(m: EventMonitor & CompiledMonitor, ctx: ChunkContext): Alert[] {
  const { selector, abi: parsed } = eventOf(m.event);
  const fromSpec = m.abi?.filter((item) => (item as { type?: string }).type === 'event' && safeEventSelector(item) === selector) as Abi | undefined;
  const abi = fromSpec?.length ? fromSpec : parsed;
  const out: Alert[] = [];
  for (const log of ctx.logs) {
    if (log.topics[0]?.toLowerCase() !== selector) continue;
    let args: Record<string, ArgValue> = {};
    if (abi) {
      try {
        args = normalise((decodeEventLog({ abi, data: log.data, topics: log.topics as [Hex, ...Hex[]] }) as { args: unknown }).args);
      } catch {
        args = {};
      }
    }
    if (m.condition && !m.condition(args)) continue;
    const shown = Object.entries(args)
      .filter(([k]) => !/^\d+$/.test(k))
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    out.push({
      ...base(ctx),
      block: Number(log.blockNumber),
      transaction: log.transactionHash ?? undefined,
      kind: 'event',
      monitor: m.id,
      severity: m.severity,
      message: `${m.title}: ${m.event.split('(')[0]}${shown ? ` (${shown})` : ''}`,
    });
  }
  return out;
}

export function functionAlerts(m: FunctionMonitor & CompiledMonitor, ctx: ChunkContext): Alert[] {
  const bare = m.function.replace(/(\w[\w[\]]*)\s+\w+\s*(?=[,)])/g, '$1').replace(/\s+/g, '');
  const selector = toFunctionSelector(bare);
  let abi = m.abi?.filter((item) => (item as { type?: string }).type === 'function' && safeSelector(item) === selector) as Abi | undefined;
  if (!abi?.length) {
    try {
      abi = [parseAbiItem(`function ${m.function}`)] as Abi;
    } catch {
      abi = undefined;
    }
  }
  const out: Alert[] = [];
  for (const { call, count } of perTransaction(ctx.calls)) {
    if (call.selector !== selector) continue;
    if (m.status === 'success' && call.reverted) continue;
    if (m.status === 'failure' && !call.reverted) continue;
    let args: Record<string, ArgValue> = {};
    if (abi) {
      try {
        args = normalise((decodeFunctionData({ abi, data: call.input }) as { args?: readonly unknown[] }).args, abi);
      } catch {
        args = {};
      }
    }
    if (m.condition && !m.condition(args)) continue;
    out.push({
      ...base(ctx),
      block: call.block,
      transaction: call.transaction,
      kind: 'function',
      monitor: m.id,
      severity: m.severity,
      message: `${m.title}: ${bare} called${times(count)} by ${call.from}${call.reverted ? ' (reverted)' : ''}`,
      ...(count > 1 ? { count } : {}),
      function: bare,
      selector,
      seenVia: via(ctx, call),
      reverted: call.reverted,
    });
  }
  return out;
}

/**
 * One entry per transaction and function: a re-entrant attack calls the same function many times in one
 * transaction, and that is one event for whoever reads the alert (the count says how many).
 */
function perTransaction(calls: readonly SeenCall[]): Array<{ call: SeenCall; count: number }> {
  const groups = new Map<string, { call: SeenCall; count: number }>();
  for (const c of calls) {
    const key = `${c.transaction}:${c.selector}`;
    const g = groups.get(key);
    if (g) {
      g.count++;
      if (c.reverted) g.call = { ...g.call, reverted: g.call.reverted && c.reverted };
    } else groups.set(key, { call: c, count: 1 });
  }
  return [...groups.values()];
}

function times(count: number): string {
  return count > 1 ? ` ${count} times` : '';
}

export function flaggedCallAlerts(m: CompiledMonitor, ctx: ChunkContext): Alert[] {
  const out: Alert[] = [];
  for (const { call, count } of perTransaction(ctx.calls)) {
    const f = ctx.flagged.get(call.selector);
    if (!f) continue;
    const first = f.findings[0];
    const others = f.findings.length > 1 ? ` and ${f.findings.length - 1} more` : '';
    out.push({
      ...base(ctx),
      block: call.block,
      transaction: call.transaction,
      kind: 'flagged-call',
      monitor: m.id,
      severity: m.severity,
      message: `${f.signature} called${times(count)} by ${call.from}${call.reverted ? ' (reverted)' : ''}: ${first.id} ${first.title}${others}`,
      ...(count > 1 ? { count } : {}),
      function: f.signature,
      selector: f.selector,
      seenVia: via(ctx, call),
      reverted: call.reverted,
      finding: { id: first.id, title: first.title, file: first.file, line: first.line, column: first.column },
    });
  }
  return out;
}

/** Feeds `samples` ([block, balance]) into the window and says whether the latest fell by `share` of the window's high. */
export function balanceAlerts(m: BalanceMonitor, ctx: ChunkContext, asset: string, samples: Array<[number, bigint]>): Alert[] {
  const series = (ctx.state.balances[asset] ??= []);
  const out: Alert[] = [];
  for (const [block, value] of samples) {
    while (series.length && series[0][0] < block - m.window) series.shift();
    const high = series.reduce((h, [, v]) => (BigInt(v) > h ? BigInt(v) : h), 0n);
    series.push([block, value.toString()]);
    const shareBps = BigInt(Math.round(m.share * 10_000));
    if (high > 0n && (high - value) * 10_000n >= high * shareBps) {
      const pct = Number(((high - value) * 1000n) / high) / 10;
      out.push({
        ...base(ctx),
        block,
        kind: 'balance-drop',
        monitor: m.id,
        severity: m.severity,
        message:
          asset === 'eth'
            ? `${m.title}: down ${pct}% (from ${formatEther(high)} to ${formatEther(value)} ETH) within ${m.window} blocks`
            : `${m.title}: token ${asset} down ${pct}% (from ${high} to ${value} base units) within ${m.window} blocks`,
      });
      // The drop is reported once: the window restarts from the new level.
      series.splice(0, series.length, [block, value.toString()]);
    }
    if (series.length > 200) series.splice(0, series.length - 200);
  }
  return out;
}

/** Counts the chunk's calls into buckets; a bucket raises an alert once, when it passes its threshold. */
export function anomalyAlerts(m: AnomalyMonitor, ctx: ChunkContext): Alert[] {
  const st = (ctx.state.anomalies[m.id] ??= { bucketStart: Math.floor(ctx.from / m.bucket) * m.bucket, current: {}, history: {}, closed: 0 });
  st.closed ??= 0;
  const out: Alert[] = [];
  const byBlock = new Map<number, SeenCall[]>();
  for (const c of ctx.calls) byBlock.set(c.block, [...(byBlock.get(c.block) ?? []), c]);
  for (let n = ctx.from; n <= ctx.to; n++) {
    const start = Math.floor(n / m.bucket) * m.bucket;
    if (start !== st.bucketStart) {
      closeBucket(st, start, m.bucket);
    }
    for (const c of byBlock.get(n) ?? []) {
      const key = m.metric === 'function-calls' ? c.selector : '*';
      const add = m.metric === 'failed-transactions' ? (c.reverted ? 1 : 0) : m.metric === 'gas-used' ? Number(c.gasUsed ?? 0n) : 1;
      if (!add) continue;
      const before = st.current[key] ?? 0;
      const now = before + add;
      st.current[key] = now;
      // Three closed buckets at least before anything is unusual.
      if (st.closed < 3) continue;
      const history = st.history[key] ?? [];
      const mean = history.reduce((a, b) => a + b, 0) / Math.max(st.closed, history.length);
      const threshold = Math.max(m.minimum, m.factor * Math.max(mean, 1));
      if (before < threshold && now >= threshold) {
        const what = m.metric === 'failed-transactions' ? 'failed transactions' : m.metric === 'gas-used' ? 'gas used' : `calls to ${key}`;
        out.push({
          ...base(ctx),
          block: n,
          transaction: c.transaction,
          kind: 'anomaly',
          monitor: m.id,
          severity: m.severity,
          message: `${m.title}: ${now} ${what} in blocks ${st.bucketStart}–${st.bucketStart + m.bucket - 1}, against a mean of ${mean.toFixed(1)} per ${m.bucket} blocks`,
          ...(m.metric === 'function-calls' ? { selector: key } : {}),
        });
      }
    }
  }
  return out;
}

function closeBucket(st: AnomalyState, next: number, size: number): void {
  const skipped = Math.max(0, Math.min(HISTORY, (next - st.bucketStart) / size - 1));
  const keys = new Set([...Object.keys(st.current), ...Object.keys(st.history)]);
  for (const k of keys) {
    const h = (st.history[k] ??= []);
    h.push(st.current[k] ?? 0);
    for (let i = 0; i < skipped; i++) h.push(0);
    if (h.length > HISTORY) h.splice(0, h.length - HISTORY);
  }
  st.closed = Math.min(HISTORY, st.closed + 1 + skipped);
  st.current = {};
  st.bucketStart = next;
}

function safeEventSelector(item: unknown): string | undefined {
  try {
    return toEventSelector(item as Parameters<typeof toEventSelector>[0]);
  } catch {
    return undefined;
  }
}

function safeSelector(item: unknown): string | undefined {
  try {
    return toFunctionSelector(item as Parameters<typeof toFunctionSelector>[0]);
  } catch {
    return undefined;
  }
}

function normalise(args: unknown, abi?: Abi): Record<string, ArgValue> {
  const out: Record<string, ArgValue> = {};
  const put = (k: string, v: unknown) => {
    out[k] = typeof v === 'bigint' || typeof v === 'boolean' ? v : typeof v === 'number' ? BigInt(v) : String(v).toLowerCase();
  };
  if (Array.isArray(args)) {
    const inputs = (abi?.[0] as { inputs?: Array<{ name?: string }> } | undefined)?.inputs ?? [];
    args.forEach((v, i) => {
      put(inputs[i]?.name || `arg${i}`, v);
      put(String(i), v);
    });
  } else if (args && typeof args === 'object') for (const [k, v] of Object.entries(args)) put(k, v);
  return out;
}
