// The same integration suite through @vscode/test-electron's runTests(), for a developer machine:
//   npx tsx test/e2e/runTests.ts                 downloads VS Code (stable) and runs the suite in it
//   npx tsx test/e2e/runTests.ts --code-server   runs it in code-server + headless Chromium instead
//                                                (machines that cannot download VS Code; what CI does)
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const useCodeServer = process.argv.includes('--code-server');
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const { buildTests } = (await import(path.join(root, 'test/e2e/buildTests.mjs'))) as { buildTests: () => Promise<string> };
  const extensionTestsPath = await buildTests();
  const tmp = mkdtempSync(path.join(tmpdir(), 'hindsight-runtests-'));
  const workspace = path.join(tmp, 'workspace');
  cpSync(path.join(root, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
  spawnSync('git', ['init', '-q'], { cwd: workspace });
  spawnSync('git', ['config', 'user.name', 'E2E Reviewer'], { cwd: workspace });
  const resultFile = path.join(tmp, 'result.json');
  const logFile = path.join(tmp, 'mocha.log');
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
      // Under code-server the extension host's console is not this terminal: the suite also writes its report here.
      extensionTestsEnv: { HINDSIGHT_E2E_RESULT: resultFile, ...(useCodeServer ? { HINDSIGHT_E2E_LOG: logFile } : {}) },
      ...(useCodeServer ? { vscodeExecutablePath: path.join(root, 'test/e2e/codeServerLauncher.mjs') } : {}),
    });
    const r = JSON.parse(readFileSync(resultFile, 'utf8')) as { passed: number; failed: number };
    console.log(`e2e: ${r.passed} passed, ${r.failed} failed`);
  } finally {
    if (useCodeServer) {
      try {
        process.stdout.write(readFileSync(logFile, 'utf8'));
      } catch {
        // no report written: the failure is printed above
      }
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
