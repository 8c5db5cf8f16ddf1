// Bundles the three entry points that ship: the VS Code client, the language server and the CLI.
// All three are CommonJS for Node; `vscode` is provided by the editor at run time.
// `bundleOptions` is shared with the test builds (test/lsp/build.ts, test/unit/cli-helpers.ts), so tests bundle
// exactly the way a release does.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Node keeps a script's source text in memory for as long as its functions live: one byte per character when the
 * text is all ASCII, two otherwise. esbuild escapes non-ASCII characters in strings, templates, regular expressions
 * and names (its default `charset: 'ascii'`), but it keeps some comments as written, and a single `—` or `→` in one
 * of them made the 3.5 MB server bundle a 7 MB string in each thread that loads it (the server and its scan worker).
 * What is left to escape can only be in comments, where `\u2014` is as good as `—`.
 */
const asciiOnly = {
  name: 'ascii-only',
  setup(build) {
    build.onEnd(async (result) => {
      const file = build.initialOptions.outfile;
      if (result.errors.length || !file || build.initialOptions.write === false) return;
      const text = await readFile(file, 'utf8');
      const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      if (ascii !== text) await writeFile(file, ascii);
    });
  },
};

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
  plugins: [asciiOnly],
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js', antlr4: createRequire(import.meta.url).resolve('antlr4') },
};
const common = bundleOptions;
const ROOT = dirname(fileURLToPath(import.meta.url));

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server/server.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
];

/**
 * dist/builtin-packs.json: the built-in packs loaded, validated and their patterns parsed, by this build's engine
 * (server/src/packs/precompiled.ts), so that the bundles just built start without doing it. A small generator is
 * bundled from the same sources and run once; the file names the bundles it is for (their engine ids).
 */
async function precompileBuiltinPacks() {
  const dir = await mkdtemp(join(tmpdir(), 'hindsight-precompile-'));
  try {
    const script = join(dir, 'precompile.js');
    await esbuild.build({
      ...common,
      sourcemap: false,
      plugins: [],
      outfile: script,
      stdin: {
        resolveDir: ROOT,
        sourcefile: 'precompile-builtin-packs.ts',
        loader: 'ts',
        contents: `
          import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
          import { join, resolve } from 'node:path';
          import { loadPackText, PACK_FILES } from './server/src/packs/load';
          import { precompile } from './server/src/packs/precompiled';
          const [out, ...engines] = process.argv.slice(2);
          const packsDir = resolve('server', 'packs');
          const packs = readdirSync(packsDir, { withFileTypes: true })
            .filter((d) => d.isDirectory())
            .map((d) => d.name)
            .sort()
            .flatMap((n) => PACK_FILES.map((f) => join(packsDir, n, f)).filter((f) => existsSync(f)).slice(0, 1))
            .map((file) => {
              const text = readFileSync(file, 'utf8');
              return { file, text, load: () => loadPackText(text, file, { shipped: true }) };
            });
          writeFileSync(out, JSON.stringify(precompile(packs, engines)));
        `,
      },
    });
    const engines = await Promise.all(
      bundlesWithPacks.map(async (f) =>
        createHash('sha256')
          .update(await readFile(f))
          .digest('hex'),
      ),
    );
    execFileSync(process.execPath, [script, join(ROOT, 'dist', 'builtin-packs.json'), ...engines], { cwd: ROOT, stdio: 'inherit' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
/** The bundles that load packs (engine ids in dist/builtin-packs.json); the client does not. */
const bundlesWithPacks = ['dist/server/server.js', 'dist/cli.js'].map((f) => join(ROOT, f));

const watch = process.argv.includes('--watch');
if (process.argv[1] !== fileURLToPath(import.meta.url)) {
  // imported for its options
} else if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  await precompileBuiltinPacks();
}
