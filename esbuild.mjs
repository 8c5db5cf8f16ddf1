// Bundles the three entry points that ship: the VS Code client, the language server and the CLI.
// All three are CommonJS for Node; `vscode` is provided by the editor at run time.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // jsonc-parser's UMD entry loads its parts with a dynamic require that a bundle cannot follow; its ESM build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server/server.js' },
  // Worker thread of parseFilesInWorkers (server/src/engine/parse-workers.ts), found next to server.js or under dist/server/ from cli.js.
  { ...common, entryPoints: ['server/src/engine/parse-worker.ts'], outfile: 'dist/server/parse-worker.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
];

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
