// Full parse vs incremental update on the 10 largest OpenZeppelin files, typing inside a function.
// Run: node --import tsx test/bench/parse-incremental.ts   (prints a table; nothing is asserted)
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import fg from 'fast-glob';
import { parseSource, warmUpParser, type ParsedSource } from '../../server/src/engine/parse';
import { rawParse } from '../../server/src/engine/parse/piece';

const OZ = dirname(createRequire(__filename).resolve('@openzeppelin/contracts/package.json'));

if (process.argv[2] === '--first-parse') {
  // Child process: time of the very first parse, with or without warming up.
  const text = readFileSync(process.argv[3], 'utf8');
  if (process.argv[4] === 'warm') warmUpParser();
  const t = process.cpuUsage();
  rawParse(text);
  const d = process.cpuUsage(t);
  console.log((d.user + d.system) / 1000);
  process.exit(0);
}

let seed = 20261125;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
/**
 * CPU time of this thread in ms. The machines this runs on are shared and noisy: wall time of a 2-core box
 * running other jobs is several times the work done, CPU time is close to what a quiet machine would take.
 */
const time = (f: () => unknown) => {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};

/** Offsets right after an identifier inside a function body: where typing a letter keeps the file parsing. */
function typingPoints(p: ParsedSource): number[] {
  const out: number[] = [];
  const walk = (v: unknown, inBody: boolean): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, inBody));
    const n = v as { type?: string; range?: [number, number]; body?: unknown };
    if (n.type === 'InlineAssemblyStatement') return;
    const body = inBody || ((n.type === 'FunctionDefinition' || n.type === 'ModifierDefinition') && !!n.body);
    if (inBody && n.type === 'Identifier' && n.range) out.push(n.range[1] + 1);
    for (const [k, x] of Object.entries(n)) if (k !== 'loc' && k !== 'range') walk(x, k === 'body' ? body : inBody);
  };
  walk(p.ast, false);
  return out;
}

const files = fg
  .sync('**/*.sol', { cwd: OZ, absolute: true })
  .map((f) => ({ f, size: statSync(f).size }))
  .sort((a, b) => b.size - a.size)
  .slice(0, 10)
  .map((x) => x.f);

const firstCold = Number(execFileSync(process.execPath, ['--import', 'tsx', __filename, '--first-parse', files[0], 'cold']).toString());
const firstWarm = Number(execFileSync(process.execPath, ['--import', 'tsx', __filename, '--first-parse', files[0], 'warm']).toString());

warmUpParser();
const rows: string[][] = [];
const all = { full: [] as number[], inc: [] as number[], broken: [] as number[], stillBroken: [] as number[] };
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const full: number[] = [];
  for (let i = 0; i < 8; i++) full.push(time(() => rawParse(text)));
  const base = parseSource(text);
  const points = typingPoints(base);
  const inc: number[] = [];
  const broken: number[] = [];
  const stillBroken: number[] = [];
  for (let i = 0; i < 40; i++) {
    const at = points[Math.floor(rnd() * points.length)];
    // Typing a letter at the end of an identifier: the file still parses.
    const typed = text.slice(0, at) + 'x' + text.slice(at);
    inc.push(time(() => parseSource(typed, base)));
    // Typing `(` there: the function stops parsing (recovery reuses every other piece)...
    const open = text.slice(0, at) + '(' + text.slice(at);
    let prev: ParsedSource = base;
    broken.push(time(() => (prev = parseSource(open, base))));
    // ...and the next keystroke while it is still broken.
    const more = text.slice(0, at) + '(x' + text.slice(at);
    stillBroken.push(time(() => parseSource(more, prev)));
  }
  all.full.push(...full);
  all.inc.push(...inc);
  all.broken.push(...broken);
  all.stillBroken.push(...stillBroken);
  const f = (xs: number[]) => `${pct(xs, 50).toFixed(1)} / ${pct(xs, 95).toFixed(1)}`;
  rows.push([relative(OZ, file), String(text.split('\n').length), f(full), f(inc), f(broken), f(stillBroken), (pct(full, 50) / pct(inc, 50)).toFixed(0) + '×']);
}
console.log('CPU ms of the parsing thread; p50 / p95\n');
const header = ['file', 'lines', 'full parse p50/p95 ms', 'edit in body p50/p95', 'edit breaks fn', 'next key, still broken', 'speed-up p50'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
console.log(line(header));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const r of rows) console.log(line(r));
const g = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms`;
console.log(
  `\nall 10 files: full parse ${g(all.full)}; edit in a body ${g(all.inc)}; edit that breaks the function ${g(all.broken)}; keystroke while broken ${g(all.stillBroken)}`,
);
console.log(`first parse of ${relative(OZ, files[0])} in a fresh process: ${firstCold.toFixed(0)} ms cold, ${firstWarm.toFixed(0)} ms after warmUpParser()`);
