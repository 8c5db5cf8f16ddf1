// `npm test`: every level of test, in order of speed. Unit and protocol tests run on node's own test
// runner; the extension tests run in a real VS Code (test/e2e/run.mjs). Exit code is non-zero if any level fails.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2); // e.g. `node test/run.mjs unit lsp`
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
function run(label, args) {
  console.log(`\n# ${label}`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}

for (const level of ['unit', 'lsp']) {
  if (!want(level)) continue;
  const files = testFiles(level);
  if (files.length) run(`${level} tests (${files.length} files)`, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files]);
}
if (want('e2e') && existsSync(join(root, 'test/e2e/run.mjs'))) run('extension tests in VS Code', ['test/e2e/run.mjs']);

process.exit(failed ? 1 : 0);
