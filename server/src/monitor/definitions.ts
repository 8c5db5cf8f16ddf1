// The monitors in effect: each pack's `monitors:` section (schema-checked when the pack loaded) with defaults
// filled in, plus monitors read from OpenZeppelin Monitor JSON files, so a team moving off Defender keeps its
// monitors and gains the audit-aware ones.
import * as fs from 'node:fs';
import type { LoadedPack } from '../packs/types';
import type { Severity } from '../engine/types';
import { MonitorError } from './errors';
import { parseCondition } from './conditions';
import type { MonitorDef } from './types';

/** A monitor with what it matches compiled once (conditions parsed). */
export type CompiledMonitor = MonitorDef & {
  condition?: ReturnType<typeof parseCondition>;
  /** OpenZeppelin Monitor files: the addresses it is limited to, and their ABI (`contract_spec`) for argument names. */
  addresses?: string[];
  abi?: unknown[];
};

const DEFAULTS = {
  'balance-drop': { share: 0.5, window: 50 },
  'flagged-call': { minSeverity: 'medium' as Severity },
  anomaly: { bucket: 20, factor: 3, minimum: 5 },
  function: { status: 'any' as const },
};

export function monitorsOfPacks(packs: readonly LoadedPack[]): CompiledMonitor[] {
  const out: CompiledMonitor[] = [];
  const seen = new Set<string>();
  for (const pack of packs) {
    for (const raw of pack.monitors ?? []) {
      const m = raw as MonitorDef;
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      out.push(
        compile({ ...(DEFAULTS[m.kind as keyof typeof DEFAULTS] ?? {}), ...m, source: pack.info.name } as MonitorDef, `${pack.info.file}: monitor ${m.id}`),
      );
    }
  }
  return out;
}

function compile(m: MonitorDef, where: string): CompiledMonitor {
  try {
    if ((m.kind === 'event' || m.kind === 'function') && m.where) return { ...m, condition: parseCondition(m.where) };
  } catch (err) {
    throw new MonitorError(`${where}: ${(err as Error).message}`);
  }
  return m;
}

// ---------------------------------------------------------------------------------------------------------
// OpenZeppelin Monitor files

interface OzMonitor {
  name?: unknown;
  paused?: unknown;
  addresses?: Array<{ address?: unknown; contract_spec?: unknown }>;
  match_conditions?: {
    functions?: Array<{ signature?: unknown; expression?: unknown }>;
    events?: Array<{ signature?: unknown; expression?: unknown }>;
    transactions?: Array<{ status?: unknown; expression?: unknown }>;
  };
}

/**
 * Reads an OpenZeppelin Monitor monitor file (one monitor object, or an array of them). Each function and event
 * condition becomes a monitor limited to the file's addresses; a `transactions` status condition of `Failure`
 * narrows its function monitors to reverted calls. Script-based trigger conditions are code and are refused.
 */
export function readOzMonitors(file: string, display: string): CompiledMonitor[] {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new MonitorError(`cannot read OpenZeppelin Monitor file: ${(err as Error).message}`, display);
  }
  const list = (Array.isArray(data) ? data : [data]) as OzMonitor[];
  const out: CompiledMonitor[] = [];
  list.forEach((oz, i) => {
    const at = Array.isArray(data) ? `${display}[${i}]` : display;
    if (typeof oz !== 'object' || oz === null || typeof oz.name !== 'string') throw new MonitorError('an OpenZeppelin Monitor entry needs a "name"', at);
    if (oz.paused === true) return;
    if ((oz as { trigger_conditions?: unknown[] }).trigger_conditions?.length) {
      throw new MonitorError(`"${oz.name}": trigger_conditions run scripts, which Hindsight never does; remove them to use this monitor`, at);
    }
    const addresses = (oz.addresses ?? []).map((a) => String(a.address ?? '').toLowerCase()).filter((a) => /^0x[0-9a-f]{40}$/.test(a));
    const failure = (oz.match_conditions?.transactions ?? []).some((t) => String(t.status).toLowerCase() === 'failure');
    const success = (oz.match_conditions?.transactions ?? []).some((t) => String(t.status).toLowerCase() === 'success');
    const status = failure && !success ? 'failure' : success && !failure ? 'success' : 'any';
    const abi = (oz.addresses ?? []).flatMap((a) => (Array.isArray(a.contract_spec) ? a.contract_spec : []));
    const base = { title: oz.name, severity: 'medium' as Severity, source: display, addresses, ...(abi.length ? { abi } : {}) };
    (oz.match_conditions?.functions ?? []).forEach((f, k) => {
      if (typeof f.signature !== 'string') throw new MonitorError(`"${oz.name}": functions[${k}] needs a "signature"`, at);
      const where = typeof f.expression === 'string' && f.expression.trim() ? f.expression : undefined;
      out.push(compile({ ...base, id: `${oz.name}#function-${k}`, kind: 'function', function: f.signature, status, ...(where ? { where } : {}) }, at));
    });
    (oz.match_conditions?.events ?? []).forEach((e, k) => {
      if (typeof e.signature !== 'string') throw new MonitorError(`"${oz.name}": events[${k}] needs a "signature"`, at);
      const where = typeof e.expression === 'string' && e.expression.trim() ? e.expression : undefined;
      out.push(compile({ ...base, id: `${oz.name}#event-${k}`, kind: 'event', event: e.signature, ...(where ? { where } : {}) }, at));
    });
  });
  return out;
}
