// Whitespace typed and deleted at one spot of a function body, keystroke after keystroke, each scanned with the
// last full scan kept (kept 'spaces', engine/scan-spaces.ts): the time per keystroke and the live heap must stay
// flat however long the run. Each kept keystroke used to wrap every text question in a closure over its edit.
//   node --expose-gc --import tsx test/bench/spaces-run.ts [keystrokes=4000] [file=OpenZeppelin Governor.sol]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { scanParsed, UnitMemory } from '../../server/src/engine';
import { parseSource } from '../../server/src/engine/parse';
import { SemanticProject } from '../../server/src/engine/semantics';
import { loadBuiltinPacks } from '../../server/src/packs/load';

const OZ = dirname(createRequire(__filename).resolve('@openzeppelin/contracts/package.json'));
const N = Number(process.argv[2] ?? 4000);
const path = process.argv[3] ?? join(OZ, 'governance/Governor.sol');
const findings = loadBuiltinPacks().flatMap((p) => p.findings);
const gc = (globalThis as { gc?: () => void }).gc;

let text = readFileSync(path, 'utf8');
let parsed = parseSource(text);
const project = new SemanticProject({ host: { readFile: () => undefined, exists: () => false } });
const memory = new UnitMemory();
const scan = () => {
  project.update(path, parsed);
  return scanParsed(parsed, findings, { memory, semantic: { project, path } });
};
scan();
// In the indentation of the first statement of the first function with a body: whitespace on both sides.
const body = text.indexOf('{', text.search(/function \w+\([^)]*\)[^;{]*\{/)) + 1;
const at = body + text.slice(body).search(/\S/) - 1;
const kept = new Map<string, number>();
let t0 = process.hrtime.bigint();
const every = Math.max(1, Math.floor(N / 8));
console.log(`${N} keystrokes in ${path.split('/').pop()} at offset ${at}`);
for (let i = 1; i <= N; i++) {
  text = i % 2 ? `${text.slice(0, at)} ${text.slice(at)}` : text.slice(0, at) + text.slice(at + 1);
  parsed = parseSource(text, parsed);
  scan();
  kept.set(String(memory.last.kept ?? 'full'), (kept.get(String(memory.last.kept ?? 'full')) ?? 0) + 1);
  if (i % every === 0) {
    const ms = Number(process.hrtime.bigint() - t0) / 1e6 / every;
    gc?.();
    const heap = process.memoryUsage().heapUsed / 1e6;
    console.log(`${String(i).padStart(6)}  ${ms.toFixed(2).padStart(7)} ms per keystroke  heap ${heap.toFixed(1)} MB${gc ? ' (after a full collection)' : ''}`);
    t0 = process.hrtime.bigint();
  }
}
console.log(`scans: ${[...kept].map(([k, n]) => `${n} ${k}`).join(', ')}`);
