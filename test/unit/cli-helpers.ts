// Runs the CLI as a child process, the way users and CI do. The CLI is bundled once per test file with esbuild
// (the same bundler `npm run build` uses) into dist/test/, so each run starts fast and the bundle still finds
// the package root (and the built-in packs) by walking up from its own folder.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export { makeTree } from './tree-helpers';

export const ROOT = join(__dirname, '..', '..');
export const CLI_PACK = join(ROOT, 'test', 'fixtures', 'cli', 'pack');

let bundle: Promise<string> | undefined;

export function cliBundle(): Promise<string> {
  bundle ??= (async () => {
    const outfile = join(ROOT, 'dist', 'test', `cli-${process.pid}.js`);
    // The options `npm run build` uses (esbuild.mjs), so the tests run what ships.
    const { bundleOptions } = (await import(pathToFileURL(join(ROOT, 'esbuild.mjs')).href)) as { bundleOptions: esbuild.BuildOptions };
    await esbuild.build({ ...bundleOptions, entryPoints: [join(ROOT, 'server', 'src', 'cli', 'main.ts')], outfile, sourcemap: false, logLevel: 'error' });
    return outfile;
  })();
  return bundle;
}

export function removeBundle(): void {
  if (!bundle) return;
  void bundle.then((f) => rmSync(f, { force: true }));
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): Promise<RunResult> {
  const file = await cliBundle();
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { cwd: options.cwd ?? ROOT, env: env as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // Standard input is the given text (`hindsight scan -`), else empty: nothing waits on a terminal.
    child.stdin.end(options.input ?? '');
  });
}

/** Creates a folder tree from { 'path/file': 'content' } in a fresh temp dir; returns its path. */
export const sol = {
  /** One CLI-HIGH-1 (tx.origin) on line 5 col 16 and one CLI-LOW-1 (block.timestamp) on line 8 col 16. */
  both: [
    'pragma solidity ^0.8.20;',
    'contract A {',
    '    address owner;',
    '    function a() external view returns (bool) {',
    '        return tx.origin == owner;',
    '    }',
    '    function b() external view returns (uint256) {',
    '        return block.timestamp;',
    '    }',
    '}',
    '',
  ].join('\n'),
  high: 'pragma solidity ^0.8.20;\ncontract H {\n    function a(address o) external view returns (bool) { return tx.origin == o; }\n}\n',
  clean: 'pragma solidity ^0.8.20;\ncontract C {\n    function a() external pure returns (uint256) { return 1; }\n}\n',
};
