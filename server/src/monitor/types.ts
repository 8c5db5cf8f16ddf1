// What `hindsight monitor` watches and what it says. Monitors are data, like findings: a pack's `monitors:` section
// (validated by pack.schema.json) or an OpenZeppelin Monitor JSON file, never code.
import type { Severity } from '../engine/types';

interface MonitorBase {
  id: string;
  title: string;
  severity: Severity;
  description?: string;
  /** Where the monitor came from: a pack name, or an OpenZeppelin Monitor file. */
  source?: string;
}

/** An event the contract emits, by its Solidity signature (`OwnershipTransferred(address indexed, address indexed)`). */
export interface EventMonitor extends MonitorBase {
  kind: 'event';
  event: string;
  /** Optional condition on the decoded arguments (`value > 1000 and to != 0x…`). */
  where?: string;
}

/** A change of a storage slot between the blocks processed (EIP-1967 implementation or admin slot). */
export interface SlotMonitor extends MonitorBase {
  kind: 'storage-slot';
  slot: string;
}

/** The contract's ETH or ERC20 balance falling by more than `share` within `window` blocks. */
export interface BalanceMonitor extends MonitorBase {
  kind: 'balance-drop';
  asset: 'eth' | 'erc20';
  share: number;
  window: number;
}

/** A call into a function that a current finding flags in that deployment's source (the re-audit tells which). */
export interface FlaggedCallMonitor extends MonitorBase {
  kind: 'flagged-call';
  /** Findings below this severity do not make their functions watched. */
  minSeverity: Severity;
}

/** A direct call to a function by signature (`transfer(address,uint256)`), with an optional argument condition. */
export interface FunctionMonitor extends MonitorBase {
  kind: 'function';
  function: string;
  where?: string;
  status?: 'success' | 'failure' | 'any';
}

export type AnomalyMetric = 'failed-transactions' | 'function-calls' | 'gas-used';

/** A bucket of `bucket` blocks whose count is `factor` times the rolling mean of earlier buckets (and at least `minimum`). */
export interface AnomalyMonitor extends MonitorBase {
  kind: 'anomaly';
  metric: AnomalyMetric;
  bucket: number;
  factor: number;
  minimum: number;
}

export type MonitorDef = EventMonitor | SlotMonitor | BalanceMonitor | FlaggedCallMonitor | FunctionMonitor | AnomalyMonitor;

/** How a call into the contract was seen. */
export type SeenVia = 'transaction' | 'proxy' | 'trace';

export interface Alert {
  deployment: string;
  chain: string | number;
  address: string;
  block: number;
  transaction?: string;
  /** The monitor's kind, or `gap` / `reorg` for the run's own reports. */
  kind: MonitorDef['kind'] | 'gap' | 'reorg';
  monitor: string;
  severity: Severity;
  message: string;
  function?: string;
  selector?: string;
  seenVia?: SeenVia;
  reverted?: boolean;
  /** Calls of the function in this one transaction (re-entries), when more than one. */
  count?: number;
  finding?: { id: string; title: string; file: string; line: number; column: number };
}
