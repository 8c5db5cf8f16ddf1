// A pack is data, never code: nothing in the server, the CLI or the engine may turn text into code. This is a
// tripwire over the source tree, so a future `eval` or computed `require` fails the build instead of slipping in.
// `require` and `import()` of a literal module name are allowed: the bundler resolves them when it builds, so they
// load nothing that is not in the bundle (the CLI loads its language server, `learn` and `monitor` that way).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOTS = ['server/src', 'client/src'].map((r) => join(__dirname, '../..', r));

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (/\.(ts|js|mjs|cjs)$/.test(e.name)) yield p;
  }
}

/** Comments and string/template literals blanked out, so Solidity examples in strings do not count. */
function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|`(?:\\[\s\S]|[^`\\])*`|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, (m) =>
    /^['"]/.test(m) ? `'${'_'.repeat(Math.max(0, m.length - 2))}'` : m.replace(/[^\n]/g, ' '),
  );
}

const FORBIDDEN: Array<[string, RegExp]> = [
  ['eval(', /\beval\s*\(/],
  ['new Function', /\bnew\s+Function\b/],
  ['Function(', /(?<![\w.])Function\s*\(/],
  ['require() of a non-literal', /\brequire\s*\(\s*(?!['"])/],
  ['node:vm / vm.', /\bvm\.\w+|['"](node:)?vm['"]/],
  ['import() of a non-literal', /(?<![\w.])import\s*\(\s*(?!['"])/],
  ['child_process', /['"](node:)?child_process['"]/],
];

/** The only processes Hindsight starts are `git` (audit history, blame, user.name), with a literal program name. */
function gitOnly(raw: string): boolean {
  const calls = [...codeOnly(raw).matchAll(/\b(execFile|spawn|exec|execSync|fork|execFileSync|spawnSync)\s*\(/g)];
  return (
    calls.length > 0 && calls.every((m) => m[1] !== 'exec' && m[1] !== 'execSync' && m[1] !== 'fork' && /^\s*'git'/.test(raw.slice(m.index! + m[0].length)))
  );
}

test('no eval, Function, computed require or import(), vm or child_process (other than running git) in server/src or client/src', () => {
  const hits: string[] = [];
  let files = 0;
  for (const root of ROOTS) {
    for (const file of sources(root)) {
      files++;
      const raw = readFileSync(file, 'utf8');
      // Module names are string literals: check those on the raw text, the rest on code only.
      const code = codeOnly(raw);
      code.split('\n').forEach((line, i) => {
        for (const [what, re] of FORBIDDEN) {
          const target = what === 'node:vm / vm.' || what === 'child_process' ? raw.split('\n')[i] : line;
          if (what === 'child_process' && gitOnly(raw)) continue;
          if (re.test(target)) hits.push(`${relative(process.cwd(), file)}:${i + 1}: ${what}: ${raw.split('\n')[i].trim()}`);
        }
      });
    }
  }
  assert.ok(files > 50, `scanned ${files} files`);
  assert.deepEqual(hits, []);
});
