// `hindsight pack test | validate | new | docs`: tools for pack authors. A built-in pack may be named instead of
// a path (`hindsight pack docs hindsight-core`).
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPack } from '../packs/load';
import { runPackTests } from '../packs/pack-test';
import { packDocsCommand, packNewCommand } from '../packs/pack-tools';
import { toPosix } from '../project/files';
import { displayPath, makeStyle } from '../report/text';
import { helpPage, wantsHelp } from './help';
import { formatProblem, UsageError, type Io } from './io';
import { packPath } from './packs';

const NOT_FOUND = /^(Pack not found|No pack file|Cannot read pack)/;

export function packCommand(args: string[], io: Io): number {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(`${helpPage('pack')}\n`);
    return sub === undefined ? 2 : 0;
  }
  if (['test', 'validate', 'new', 'docs'].includes(sub) && wantsHelp(rest)) {
    io.out(`${helpPage('pack', sub)}\n`);
    return 0;
  }
  if (sub === 'test') return packTestCommand(rest, io);
  if (sub === 'validate') return packValidateCommand(rest, io);
  if (sub === 'new') return packNewCommand(rest, io);
  // A built-in pack's name stands for its folder, as in test and validate.
  if (sub === 'docs')
    return packDocsCommand(
      rest.map((a, i) => (a.startsWith('-') || rest[i - 1] === '-o' || rest[i - 1] === '--output' ? a : packPath(a, io.cwd))),
      io,
    );
  throw new UsageError(`unknown pack command "${sub}" (expected test, validate, new or docs)`);
}

function packTestCommand(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    options: { 'no-color': { type: 'boolean' }, only: { type: 'string', multiple: true } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new UsageError('pack test needs at least one pack folder (or the name of a built-in pack)');
  const only = values.only?.length ? new Set(values.only) : undefined;
  const style = makeStyle(io.colourOut && !values['no-color']);
  let failed = 0;
  let passed = 0;
  let inputError = false;
  for (const dir of positionals) {
    const pack = loadPack(packPath(dir, io.cwd));
    const report = runPackTests(
      only
        ? { ...pack, findings: pack.findings.filter((f) => only.has(f.id)), problems: pack.problems.filter((p) => !p.findingId || only.has(p.findingId)) }
        : pack,
    );
    const notFound = pack.problems.some((p) => NOT_FOUND.test(p.message));
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
    // Drafts are not run, so they neither pass nor fail; listing them keeps them from being forgotten.
    for (const d of pack.drafts ?? []) if (!only || only.has(d.id)) io.out(`  ${style.dim('DRAFT')} ${d.id}  ${style.dim(d.reason)}\n`);
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
  if (positionals.length === 0) throw new UsageError('pack validate needs at least one pack folder or file (or the name of a built-in pack)');
  const style = makeStyle(io.colourOut && !values['no-color']);
  let errors = 0;
  let inputError = false;
  for (const p of positionals) {
    const pack = loadPack(packPath(p, io.cwd));
    if (pack.problems.some((x) => NOT_FOUND.test(x.message))) inputError = true;
    for (const prob of pack.problems) io.out(`${formatProblem(prob, io.cwd, style)}\n`);
    const e = pack.problems.filter((x) => x.severity === 'error').length;
    const w = pack.problems.length - e;
    errors += e;
    const status = e ? style.severity('error', `${e} error${e === 1 ? '' : 's'}`) : style.severity('low', 'valid');
    io.out(
      `${style.bold(`${pack.info.name} ${pack.info.version}`)}: ${status}${w ? `, ${w} warning${w === 1 ? '' : 's'}` : ''}; ${pack.findings.length} finding${pack.findings.length === 1 ? '' : 's'} loaded\n`,
    );
  }
  if (inputError) return 2;
  return errors ? 1 : 0;
}
