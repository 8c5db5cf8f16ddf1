// What a CLI run starts up: the modules only the language server, `learn` and `monitor` need are imported when
// those commands run (cli.ts), so a scan, and each scan worker that loads the same bundle, does not initialise
// them. Checked on the bundle as `npm run build` makes it (esbuild's metafile): the modules reachable from the
// entry through static imports and requires, not through import().
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ROOT } from './cli-helpers';

/** Modules that only the lazily loaded commands need, by path prefix, and who needs them. */
const LAZY = {
  'node_modules/viem/': 'monitor',
  'node_modules/markdown-it/': 'learn',
  'node_modules/vscode-languageserver/': 'lsp',
  'server/src/lsp/': 'lsp',
  'server/src/cli/monitor-command.ts': 'monitor',
  'server/src/cli/learn-command.ts': 'learn',
};

test('the CLI starts without the language server, learn or monitor, and can still load them', async () => {
  const { bundleOptions } = (await import(pathToFileURL(join(ROOT, 'esbuild.mjs')).href)) as { bundleOptions: esbuild.BuildOptions };
  const entry = 'server/src/cli/main.ts';
  const { metafile } = await esbuild.build({
    ...bundleOptions,
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: join(ROOT, 'dist', 'test', 'cli-startup.js'),
    write: false,
    metafile: true,
    plugins: [],
    logLevel: 'error',
  });
  const inputs = metafile.inputs;
  const eager = new Set([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const im of inputs[file]?.imports ?? []) {
      if (im.kind === 'dynamic-import' || eager.has(im.path)) continue;
      eager.add(im.path);
      queue.push(im.path);
    }
  }
  for (const [prefix, command] of Object.entries(LAZY)) {
    const started = [...eager].filter((f) => f.startsWith(prefix));
    assert.deepEqual(started.slice(0, 3), [], `${prefix} (for ${command}) is started by every CLI run`);
    // Still in the bundle: the command loads it from there when it runs.
    assert.ok(
      Object.keys(inputs).some((f) => f.startsWith(prefix)),
      `${prefix} is not in the bundle at all`,
    );
  }
});
