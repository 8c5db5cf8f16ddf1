// Reads a sampling heap profile (heap-sampling.cjs) and prints the MB allocated per function, by itself and with
// what it calls, under an optional frame (a function name: only allocations with it on the stack count).
//   node test/bench/heap-summary.mjs profile.heapprofile [rows=50] [frame]
// e.g. `... 40 keystroke` for what edit-profile.ts's keystrokes allocated.
import { readFileSync } from 'node:fs';

const [file, rows = '50', frame] = process.argv.slice(2);
if (!file) {
  console.error('usage: node test/bench/heap-summary.mjs profile.heapprofile [rows] [frame]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const self = new Map();
const inclusive = new Map();
let total = 0;
const name = (cf) => `${cf.functionName || '(anonymous)'} ${cf.url.split('/').pop()}:${cf.lineNumber + 1}`;
const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
// Iterative: profiles of deep recursion (the parser's) are deeper than the call stack allows.
const stack = [{ node: profile.head, path: [], under: !frame }];
while (stack.length) {
  const { node, path, under } = stack.pop();
  const k = name(node.callFrame);
  const inside = under || node.callFrame.functionName === frame;
  const here = [...path, k];
  if (inside && node.selfSize) {
    total += node.selfSize;
    add(self, k, node.selfSize);
    for (const p of new Set(here)) add(inclusive, p, node.selfSize);
  }
  for (const c of node.children) stack.push({ node: c, path: here, under: inside });
}
const top = (m) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(rows))
    .map(([k, v]) => `${(v / 1e6).toFixed(1).padStart(8)}  ${k}`)
    .join('\n');
console.log(`total ${(total / 1e6).toFixed(1)} MB${frame ? ` under ${frame}` : ''}\n-- self\n${top(self)}\n-- inclusive\n${top(inclusive)}`);
