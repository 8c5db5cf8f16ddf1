// `hindsight scan --fix` and `--fix-dry-run`: the fixes of the reported findings, applied per file by the engine's
// fix-all loop (engine/fix-all.ts, the one the editor's fix-all uses), re-scanning between rounds because one fix
// can reveal or move another. --fix writes each changed file atomically (temp file + rename, its mode kept);
// --fix-dry-run writes nothing and returns a unified diff.
import { readFileSync, statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { fixAllText, fixApplies, type FixKindChoice, type Occurrence } from '../engine';
import { scanText, type FileResult, type ScanReport } from '../project/run-scan';
import { DiskProjects } from '../project/semantic-host';
import { displayPath } from '../report/text';
import { writeFileAtomic } from '../shared/atomic-write';
import { plural, UsageError, type Io } from './io';
import type { ScanInputs } from './scan-inputs';

/** Rounds of fix-then-rescan per file: fixes rarely chain more than once or twice, so this only stops a loop. */
export const MAX_FIX_ROUNDS = 5;

export const FIX_KINDS: readonly FixKindChoice[] = ['safe', 'review'];

export interface FileChange {
  file: string;
  before: string;
  after: string;
  /** Fixes applied over all rounds. */
  fixes: number;
}

export interface FixPlan {
  changes: FileChange[];
  /** Files whose fixes could not be computed or written, with why. */
  errors: Array<{ file: string; message: string }>;
}

/**
 * The fixed text of every file of the report that has a fix of the chosen kinds. The first round fixes the
 * occurrences the report holds (so only what is reported is fixed: thresholds, per-file config and the baseline
 * apply); later rounds take `rescan` of the new text, which the caller filters the same way.
 */
export function planFixes(
  report: ScanReport,
  kinds: FixKindChoice,
  rescan: (file: string, text: string) => FileResult,
  textOf: (file: string) => string,
): FixPlan {
  const plan: FixPlan = { changes: [], errors: [] };
  for (const f of report.files) {
    if (f.error || f.skipped || !f.occurrences.some((o) => fixApplies(o.fix, kinds))) continue;
    try {
      const before = textOf(f.file);
      const occurrencesOf = (text: string): readonly Occurrence[] => {
        if (text === before) return f.occurrences;
        const again = rescan(f.file, text);
        if (again.error) throw new Error(again.error);
        return again.occurrences;
      };
      const result = fixAllText(before, occurrencesOf, MAX_FIX_ROUNDS, kinds);
      if (result) plan.changes.push({ file: f.file, before, after: result.text, fixes: result.fixes });
    } catch (err) {
      plan.errors.push({ file: f.file, message: (err as Error).message });
    }
  }
  return plan;
}

/** Writes each change atomically, keeping the file's permissions; a file that fails is reported, the others written. */
export function writeChanges(changes: readonly FileChange[]): Array<{ file: string; message: string }> {
  const errors: Array<{ file: string; message: string }> = [];
  for (const c of changes) {
    try {
      // The file must still be what was fixed: an editor may have saved it during the scan.
      if (readFileSync(c.file, 'utf8') !== c.before) throw new Error('the file changed while it was being fixed; run again');
      writeFileAtomic(c.file, c.after, { durable: false, mode: statSync(c.file).mode & 0o7777 });
    } catch (err) {
      errors.push({ file: c.file, message: (err as Error).message });
    }
  }
  return errors;
}

/** A unified diff of all changes (`a/` and `b/` paths relative to `cwd`, as git prints them), "" when none. */
export function unifiedDiff(changes: readonly FileChange[], cwd: string): string {
  return changes
    .map((c) => {
      const rel = relative(cwd, c.file).split(sep).join('/');
      const name = rel && !rel.startsWith('..') ? rel : c.file.split(sep).join('/');
      return createTwoFilesPatch(`a/${name}`, `b/${name}`, c.before, c.after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
    })
    .join('');
}

export interface FixOptions {
  /** --fix writes the files; --fix-dry-run only shows the diff. */
  write: boolean;
  kinds: FixKindChoice;
}

/** --fix, --fix-dry-run and --fix-kind, checked together; undefined when no fixing is asked for. */
export function fixOptions(values: { fix?: boolean; 'fix-dry-run'?: boolean; 'fix-kind'?: string }): FixOptions | undefined {
  const kind = values['fix-kind'];
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be combined: --fix-dry-run shows what --fix would write');
  if (kind !== undefined && !FIX_KINDS.includes(kind as FixKindChoice)) throw new UsageError(`--fix-kind must be safe or review (got "${kind}")`);
  if (!values.fix && !values['fix-dry-run']) {
    if (kind !== undefined) throw new UsageError('--fix-kind needs --fix or --fix-dry-run');
    return undefined;
  }
  return { write: !!values.fix, kinds: (kind as FixKindChoice | undefined) ?? 'safe' };
}

export interface FixOutcome {
  /** The report after fixing: the fixed files scanned again (--fix); the report as given for a dry run. */
  report: ScanReport;
  /** The unified diff (--fix-dry-run). */
  diff: string;
  /** Files that could not be fixed or written. */
  errors: number;
}

/**
 * Plans the fixes of a report and, with --fix, writes them and scans the changed files again so the report shows
 * what is left. `keep` filters a report the way the scan's was (per-file config, the baseline).
 */
export function applyFixes(report: ScanReport, options: FixOptions, inputs: ScanInputs, keep: (r: ScanReport) => ScanReport, io: Io): FixOutcome {
  const activeIds = new Set(report.findings.map((f) => f.id));
  const projects = inputs.stdin ? undefined : new DiskProjects();
  const rescan = (file: string, text: string): FileResult => keep({ ...report, files: [scanText(file, text, report.findings, activeIds, projects)] }).files[0];
  const textOf = (file: string) => (inputs.stdin?.file === file ? inputs.stdin.text : readFileSync(file, 'utf8'));
  const plan = planFixes(report, options.kinds, rescan, textOf);
  const errors = [...plan.errors];
  const fixes = plan.changes.reduce((n, c) => n + c.fixes, 0);
  const which = options.kinds === 'safe' ? 'safe ' : '';
  let out = report;
  if (options.write) {
    const failed = writeChanges(plan.changes);
    errors.push(...failed);
    const written = plan.changes.filter((c) => !failed.some((f) => f.file === c.file));
    const after = new Map(written.map((c) => [c.file, rescan(c.file, c.after)]));
    out = { ...report, files: report.files.map((f) => after.get(f.file) ?? f) };
    const n = written.reduce((k, c) => k + c.fixes, 0);
    io.err(`hindsight: applied ${plural(n, `${which}fix`, `${which}fixes`)} in ${plural(written.length, 'file')}\n`);
  } else {
    io.err(`hindsight: ${plural(fixes, `${which}fix`, `${which}fixes`)} would change ${plural(plan.changes.length, 'file')} (--fix-dry-run)\n`);
  }
  for (const e of errors) io.err(`hindsight: cannot fix ${displayPath(e.file, io.cwd)}: ${e.message}\n`);
  return { report: out, diff: options.write ? '' : unifiedDiff(plan.changes, io.cwd), errors: errors.length };
}
