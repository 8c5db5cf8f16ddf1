// `hindsight scan`: the same engine the editor runs (scanSource, one report per cause, applySuppressions), over
// files on disk.
import { readFileSync, statSync } from 'node:fs';
import { SEVERITIES, scanParsed, scanSource, type Confidence, type Finding, type Occurrence, type ScanResult, type Severity } from '../engine';
import { applySuppressions } from '../engine/suppress';
import type { LoadedPack } from '../packs/load';
import { onePerCause } from './one-per-cause';
import { ScanCache } from './scan-cache';
import { DiskProjects } from './semantic-host';

export const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];

import type { FileResult, ScanReport } from './scan-report';

export type { FileResult, ScanReport };

export interface ScanOptions {
  minSeverity: Severity;
  minConfidence: Confidence;
  /** Files larger than this many bytes are skipped with a warning (generated or flattened code). Default 2 MB. */
  maxFileBytes?: number;
  /** Folder of the on-disk result cache (scan-cache.ts); no cache when absent. */
  cacheDir?: string;
}

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Why a file of `bytes` is not analysed (`limit` names the setting that moves the bound), or undefined within it.
 * Generated or flattened files past a few megabytes cost the parser and the model about 200 times their size in
 * memory, more than the language server's heap may take.
 */
export function overSizeLimit(bytes: number, limit: string, maxBytes = DEFAULT_MAX_FILE_BYTES): string | undefined {
  return bytes > maxBytes ? `not scanned: ${formatSize(bytes)} is over the ${formatSize(maxBytes)} limit (${limit})` : undefined;
}

/** A text's size in UTF-8 bytes, as on disk; counted only where its length leaves the answer open. */
export function utf8Size(text: string, maxBytes = DEFAULT_MAX_FILE_BYTES): number {
  return text.length > maxBytes || text.length * 3 <= maxBytes ? text.length : Buffer.byteLength(text, 'utf8');
}

export function scanFiles(files: string[], packs: LoadedPack[], options: ScanOptions): ScanReport {
  const started = Date.now();
  const findings = activeFindings(packs, options);
  const activeIds = new Set(findings.map((f) => f.id));
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const cache = options.cacheDir ? new ScanCache(options.cacheDir, findings) : undefined;
  const projects = new DiskProjects();
  const results = files.map((file) => scanFile(file, findings, activeIds, maxBytes, cache, projects));
  return { packs, findings, files: results, durationMs: Date.now() - started };
}

/** The findings of the packs that pass the severity and confidence thresholds. */
export function activeFindings(packs: LoadedPack[], options: ScanOptions): Finding[] {
  const sevRank = SEVERITIES.indexOf(options.minSeverity);
  const confRank = CONFIDENCES.indexOf(options.minConfidence);
  return packs.flatMap((p) => p.findings).filter((f) => SEVERITIES.indexOf(f.severity) <= sevRank && CONFIDENCES.indexOf(f.confidence) <= confRank);
}

/**
 * One file through the engine: read, scan, apply suppression comments. With `projects`, semantic filters see the
 * file's imports (through its project's remappings). Never throws.
 */
export function scanFile(
  file: string,
  findings: Finding[],
  activeIds: ReadonlySet<string>,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
  cache?: ScanCache,
  projects?: DiskProjects,
): FileResult {
  let text: string;
  try {
    const skipped = overSizeLimit(statSync(file).size, '--max-file-size', maxBytes);
    if (skipped) return { file, occurrences: [], syntaxErrors: [], suppressed: [], skipped };
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { file, occurrences: [], syntaxErrors: [], suppressed: [], error: `cannot read: ${(err as Error).message}` };
  }
  const hashOf = projects && ((p: string) => projects.hashOf(p));
  const hit = cache?.lookup(file, text, hashOf);
  if (hit) return hit;
  const result = scanText(file, text, findings, activeIds, projects);
  if (!result.error) cache?.store(text, result, hashOf);
  return result;
}

/**
 * Text already in memory (stdin, a file read from git) through the engine: scan, one report per cause
 * (one-per-cause.ts), suppression comments. `file` is where results are reported; it is never read. Never throws.
 */
export function scanText(file: string, text: string, findings: Finding[], activeIds: ReadonlySet<string>, projects?: DiskProjects): FileResult {
  try {
    let scan: ScanResult;
    if (projects) {
      const { semantic, parsed } = projects.contextFor(file, text);
      scan = scanParsed(parsed, findings, { semantic, dependencies: true });
    } else scan = scanSource(text, findings);
    const s = applySuppressions(text, onePerCause(scan.occurrences, findingIndex(findings)), { activeIds, reportUnused: false });
    return {
      file,
      occurrences: sortOccurrences(s.kept),
      syntaxErrors: scan.syntaxErrors,
      suppressed: s.suppressed.map((x) => ({ occurrence: x.occurrence, reason: x.by.reason })),
      ...(scan.dependencies?.length ? { dependencies: scan.dependencies } : {}),
    };
  } catch (err) {
    // The engine promises never to throw; if it ever does, one file must not cost the whole CI run.
    return { file, occurrences: [], syntaxErrors: [], suppressed: [], error: `engine error: ${(err as Error).message}` };
  }
}

function sortOccurrences(list: Occurrence[]): Occurrence[] {
  return [...list].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.findingId.localeCompare(b.findingId),
  );
}

/** Look up a finding of an occurrence (ids are unique per pack, not across packs). */
export function findingIndex(findings: Finding[]): (o: Occurrence) => Finding | undefined {
  // Asked for every file of a scan with the same list: built once (a pack of 1,500 findings made it a tenth of
  // the scan), again only if the list changed since.
  const known = findingIndexes.get(findings);
  if (known && known.size === findings.length) return known.find;
  const map = new Map(findings.map((f) => [`${f.pack.name}\u0000${f.id}`, f]));
  const find = (o: Occurrence) => map.get(`${o.pack}\u0000${o.findingId}`);
  findingIndexes.set(findings, { size: findings.length, find });
  return find;
}
const findingIndexes = new WeakMap<Finding[], { size: number; find: (o: Occurrence) => Finding | undefined }>();

export function countBySeverity(report: ScanReport): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const find = findingIndex(report.findings);
  for (const f of report.files)
    for (const o of f.occurrences) {
      const sev = find(o)?.severity;
      if (sev) counts[sev]++;
    }
  return counts;
}

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
