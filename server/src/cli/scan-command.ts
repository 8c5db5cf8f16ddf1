// `hindsight scan`: packs and configuration (packs.ts), what to read (scan-inputs.ts), the engine over it
// (project/), a report in the asked format (report/), and the exit code: 0 nothing at or above the threshold,
// 1 findings, 2 usage, input or configuration error (nothing to scan and no rule to run are errors too).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SEVERITIES, type Confidence, type Finding, type Severity } from '../engine';
import { usePackCompileCache } from '../packs/compile-verdicts';
import type { CliWorkspace } from '../packs/sources';
import { autoJobs, defaultJobs, scanFilesParallel } from '../project/parallel-scan';
import { repositoryRoot } from '../project/repository-root';
import { activeFindings, CONFIDENCES, countBySeverity, DEFAULT_MAX_FILE_BYTES, scanText, type ScanOptions, type ScanReport } from '../project/run-scan';
import { defaultCacheDir } from '../project/scan-cache';
import { formatGithub } from '../report/github';
import { formatJson } from '../report/json';
import { toSarif } from '../report/sarif';
import type { SourceReader } from '../report/snippet';
import { displayPath, formatText, makeStyle, summaryLine } from '../report/text';
import { filterByBaseline, normalizeBaselineArgs } from './audit-commands';
import { helpPage } from './help';
import { plural, TOOL, UsageError, type Io } from './io';
import { checkRules, resolveWorkspace } from './packs';
import { applyFixes, fixOptions } from './scan-fix';
import { selectInputs, type ScanInputs } from './scan-inputs';

const FORMATS = ['text', 'compact', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS = {
  pack: { type: 'string', multiple: true },
  'no-builtin': { type: 'boolean' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'min-severity': { type: 'string' },
  'min-confidence': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'max-warnings': { type: 'string' },
  'exit-zero': { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'no-gitignore': { type: 'boolean' },
  'include-deps': { type: 'boolean' },
  'include-tests': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  baseline: { type: 'string' },
  'no-config': { type: 'boolean' },
  'allow-network': { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'fix-kind': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

/** Findings at these severities are errors (always fail); the others are warnings (see --max-warnings). */
const ERROR_SEVERITIES: readonly Severity[] = ['critical', 'high'];

export async function scanCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: normalizeBaselineArgs(args), options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(`${helpPage('scan')}\n`);
    return 0;
  }
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)} (got "${values.format}")`);
  const flagMin = (values['min-severity'] ?? 'info') as Severity;
  if (!SEVERITIES.includes(flagMin)) throw new UsageError(`--min-severity must be one of ${SEVERITIES.join(', ')} (got "${flagMin}")`);
  const minConfidence = (values['min-confidence'] ?? 'low') as Confidence;
  if (!CONFIDENCES.includes(minConfidence)) throw new UsageError(`--min-confidence must be one of ${CONFIDENCES.join(', ')} (got "${minConfidence}")`);
  const maxKb = values['max-file-size'] === undefined ? undefined : Number(values['max-file-size']);
  if (maxKb !== undefined && !(Number.isFinite(maxKb) && maxKb > 0))
    throw new UsageError(`--max-file-size must be a size in KB (got "${values['max-file-size']}")`);
  const jobs = values.jobs === undefined ? defaultJobs() : values.jobs === 'auto' ? autoJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be auto or a whole number of at least 1 (got "${values.jobs}")`);
  const maxWarnings = values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0 && /^\d+$/.test(values['max-warnings']!))) {
    throw new UsageError(`--max-warnings must be a whole number of at least 0 (got "${values['max-warnings']}")`);
  }
  const fixing = fixOptions(values);
  const errStyle = makeStyle(io.colourErr && !values['no-color']);

  // Only the bundle caches: its hash keys the entries, whereas the TypeScript sources (tests) change unseen.
  const cacheDir = values['no-cache'] || !__filename.endsWith('.js') ? undefined : defaultCacheDir();
  // A re-run whose files all come from the cache then compiles no pattern (packs/compile-verdicts.ts).
  usePackCompileCache(cacheDir);
  const team = await resolveWorkspace(values, io, errStyle);
  // .hindsight/config.yaml is what the team agreed on: its minSeverity applies unless the flag is stricter.
  const minSeverity = stricter(stricter(flagMin, team.effective.minSeverity), values.quiet ? 'high' : undefined);
  const scanOptions: ScanOptions = { minSeverity, minConfidence, maxFileBytes: maxKb === undefined ? undefined : maxKb * 1024, cacheDir };
  checkRules(team, scanOptions, values, io);

  const inputs = await selectInputs(positionals, values, team, io, errStyle);
  if (fixing?.write && inputs.stdin) throw new UsageError('--fix writes files and cannot fix standard input; --fix-dry-run shows the diff');
  const scanned = withPerFileFindings(
    inputs.stdin ? scanStdin(inputs.stdin, team, scanOptions) : await scanFilesParallel(inputs.files, team.packs, scanOptions, jobs),
    team.effective.findingsFor,
  );
  const baselined = values.baseline ? filterByBaseline(scanned, values.baseline, io) : scanned;
  if (!baselined) return 2;
  let report: ScanReport = baselined;
  let fixErrors = 0;
  if (fixing) {
    const keep = (r: ScanReport): ScanReport => {
      const mine = withPerFileFindings(r, team.effective.findingsFor);
      return values.baseline ? (filterByBaseline(mine, values.baseline, { ...io, err: () => {} }) ?? mine) : mine;
    };
    const fixed = applyFixes(report, fixing, inputs, keep, io);
    if (!fixing.write) return writeOutput(fixed.diff, values.output, io, undefined, 'Diff') ?? (fixed.errors > 0 ? 2 : fixed.diff ? 1 : 0);
    report = fixed.report;
    fixErrors = fixed.errors;
  }
  const output = render(report, format, io, sourceReader(inputs), !values.output && io.colourOut && !values['no-color']);

  const failed = writeOutput(output, values.output, io, summaryLine(report, errStyle));
  if (failed !== undefined) return failed;
  return fixErrors > 0 ? 2 : exitCode(report, { exitZero: values['exit-zero'], maxWarnings }, io);
}

/** The report (or diff) to stdout, or to `--output` with `summary` on stderr; 2 when it cannot be written. */
function writeOutput(output: string, file: string | undefined, io: Io, summary?: string, what = 'Report'): number | undefined {
  if (!file) {
    io.out(output);
    return undefined;
  }
  const target = resolve(io.cwd, file);
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
  } catch (err) {
    io.err(`hindsight: cannot write ${file}: ${(err as Error).message}\n`);
    return 2;
  }
  io.err(`${summary ? `${summary}\n` : ''}${what} written to ${displayPath(target, io.cwd)}\n`);
  return undefined;
}

function render(report: ScanReport, format: Format, io: Io, source: SourceReader, colour: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(report, io.cwd, { name: TOOL.name, version: TOOL.version }, { source });
    case 'sarif':
      return `${JSON.stringify(toSarif(report, { cwd: io.cwd, srcRoot: repositoryRoot(io.cwd), tool: TOOL }), null, 2)}\n`;
    case 'github':
      return formatGithub(report, repositoryRoot(io.cwd), summaryLine(report, makeStyle(false)));
    case 'compact':
      return formatText(report, io.cwd, makeStyle(colour));
    default:
      return formatText(report, io.cwd, makeStyle(colour), { source });
  }
}

/** 2 when a file could not be scanned; else 1 when findings fail the run (see --max-warnings), else 0. */
function exitCode(report: ScanReport, options: { exitZero?: boolean; maxWarnings?: number }, io: Io): number {
  if (report.files.some((f) => f.error)) return 2;
  if (options.exitZero) return 0;
  const counts = countBySeverity(report);
  const errors = ERROR_SEVERITIES.reduce((n, s) => n + counts[s], 0);
  const warnings = SEVERITIES.reduce((n, s) => n + counts[s], 0) - errors;
  if (options.maxWarnings === undefined) return errors + warnings > 0 ? 1 : 0;
  if (warnings > options.maxWarnings) io.err(`hindsight: ${plural(warnings, 'finding')} below high, more than --max-warnings ${options.maxWarnings}\n`);
  return errors > 0 || warnings > options.maxWarnings ? 1 : 0;
}

function scanStdin(stdin: NonNullable<ScanInputs['stdin']>, team: CliWorkspace, options: ScanOptions): ScanReport {
  const started = Date.now();
  const findings = activeFindings(team.packs, options);
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const size = Buffer.byteLength(stdin.text, 'utf8');
  const file =
    size > max
      ? {
          file: stdin.file,
          occurrences: [],
          syntaxErrors: [],
          suppressed: [],
          skipped: `not scanned: ${Math.ceil(size / 1024)} KB is over the ${Math.ceil(max / 1024)} KB limit (--max-file-size)`,
        }
      : scanText(stdin.file, stdin.text, findings, new Set(findings.map((f) => f.id)));
  return { packs: team.packs, findings, files: [file], durationMs: Date.now() - started };
}

/** The text of scanned files for snippets: standard input as read, files from disk (once each). */
function sourceReader(inputs: ScanInputs): SourceReader {
  const texts = new Map<string, string | undefined>();
  if (inputs.stdin) texts.set(inputs.stdin.file, inputs.stdin.text);
  return (file) => {
    if (!texts.has(file)) {
      try {
        texts.set(file, readFileSync(file, 'utf8'));
      } catch {
        texts.set(file, undefined);
      }
    }
    return texts.get(file);
  };
}

function stricter(a: Severity, b: Severity | undefined): Severity {
  return b && SEVERITIES.indexOf(b) < SEVERITIES.indexOf(a) ? b : a;
}

/** Drops occurrences of findings the workspace config excludes for that file (per-finding `exclude`). */
function withPerFileFindings(report: ScanReport, findingsFor: (file: string) => Finding[]): ScanReport {
  return {
    ...report,
    files: report.files.map((f) => {
      if (f.occurrences.length === 0) return f;
      const allowed = new Set(findingsFor(f.file).map((x) => `${x.pack.name}/${x.id}`));
      return { ...f, occurrences: f.occurrences.filter((o) => allowed.has(`${o.pack}/${o.findingId}`)) };
    }),
  };
}
