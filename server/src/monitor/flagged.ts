// Audit-aware monitoring: which functions of each deployment a current finding flags. The re-audit of
// `hindsight deployed` scans the deployment's sources at its commit with today's packs; each finding at or above
// the monitor's severity is mapped to the externally callable functions that reach it, keyed by ABI selector.
import { auditDeployments, type AuditScanner } from '../audit/deployed';
import type { Deployment } from '../audit/deployments';
import { emptyDeployedState } from '../audit/deployed-state';
import { relativePath } from '../audit/scan-bridge';
import { SEVERITIES, type Severity } from '../engine/types';
import { atLeast } from '../shared/settings';
import type { FlaggedFunction } from './detectors';
import { SourceIndex } from './entry-points';

export interface FlaggedResult {
  byDeployment: Map<string, Map<string, FlaggedFunction>>;
  /** Deployments whose sources could not be read or scanned, with why (the run reports them and exits 2). */
  errors: string[];
}

export async function flaggedFunctions(
  root: string,
  deployments: Deployment[],
  scanner: AuditScanner,
  minSeverity: Severity,
  now: Date,
): Promise<FlaggedResult> {
  const texts = new Map<string, string>();
  const recording: AuditScanner = {
    ...scanner,
    scanTexts(files) {
      for (const f of files) texts.set(relativePath(root, f.path), f.text);
      return scanner.scanTexts(files);
    },
  };
  const byDeployment = new Map<string, Map<string, FlaggedFunction>>();
  const errors: string[] = [];
  for (const d of deployments) {
    texts.clear();
    const run = await auditDeployments(root, [d], emptyDeployedState(), recording, now);
    const report = run.reports[0];
    if (report.error) {
      errors.push(report.error);
      continue;
    }
    const index = new SourceIndex(report.files.map((file) => ({ file, text: texts.get(file) ?? '' })));
    const deployed = index.deployedContracts(d.contract);
    const map = new Map<string, FlaggedFunction>();
    for (const f of report.findings) {
      if (!atLeast(f.severity, minSeverity)) continue;
      for (const contract of deployed) {
        for (const ep of index.entryPointsFor({ file: f.file, line: f.range.start.line, character: f.range.start.character }, contract)) {
          const entry = map.get(ep.selector) ?? { selector: ep.selector, signature: ep.signature, findings: [] };
          if (!entry.findings.some((x) => x.id === f.findingId && x.file === f.file && x.line === f.range.start.line + 1)) {
            entry.findings.push({
              id: f.findingId,
              title: f.title,
              severity: f.severity,
              file: f.file,
              line: f.range.start.line + 1,
              column: f.range.start.character + 1,
            });
          }
          map.set(ep.selector, entry);
        }
      }
    }
    for (const e of map.values()) e.findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
    byDeployment.set(d.name, map);
  }
  return { byDeployment, errors };
}
