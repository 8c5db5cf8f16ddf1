// What the audit commands need to know about one reported occurrence and about the loaded packs. Kept apart from
// how the CLI discovers files and loads packs, so the same logic serves the CLI, the language server and tests.
import type { Finding, Occurrence, Range, Severity } from '../engine';

export interface AuditFinding {
  /** Relative to the workspace root, with `/` separators. */
  file: string;
  findingId: string;
  pack: string;
  title: string;
  severity: Severity;
  contract: string;
  function: string;
  fingerprint: string;
  range: Range;
  /** The engine's occurrence, when this came from a scan (not from a stored file). */
  occurrence?: Occurrence;
}

export interface ChangelogEntry {
  version: string;
  added?: string[];
  changed?: string[];
  removed?: string[];
}

export interface PackSummary {
  name: string;
  version: string;
  changelog?: ChangelogEntry[];
}

export function toAuditFinding(file: string, occurrence: Occurrence, finding: Pick<Finding, 'title' | 'severity'>): AuditFinding {
  return {
    file,
    findingId: occurrence.findingId,
    pack: occurrence.pack,
    title: finding.title,
    severity: finding.severity,
    contract: occurrence.contract,
    function: occurrence.function,
    fingerprint: occurrence.fingerprint,
    range: occurrence.range,
  };
}
