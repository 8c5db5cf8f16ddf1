// Bundles the Mocha suite for the extension host (CommonJS), keeping `vscode` and Mocha external so Mocha
// is loaded from the extension's own node_modules.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

export const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const outDir = join(root, 'out/test/e2e');

export async function buildTests() {
  const suiteDir = join(root, 'test/e2e/suite');
  const entries = readdirSync(suiteDir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(suiteDir, f));
  await esbuild.build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return join(outDir, 'index.js');
}
