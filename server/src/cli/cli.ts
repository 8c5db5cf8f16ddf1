// The `hindsight` command (main.ts runs it; tests call main() in-process): scan Solidity for known findings, test and validate packs, or run the language
// server. Exit codes: 0 nothing at or above the threshold, 1 findings (or failing pack tests / invalid packs),
// 2 usage or input errors. See docs/cli.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import packageJson from '../../../package.json';
import { SEVERITIES, type Confidence, type Finding, type Severity } from '../engine';
import { usePackCompileCache } from '../packs/compile-verdicts';
import { loadBuiltinPacks, loadPack, type LoadedPack, type PackProblem } from '../packs/load';
import { runPackTests } from '../packs/pack-test';
import { PACK_TOOLS_HELP, packDocsCommand, packNewCommand } from '../packs/pack-tools';
import { resolveCliWorkspace } from '../packs/sources';
import { collectFiles, describeLeftOut, toPosix } from '../project/files';
import { formatJson } from '../report/json';
import { displayPath, formatText, makeStyle, summaryLine, wantsColour, type Style } from '../report/text';
import { CONFIDENCES, type ScanReport } from '../project/run-scan';
import { autoJobs, defaultJobs, scanFilesParallel } from '../project/parallel-scan';
import { defaultCacheDir } from '../project/scan-cache';
import { toSarif } from '../report/sarif';
import { startServer } from '../lsp/server';
import { AUDIT_HELP, filterByBaseline, normalizeBaselineArgs, runAuditCommand } from './audit-commands';

export const TOOL = {
  name: 'hindsight',
  version: packageJson.version,
  informationUri: 'https://github.com/hindsight-dev/hindsight',
};

export class UsageError extends Error {}

interface Io {
  cwd: string;
  out(s: string): void;
  err(s: string): void;
  colourOut: boolean;
  colourErr: boolean;
}

const HELP = `hindsight ${TOOL.version}: known smart-contract audit findings, matched against your Solidity

Usage:
  hindsight scan [paths...] [options]     scan files and folders (default: .)
  hindsight pack test <dir...> [--only ID] run the annotated tests of findings packs
  hindsight pack validate <dir|file...>   check packs and report problems as file:line:col
${PACK_TOOLS_HELP}
  hindsight lsp --stdio                   run the language server over stdio
  hindsight baseline | deployed | review  continuous audits (below)
  hindsight --help | --version

Scan options:
  --pack <path>            load a findings pack (folder or pack file); repeatable
  --no-builtin             do not load the built-in packs
  --format <fmt>           text (default), json or sarif
  -o, --output <file>      write the report to a file instead of stdout
  --min-severity <sev>     report and fail on findings at or above: critical, high, medium, low, info (default info)
  --min-confidence <c>     report only findings with at least this confidence: high, medium, low (default low)
  --include <glob>         only scan files matching the glob; repeatable
  --exclude <glob>         skip files matching the glob; repeatable
  --no-gitignore           do not honour .gitignore files
  --include-tests          also scan tests, scripts and mocks (test/, *.t.sol, script/, mocks/, *Mock*.sol)
  --include-deps           also scan dependencies: lib/, Soldeer dependencies/, node_modules
  --no-color               no colours (also when NO_COLOR is set or output is not a terminal)
  --max-file-size <KB>     skip larger files with a warning (default 2048)
  -j, --jobs <n|auto>      scan with n threads; auto = one per CPU, at most 8 (default 1; pays off on big scans)
  --baseline [file]        report and fail only on findings not in the baseline (default .hindsight/baseline.json)
  --no-config              ignore .hindsight/config.yaml (team packs in .hindsight/packs and node_modules still load)
  --allow-network          download URL packs pinned in .hindsight/config.yaml that are not cached yet
  --no-cache               do not read or write the result cache ($HINDSIGHT_CACHE_DIR, else $XDG_CACHE_HOME/hindsight)

${AUDIT_HELP}

Exit codes: 0 no findings at or above --min-severity, 1 findings, 2 usage or input error.
Docs: docs/cli.md`;

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(HELP + '\n');
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(`${TOOL.version}\n`);
      return 0;
    }
    if (command === 'scan') return await scanCommand(rest, io);
    if (command === 'pack') {
      const [sub, ...args] = rest;
      if (sub === 'test') return packTestCommand(args, io);
      if (sub === 'validate') return packValidateCommand(args, io);
      if (sub === 'new') return packNewCommand(args, io);
      if (sub === 'docs') return packDocsCommand(args, io);
      throw new UsageError(sub ? `unknown pack command "${sub}" (expected new, test, validate or docs)` : 'missing pack command: new, test, validate or docs');
    }
    if (command === 'lsp') return await lspCommand(rest, io);
    if (command === 'baseline' || command === 'deployed' || command === 'review') {
      return await runAuditCommand(command, rest, { io, tool: TOOL, loadPacks: (extra, builtin) => loadPacks(extra, builtin, io, makeStyle(io.colourErr)) });
    }
    throw new UsageError(`unknown command "${command}" (expected scan, pack, lsp, baseline, deployed, review)`);
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      io.err(`hindsight: ${(err as Error).message}\nRun "hindsight --help" for usage.\n`);
      return 2;
    }
    io.err(`hindsight: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return 2;
  }
}

const SCAN_OPTIONS = {
  pack: { type: 'string', multiple: true },
  'no-builtin': { type: 'boolean' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'min-severity': { type: 'string' },
  'min-confidence': { type: 'string' },
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
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

async function scanCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: normalizeBaselineArgs(args), options: SCAN_OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(HELP + '\n');
    return 0;
  }
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
  const minSeverity = (values['min-severity'] ?? 'info') as Severity;
  if (!SEVERITIES.includes(minSeverity)) throw new UsageError(`--min-severity must be one of ${SEVERITIES.join(', ')} (got "${minSeverity}")`);
  const minConfidence = (values['min-confidence'] ?? 'low') as Confidence;
  if (!CONFIDENCES.includes(minConfidence)) throw new UsageError(`--min-confidence must be one of ${CONFIDENCES.join(', ')} (got "${minConfidence}")`);
  const maxKb = values['max-file-size'] === undefined ? undefined : Number(values['max-file-size']);
  if (maxKb !== undefined && !(Number.isFinite(maxKb) && maxKb > 0)) throw new UsageError(`--max-file-size must be a size in KB (got "${values['max-file-size']}")`);
  const jobs = values.jobs === undefined ? defaultJobs() : values.jobs === 'auto' ? autoJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be auto or a whole number of at least 1 (got "${values.jobs}")`);
  const errStyle = makeStyle(io.colourErr && !values['no-color']);

  // Only the bundle caches: its hash keys the entries, whereas the TypeScript sources (tests) change unseen.
  const cacheDir = values['no-cache'] || !__filename.endsWith('.js') ? undefined : defaultCacheDir();
  // A re-run whose files all come from the cache then compiles no pattern (packs/compile-verdicts.ts).
  usePackCompileCache(cacheDir);
  const given = loadPacks(values.pack ?? [], !values['no-builtin'], io, errStyle);
  if (!given) return 2;
  // Team packs of the workspace and .hindsight/config.yaml: the same resolution as the editor (docs/team-packs.md).
  const team = await resolveCliWorkspace(io.cwd, given, { allowNetwork: values['allow-network'], useConfig: !values['no-config'] });
  for (const prob of team.problems) io.err(formatProblem(prob, io.cwd, errStyle) + '\n');
  const packs = team.packs;
  if (packs.length === 0) throw new UsageError('no packs to scan with: --no-builtin was given without --pack');

  const paths = positionals.length ? positionals : ['.'];
  const scanConfig = team.config.config.scan;
  const { files, missing, leftOut } = collectFiles(paths, {
    cwd: io.cwd,
    include: values.include,
    exclude: values.exclude,
    gitignore: !values['no-gitignore'],
    dependencies: values['include-deps'] || scanConfig?.dependencies,
    tests: values['include-tests'] || scanConfig?.tests,
  });
  const leftOutLine = describeLeftOut(leftOut);
  if (leftOutLine) io.err(`hindsight: ${leftOutLine}\n`);
  if (missing.length) {
    for (const m of missing) io.err(`hindsight: ${m}: no such file or folder\n`);
    return 2;
  }

  // .hindsight/config.yaml is what the team agreed on: its minSeverity applies unless the flag is stricter.
  const configMin = team.effective.minSeverity;
  const effectiveMin = configMin && SEVERITIES.indexOf(configMin) < SEVERITIES.indexOf(minSeverity) ? configMin : minSeverity;
  const scanOptions = { minSeverity: effectiveMin, minConfidence, maxFileBytes: maxKb === undefined ? undefined : maxKb * 1024, cacheDir };
  const scanned = withPerFileFindings(
    await scanFilesParallel(files.filter((f) => !team.effective.isExcluded(f)), packs, scanOptions, jobs),
    team.effective.findingsFor,
  );
  const report = values.baseline ? filterByBaseline(scanned, values.baseline, io) : scanned;
  if (!report) return 2;
  let output: string;
  if (format === 'json') output = formatJson(report, io.cwd, { name: TOOL.name, version: TOOL.version });
  else if (format === 'sarif') output = JSON.stringify(toSarif(report, { cwd: io.cwd, tool: TOOL }), null, 2) + '\n';
  else output = formatText(report, io.cwd, makeStyle(!values.output && io.colourOut && !values['no-color']));

  if (values.output) {
    const target = resolve(io.cwd, values.output);
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, output);
    } catch (err) {
      io.err(`hindsight: cannot write ${values.output}: ${(err as Error).message}\n`);
      return 2;
    }
    io.err(`${summaryLine(report, errStyle)}\nReport written to ${displayPath(target, io.cwd)}\n`);
  } else io.out(output);

  if (report.files.some((f) => f.error)) return 2;
  return report.files.some((f) => f.occurrences.length > 0) ? 1 : 0;
}

/**
 * Built-in packs plus --pack ones; undefined (after printing why) when a --pack pack is broken. A problem in a
 * built-in pack is shown as a warning and its other findings still run: the user cannot fix it, and one bad
 * finding must not switch the tool off in their CI.
 */
function loadPacks(extra: string[], builtin: boolean, io: Io, style: Style): LoadedPack[] | undefined {
  const builtins = builtin ? loadBuiltinPacks() : [];
  const packs = [...builtins, ...extra.map((p) => loadPack(resolve(io.cwd, p)))];
  let broken = false;
  const names = new Map<string, string>();
  for (const p of packs) {
    const isBuiltin = builtins.includes(p);
    for (const prob of p.problems) io.err(formatProblem(isBuiltin ? { ...prob, severity: 'warning' } : prob, io.cwd, style) + '\n');
    if (!isBuiltin && p.problems.some((x) => x.severity === 'error')) broken = true;
    const other = names.get(p.info.name);
    if (other) {
      io.err(`${displayPath(p.info.file, io.cwd)}: ${style.severity('error', 'error')}: pack name "${p.info.name}" is already used by ${displayPath(other, io.cwd)}\n`);
      broken = true;
    }
    names.set(p.info.name, p.info.file);
  }
  if (broken) {
    io.err('hindsight: a findings pack has errors (above); fix it or check it with "hindsight pack validate <pack>"\n');
    return undefined;
  }
  return packs;
}

export function formatProblem(p: PackProblem, cwd: string, style: Style): string {
  return `${displayPath(p.file, cwd)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${style.severity(p.severity, p.severity)}: ${p.message}`;
}

function packTestCommand(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    options: { 'no-color': { type: 'boolean' }, only: { type: 'string', multiple: true } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new UsageError('pack test needs at least one pack folder');
  const only = values.only?.length ? new Set(values.only) : undefined;
  const style = makeStyle(io.colourOut && !values['no-color']);
  let failed = 0;
  let passed = 0;
  let inputError = false;
  for (const dir of positionals) {
    const pack = loadPack(resolve(io.cwd, dir));
    const report = runPackTests(only ? { ...pack, findings: pack.findings.filter((f) => only.has(f.id)), problems: pack.problems.filter((p) => !p.findingId || only.has(p.findingId)) } : pack);
    const notFound = pack.problems.some((p) => /^(Pack not found|No pack file|Cannot read pack)/.test(p.message));
    io.out(`${style.bold(`${pack.info.name} ${pack.info.version}`)}  ${style.dim(displayPath(pack.info.file, io.cwd))}\n`);
    if (notFound) {
      for (const p of pack.problems) io.out(`  ${formatProblem(p, io.cwd, style)}\n`);
      inputError = true;
      continue;
    }
    // Problems not tied to a finding (a bad changelog, a YAML error) fail the pack too.
    const packLevel = pack.problems.filter((p) => !p.findingId);
    for (const p of packLevel) io.out(`  ${formatProblem(p, io.cwd, style)}\n`);
    if (packLevel.some((p) => p.severity === 'error')) failed++;
    for (const r of report.results) {
      if (r.passed) {
        passed++;
        const detail = `${r.expectLines.length} expected, ${r.okLines.length} ok${r.fixChecked ? ', fix checked' : ''}`;
        io.out(`  ${style.severity('low', 'PASS')}  ${r.id}  ${style.dim(detail)}\n`);
        for (const w of r.warnings) io.out(`        ${style.severity('warning', 'warning')}: ${w.message}\n`);
        continue;
      }
      failed++;
      io.out(`  ${style.severity('error', 'FAIL')}  ${r.id}\n`);
      const file = r.testFile ? toPosix(relative(io.cwd, r.testFile)) : '';
      for (const w of r.warnings) io.out(`        ${style.severity('warning', 'warning')}: ${w.message}\n`);
      for (const f of r.failures) {
        const where = file && f.line !== undefined && !f.message.startsWith('fixed output') ? `${file}:${f.line}: ` : '';
        io.out(`        ${where}${f.message.replace(/\n/g, '\n          ')}\n`);
      }
    }
  }
  const total = passed + failed;
  io.out(`\n${style.bold(failed ? `${failed} of ${total} failed` : `${passed} passed`)}${failed ? `, ${passed} passed` : ''}\n`);
  if (inputError) return 2;
  return failed ? 1 : 0;
}

function packValidateCommand(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, options: { 'no-color': { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (positionals.length === 0) throw new UsageError('pack validate needs at least one pack folder or file');
  const style = makeStyle(io.colourOut && !values['no-color']);
  let errors = 0;
  let inputError = false;
  for (const p of positionals) {
    const pack = loadPack(resolve(io.cwd, p));
    if (pack.problems.some((x) => /^(Pack not found|No pack file|Cannot read pack)/.test(x.message))) inputError = true;
    for (const prob of pack.problems) io.out(formatProblem(prob, io.cwd, style) + '\n');
    const e = pack.problems.filter((x) => x.severity === 'error').length;
    const w = pack.problems.length - e;
    errors += e;
    const status = e ? style.severity('error', `${e} error${e === 1 ? '' : 's'}`) : style.severity('low', 'valid');
    io.out(`${style.bold(`${pack.info.name} ${pack.info.version}`)}: ${status}${w ? `, ${w} warning${w === 1 ? '' : 's'}` : ''}; ${pack.findings.length} finding${pack.findings.length === 1 ? '' : 's'} loaded\n`);
  }
  if (inputError) return 2;
  return errors ? 1 : 0;
}

async function lspCommand(args: string[], _io: Io): Promise<number> {
  const known = new Set(['--stdio', '--node-ipc', '--socket', '--clientProcessId']);
  const unknown = args.filter((a) => a.startsWith('--') && !known.has(a.split('=')[0]));
  if (unknown.length) throw new UsageError(`unknown lsp option ${unknown[0]} (use --stdio)`);
  if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket'))) {
    throw new UsageError('lsp needs a transport: --stdio (or --node-ipc, --socket=<port>)');
  }
  // The same server as dist/server/server.js; vscode-languageserver reads the transport from process.argv.
  // stdout belongs to the protocol from here on, so nothing else may print to it.
  startServer();
  return -1;
}

function isParseArgsError(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return code.startsWith('ERR_PARSE_ARGS');
}

function defaultIo(): Io {
  return {
    cwd: process.cwd(),
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    colourOut: wantsColour(process.stdout),
    colourErr: wantsColour(process.stderr),
  };
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
