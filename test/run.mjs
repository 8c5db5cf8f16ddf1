// `npm test`: every level of test, in order of speed. `lint` is `npm run lint` (the layer rule and Biome's lint
// rules); unit and protocol tests, and the language server in other editors (test/editors: Neovim and Emacs,
// headless), run on node's own test runner; the extension tests run in a real VS Code (test/e2e/run.mjs). Exit code is non-zero if any level fails.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2); // e.g. `node test/run.mjs lint unit lsp`
const want = (level) => only.length === 0 || only.includes(level);

function testFiles(dir) {
  const abs = join(root, 'test', dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .filter((f) => /\.test\.(ts|mjs|js)$/.test(f))
    .map((f) => join('test', dir, f))
    .sort();
}

let failed = false;
function run(label, args, command = process.execPath) {
  console.log(`\n# ${label}`);
  // npm is npm.cmd on Windows, which only a shell runs.
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: command !== process.execPath && process.platform === 'win32' });
  if (r.status !== 0) failed = true;
}

if (want('lint')) run('lint (npm run lint)', ['run', 'lint', '--silent'], 'npm');

for (const level of ['unit', 'lsp', 'editors']) {
  if (!want(level)) continue;
  const files = testFiles(level);
  if (files.length) run(`${level} tests (${files.length} files)`, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files]);
}
if (want('e2e') && existsSync(join(root, 'test/e2e/run.mjs'))) run('extension tests in VS Code', ['test/e2e/run.mjs']);

process.exit(failed ? 1 : 0);
