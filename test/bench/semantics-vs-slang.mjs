// Accuracy and cost of the semantic model's name resolution against @nomicfoundation/slang's binding graph, the
// oracle, on one compilation unit (OpenZeppelin's Governor.sol and its imports by default).
// Run: node --import tsx test/bench/semantics-vs-slang.mjs [path/to/File.sol] [--version=0.8.28] [--verbose]
// For every identifier slang binds to a definition in a file of the unit, the model's declaration at the same
// place is compared with slang's definitions (file + UTF-16 offset of the name). Nothing is asserted.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompilationBuilder } from '@nomicfoundation/slang/compilation';
import { TerminalKindExtensions } from '@nomicfoundation/slang/cst';
import { SemanticProject } from '../../server/src/engine/semantics/index.ts';
import { warmUpParser } from '../../server/src/engine/parse/index.ts';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE_MODULES = join(ROOT, 'node_modules');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const languageVersion = args.find((a) => a.startsWith('--version='))?.slice('--version='.length) ?? '0.8.28';
const main = resolve(args.find((a) => !a.startsWith('--')) ?? require.resolve('@openzeppelin/contracts/governance/Governor.sol'));

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function slangUnit(overlay = new Map()) {
  const builder = CompilationBuilder.create({
    languageVersion,
    readFile: async (id) => overlay.get(id) ?? (existsSync(id) ? readFileSync(id, 'utf8') : undefined),
    resolveImport: async (source, cursor) => {
      const p = cursor.node.unparse().trim().slice(1, -1);
      return p.startsWith('.') ? resolve(dirname(source), p) : join(NODE_MODULES, p);
    },
  });
  await builder.addFile(main);
  return builder.build();
}

/** slang: every identifier with a reference → its definitions, by `file:offset` (only `onlyFile`'s when given). */
function slangReferences(unit, onlyFile) {
  const refs = new Map();
  for (const file of unit.files()) {
    if (onlyFile && file.id !== onlyFile) continue;
    const c = file.createTreeCursor();
    while (c.goToNextTerminal()) {
      if (!TerminalKindExtensions.isIdentifier(c.node.kind)) continue;
      const ref = unit.bindingGraph.referenceAt(c);
      if (!ref) continue;
      const defs = ref.definitions().map((d) => {
        const loc = d.nameLocation;
        return loc.isUserFileLocation() ? `${loc.fileId}:${loc.cursor.textOffset.utf16}` : 'builtin';
      });
      refs.set(`${file.id}:${c.textOffset.utf16}`, { name: c.node.unparse(), defs });
    }
  }
  return refs;
}

function ourReferences(project) {
  const model = project.model(main);
  const refs = new Map();
  for (const file of project.unitFiles(main)) {
    for (const r of model.references(file)) {
      const d = r.declaration;
      const off = d.kind === 'builtin' ? undefined : model.nameOffset(d);
      refs.set(`${file}:${r.offset}`, { name: r.name, def: d.kind === 'builtin' ? 'builtin' : `${d.file}:${off}`, kind: d.kind });
    }
  }
  return refs;
}

function fsHost() {
  return { readFile: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined), exists: (p) => existsSync(p) };
}

async function run() {
  warmUpParser();
  // slang, cold: building the unit (parsing every file), then the binding graph's first answers.
  let t = cpu();
  const unit = await slangUnit();
  const slangBuild = cpu() - t;
  t = cpu();
  const theirs = slangReferences(unit);
  const slangBind = cpu() - t;

  t = cpu();
  const project = new SemanticProject({ host: fsHost(), root: ROOT });
  const ours = ourReferences(project);
  const oursCold = cpu() - t;

  let agree = 0;
  let disagree = 0;
  let missing = 0;
  let builtinBoth = 0;
  let slangBuiltin = 0;
  const samples = { disagree: [], missing: [] };
  for (const [at, ref] of theirs) {
    const user = ref.defs.filter((d) => d !== 'builtin');
    const mine = ours.get(at);
    if (!user.length) {
      if (mine?.def === 'builtin' || !mine) builtinBoth++;
      else slangBuiltin++;
      continue;
    }
    if (!mine) {
      missing++;
      if (samples.missing.length < 400) samples.missing.push(`${at} ${ref.name}`);
    } else if (user.includes(mine.def)) agree++;
    else {
      disagree++;
      if (samples.disagree.length < 400) samples.disagree.push(`${at} ${ref.name}: ours ${mine.kind} ${mine.def}, slang ${user.join(' | ')}`);
    }
  }
  if (verbose) console.log('ours', ours.size, 'theirs', theirs.size);
  const extra = [...ours.keys()].filter((k) => !theirs.has(k) && ours.get(k).def !== 'builtin').length;
  const userRefs = agree + disagree + missing;
  const pct = (n) => ((100 * n) / userRefs).toFixed(1);
  console.log(`unit: ${main.replace(ROOT + '/', '')} (${unit.files().length} files; model: ${project.unitFiles(main).length})`);
  console.log(`slang references bound to a declaration in the unit: ${userRefs} (plus ${builtinBoth + slangBuiltin} to builtins)`);
  console.log(`  same declaration: ${agree} (${pct(agree)}%)`);
  console.log(`  different declaration: ${disagree} (${pct(disagree)}%)`);
  console.log(`  not resolved by the model: ${missing} (${pct(missing)}%)`);
  console.log(`  slang builtin, model a declaration: ${slangBuiltin}; model references slang does not have: ${extra}`);
  console.log(
    `cost (CPU ms, cold, parser warmed): slang build ${slangBuild.toFixed(0)} + binding ${slangBind.toFixed(0)}; model (parse + resolve every file) ${oursCold.toFixed(0)}`,
  );

  // A one-character edit in the main file. slang has no way to replace one file of a unit: the unit is built
  // again. The model re-parses the file incrementally and re-resolves it alone.
  const text = readFileSync(main, 'utf8');
  const at = text.lastIndexOf('}', text.lastIndexOf('}') - 1);
  const edited = text.slice(0, at) + ' ' + text.slice(at);
  t = cpu();
  const again = await slangUnit(new Map([[main, edited]]));
  slangReferences(again, main);
  const slangEdit = cpu() - t;
  t = cpu();
  project.update(main, edited);
  project.model(main).references(main);
  const oursEdit = cpu() - t;
  console.log(
    `cost of a one-character edit in the main file (CPU ms): slang rebuild + bind the file ${slangEdit.toFixed(0)}; model re-parse + re-resolve the file ${oursEdit.toFixed(1)}`,
  );
  if (verbose) {
    console.log('\n-- different --\n' + samples.disagree.join('\n'));
    console.log('\n-- missing --\n' + samples.missing.join('\n'));
  }
}

await run();
