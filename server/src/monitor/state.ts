// .hindsight/monitor-state.json: per deployment, the last block processed (and its hash, to see a reorg), the
// values the detectors compare against (storage slots, recent balances, anomaly baselines) and the gaps met.
// Written atomically after every chunk of blocks, so a run killed at any moment leaves the previous checkpoint.
import { compileSchema, parseJsonFile, readStateFile } from '../audit/data-file';
import { writeFileAtomic } from '../shared/atomic-write';
import type { Alert } from './types';

export const DEFAULT_MONITOR_STATE = '.hindsight/monitor-state.json';

export interface AnomalyState {
  /** First block of the bucket being counted. */
  bucketStart: number;
  /** Counts of the bucket being filled, per key (a function selector, or `*`). */
  current: Record<string, number>;
  /** Closed buckets' counts per key, newest last, at most HISTORY long; a key first seen late has fewer. */
  history: Record<string, number[]>;
  /** How many buckets have closed (at most HISTORY): a key missing from older buckets counted zero there. */
  closed: number;
}

export interface DeploymentMonitorState {
  chain: string | number;
  address: string;
  lastBlock: number;
  lastHash: string;
  slots: Record<string, string>;
  /** Per asset (`eth` or a token address): [block, balance in wei as a decimal string], oldest first. */
  balances: Record<string, Array<[number, string]>>;
  anomalies: Record<string, AnomalyState>;
  gaps: Array<{ from: number; to: number; reason: string }>;
  /** The newest alerts (at most RECENT), for the editor's panel and hovers. */
  recent?: Alert[];
}

export interface MonitorState {
  version: 1;
  deployments: Record<string, DeploymentMonitorState>;
}

export const HISTORY = 30;
export const RECENT = 20;

const schema = {
  type: 'object',
  required: ['version', 'deployments'],
  properties: {
    version: { const: 1 },
    deployments: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['chain', 'address', 'lastBlock', 'lastHash'],
        properties: {
          chain: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
          address: { type: 'string' },
          lastBlock: { type: 'integer', minimum: -1 },
          lastHash: { type: 'string' },
          slots: { type: 'object', additionalProperties: { type: 'string' } },
          balances: { type: 'object', additionalProperties: { type: 'array' } },
          anomalies: { type: 'object' },
          gaps: { type: 'array' },
        },
      },
    },
  },
};
const validate = compileSchema<MonitorState>(schema);

export function emptyMonitorState(): MonitorState {
  return { version: 1, deployments: {} };
}

export function readMonitorState(file: string, displayName = file): MonitorState {
  const state = readStateFile(file, displayName, 'monitor state', (text) => parseJsonFile(text, displayName, validate), emptyMonitorState);
  for (const d of Object.values(state.deployments)) {
    d.slots ??= {};
    d.balances ??= {};
    d.anomalies ??= {};
    d.gaps ??= [];
  }
  return state;
}

export function writeMonitorState(file: string, state: MonitorState): void {
  writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
}
