// The quick-fix harness's share of `npm test` (docs/fixes.md): test/unit/fixes-harness.test.ts run on its own, in
// one process, timed cold (an empty compiler-output cache, as on a fresh CI machine) and warm (the cache filled),
// and the install size of what it needs: the EVM (@ethereumjs/vm with its dependencies) and the solc-js compilers.
// Used by bench.mjs (one section of `npm run bench`); also runs alone: node test/bench/fix-harness.mjs [--json f]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PRELOAD = join(ROOT, 'test', 'bench', 'cpu-report.cjs');
const HARNESS = join(ROOT, 'test', 'unit', 'fixes-harness.test.ts');
const COMPILERS = ['solc', 'solc-0.4', 'solc-0.5', 'solc-0.6', 'solc-0.7'];

/** Bytes under a folder (files only, symlinks not followed). */
function folderBytes(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) n += statSync(join(e.parentPath ?? e.path, e.name)).size;
  return n;
}

function packageDir(name, from) {
  const req = createRequire(join(from, 'package.json'));
  try {
    return dirname(req.resolve(`${name}/package.json`));
  } catch {
    // a package whose exports hide package.json: walk up from its entry point to the package.json naming it
    // (dist/cjs/package.json and the like only set the module type)
    let d = dirname(req.resolve(name));
    const names = (dir) => {
      try {
        return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;
      } catch {
        return undefined;
      }
    };
    while (names(d) !== name && dirname(d) !== d) d = dirname(d);
    return d;
  }
}

/** A package and its dependencies, transitively, as installed: folders and their total size. */
export function installSize(name) {
  const seen = new Map();
  const visit = (pkg, from) => {
    let dir;
    try {
      dir = packageDir(pkg, from);
    } catch {
      return; // an optional dependency that is not installed
    }
    if (seen.has(dir)) return;
    seen.set(dir, folderBytes(dir));
    const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(json.dependencies ?? {})) visit(dep, dir);
  };
  visit(name, ROOT);
  const version = JSON.parse(readFileSync(join(packageDir(name, ROOT), 'package.json'), 'utf8')).version;
  return { name, version, packages: seen.size, bytes: [...seen.values()].reduce((a, b) => a + b, 0) };
}

/** One run of the harness test file, in its own process: wall and CPU time, and whether it passed. */
function runHarness(tmp) {
  const report = join(tmp, `cpu-${process.hrtime.bigint()}.json`);
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--require', PRELOAD, '--import', 'tsx', HARNESS], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    // TMPDIR is where the harness keeps compiler outputs (os.tmpdir()): a fresh one is a cold cache.
    env: { ...process.env, HINDSIGHT_BENCH_REPORT: report, TMPDIR: tmp, NODE_TEST_CONTEXT: undefined },
  });
  const wallMs = performance.now() - started;
  const cpu = JSON.parse(readFileSync(report, 'utf8'));
  const pass = /^# pass (\d+)/m.exec(r.stdout)?.[1];
  const fail = /^# fail (\d+)/m.exec(r.stdout)?.[1];
  return { wallMs, cpuMs: cpu.cpuMs, maxRssMb: cpu.maxRssMb, passed: Number(pass ?? 0), failed: Number(fail ?? (r.status === 0 ? 0 : 1)) };
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The section of `npm run bench`: printed lines, and the figures for --json. */
export async function benchFixHarness({ log = () => {} } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'hindsight-bench-fixes-'));
  try {
    log('fix harness: cold compiler cache');
    const cold = runHarness(tmp);
    log('fix harness: warm compiler cache');
    const warm = runHarness(tmp);
    const evm = installSize('@ethereumjs/vm');
    const compilers = COMPILERS.map((c) => ({ ...installSize(c), alias: c }));
    const compilerBytes = compilers.reduce((n, c) => n + c.bytes, 0);
    const lines = [
      '',
      'Quick-fix harness (test/unit/fixes-harness.test.ts, its share of npm test; one process):',
      '| run | wall | CPU | peak RSS | tests |',
      '|---|---|---|---|---|',
      ...[
        ['cold compiler cache', cold],
        ['warm compiler cache', warm],
      ].map(([name, r]) => `| ${name} | ${s(r.wallMs)} | ${s(r.cpuMs)} | ${r.maxRssMb.toFixed(0)} MB | ${r.passed} passed, ${r.failed} failed |`),
      `EVM: @ethereumjs/vm ${evm.version}, installed ${mb(evm.bytes)} in ${evm.packages} packages (with its dependencies);`,
      `compilers: ${compilers.map((c) => `${c.alias} ${c.version}`).join(', ')}, installed ${mb(compilerBytes)}.`,
    ];
    return { lines, json: { cold, warm, evm, compilers } };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchFixHarness({ log: (m) => console.error(`# ${m}`) });
  console.log(r.lines.join('\n'));
  const i = process.argv.indexOf('--json');
  if (i > 0 && process.argv[i + 1]) writeFileSync(process.argv[i + 1], JSON.stringify(r.json, null, 2));
}
