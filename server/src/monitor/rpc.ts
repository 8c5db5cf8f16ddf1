// The JSON-RPC side of `hindsight monitor`, through viem: batching, retries with backoff on errors and rate limits
// (HTTP 429 included), and timeouts are viem's. The endpoint's URL may hold an API key, so it is never printed:
// errors name the endpoint by its origin only.
import { createPublicClient, http, type PublicClient } from 'viem';
import { MonitorError } from './errors';

export interface RpcOptions {
  retryCount?: number;
  retryDelayMs?: number;
  timeoutMs?: number;
}

export interface Rpc {
  client: PublicClient;
  /** The endpoint as it may be shown: scheme, host and port, without path, query or credentials. */
  label: string;
}

export function connect(url: string, options: RpcOptions = {}): Rpc {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MonitorError('the RPC endpoint is not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new MonitorError(`the RPC endpoint must be http or https (got ${parsed.protocol})`);
  const client = createPublicClient({
    transport: http(url, {
      batch: { batchSize: 50, wait: 0 },
      retryCount: options.retryCount ?? 4,
      retryDelay: options.retryDelayMs ?? 250,
      timeout: options.timeoutMs ?? 20_000,
    }),
  }) as PublicClient;
  return { client, label: `${parsed.protocol}//${parsed.host}` };
}

/**
 * The URL for a chain: `--rpc` wins; else the environment variable that the workspace config names for the chain
 * (`monitor: { rpc: { mainnet: ETH_RPC_URL } }`). The variable's value is a secret and never leaves this function
 * except into the client.
 */
export function endpointFor(chain: string | number, rpcFlag: string | undefined, envNames: Record<string, string> | undefined, env: NodeJS.ProcessEnv): string {
  if (rpcFlag) return rpcFlag;
  const name = envNames?.[String(chain)];
  if (!name)
    throw new MonitorError(
      `no RPC endpoint for chain "${chain}": pass --rpc URL, or name an environment variable under monitor.rpc.${chain} in .hindsight/config.yaml`,
    );
  const url = env[name];
  if (!url) throw new MonitorError(`environment variable ${name} (the RPC endpoint of chain "${chain}") is not set`);
  return url;
}

/** A short reason for an RPC failure, without the URL (viem puts it in its messages). */
export function rpcFailure(err: unknown, label: string): string {
  const e = err as { shortMessage?: string; message?: string; details?: string };
  const text = (e.details || e.shortMessage || e.message || String(err)).split('\n')[0];
  return `${label}: ${text.replace(/https?:\/\/\S+/g, '<endpoint>')}`;
}
