// Cost of the semantic model on one compilation unit (OpenZeppelin's Governor.sol and its imports by default):
// cold (every file parsed, every file's names resolved), and after a one-character edit inside one function of
// the main file (that file re-parsed incrementally and re-resolved; the imported files' work is kept).
// Run: node --import tsx test/bench/semantics.mjs [path/to/File.sol] [--rounds=N]   (prints a table; nothing is asserted)
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SemanticProject } from '../../server/src/engine/semantics/index.ts';
import { parseSource, warmUpParser } from '../../server/src/engine/parse/index.ts';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? 15);
const main = resolve(args.find((a) => !a.startsWith('--')) ?? require.resolve('@openzeppelin/contracts/governance/Governor.sol'));

/** CPU ms of this thread: the machines this runs on are shared, wall time is noisy. */
const time = (f) => {
  const t = process.cpuUsage();
  const r = f();
  const d = process.cpuUsage(t);
  return [(d.user + d.system) / 1000, r];
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const fmt = (x) => x.toFixed(1);

const texts = new Map();
const host = {
  readFile(p) {
    if (!texts.has(p)) texts.set(p, existsSync(p) ? readFileSync(p, 'utf8') : undefined);
    return texts.get(p);
  },
  exists: (p) => texts.get(p) !== undefined || existsSync(p),
};
/** Files come from memory after the first read: the disk is not what is measured. */
const newProject = () => new SemanticProject({ host, root: ROOT });
const resolveAll = (project) => {
  let refs = 0;
  const model = project.model(main);
  for (const f of project.unitFiles(main)) refs += model.references(f).length;
  return refs;
};

warmUpParser();
// Warm the model's own code too, as a running server would be.
resolveAll(newProject());

const files = newProject().unitFiles(main);
const cold = [];
const coldModel = [];
let refs = 0;
for (let i = 0; i < rounds; i++) {
  const p = newProject();
  const [all, n] = time(() => resolveAll(p));
  cold.push(all);
  refs = n;
  // The same, with every file already parsed: the model's own share.
  const q = newProject();
  for (const f of files) q.parsed(f);
  coldModel.push(time(() => resolveAll(q))[0]);
}

// A one-character edit inside the longest function body of the main file, alternating insert and delete.
const text = host.readFile(main);
const ast = parseSource(text).ast;
const bodies = ast.children
  .filter((c) => c.type === 'ContractDefinition')
  .flatMap((c) => c.subNodes)
  .filter((n) => n.type === 'FunctionDefinition' && n.body?.range)
  .sort((a, b) => b.body.range[1] - b.body.range[0] - (a.body.range[1] - a.body.range[0]));
const body = bodies[0].body.range;
const at = text.indexOf('\n', body[0]) + 1;
const edited = text.slice(0, at) + ' ' + text.slice(at);

const project = newProject();
resolveAll(project);
const perEdit = [];
const perEditModel = [];
let current = text;
for (let i = 0; i < rounds * 4; i++) {
  current = current === text ? edited : text;
  const next = current;
  const [parseMs, parsed] = time(() => parseSource(next, project.parsed(main)));
  const [modelMs] = time(() => {
    project.update(main, parsed);
    return project.resolution(main);
  });
  perEdit.push(parseMs + modelMs);
  perEditModel.push(modelMs);
}
const unchanged = files.filter((f) => f !== main && project.resolved(f)).length;

console.log(`unit: ${main.replace(ROOT + '/', '')}: ${files.length} files, ${refs} resolved names; ${rounds} rounds, CPU ms`);
console.log('| measure | median | p95 | first |');
console.log('|---|---:|---:|---:|');
console.log(`| cold: parse + resolve every file | ${fmt(median(cold))} | ${fmt(p95(cold))} | ${fmt(cold[0])} |`);
console.log(`| cold: resolve every file (already parsed) | ${fmt(median(coldModel))} | ${fmt(p95(coldModel))} | ${fmt(coldModel[0])} |`);
console.log(
  `| one-character edit in ${bodies[0].name}(): re-parse + re-resolve the file | ${fmt(median(perEdit))} | ${fmt(p95(perEdit))} | ${fmt(perEdit[0])} |`,
);
console.log(`| one-character edit: re-resolve the file only | ${fmt(median(perEditModel))} | ${fmt(p95(perEditModel))} | ${fmt(perEditModel[0])} |`);
console.log(`after the edits, ${unchanged} of ${files.length - 1} imported files kept their resolution`);
