// CPU of the outline's lexer and scanner per call: the object tokenizer they replaced (test/unit/outline-oracle.ts)
// against the packed tokens (engine/parse/outline.ts), interleaved in one process, on a fresh edited text per call
// as a keystroke gives (a cons string), the packed tokens released after use as parseSegmented does.
// Run: node --max-semi-space-size=8 --interrupt-budget=800000 --import tsx test/bench/outline-tokens.ts [File.sol]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { outline, tokenize } from '../../server/src/engine/parse/outline';
import * as old from '../unit/outline-oracle';

const OZ = dirname(createRequire(__filename).resolve('@openzeppelin/contracts/package.json'));
const base = readFileSync(join(OZ, process.argv[2] ?? 'utils/Packing.sol'), 'utf8');
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const fns: Record<string, (s: string) => unknown> = {
  'old tokenize': (s) => old.tokenize(s),
  'new tokenize': (s) => tokenize(s).release(),
  'old outline': (s) => old.outline(s),
  'new outline': (s) => outline(s).tokens.release(),
};
const at = Math.min(3000, base.length);
const res: Record<string, number[]> = {};
for (let round = 0; round < 40; round++)
  for (const [name, f] of Object.entries(fns)) {
    const t0 = cpu();
    for (let k = 0; k < 20; k++) f(base.slice(0, at) + 'x'.repeat(k + 1) + base.slice(at));
    (res[name] ??= []).push((cpu() - t0) / 20);
  }
// The first five rounds warm up.
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const k of Object.keys(fns)) console.log(`${k.padEnd(14)} ${med(res[k].slice(5)).toFixed(3)} ms CPU a call (median of 35 batches of 20)`);
