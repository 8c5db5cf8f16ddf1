// How long an open document's first model blocks the server's event loop, and how much of it is reading files:
// the import graphs are read synchronously (lsp/semantic-projects.ts reads with readFileSync and statSync). For the
// files of a folder with the most imports, transitively: (1) the first semantic-tokens answer on a cold project
// (model and classification in one turn, reading what resolution needs), (2) the analysis' import reading
// (open-documents.ts readImports: one file per event-loop turn), its longest turn and its sum. Both split into
// reading (readFileSync, statSync) and the rest (parsing, binding).
// Run: node --import tsx test/bench/open-imports.ts <folder> [units]   (prints ms; nothing is asserted)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSource, warmUpParser } from '../../server/src/engine/parse';
import { normalizePath, SemanticProject } from '../../server/src/engine/semantics';
import { classify } from '../../server/src/lsp/semantic-classify';
import { readImportSettings } from '../../server/src/project/remappings';

const root = normalizePath(process.argv[2] ?? 'node_modules/@openzeppelin/contracts');
const units = Number(process.argv[3] ?? 3);
const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.sol')).map((f) => normalizePath(join(root, f)));
const remappings = (() => {
  try {
    return readImportSettings(root).remappings;
  } catch {
    return [];
  }
})();

let reading = 0;
/** Times what the server's host does: stat, then read (FolderProject.read). */
function timed<T>(f: () => T): T {
  const t0 = performance.now();
  try {
    return f();
  } finally {
    reading += performance.now() - t0;
  }
}
function freshProject(file: string): SemanticProject {
  const host = {
    readFile: (p: string) =>
      timed(() => {
        try {
          statSync(p);
          return readFileSync(p, 'utf8');
        } catch {
          return undefined;
        }
      }),
    exists: (p: string) =>
      timed(() => {
        try {
          return statSync(p).isFile();
        } catch {
          return false;
        }
      }),
  };
  const project = new SemanticProject({ host, root, remappings });
  project.update(file, parseSource(readFileSync(file, 'utf8')));
  return project;
}

warmUpParser();
const bySize = files.map((f) => ({ f, n: freshProject(f).unitFiles(f).length })).sort((a, b) => b.n - a.n);
// The model's and the classifier's code warmed up too, as in a server that has run a while.
for (const { f } of bySize.slice(0, 5)) {
  const parsed = parseSource(readFileSync(f, 'utf8'));
  const p = freshProject(f);
  p.update(f, parsed);
  classify(p.model(f), parsed);
}

for (const { f, n } of bySize.slice(0, units)) {
  const parsed = parseSource(readFileSync(f, 'utf8'));
  let project = freshProject(f);
  reading = 0;
  let t0 = performance.now();
  const cpu0 = process.cpuUsage();
  project.update(f, parsed);
  classify(project.model(f), parsed);
  const tokensMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const tokensReading = reading;

  project = freshProject(f);
  reading = 0;
  let longest = 0;
  let sum = 0;
  let turns = 0;
  for (let done = false; !done; turns++) {
    t0 = performance.now();
    done = project.loadUnitStep(f);
    const ms = performance.now() - t0;
    sum += ms;
    longest = Math.max(longest, ms);
  }
  console.log(
    `${f.slice(root.length + 1)} (${n} files): first tokens ${tokensMs.toFixed(0)} ms (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms), ` +
      `reading ${tokensReading.toFixed(1)} ms | readImports ${turns} turns, longest ${longest.toFixed(0)} ms, sum ${sum.toFixed(0)} ms, reading ${reading.toFixed(1)} ms`,
  );
}
