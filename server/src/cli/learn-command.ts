// `hindsight learn <report>`: reads an audit report and writes one finding per reported issue into a workspace
// pack (default .hindsight/packs/learned), each with its linked code as the first test case; findings whose code
// could not become a precise pattern are written as drafts with the reason. Exit codes: 0 every finding learned
// (or already there), 1 some were written as drafts or kept as you edited them and need a look, 2 usage errors,
// a report we cannot read (file:line: why) or a broken pack.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { LEARNED_PACK_DIR, learnReport, REPORT_FORMATS, ReportError, writeLearned, type ReportFormat } from '../learn';
import { displayPath, makeStyle } from '../report/text';
import { helpPage, wantsHelp } from './help';
import { plural, UsageError, type Io } from './io';

export async function learnCommand(args: string[], io: Io): Promise<number> {
  if (wantsHelp(args)) {
    io.out(`${helpPage('learn')}\n`);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args,
    options: {
      pack: { type: 'string' },
      root: { type: 'string' },
      format: { type: 'string' },
      prefix: { type: 'string' },
      url: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('learn needs exactly one report file');
  const format = values.format as ReportFormat | undefined;
  if (format && !REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got ${format})`);
  if (values.prefix && !/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/.test(values.prefix))
    throw new UsageError(`--prefix must be upper-case letters and digits, e.g. ACME (got ${values.prefix})`);
  if (values.url && !/^https?:\/\/\S+$/.test(values.url)) throw new UsageError(`--url must be an http(s) address (got ${values.url})`);
  const report = path.resolve(io.cwd, positionals[0]);
  const root = path.resolve(io.cwd, values.root ?? '.');
  const packDir = path.resolve(root, values.pack ?? LEARNED_PACK_DIR);
  const style = makeStyle(io.colourOut && !values['no-color'] && !values.json);
  const shown = (p: string) => displayPath(p, io.cwd);

  let learned: ReturnType<typeof learnReport>;
  try {
    learned = learnReport({ report, root, format, prefix: values.prefix, url: values.url });
  } catch (err) {
    if (err instanceof ReportError) {
      io.err(`hindsight: ${shown(report)}:${err.line}: ${err.message}\n`);
      return 2;
    }
    io.err(`hindsight: ${(err as Error).message}\n`);
    return 2;
  }
  for (const w of learned.warnings) io.err(`warning: ${w.startsWith(report) ? shown(report) + w.slice(report.length) : w}\n`);

  let result: ReturnType<typeof writeLearned> | undefined;
  if (!values['dry-run']) {
    try {
      result = writeLearned(learned, packDir);
    } catch (err) {
      io.err(`hindsight: ${(err as Error).message}\n`);
      return 2;
    }
  }
  const outcome = new Map(result?.outcomes.map((o) => [o.id, o]) ?? []);
  const drafts = learned.findings.filter((f) => f.definition.draft && outcome.get(f.definition.id)?.outcome !== 'kept');
  const kept = result?.outcomes.filter((o) => o.outcome === 'kept') ?? [];

  if (values.json) {
    io.out(
      `${JSON.stringify(
        {
          report: learned.reportRef,
          format: learned.report.format,
          ...(result ? { packFile: result.packFile, version: result.version, written: result.written } : {}),
          findings: learned.findings.map((f) => ({
            id: f.definition.id,
            reportId: f.reportFinding.id,
            title: f.definition.title,
            severity: f.definition.severity,
            ...(f.definition.draft ? { draft: f.definition.draft } : {}),
            ...(f.code
              ? { code: { file: path.relative(root, f.code.file).split(path.sep).join('/'), startLine: f.code.startLine, endLine: f.code.endLine } }
              : {}),
            matches: f.matches,
            ...(outcome.get(f.definition.id) ?? {}),
          })),
          warnings: learned.warnings,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.out(`Read ${shown(report)} as a ${learned.report.format} report: ${plural(learned.findings.length, 'finding')}.\n`);
    for (const f of learned.findings) {
      const o = outcome.get(f.definition.id);
      const where = f.code ? `${path.relative(root, f.code.file).split(path.sep).join('/')}:${f.code.startLine}` : '';
      const state = o?.outcome ?? 'learned';
      const detail =
        o?.outcome === 'kept' ? `kept: ${o.why}` : f.definition.draft ? `draft: ${f.definition.draft}` : `${where}, reports ${plural(f.matches, 'place')} here`;
      io.out(`  ${state.padEnd(9)} ${style.bold(f.definition.id)}  ${style.severity(f.definition.severity, f.definition.severity)}  ${f.definition.title}\n`);
      io.out(`            ${style.dim(detail)}\n`);
    }
    if (result?.written) {
      const n = (k: string) => result!.outcomes.filter((o) => o.outcome === k).length;
      io.out(`\nWrote ${shown(result.packFile)} (version ${result.version}): ${n('added')} added, ${n('updated')} updated.\n`);
    } else if (result) io.out(`\n${shown(result.packFile)} is up to date.\n`);
    else io.out('\n--dry-run: nothing written.\n');
    if (drafts.length) io.out(`${plural(drafts.length, 'draft')} to review: a finding with a "draft:" line does not run until you delete that line.\n`);
    if (result) io.out(`Next: hindsight pack test ${shown(path.dirname(result.packFile))} && hindsight scan\n`);
  }
  return drafts.length || kept.length ? 1 : 0;
}
