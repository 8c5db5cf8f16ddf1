// The audit subcommands of the `hindsight` CLI: `baseline save`, `deployed`, `review record|status`, plus the
// `scan --baseline` hook. Each takes its arguments and an io, and returns the exit code: 0 nothing to report,
// 1 findings (or a review is due), 2 usage or input error. Packs, configuration and files are resolved by the
// helpers `hindsight scan` uses (packs.ts, scan-inputs.ts), so every command runs with exactly the packs and files
// scan would, and stops as scan does (exit 2) on a configuration or pack error, no rule, or nothing to scan.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SEVERITIES, type Confidence, type Severity } from '../engine/types';
import { CONFIDENCES, scanFiles, type ScanOptions, type ScanReport } from '../project/run-scan';
import { formatPackChanges } from '../packs/changelog';
import type { CliWorkspace } from '../packs/sources';
import { makeStyle } from '../report/text';
import { writeFileAtomic } from '../shared/atomic-write';
import { applyBaseline, auditFindingsOf, fileExistsUnder, relativePath, scanTexts } from '../audit/scan-bridge';
import { compareWithBaseline, createBaseline, DEFAULT_BASELINE, readBaseline, writeBaseline } from '../audit/baseline';
import { DEFAULT_DEPLOYMENTS, readDeployments } from '../audit/deployments';
import { DEFAULT_DEPLOYED_STATE, readDeployedState, writeDeployedState } from '../audit/deployed-state';
import { auditDeployments, type DeploymentReport } from '../audit/deployed';
import { deployedJson, deployedSarif, deployedText, filterDeployed, packUpdateNotice } from '../audit/deployed-format';
import { configValue, GitError, headCommit } from '../audit/git';
import { coverageOf, workspaceReviewScope } from '../audit/review-scope-io';
import { AuditInputError } from '../audit/input-error';
import { readStateFile } from '../audit/data-file';
import {
  countBySeverity,
  DEFAULT_REVIEW_INTERVAL_DAYS,
  DEFAULT_REVIEWS,
  emptyReviewLog,
  parseReviews,
  reviewDue,
  serializeReviews,
  type Review,
  type ReviewLog,
} from '../audit/reviews';
import { InputError, UsageError, type Io } from './io';
import { checkRules, resolveWorkspace } from './packs';
import { selectInputs, type InputOptions } from './scan-inputs';

export interface AuditIo {
  cwd: string;
  out(s: string): void;
  err(s: string): void;
  colourOut?: boolean;
}

export interface AuditContext {
  io: Io;
  tool: { name: string; version: string; informationUri: string };
  now?: () => Date;
}

export const AUDIT_HELP = `Continuous audits (docs/continuous-audit.md):
  hindsight baseline save [paths...] [-o file] [--force]
                                          record today's findings as accepted (.hindsight/baseline.json)
  hindsight scan ... --baseline [file]    report and fail only on findings not in the baseline
  hindsight deployed [--format text|json|sarif] [-o file] [--min-severity s] [--only-new] [--dry-run]
                                          re-audit deployed commits listed in .hindsight/deployments.yaml
  hindsight review record [--by name] [--note text]   log a periodic review in .hindsight/reviews.json
  hindsight review status [--interval-days N]         is a review due? (exit 1 if so)
  hindsight review scope [--since commit] [--format text|json]
                                          files and functions to review, who reviewed them, coverage
  hindsight review mark <file>[#Contract.fn]... [--by name]   mark files or functions reviewed`;

export const PACK_OPTIONS = {
  pack: { type: 'string', multiple: true },
  'no-builtin': { type: 'boolean' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'no-gitignore': { type: 'boolean' },
  'include-deps': { type: 'boolean' },
  'include-tests': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'no-config': { type: 'boolean' },
  'allow-network': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

export class UsageProblem extends Error {}

/** Dispatches `baseline`, `deployed` and `review`; any other command is not ours. */
export async function runAuditCommand(command: string, args: string[], ctx: AuditContext): Promise<number> {
  try {
    if (command === 'baseline') {
      const [sub, ...rest] = args;
      if (sub === 'save') return await runBaselineSave(rest, ctx);
      throw new UsageProblem(sub ? `unknown baseline command "${sub}" (expected save)` : 'missing baseline command: save');
    }
    if (command === 'deployed') return await runDeployed(args, ctx);
    if (command === 'review') {
      const [sub, ...rest] = args;
      if (sub === 'record') return await runReviewRecord(rest, ctx);
      if (sub === 'status') return runReviewStatus(rest, ctx);
      throw new UsageProblem(
        sub ? `unknown review command "${sub}" (expected record, status, scope or mark)` : 'missing review command: record, status, scope or mark',
      );
    }
    throw new UsageProblem(`unknown command "${command}"`);
  } catch (err) {
    return printError(err, ctx.io);
  }
}

export function printError(err: unknown, io: AuditIo): number {
  if (err instanceof InputError) return 2; // already explained where it happened
  if (err instanceof AuditInputError || err instanceof GitError) io.err(`hindsight: ${err.message}\n`);
  else if (err instanceof UsageProblem || err instanceof UsageError || String((err as { code?: string })?.code ?? '').startsWith('ERR_PARSE_ARGS')) {
    io.err(`hindsight: ${(err as Error).message}\nRun "hindsight --help" for usage.\n`);
  } else io.err(`hindsight: internal error: ${(err as Error).stack ?? String(err)}\n`);
  return 2;
}

export function display(file: string, cwd: string): string {
  return relativePath(cwd, file);
}

function severityOption(v: string | undefined, fallback: Severity): Severity {
  const s = (v ?? fallback) as Severity;
  if (!SEVERITIES.includes(s)) throw new UsageProblem(`--min-severity must be one of ${SEVERITIES.join(', ')} (got "${v}")`);
  return s;
}

function confidenceOption(v: string | undefined): Confidence {
  const c = (v ?? 'low') as Confidence;
  if (!CONFIDENCES.includes(c)) throw new UsageProblem(`--min-confidence must be one of ${CONFIDENCES.join(', ')} (got "${v}")`);
  return c;
}

/** Every finding at every severity and confidence: thresholds are applied when reading, not when recording. */
const EVERYTHING: ScanOptions = { minSeverity: 'info', minConfidence: 'low' };

interface PackValues {
  pack?: string[];
  'no-builtin'?: boolean;
  'no-config'?: boolean;
  'allow-network'?: boolean;
  'no-color'?: boolean;
}

/** The packs and configuration `hindsight scan` would use; throws InputError (explained) on an error or no rule. */
export async function resolveScan(io: Io, values: PackValues): Promise<CliWorkspace> {
  const team = await resolveWorkspace(values, io, makeStyle(io.colourErr && !values['no-color']));
  checkRules(team, EVERYTHING, values, io);
  return team;
}

/** The files `hindsight scan` would read under `paths` (an InputError when there is none), scanned for everything. */
export async function scanWorkspace(paths: string[], team: CliWorkspace, values: PackValues & InputOptions, io: Io): Promise<ScanReport> {
  if (paths.includes('-')) throw new UsageProblem('"-" (standard input) is not supported here: name the files or folders to scan');
  const { files } = await selectInputs(paths, values, team, io, makeStyle(io.colourErr && !values['no-color']));
  return scanFiles(files, team.packs, EVERYTHING);
}

function summary(counts: Record<Severity, number> & { total: number }): string {
  if (!counts.total) return 'no findings';
  const parts = SEVERITIES.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`);
  return `${counts.total} finding${counts.total === 1 ? '' : 's'} (${parts.join(', ')})`;
}

// ---------------------------------------------------------------------------------------------------------
// baseline

export async function runBaselineSave(args: string[], ctx: AuditContext): Promise<number> {
  const { io } = ctx;
  const { values, positionals } = parseArgs({
    args,
    options: { ...PACK_OPTIONS, output: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return help(io);
  const target = path.resolve(io.cwd, values.output ?? DEFAULT_BASELINE);
  const shown = display(target, io.cwd);
  const team = await resolveScan(io, values);
  const packs = team.packs;
  const scan = await scanWorkspace(positionals, team, values, io);
  const unreadable = scan.files.filter((f) => f.error);
  if (unreadable.length) {
    for (const f of unreadable) io.err(`hindsight: ${display(f.file, io.cwd)}: ${f.error}\n`);
    io.err(`hindsight: baseline not saved: ${unreadable.length} file${unreadable.length === 1 ? '' : 's'} could not be scanned\n`);
    return 2;
  }
  const findings = auditFindingsOf(scan, io.cwd);
  const baseline = createBaseline(
    findings,
    packs.map((p) => p.info),
    { name: ctx.tool.name, version: ctx.tool.version },
    (ctx.now ?? (() => new Date()))(),
  );
  let previous: ReturnType<typeof readBaseline> | undefined;
  try {
    if (fs.existsSync(target)) previous = readBaseline(target, shown);
  } catch {
    // writeBaseline explains a malformed file (and refuses to overwrite it without --force)
  }
  writeBaseline(target, baseline, shown, values.force);
  let delta = '';
  if (previous) {
    const cmp = compareWithBaseline(findings, previous, { fileExists: fileExistsUnder(io.cwd) });
    delta = ` (${cmp.added.length} added, ${cmp.gone.length} removed since the previous baseline)`;
  }
  io.out(`Baseline saved to ${shown}: ${summary(countBySeverity(findings))} in ${scan.files.length} file${scan.files.length === 1 ? '' : 's'}${delta}\n`);
  return 0;
}

/**
 * `--baseline` takes an optional value: bare, or followed by something that is not a .json file, it means the
 * default file. Rewrites the arguments so util.parseArgs (which has no optional values) reads them right.
 */
export function normalizeBaselineArgs(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--baseline') {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('-') && /\.json$/i.test(next)) {
        out.push(`--baseline=${next}`);
        i++;
      } else out.push(`--baseline=${DEFAULT_BASELINE}`);
    } else out.push(a);
  }
  return out;
}

/**
 * The `scan --baseline` hook: the report with only new findings, or undefined after printing why the baseline
 * cannot be used (exit 2). Baseline entries of findings not run in this scan (below --min-severity, or from a
 * pack not loaded) are not reported as fixed.
 */
export function filterByBaseline(report: ScanReport, baselineFile: string, io: AuditIo): ScanReport | undefined {
  const file = path.resolve(io.cwd, baselineFile);
  try {
    const baseline = readBaseline(file, display(file, io.cwd));
    const active = new Set(report.findings.map((f) => `${f.pack.name}\u0000${f.id}`));
    const packOf = new Map<string, string>();
    for (const f of report.findings) packOf.set(f.id, f.pack.name);
    const r = applyBaseline(report, baseline, io.cwd);
    const gone = r.gone.filter((g) => active.has(`${packOf.get(g.findingId) ?? ''}\u0000${g.findingId}`));
    const notes = [`${r.known} known finding${r.known === 1 ? '' : 's'} hidden by the baseline ${display(file, io.cwd)}`];
    if (gone.length)
      notes.push(
        `${gone.length} baseline entr${gone.length === 1 ? 'y is' : 'ies are'} no longer found (fixed?): re-run "hindsight baseline save" to drop ${gone.length === 1 ? 'it' : 'them'}`,
      );
    io.err(`${notes.join('; ')}\n`);
    return r.report;
  } catch (err) {
    printError(err, io);
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// deployed

export async function runDeployed(args: string[], ctx: AuditContext): Promise<number> {
  const { io } = ctx;
  const { values } = parseArgs({
    args,
    options: {
      pack: PACK_OPTIONS.pack,
      'no-builtin': PACK_OPTIONS['no-builtin'],
      'no-color': PACK_OPTIONS['no-color'],
      'no-config': PACK_OPTIONS['no-config'],
      'allow-network': PACK_OPTIONS['allow-network'],
      help: PACK_OPTIONS.help,
      deployments: { type: 'string' },
      state: { type: 'string' },
      deployment: { type: 'string', multiple: true },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'min-severity': { type: 'string' },
      'min-confidence': { type: 'string' },
      'only-new': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) return help(io);
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageProblem(`--format must be text, json or sarif (got "${format}")`);
  const minSeverity = severityOption(values['min-severity'], 'info');
  const minConfidence = confidenceOption(values['min-confidence']);
  const deploymentsFile = path.resolve(io.cwd, values.deployments ?? DEFAULT_DEPLOYMENTS);
  const stateFile = path.resolve(io.cwd, values.state ?? DEFAULT_DEPLOYED_STATE);
  const file = readDeployments(deploymentsFile, display(deploymentsFile, io.cwd));
  let deployments = file.deployments;
  if (values.deployment?.length) {
    const unknown = values.deployment.filter((n) => !deployments.some((d) => d.name === n));
    if (unknown.length) throw new UsageProblem(`no deployment named ${unknown.map((n) => `"${n}"`).join(', ')} in ${display(deploymentsFile, io.cwd)}`);
    deployments = deployments.filter((d) => values.deployment!.includes(d.name));
  }
  const state = readDeployedState(stateFile, display(stateFile, io.cwd));
  const team = await resolveScan(io, values);
  const packs = team.packs;
  const now = (ctx.now ?? (() => new Date()))();
  const run = await auditDeployments(
    io.cwd,
    deployments,
    state,
    {
      toolVersion: ctx.tool.version,
      packs,
      scanTexts: (files) => scanTexts(files, packs, EVERYTHING),
      isExcluded: (file) => team.effective.isExcluded(file),
    },
    now,
  );
  const shown: DeploymentReport[] = run.reports.map((r) => filterDeployed(r, { minSeverity, minConfidence, onlyNew: Boolean(values['only-new']) }));
  let output: string;
  if (format === 'json') output = deployedJson(shown, packs, ctx.tool, io.cwd);
  else if (format === 'sarif') output = JSON.stringify(deployedSarif(shown, io.cwd, ctx.tool), null, 2) + '\n';
  else output = deployedText(shown, io.cwd, Boolean(!values.output && io.colourOut && !values['no-color']));
  if (values.output) {
    const target = path.resolve(io.cwd, values.output);
    try {
      writeFileAtomic(target, output);
    } catch (err) {
      io.err(`hindsight: cannot write ${values.output}: ${(err as Error).message}\n`);
      return 2;
    }
    io.err(`Report written to ${display(target, io.cwd)}\n`);
  } else io.out(output);

  const changes = new Map<string, string>();
  for (const r of run.reports) for (const line of formatPackChanges(r.packChanges)) changes.set(line, line);
  if (changes.size && format !== 'text') for (const line of changes.keys()) io.err(`${line}\n`);
  const failed = run.reports.filter((r) => r.error);
  for (const r of failed) io.err(`hindsight: ${r.error}\n`);
  const notice = packUpdateNotice(run.reports);
  if (notice && format !== 'text') io.err(`${notice}\n`);
  if (!values['dry-run']) {
    // Deployments removed from the file are forgotten; those skipped by --deployment keep their state.
    for (const name of Object.keys(run.nextState.deployments)) if (!file.deployments.some((d) => d.name === name)) delete run.nextState.deployments[name];
    writeDeployedState(stateFile, run.nextState);
    if (run.reports.some((r) => !r.error)) io.err(`Review state recorded in ${display(stateFile, io.cwd)} (--dry-run leaves it as it was)\n`);
  }
  if (failed.length || run.reports.some((r) => r.scan?.files.some((f) => f.error))) return 2;
  return shown.some((r) => r.findings.length > 0) ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// reviews

function readReviewLog(file: string, shown: string): ReviewLog {
  return readStateFile(file, shown, 'reviews', (text) => parseReviews(text, shown), emptyReviewLog);
}

export async function runReviewRecord(args: string[], ctx: AuditContext): Promise<number> {
  const { io } = ctx;
  const { values, positionals } = parseArgs({
    args,
    options: { ...PACK_OPTIONS, by: { type: 'string' }, note: { type: 'string' }, file: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return help(io);
  const file = path.resolve(io.cwd, values.file ?? DEFAULT_REVIEWS);
  const shown = display(file, io.cwd);
  // Read first: a malformed log is reported and left alone, before any scanning.
  const log = readReviewLog(file, shown);
  const team = await resolveScan(io, values);
  const packs = team.packs;
  const scan = await scanWorkspace(positionals, team, values, io);
  const findings = auditFindingsOf(scan, io.cwd);
  const by = values.by?.trim() || (await configValue(io.cwd, 'user.name')) || process.env.USER || process.env.USERNAME || 'unknown';
  const commit = await headCommit(io.cwd);
  // What this review covered, against the previous review's commit (review scope), before the log gets this one.
  const scope = await workspaceReviewScope(io.cwd, { files: scan.files.map((f) => f.file), findings, git: true }).catch(() => undefined);
  const review: Review = {
    date: (ctx.now ?? (() => new Date()))().toISOString(),
    by,
    ...(values.note ? { note: values.note } : {}),
    packs: packs.map((p) => ({ name: p.info.name, version: p.info.version })),
    findings: countBySeverity(findings),
    tool: ctx.tool.version,
    ...(commit ? { commit } : {}),
    ...(scope ? { coverage: coverageOf(scope) } : {}),
  };
  log.reviews.push(review);
  writeFileAtomic(file, serializeReviews(log));
  io.out(
    `Review recorded in ${shown}: ${review.date} by ${by}, ${summary(review.findings)}, packs ${review.packs.map((p) => `${p.name} ${p.version}`).join(', ')}${review.coverage ? `, coverage ${review.coverage.reviewed}/${review.coverage.total}` : ''}\n`,
  );
  return 0;
}

export function runReviewStatus(args: string[], ctx: AuditContext): number {
  const { io } = ctx;
  const { values } = parseArgs({
    args,
    options: { 'interval-days': { type: 'string' }, file: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) return help(io);
  const raw = values['interval-days'];
  const interval = raw === undefined ? DEFAULT_REVIEW_INTERVAL_DAYS : Number(raw);
  if (!Number.isFinite(interval) || interval < 0 || (raw !== undefined && !/^\d+(\.\d+)?$/.test(raw))) {
    throw new UsageProblem(`--interval-days must be a number of days, 0 to switch reminders off (got "${raw}")`);
  }
  const format = values.format ?? 'text';
  if (!['text', 'json'].includes(format)) throw new UsageProblem(`--format must be text or json (got "${format}")`);
  const file = path.resolve(io.cwd, values.file ?? DEFAULT_REVIEWS);
  const log = readReviewLog(file, display(file, io.cwd));
  const now = (ctx.now ?? (() => new Date()))();
  const status = reviewDue(log.reviews, interval, now);
  if (format === 'json') {
    io.out(
      JSON.stringify(
        {
          due: status.due,
          intervalDays: interval,
          lastReview: status.last ?? null,
          nextDue: status.nextDue?.toISOString() ?? null,
          daysLeft: status.daysLeft ?? null,
          reviews: log.reviews.length,
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    const lines: string[] = [];
    if (!status.last) lines.push(`No review recorded yet in ${display(file, io.cwd)}.`);
    else {
      const ago = Math.floor((now.getTime() - Date.parse(status.last.date)) / 86_400_000);
      lines.push(
        `Last review: ${status.last.date.slice(0, 10)} by ${status.last.by} (${ago} day${ago === 1 ? '' : 's'} ago): ${summary(status.last.findings)}.`,
      );
    }
    if (!(interval > 0)) lines.push('Review reminders are off (--interval-days 0).');
    else if (!status.nextDue) lines.push(`A review is due (interval ${interval} days): record one with "hindsight review record".`);
    else if (status.due)
      lines.push(
        `A review is due: it was due on ${status.nextDue.toISOString().slice(0, 10)} (interval ${interval} days, ${-status.daysLeft!} day${status.daysLeft === -1 ? '' : 's'} overdue).`,
      );
    else lines.push(`Next review due on ${status.nextDue.toISOString().slice(0, 10)} (in ${status.daysLeft} day${status.daysLeft === 1 ? '' : 's'}).`);
    io.out(lines.join('\n') + '\n');
  }
  return status.due ? 1 : 0;
}

function help(io: AuditIo): number {
  io.out(AUDIT_HELP + '\n');
  return 0;
}
