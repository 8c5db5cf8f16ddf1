// `hindsight monitor`: watches the deployments of .hindsight/deployments.yaml on chain and alerts on what the
// monitors of the packs in effect describe (docs/continuous-audit.md, "Monitoring"). Exit codes as for
// `deployed`: 0 nothing, 1 alerts, 2 errors (an unreachable endpoint, bad configuration, a failed deployment).
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DEPLOYMENTS, readDeployments, type Deployment } from '../audit/deployments';
import { scanTexts } from '../audit/scan-bridge';
import { AuditInputError } from '../audit/input-error';
import { ChainReader, type TraceMode } from '../monitor/chain';
import { monitorsOfPacks, readOzMonitors, type CompiledMonitor } from '../monitor/definitions';
import { MonitorError } from '../monitor/errors';
import { flaggedFunctions } from '../monitor/flagged';
import { alertLine, alertsSarif, postWebhook } from '../monitor/format';
import { connect, endpointFor, rpcFailure } from '../monitor/rpc';
import { inShard, monitorPass } from '../monitor/runner';
import { DEFAULT_MONITOR_STATE, readMonitorState, writeMonitorState } from '../monitor/state';
import type { Alert } from '../monitor/types';
import type { FlaggedFunction } from '../monitor/detectors';
import { makeStyle } from '../report/text';
import { display, PACK_OPTIONS } from './audit-commands';
import { TOOL, UsageError, type Io } from './io';
import { resolveWorkspace } from './packs';

export const MONITOR_HELP = `hindsight monitor [--once] [--rpc URL] [--from-block N] [--confirmations N] [--format text|json|sarif]
                 [--deployment name]... [--shard i/n] [--webhook-env NAME] [--oz-monitor file]... [--interval s]
                 [--traces auto|off] [--chunk N] [--deployments file] [--state file] [--pack dir]... [--no-builtin]

Watches the contracts listed in .hindsight/deployments.yaml and alerts on ownership, role and proxy changes,
sharp outflows, calls into functions that a current finding flags in the deployed source, and anomalies against a
rolling baseline. Monitors are data in packs (a \`monitors:\` section); OpenZeppelin Monitor JSON files are read
with --oz-monitor.

  --rpc URL            the JSON-RPC endpoint for every deployment; without it, each chain's endpoint is read from
                       the environment variable that .hindsight/config.yaml names under monitor.rpc.<chain>
  --once               process up to the head minus the confirmation depth, then exit (else follow new blocks)
  --from-block N       where a deployment without a checkpoint starts (default: its \`block\`, else the head)
  --confirmations N    blocks behind the head left for later (default: monitor.confirmations, else 3)
  --format F           text (default), json (an array; one object per line when following), sarif (the
                       audit-aware alerts at their findings' source lines)
  --shard i/n          only the deployments that hash to shard i of n (the same split on every machine)
  --webhook-env NAME   POST alerts to the URL in environment variable NAME (Slack- and Discord-compatible JSON)
  --traces auto|off    look for calls made by other contracts in call traces where the node has them (default auto)
  --state file         checkpoints (default .hindsight/monitor-state.json, written atomically after each chunk)

Exit codes: 0 no alert, 1 alerts, 2 errors (unreachable endpoint, bad configuration, a deployment that failed).`;

export async function monitorCommand(args: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      rpc: { type: 'string' },
      once: { type: 'boolean' },
      'from-block': { type: 'string' },
      confirmations: { type: 'string' },
      format: { type: 'string' },
      deployment: { type: 'string', multiple: true },
      shard: { type: 'string' },
      'webhook-env': { type: 'string' },
      'oz-monitor': { type: 'string', multiple: true },
      interval: { type: 'string' },
      traces: { type: 'string' },
      chunk: { type: 'string' },
      deployments: { type: 'string' },
      state: { type: 'string' },
      pack: PACK_OPTIONS.pack,
      'no-builtin': PACK_OPTIONS['no-builtin'],
      'no-config': PACK_OPTIONS['no-config'],
      'no-color': PACK_OPTIONS['no-color'],
      'allow-network': PACK_OPTIONS['allow-network'],
      help: PACK_OPTIONS.help,
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) {
    io.out(`${MONITOR_HELP}\n`);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
  if (format === 'sarif' && !values.once) throw new UsageError('--format sarif needs --once (a SARIF log is written when the run ends)');
  const traces = (values.traces ?? 'auto') as TraceMode;
  if (traces !== 'auto' && traces !== 'off') throw new UsageError(`--traces must be auto or off (got "${values.traces}")`);
  const count = (name: string, v: string | undefined, min: number) => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} must be a whole number of at least ${min} (got "${v}")`);
    return Number(v);
  };
  const fromBlock = count('from-block', values['from-block'], 0);
  const chunk = count('chunk', values.chunk, 1) ?? 100;
  const interval = count('interval', values.interval, 1) ?? 12;
  const shard = parseShard(values.shard);
  const webhookUrl = values['webhook-env'] ? env[values['webhook-env']] : undefined;
  if (values['webhook-env'] && !webhookUrl) throw new UsageError(`environment variable ${values['webhook-env']} (--webhook-env) is not set`);

  try {
    const deploymentsFile = path.resolve(io.cwd, values.deployments ?? DEFAULT_DEPLOYMENTS);
    const stateFile = path.resolve(io.cwd, values.state ?? DEFAULT_MONITOR_STATE);
    const file = readDeployments(deploymentsFile, display(deploymentsFile, io.cwd));
    let deployments: Deployment[] = file.deployments;
    if (values.deployment?.length) {
      const unknown = values.deployment.filter((n) => !deployments.some((d) => d.name === n));
      if (unknown.length) throw new UsageError(`no deployment named ${unknown.map((n) => `"${n}"`).join(', ')} in ${display(deploymentsFile, io.cwd)}`);
      deployments = deployments.filter((d) => values.deployment!.includes(d.name));
    }
    if (shard) deployments = deployments.filter((d) => inShard(d.name, shard));
    const team = await resolveWorkspace(values, io, makeStyle(io.colourErr && !values['no-color']));
    const monitors: CompiledMonitor[] = monitorsOfPacks(team.packs);
    for (const f of values['oz-monitor'] ?? []) monitors.push(...readOzMonitors(path.resolve(io.cwd, f), f));
    if (!monitors.length) throw new MonitorError('no monitor to run: the packs in effect have no `monitors:` section and no --oz-monitor file was given');
    const confirmations = count('confirmations', values.confirmations, 0) ?? team.config.config.monitor?.confirmations ?? 3;

    const flaggedMonitor = monitors.find((m) => m.kind === 'flagged-call');
    let flagged = new Map<string, Map<string, FlaggedFunction>>();
    const errors: string[] = [];
    if (flaggedMonitor && flaggedMonitor.kind === 'flagged-call' && deployments.length) {
      const packs = team.packs;
      const result = await flaggedFunctions(
        io.cwd,
        deployments,
        {
          toolVersion: TOOL.version,
          packs,
          scanTexts: (files) => scanTexts(files, packs, { minSeverity: 'info', minConfidence: 'low' }),
          isExcluded: (f) => team.effective.isExcluded(f),
        },
        flaggedMonitor.minSeverity,
        new Date(),
      );
      flagged = result.byDeployment;
      errors.push(...result.errors);
      for (const d of deployments) {
        const n = flagged.get(d.name)?.size ?? 0;
        io.err(
          `${d.name}: ${n} function${n === 1 ? '' : 's'} flagged by current findings${n ? ` (${[...flagged.get(d.name)!.values()].map((f) => f.signature).join(', ')})` : ''}\n`,
        );
      }
    }

    const state = readMonitorState(stateFile, display(stateFile, io.cwd));
    const byEndpoint = new Map<string, Deployment[]>();
    for (const d of deployments) {
      const url = endpointFor(d.chain, values.rpc, team.config.config.monitor?.rpc, env);
      byEndpoint.set(url, [...(byEndpoint.get(url) ?? []), d]);
    }
    const readers = [...byEndpoint.entries()].map(([url, ds]) => {
      const rpc = connect(url);
      return { reader: new ChainReader(rpc.client, rpc.label, traces), deployments: ds };
    });
    const collected: Alert[] = [];
    const colour = Boolean(io.colourOut && !values['no-color']);
    let stop = false;
    const onSignal = () => {
      stop = true;
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const emit = async (alerts: Alert[]) => {
      collected.push(...alerts);
      if (format === 'text') for (const a of alerts) io.out(`${alertLine(a, colour)}\n`);
      else if (format === 'json' && !values.once) for (const a of alerts) io.out(`${JSON.stringify(a)}\n`);
      if (webhookUrl) {
        const failed = await postWebhook(webhookUrl, alerts);
        if (failed) errors.push(failed);
      }
    };
    try {
      for (;;) {
        for (const { reader, deployments: ds } of readers) {
          try {
            const r = await monitorPass(reader, ds, state, {
              confirmations,
              fromBlock,
              chunk,
              monitors,
              flagged,
              onAlerts: emit,
              saveState: () => writeMonitorState(stateFile, state),
              stopping: () => stop,
            });
            errors.push(...r.errors);
            for (const note of reader.notes.splice(0)) io.err(`hindsight: note: ${note}\n`);
          } catch (err) {
            errors.push(`cannot reach the RPC endpoint ${rpcFailure(err, reader.label)}`);
          }
        }
        writeMonitorState(stateFile, state);
        if (values.once || stop) break;
        for (const e of errors.splice(0)) io.err(`hindsight: ${e}\n`);
        await new Promise((r) => setTimeout(r, interval * 1000));
        if (stop) break;
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    if (format === 'json' && values.once) io.out(`${JSON.stringify(collected, null, 2)}\n`);
    if (format === 'sarif') io.out(`${JSON.stringify(alertsSarif(collected, TOOL), null, 2)}\n`);
    if (format === 'text' && values.once && !collected.length) io.err('No alerts.\n');
    for (const e of errors) io.err(`hindsight: ${e}\n`);
    if (errors.length) return 2;
    return collected.length ? 1 : 0;
  } catch (err) {
    if (err instanceof MonitorError || err instanceof AuditInputError) {
      io.err(`hindsight: ${err instanceof AuditInputError ? err.message : `${err.file ? `${err.file}: ` : ''}${err.message}`}\n`);
      return 2;
    }
    throw err;
  }
}

function parseShard(v: string | undefined): { index: number; count: number } | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(v);
  if (!m || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n (got "${v}")`);
  return { index: Number(m[1]), count: Number(m[2]) };
}
