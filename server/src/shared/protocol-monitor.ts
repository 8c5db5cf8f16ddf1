// `hindsight monitor` for editors: each deployment's monitor state and its newest alerts, read from
// .hindsight/monitor-state.json (what the last `hindsight monitor` run recorded; the editor does not watch the chain).
import { RequestType } from 'vscode-languageserver-protocol';
import type { Severity } from './types';

export interface MonitorAlertInfo {
  block: number;
  transaction?: string;
  kind: string;
  monitor: string;
  severity: Severity;
  message: string;
  function?: string;
  seenVia?: 'transaction' | 'proxy' | 'trace';
  reverted?: boolean;
  count?: number;
  /** The finding that flags the called function, at its line in the deployed source (1-based). */
  finding?: { id: string; title: string; file: string; line: number; column: number };
}

export interface MonitorDeploymentInfo {
  name: string;
  chain: string | number;
  address: string;
  /** The last block processed (-1: none yet). */
  lastBlock: number;
  gaps: Array<{ from: number; to: number; reason: string }>;
  /** Newest last. */
  recent: MonitorAlertInfo[];
}

export interface MonitorStatusParams {
  folder: string;
}

export interface MonitorStatusResult {
  /** false when the folder has no .hindsight/monitor-state.json (monitoring never ran; not an error). */
  configured: boolean;
  deployments: MonitorDeploymentInfo[];
  /** The state file could not be read (`file:line:col: message`). */
  error?: string;
}

/** `hindsight/monitorStatus`: what the last `hindsight monitor` run recorded for the folder. */
export const MonitorStatusRequest = new RequestType<MonitorStatusParams, MonitorStatusResult, void>('hindsight/monitorStatus');
