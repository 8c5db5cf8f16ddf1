// Builds dist/server/server.js once when any server source is newer than it. Only the server bundle, with the
// options esbuild.mjs uses, so protocol tests do not depend on the client or CLI building. Written to a
// temporary file and renamed, because test files run in parallel and may both decide to build.
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

export const ROOT = join(__dirname, '..', '..');
export const SERVER_JS = join(ROOT, 'dist', 'server', 'server.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !/\.(ts|json)$/.test(e.name)) continue;
    newest = Math.max(newest, statSync(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).mtimeMs);
  }
  return newest;
}

export async function ensureServerBuilt(): Promise<string> {
  const built = existsSync(SERVER_JS) ? statSync(SERVER_JS).mtimeMs : 0;
  if (built > newestMtime(join(ROOT, 'server', 'src'))) return SERVER_JS;
  const tmp = `${SERVER_JS}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [join(ROOT, 'server/src/lsp/main.ts')],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  renameSync(tmp, SERVER_JS);
  return SERVER_JS;
}
