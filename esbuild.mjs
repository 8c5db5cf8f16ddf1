// Bundles the three entry points that ship: the VS Code client, the language server and the CLI.
// All three are CommonJS for Node; `vscode` is provided by the editor at run time.
// `bundleOptions` is shared with the test builds (test/lsp/build.ts, test/unit/cli-helpers.ts), so tests bundle
// exactly the way a release does.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const bundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // jsonc-parser's UMD entry loads its parts with a dynamic require that a bundle cannot follow; its ESM build bundles.
  // antlr4's ESM build (picked for the parser sources' `import`) calls createRequire(import.meta.url), which is
  // undefined in a CommonJS bundle; its CommonJS build is the same runtime.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js', antlr4: createRequire(import.meta.url).resolve('antlr4') },
};
const common = bundleOptions;

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server/server.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
];

const watch = process.argv.includes('--watch');
if (process.argv[1] !== fileURLToPath(import.meta.url)) {
  // imported for its options
} else if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
