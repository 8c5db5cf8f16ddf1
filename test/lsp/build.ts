// Builds dist/server/server.js once when any server source is newer than it. Only the server bundle, with the
// options esbuild.mjs uses, so protocol tests do not depend on the client or CLI building. Written to a
// temporary file and renamed, because test files run in parallel and may both decide to build.
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

// The workspace scan's worker threads run this same bundle (server/src/project/scan-pool.ts).
const ENTRIES: Array<[string, string]> = [['server/src/lsp/main.ts', SERVER_JS]];

/** The options `npm run build` bundles with (esbuild.mjs), so the tests run what ships. */
async function releaseOptions(): Promise<esbuild.BuildOptions> {
  const { bundleOptions } = (await import(pathToFileURL(join(ROOT, 'esbuild.mjs')).href)) as { bundleOptions: esbuild.BuildOptions };
  return bundleOptions;
}

export async function ensureServerBuilt(): Promise<string> {
  const sources = newestMtime(join(ROOT, 'server', 'src'));
  for (const [entry, out] of ENTRIES) {
    if (existsSync(out) && statSync(out).mtimeMs > sources) continue;
    const tmp = `${out}.${process.pid}.tmp`;
    await esbuild.build({ ...(await releaseOptions()), entryPoints: [join(ROOT, entry)], outfile: tmp, sourcemap: 'inline' });
    renameSync(tmp, out);
  }
  return SERVER_JS;
}
