// Precision with the CLI's default options on audited npm packages as they are shipped, tests and mocks included in
// the tree: `hindsight scan .` run in each package folder by the built CLI (dist/cli.js, `npm run build`), exactly
// as a user would run it, next to the same scan with --include-tests (what the defaults leave out). Rewrites the
// `defaults` section of docs/precision.md; report.ts keeps it when it regenerates the rest.
//
//   npm run build && node --import tsx test/precision/defaults.ts
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { collectFiles } from '../../server/src/project/files';
import { countCodeLines, packageDir, ROOT } from './libraries';

const PACKAGES = ['solmate', '@aave/core-v3', '@openzeppelin/contracts', '@uniswap/v3-core'];
const CLI = join(ROOT, 'dist', 'cli.js');
const DOC = join(ROOT, 'docs', 'precision.md');
const BAR = 0.5;

interface Run {
  files: number;
  codeLines: number;
  bySeverity: Record<string, number>;
  mediumPlus: Array<{ file: string; line: number; id: string; severity: string; fingerprint: string }>;
  leftOut: string;
}

function scan(dir: string, extra: string[], tmp: string): Run {
  const out = join(tmp, `${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json', '--no-cache', '--no-color', '-o', out, ...extra], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`hindsight scan in ${dir} exited ${r.status}:\n${r.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    summary: { filesScanned: number; bySeverity: Record<string, number> };
    findings: Array<{ file: string; range: { start: { line: number } }; id: string; severity: string; fingerprint: string }>;
  };
  const files = collectFiles(['.'], { cwd: dir, tests: extra.includes('--include-tests') }).files;
  if (files.length !== report.summary.filesScanned)
    throw new Error(`${dir}: the CLI scanned ${report.summary.filesScanned} files, collectFiles finds ${files.length}`);
  const codeLines = files.reduce((n, f) => n + countCodeLines(readFileSync(f, 'utf8')), 0);
  const mediumPlus = report.findings
    .filter((f) => ['critical', 'high', 'medium'].includes(f.severity))
    .map((f) => ({ file: f.file, line: f.range.start.line, id: f.id, severity: f.severity, fingerprint: f.fingerprint }));
  const leftOut = (r.stderr.split('\n').find((l) => l.startsWith('hindsight: left out')) ?? '').replace(/^hindsight: /, '');
  return { files: files.length, codeLines, bySeverity: report.summary.bySeverity, mediumPlus, leftOut };
}

function perK(n: number, lines: number): string {
  return lines ? ((n / lines) * 1000).toFixed(2) : '0.00';
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** Verdicts recorded in reviews.yaml (by reading the code), by occurrence fingerprint. */
function verdicts(): Map<string, { verdict: string; reason: string }> {
  const data = parse(readFileSync(join(ROOT, 'test', 'precision', 'reviews.yaml'), 'utf8')) as Record<string, { verdict: string; reason: string }>;
  return new Map(Object.entries(data ?? {}));
}

function main(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const reviewed = verdicts();
  const tmp = mkdtempSync(join(tmpdir(), 'hindsight-defaults-'));
  const rows: string[] = [];
  const details: string[] = [];
  let totalLines = 0;
  let totalMedium = 0;
  let totalHigh = 0;
  try {
    for (const name of PACKAGES) {
      const dir = packageDir(name);
      const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
      const def = scan(dir, [], tmp);
      const all = scan(dir, ['--include-tests'], tmp);
      const high = def.bySeverity.critical + def.bySeverity.high;
      const highAll = all.bySeverity.critical + all.bySeverity.high;
      totalLines += def.codeLines;
      totalMedium += def.mediumPlus.length;
      totalHigh += high;
      const under = high === 0 && (def.mediumPlus.length / def.codeLines) * 1000 <= BAR;
      // Over the bar only by occurrences someone read and recorded as real bugs is not noise, but it is said.
      const allTrue = high === 0 && def.mediumPlus.every((m) => reviewed.get(m.fingerprint)?.verdict === 'true positive');
      const bar = under ? 'met' : allTrue ? `over by ${def.mediumPlus.length} reviewed true positive${def.mediumPlus.length === 1 ? '' : 's'}` : '**not met**';
      rows.push(
        `| ${name} | ${version} | ${def.files} | ${fmt(def.codeLines)} | ${high} | ${def.bySeverity.medium} | ${perK(def.mediumPlus.length, def.codeLines)} | ${bar} | ${all.files} | ${highAll} | ${all.mediumPlus.length} |`,
      );
      details.push(`- **${name}**: ${def.leftOut || 'nothing left out'}.`);
      for (const m of def.mediumPlus) {
        const v = reviewed.get(m.fingerprint);
        details.push(`  - ${m.severity} ${m.id} at \`${m.file}:${m.line}\`: ${v ? `${v.verdict} (see Medium and above, reviewed)` : '**not reviewed**'}`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const section = [
    '<!-- defaults:begin. Written by `node --import tsx test/precision/defaults.ts` (after `npm run build`); report.ts keeps it. -->',
    '## With the default options, on the packages as shipped',
    '',
    "The tables above scan each library's own sources. This one runs the CLI as a user would, with no option at all,",
    '`hindsight scan .` in each package folder of `node_modules` with its tests, mocks and scripts still in the tree,',
    'so it measures the defaults too: product sources only, tests, scripts, mocks and dependencies left out (docs/cli.md,',
    `*Which files*). The bar: no critical or high finding, and at most ${BAR} medium-or-above findings per 1,000 code lines.`,
    'The last three columns are the same scan with `--include-tests`, for what the defaults leave out.',
    '',
    '| Package | Version | Files | Code lines | Critical + high | Medium | Medium+ per 1,000 code lines | Bar | Files with tests | Critical + high with tests | Medium+ with tests |',
    '|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|',
    ...rows,
    `| **All** | | | ${fmt(totalLines)} | ${totalHigh} | | ${perK(totalMedium, totalLines)} | ${totalHigh === 0 && (totalMedium / totalLines) * 1000 <= BAR ? 'met' : '**not met**'} | | | |`,
    '',
    'What each default scan left out (the line the CLI prints on standard error), and its medium-or-above findings:',
    '',
    ...details,
    '',
    'To reproduce:',
    '',
    '```sh',
    'npm install && npm run build',
    'node --import tsx test/precision/defaults.ts         # rewrites this section',
    'cd node_modules/solmate && node ../../dist/cli.js scan .   # one package by hand',
    '```',
    '<!-- defaults:end -->',
  ].join('\n');
  const doc = readFileSync(DOC, 'utf8');
  const existing = /<!-- defaults:begin[\s\S]*?<!-- defaults:end -->/;
  writeFileSync(DOC, existing.test(doc) ? doc.replace(existing, section) : `${doc.trimEnd()}\n\n${section}\n`);
  process.stdout.write(`${section}\n`);
}

main();
