// Cost of function summaries (effects.ts, summaries.ts) and of guards and locks on top of them, for every contract
// of the 10 largest OpenZeppelin files; then the incremental path the editor takes on each keystroke: one
// function's body changes, the project updates the file's model (the edited body walked again, the rest carried
// over: incremental.ts), the summaries refresh (the edited function and its callers only). Each function of each
// file is edited in turn (a statement added, then removed); "resolve" is update() + resolution(), parse excluded.
// Run: node --import tsx test/bench/semantics-summaries.mjs   (prints a table of CPU ms; nothing is asserted)
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import fg from 'fast-glob';
import { parseSource } from '../../server/src/engine/parse/index.ts';
import { SemanticProject } from '../../server/src/engine/semantics/project.ts';
import { ContractSummaries } from '../../server/src/engine/semantics/summaries.ts';
import { Guards } from '../../server/src/engine/semantics/guards.ts';
import { Locks } from '../../server/src/engine/semantics/locks.ts';

const require = createRequire(import.meta.url);
const OZ = dirname(require.resolve('@openzeppelin/contracts/package.json'));
const NODE_MODULES = dirname(dirname(OZ));
const ROUNDS = 3;

const files = fg
  .sync('**/*.sol', { cwd: OZ, absolute: true })
  .map((f) => ({ f, size: statSync(f).size }))
  .sort((a, b) => b.size - a.size)
  .slice(0, 10)
  .map((x) => x.f);

const pct = (xs, p) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : 0);
/** CPU ms of this process since `t` (a `now()`): the machines this runs on are shared, wall time is noisy. */
const now = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const ms = (t) => now() - t;
const fmt = (x) => x.toFixed(2).padStart(8);

function newProject(overrides) {
  return new SemanticProject({
    host: { readFile: (f) => overrides.get(f) ?? (existsSync(f) ? readFileSync(f, 'utf8') : undefined) },
    root: NODE_MODULES,
    remappings: [`@openzeppelin/contracts/=${OZ}/`],
  });
}

/** Builds every contract's summaries, guards and locks from scratch; the best of ROUNDS (the JIT warms on round 1). */
function cold(file) {
  let best = { resolve: Infinity, summaries: Infinity, guards: Infinity, contracts: 0, functions: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const project = newProject(new Map());
    let t = now();
    for (const f of project.unitFiles(file)) project.resolution(f);
    const resolve = ms(t);
    const contracts = project.symbols(file)?.contracts ?? [];
    t = now();
    const all = contracts.map((c) => {
      const s = new ContractSummaries(project, c);
      const fns = s.functions().filter((f) => f.body);
      for (const f of fns) s.summaryOf(f);
      return { s, fns };
    });
    const summaries = ms(t);
    t = now();
    for (const { s, fns } of all) {
      const g = new Guards(s);
      const l = new Locks(s);
      for (const f of fns) {
        g.report(f);
        l.lockOf(f);
      }
    }
    const guards = ms(t);
    const functions = all.reduce((n, x) => n + x.fns.length, 0);
    // Each phase's best round: the machines this runs on are shared, and a collection can land in any phase.
    best = {
      resolve: Math.min(best.resolve, resolve),
      summaries: Math.min(best.summaries, summaries),
      guards: Math.min(best.guards, guards),
      contracts: contracts.length,
      functions,
    };
  }
  return best;
}

/** Edits each function's body in turn (a statement added, then removed) and times the refresh after each edit. */
function incremental(file) {
  const overrides = new Map();
  const project = newProject(overrides);
  const text = readFileSync(file, 'utf8');
  const contracts = project.symbols(file)?.contracts ?? [];
  const summaries = contracts.map((c) => new ContractSummaries(project, c));
  for (const s of summaries) for (const f of s.functions()) if (f.body) s.summaryOf(f);
  const targets = [];
  for (const c of contracts) for (const f of c.functions) if (f.body?.range && f.file === file) targets.push(f.body.range[0]);
  const resolve = [];
  const refresh = [];
  const local = [];
  const transitive = [];
  for (const at of targets) {
    const variants = [`${text.slice(0, at + 1)} uint256 __edit = 1; ${text.slice(at + 1)}`, text];
    // The same edit and its undo, ROUNDS times; each keeps its lowest time (a shared machine's neighbours and
    // garbage collections land on some rounds, the code's own cost on all of them).
    const best = variants.map(() => ({ resolve: Infinity, refresh: Infinity, local: 0, transitive: 0 }));
    for (let round = 0; round < ROUNDS; round++) {
      variants.forEach((edited, i) => {
        overrides.set(file, edited);
        // The parse is the parser's cost (docs/performance.md, "Incremental parsing"); the model's starts at update().
        const parsed = parseSource(edited, project.parsed(file));
        let t = now();
        project.update(file, parsed);
        project.resolution(file);
        const r = ms(t);
        t = now();
        let l = 0;
        let tr = 0;
        for (const s of summaries) {
          const stats = s.refresh();
          l += stats.local;
          tr += stats.transitive;
        }
        const b = best[i];
        b.resolve = Math.min(b.resolve, r);
        b.refresh = Math.min(b.refresh, ms(t));
        b.local = l;
        b.transitive = tr;
      });
    }
    for (const b of best) {
      resolve.push(b.resolve);
      refresh.push(b.refresh);
      local.push(b.local);
      transitive.push(b.transitive);
    }
  }
  return { edits: refresh.length, resolve, refresh, local, transitive };
}

const rows = [];
for (const file of files) {
  const c = cold(file);
  const inc = incremental(file);
  rows.push({ file: relative(OZ, file), ...c, inc });
}

console.log(`Function summaries on the 10 largest OpenZeppelin files (${relative(process.cwd(), OZ)}), ms`);
console.log(
  'file                                        contracts functions  resolve summaries guards+locks | edits  resolve p50/p95   refresh p50/p95  local/transitive mean',
);
for (const r of rows) {
  const mean = (xs) => (xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)).toFixed(1);
  console.log(
    `${r.file.padEnd(44)}${String(r.contracts).padStart(9)}${String(r.functions).padStart(10)}${fmt(r.resolve)}${fmt(r.summaries)}${fmt(r.guards)}    |${String(r.inc.edits).padStart(6)}${fmt(pct(r.inc.resolve, 50))}${fmt(pct(r.inc.resolve, 95))}  ${fmt(pct(r.inc.refresh, 50))}${fmt(pct(r.inc.refresh, 95))}   ${mean(r.inc.local)}/${mean(r.inc.transitive)}`,
  );
}
const allRefresh = rows.flatMap((r) => r.inc.refresh);
const allResolve = rows.flatMap((r) => r.inc.resolve);
const both = rows.flatMap((r) => r.inc.refresh.map((x, i) => x + r.inc.resolve[i]));
console.log(
  `all edits: ${allRefresh.length}; refresh p50 ${pct(allRefresh, 50).toFixed(2)} p95 ${pct(allRefresh, 95).toFixed(2)} max ${Math.max(...allRefresh).toFixed(2)}; ` +
    `re-resolve p50 ${pct(allResolve, 50).toFixed(2)} p95 ${pct(allResolve, 95).toFixed(2)} max ${Math.max(...allResolve).toFixed(2)}; both p95 ${pct(both, 95).toFixed(2)}`,
);
