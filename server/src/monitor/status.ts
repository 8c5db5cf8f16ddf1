// What the last `hindsight monitor` run recorded, for editors: the deployments' checkpoints and newest alerts, and
// which findings' functions were called on chain (for hovers). Read from .hindsight/monitor-state.json and cached
// by modification time, so a hover costs a stat.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MonitorStatusResult } from '../shared/protocol-monitor';
import { DEFAULT_MONITOR_STATE, readMonitorState } from './state';
import type { Alert } from './types';

let cache: { file: string; mtimeMs: number; status: MonitorStatusResult; calls: Map<string, Alert> } | undefined;

function load(root: string): { status: MonitorStatusResult; calls: Map<string, Alert> } {
  const file = path.join(root, DEFAULT_MONITOR_STATE);
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return { status: { configured: false, deployments: [] }, calls: new Map() };
  }
  if (cache?.file === file && cache.mtimeMs === mtimeMs) return cache;
  let status: MonitorStatusResult;
  const calls = new Map<string, Alert>();
  try {
    const state = readMonitorState(file, DEFAULT_MONITOR_STATE);
    status = {
      configured: true,
      deployments: Object.entries(state.deployments)
        .map(([name, d]) => ({
          name,
          chain: d.chain,
          address: d.address,
          lastBlock: d.lastBlock,
          gaps: d.gaps,
          recent: (d.recent ?? []).map(({ deployment, chain, address, ...a }) => a),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
    for (const d of Object.values(state.deployments))
      for (const a of d.recent ?? []) if (a.finding) calls.set(callKey(a.finding.id, a.finding.file, a.finding.line), a);
  } catch (err) {
    status = { configured: true, deployments: [], error: (err as Error).message };
  }
  cache = { file, mtimeMs, status, calls };
  return cache;
}

function callKey(findingId: string, file: string, line: number): string {
  return `${findingId}\0${file}\0${line}`;
}

export function monitorStatus(root: string): MonitorStatusResult {
  return load(root).status;
}

/** The newest on-chain call into the function a finding at `file:line` (1-based, workspace-relative) flags. */
export function calledOnChain(root: string, findingId: string, file: string, line: number): Alert | undefined {
  return load(root).calls.get(callKey(findingId, file, line));
}

export function onChainMarkdown(a: Alert): string {
  const how = a.seenVia === 'trace' ? 'in a call trace' : a.seenVia === 'proxy' ? 'through the proxy' : 'in a transaction';
  const count = a.count && a.count > 1 ? ` ${a.count} times` : '';
  return `**Called on chain:** \`${a.function ?? '?'}\`${count} on deployment ${a.deployment} (${a.chain}) in block ${a.block}${a.transaction ? `, transaction \`${a.transaction}\`` : ''}, seen ${how}${a.reverted ? ' (reverted)' : ''}. Recorded by \`hindsight monitor\`.`;
}
