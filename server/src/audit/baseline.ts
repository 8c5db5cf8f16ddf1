// Baselines: the findings a team has accepted, by fingerprint, so CI and the editor can show only what is new.
// Fingerprints carry no line numbers (see Occurrence.fingerprint), so moving code keeps it matched.
import { pairOccurrences, type PairOptions } from '../shared/finding-identity';
import * as fs from 'node:fs';
import type { Severity } from '../engine';
import { SEVERITIES } from '../engine/types';
import { writeFileAtomic } from '../shared/atomic-write';
import { compileSchema, parseJsonFile } from './data-file';
import { AuditInputError } from './input-error';
import type { AuditFinding, PackSummary } from './types';

export const DEFAULT_BASELINE = '.hindsight/baseline.json';

export interface BaselineEntry {
  fingerprint: string;
  findingId: string;
  /** For humans reading diffs; matching uses the fingerprint (and the file only to pair duplicates). */
  file: string;
  title: string;
  severity: Severity;
  contract: string;
  function: string;
}

export interface Baseline {
  version: 1;
  tool: { name: string; version: string };
  packs: Array<{ name: string; version: string }>;
  created: string;
  findings: BaselineEntry[];
}

const schema = {
  type: 'object',
  required: ['version', 'findings'],
  properties: {
    version: { const: 1 },
    tool: { type: 'object', properties: { name: { type: 'string' }, version: { type: 'string' } } },
    packs: {
      type: 'array',
      items: { type: 'object', required: ['name', 'version'], properties: { name: { type: 'string' }, version: { type: 'string' } } },
    },
    created: { type: 'string' },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['fingerprint', 'findingId', 'file'],
        properties: {
          fingerprint: { type: 'string', minLength: 1 },
          findingId: { type: 'string' },
          file: { type: 'string' },
          title: { type: 'string' },
          severity: { enum: [...SEVERITIES] },
          contract: { type: 'string' },
          function: { type: 'string' },
        },
      },
    },
  },
} as const;
const validate = compileSchema<Baseline>(schema);

export function createBaseline(findings: AuditFinding[], packs: PackSummary[], tool: { name: string; version: string }, now: Date): Baseline {
  const entries = findings.map(
    (f): BaselineEntry => ({
      fingerprint: f.fingerprint,
      findingId: f.findingId,
      file: f.file,
      title: f.title,
      severity: f.severity,
      contract: f.contract,
      function: f.function,
    }),
  );
  // Sorted by what does not move with line edits, so re-saving after unrelated edits gives an empty diff.
  entries.sort((a, b) => cmp(a.file, b.file) || cmp(a.findingId, b.findingId) || cmp(a.fingerprint, b.fingerprint));
  return {
    version: 1,
    tool,
    packs: packs.map((p) => ({ name: p.name, version: p.version })).sort((a, b) => cmp(a.name, b.name)),
    created: now.toISOString(),
    findings: entries,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function serializeBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

export function parseBaseline(text: string, file: string): Baseline {
  return parseJsonFile(text, file, validate);
}

export function readBaseline(file: string, displayName = file): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new AuditInputError('baseline not found; create it with `hindsight baseline save`', displayName);
    throw new AuditInputError(`cannot read baseline: ${e.message}`, displayName);
  }
  return parseBaseline(text, displayName);
}

/**
 * Writes atomically. An existing file that does not parse is left alone unless `force`: it may be a baseline
 * mangled by a merge that someone still wants to repair by hand.
 */
export function writeBaseline(file: string, baseline: Baseline, displayName = file, force = false): void {
  if (!force && fs.existsSync(file)) {
    try {
      parseBaseline(fs.readFileSync(file, 'utf8'), displayName);
    } catch (err) {
      if (err instanceof AuditInputError) {
        throw new AuditInputError(
          `${err.detail} — the existing baseline is malformed and was not overwritten (use --force to replace it)`,
          err.file,
          err.line,
          err.column,
        );
      }
      throw err;
    }
  }
  writeFileAtomic(file, serializeBaseline(baseline));
}

export interface BaselineComparison<T, E = BaselineEntry> {
  /** Not in the baseline: what CI gates on and the editor's "new since baseline" filter shows. */
  added: T[];
  /** Present now and accepted in the baseline. */
  known: T[];
  /** In the baseline but no longer found (fixed or removed code). */
  gone: E[];
}

type Keyed = Pick<AuditFinding, 'fingerprint' | 'file' | 'findingId'>;

/**
 * Pairs current findings with baseline entries by the one occurrence identity (shared/finding-identity.ts): rule,
 * file and fingerprint, as multisets. If the same code is copied into a second file, the copy is new even though
 * its fingerprint is known; an entry follows its code to another file only when its own file is gone
 * (`fileExists`, relative to the baseline's folder; without it every entry may follow its code).
 */
export function compareWithBaseline<T extends Keyed, E extends Keyed = BaselineEntry>(
  current: readonly T[],
  baseline: { findings: readonly E[] },
  options: PairOptions = {},
): BaselineComparison<T, E> {
  const { pairs, unmatched, orphans } = pairOccurrences(current, baseline.findings, options);
  const matched = new Set(pairs.map(([c]) => c));
  return { added: unmatched, known: current.filter((x) => matched.has(x)), gone: orphans };
}
