// The server's per-keystroke path in one process, for profiling (node --cpu-prof): each of the 10 largest
// OpenZeppelin files opened in a folder project (its imports read from disk), then typed into as the benchmark
// types, one character per analysis: incremental parse, unit-by-unit match with the semantic model.
// Run: node --max-semi-space-size=8 --interrupt-budget=800000 --import tsx test/bench/edit-profile.ts [--edits N] [--trace] [File.sol ...]
// (prints CPU ms; nothing is asserted). The V8 flags are the language server's (server/src/shared/server-exec-argv.json):
// without them V8 tiers up earlier and the same keystrokes cost up to twice the CPU (docs/performance.md).
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import fg from 'fast-glob';
import { UnitMemory } from '../../server/src/engine/scan-units';
import { SemanticProject } from '../../server/src/engine/semantics/project';
import { normalizePath } from '../../server/src/engine/semantics/imports';
import { warmUpParser } from '../../server/src/engine/parse';
import { loadBuiltinPacks } from '../../server/src/packs/load';
import { analyzeParsed, parseText } from '../../server/src/project/analysis';

const require_ = createRequire(__filename);
const OZ = dirname(require_.resolve('@openzeppelin/contracts/package.json'));
const NODE_MODULES = dirname(dirname(OZ));
const args = process.argv.slice(2);
const SERVER_FLAGS: string[] = JSON.parse(readFileSync(require_.resolve('../../server/src/shared/server-exec-argv.json'), 'utf8'));
const missing = SERVER_FLAGS.filter((f) => !f.startsWith('--max-old-space-size') && !process.execArgv.includes(f));
if (missing.length) console.log(`note: not run with the language server's V8 flags (${missing.join(' ')}): the figures are not the server's`);
const editsAt = args.indexOf('--edits');
const EDITS = editsAt >= 0 ? Number(args[editsAt + 1]) : 40;
const named = args.filter((a, i) => a.endsWith('.sol') && args[i - 1] !== '--edits');
const files = fg
  .sync('**/*.sol', { cwd: OZ, absolute: true })
  .map((f) => ({ f, size: statSync(f).size }))
  .sort((a, b) => b.size - a.size)
  .slice(0, 10)
  .map((x) => x.f);
const findings = loadBuiltinPacks().flatMap((p) => p.findings);
// As the server does at start-up (lsp/lifecycle.ts): the parser's recovery paths are warm before the first keystroke.
warmUpParser();
const now = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

// The benchmark's seeded spot (bench.mjs draws the same, on the same 10 files): right after the `{` of a random function body.
let seed = 20261125;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
function spotOf(text: string): number | undefined {
  const spots: number[] = [];
  const re = /\bfunction\s+\w+\s*\([^)]*\)[^{;]*\{\s*\n/g;
  for (let m; (m = re.exec(text)); ) spots.push(m.index + m[0].length);
  if (!spots.length) return undefined;
  const offset = spots[Math.floor(rnd() * spots.length)];
  return offset + /^[ \t]*/.exec(text.slice(offset))![0].length;
}

const TYPED = 'uint256 hindsightBench = a + 1; ';
const project = new SemanticProject({
  host: {
    readFile: (f) => (statSync(f, { throwIfNoEntry: false })?.isFile() ? readFileSync(f, 'utf8') : undefined),
    exists: (f) => !!statSync(f, { throwIfNoEntry: false })?.isFile(),
  },
  root: NODE_MODULES,
  remappings: [],
});
/** One keystroke's work, a named frame to select in a CPU profile. */
function keystroke(
  text: string,
  before: ReturnType<typeof parseText>,
  previous: ReturnType<typeof analyzeParsed>['occurrences'],
  memory: UnitMemory,
  semantic: (p: ReturnType<typeof parseText>) => () => { project: SemanticProject; path: string },
) {
  const t0 = now();
  const parsed = parseText(text, before);
  split.parse = now() - t0;
  return { parsed, analysis: analyzeParsed(parsed, findings, previous, memory, semantic(parsed)) };
}
/** Where the last keystroke's CPU went (--trace): the parse and the model's update, the rest is matching. */
const split = { parse: 0, model: 0 };
const all: number[] = [];
// Every file's spot is drawn, named or not, so a file is typed at the same spot whichever files are named.
const spots = files.map((f) => spotOf(readFileSync(f, 'utf8')));
for (const [i, file] of files.entries()) {
  if (named.length && !named.some((n) => file.endsWith(n))) continue;
  let text = readFileSync(file, 'utf8');
  let at = spots[i];
  if (at === undefined) continue;
  const path = normalizePath(file);
  const memory = new UnitMemory();
  const semantic = (p: ReturnType<typeof parseText>) => () => {
    const t0 = now();
    project.update(path, p);
    split.model = now() - t0;
    return { project, path };
  };
  let parsed = parseText(text);
  let t = now();
  let analysis = analyzeParsed(parsed, findings, undefined, memory, semantic(parsed));
  const open = now() - t;
  const lat: number[] = [];
  for (let k = 0; k < EDITS; k++) {
    text = text.slice(0, at) + TYPED[k % TYPED.length] + text.slice(at);
    at++;
    t = now();
    split.model = 0;
    ({ parsed, analysis } = keystroke(text, parsed, analysis.occurrences, memory, semantic));
    lat.push(now() - t);
    if (args.includes('--trace')) {
      // Not lastChange() while an edit waits: that would carry it over, which the keystroke did not.
      const change = `${project.pendingEdit(path) ? 'pending' : project.lastChange(path)?.kind}${memory.last.kept ? ` (scan kept: ${memory.last.kept})` : ''}`;
      console.log(
        `  ${k} ${JSON.stringify(TYPED[k % TYPED.length])} ${lat[k].toFixed(1)} ms (parse ${split.parse.toFixed(1)}, model ${split.model.toFixed(1)}), model: ${change}, units matched: ${memory.last.matched}, semantic: ${memory.last.semantic.matched}/${memory.last.semantic.matched + memory.last.semantic.reused}`,
      );
    }
  }
  all.push(...lat);
  console.log(
    `${relative(OZ, file).padEnd(48)} open ${open.toFixed(0).padStart(5)} ms  edit p50 ${pct(lat, 50).toFixed(1).padStart(6)}  p95 ${pct(lat, 95).toFixed(1).padStart(6)}  max ${Math.max(
      ...lat,
    )
      .toFixed(1)
      .padStart(6)}  (${analysis.occurrences.length} occ)`,
  );
}
console.log(`all: p50 ${pct(all, 50).toFixed(1)} p95 ${pct(all, 95).toFixed(1)}`);
