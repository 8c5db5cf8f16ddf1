// Building and naming a recorded finding is apart from writing it, so that a caller can show the finding and
// its id (and let the reviewer change them) before anything is written.
import * as fs from 'node:fs';
import { parseDocument } from 'yaml';
import type { FindingDefinition } from '../../engine';

export interface RecordInput {
  id: string;
  title: string;
  severity: FindingDefinition['severity'];
  description: string;
  recommendation: string;
  pattern: string;
  /** Where the lesson comes from (audit report, issue, PR). The pack format requires at least one reference. */
  reference: { url: string; title?: string };
  confidence?: FindingDefinition['confidence'];
  category?: string;
}

/** The finding a reviewer described in the record dialog, in pack form. */
export function recordedFinding(input: RecordInput): FindingDefinition {
  return {
    id: input.id,
    title: input.title.trim(),
    severity: input.severity,
    confidence: input.confidence ?? 'medium',
    category: input.category?.trim() || 'recorded',
    description: input.description.trim(),
    recommendation: input.recommendation.trim(),
    references: [{ title: input.reference.title?.trim() || 'Review finding', url: input.reference.url.trim() }],
    match: { pattern: input.pattern },
  };
}

/** The next free `<PREFIX>-NNN` id of a pack (prefix: the one most ids in the pack use, else `LOCAL`). */
export function nextFindingId(packFile: string, prefix?: string): string {
  const ids = readIds(packFile);
  const counts = new Map<string, number>();
  for (const id of ids) {
    const m = /^(.*)-(\d+)$/.exec(id);
    if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  const p = prefix ?? [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'LOCAL';
  let n = 1;
  for (const id of ids) {
    const m = new RegExp(`^${p.replace(/[-]/g, '\\-')}-(\\d+)$`).exec(id);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return `${p}-${String(n).padStart(3, '0')}`;
}

function readIds(packFile: string): string[] {
  try {
    return findingIdsOf(parseDocument(fs.readFileSync(packFile, 'utf8')));
  } catch {
    return [];
  }
}

export function findingIdsOf(doc: ReturnType<typeof parseDocument>): string[] {
  const data = doc.toJS() as { findings?: Array<{ id?: unknown }> };
  return (data?.findings ?? []).map((f) => f?.id).filter((x): x is string => typeof x === 'string');
}
