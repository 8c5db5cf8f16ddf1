// Between the CLI's scan report (absolute paths, engine occurrences) and the audit files (workspace-relative
// paths, fingerprints). Also the hook `scan --baseline` uses: it filters a report down to what is new, so every
// output format and the exit code then speak about new findings only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIDENCES, DEFAULT_MAX_FILE_BYTES, findingIndex, scanText, type FileResult, type ScanOptions, type ScanReport } from '../project/run-scan';
import type { LoadedPack } from '../packs/load';
import { SEVERITIES } from '../engine/types';
import { compareWithBaseline, type Baseline, type BaselineEntry } from './baseline';
import type { AuditFinding } from './types';

export function relativePath(root: string, file: string): string {
  const rel = path.relative(root, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

/** Whether a workspace-relative file exists under `root`: a baseline or triage entry of an existing file never moves. */
export function fileExistsUnder(root: string): (file: string) => boolean {
  return (file) => fs.existsSync(path.join(root, ...file.split('/')));
}

export function auditFindingsOf(report: ScanReport, root: string): AuditFinding[] {
  const find = findingIndex(report.findings);
  const out: AuditFinding[] = [];
  for (const file of report.files) {
    const rel = relativePath(root, file.file);
    for (const o of file.occurrences) {
      const f = find(o);
      if (!f) continue;
      out.push({
        file: rel,
        findingId: o.findingId,
        pack: o.pack,
        title: f.title,
        severity: f.severity,
        contract: o.contract,
        function: o.function,
        fingerprint: o.fingerprint,
        range: o.range,
        occurrence: o,
      });
    }
  }
  return out;
}

export interface BaselinedReport {
  /** The report with only occurrences that are not in the baseline. */
  report: ScanReport;
  /** How many occurrences the baseline accepted. */
  known: number;
  /** Baseline entries no longer found (fixed or deleted code); a hint to re-save the baseline. */
  gone: BaselineEntry[];
}

/**
 * Keeps only what is new since the baseline. Suppressed occurrences and syntax errors pass through unchanged.
 * Entries of files outside this scan are not counted as gone, so scanning one folder does not claim the rest
 * of the baseline was fixed.
 */
export function applyBaseline(report: ScanReport, baseline: Baseline, root: string): BaselinedReport {
  const current = auditFindingsOf(report, root);
  const { added, known, gone } = compareWithBaseline(current, baseline, { fileExists: fileExistsUnder(root) });
  const keep = new Set(added.map((a) => a.occurrence));
  const scanned = new Set(report.files.map((f) => relativePath(root, f.file)));
  const files: FileResult[] = report.files.map((f) => ({ ...f, occurrences: f.occurrences.filter((o) => keep.has(o)) }));
  return { report: { ...report, files }, known: known.length, gone: gone.filter((g) => scanned.has(g.file)) };
}

/**
 * In-memory files through the same engine calls as the CLI's scanFiles (size limit, then run-scan's scanText),
 * for code read from git. `path` should be absolute: it is where results are reported, never read.
 */
export function scanTexts(files: Array<{ path: string; text: string }>, packs: LoadedPack[], options: ScanOptions): ScanReport {
  const started = Date.now();
  const sevRank = SEVERITIES.indexOf(options.minSeverity);
  const confRank = CONFIDENCES.indexOf(options.minConfidence);
  const findings = packs.flatMap((p) => p.findings).filter((f) => SEVERITIES.indexOf(f.severity) <= sevRank && CONFIDENCES.indexOf(f.confidence) <= confRank);
  const activeIds = new Set(findings.map((f) => f.id));
  const results: FileResult[] = [];
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  for (const { path: file, text } of files) {
    const size = Buffer.byteLength(text, 'utf8');
    if (size > maxBytes) {
      results.push({
        file,
        occurrences: [],
        syntaxErrors: [],
        suppressed: [],
        skipped: `not scanned: ${Math.ceil(size / 1024)} KB is over the ${Math.ceil(maxBytes / 1024)} KB limit`,
      });
      continue;
    }
    results.push(scanText(file, text, findings, activeIds));
  }
  return { packs, findings, files: results, durationMs: Date.now() - started };
}
