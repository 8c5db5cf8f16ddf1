// The extension tests in a real VS Code, as `npm test` and CI run them:
//   1. integration tests: Mocha inside the extension host (test/e2e/suite/*.test.ts), real `vscode` API,
//      real language server, on a copy of test/e2e/fixtures/workspace;
//   2. UI tests: Playwright clicking through the same workbench (test/e2e/ui.mjs), screenshots in test-results/;
//   3. Restricted Mode: Playwright again, with Workspace Trust on, on test/e2e/fixtures/restricted (restricted.mjs).
// VS Code desktop cannot be downloaded here, so the workbench is code-server driven by headless Chromium
// (test/e2e/codeServer.mjs). Everything started is killed at the end, and a hard timeout means CI never hangs.
//
// Usage: node test/e2e/run.mjs [--only integration|ui|restricted] [--keep] [--grep <mocha grep>]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildTests, outDir } from './buildTests.mjs';
import { root, ensureInstalled, startCodeServer, workbenchUrl, launchChromium, copyWorkspace, makeTmp, removeTmp } from './codeServer.mjs';
import { runUiTests } from './ui.mjs';
import { runRestrictedTests } from './restricted.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const only = option('--only');
const keep = flag('--keep');
const grep = option('--grep');
const verbose = flag('--verbose') || !!process.env.HINDSIGHT_E2E_VERBOSE;
const HARD_TIMEOUT_MS = Number(process.env.HINDSIGHT_E2E_TIMEOUT_MS || 20 * 60_000);
const INTEGRATION_TIMEOUT_MS = Number(process.env.HINDSIGHT_E2E_INTEGRATION_TIMEOUT_MS || 12 * 60_000);
const fixture = join(root, 'test/e2e/fixtures/workspace');
const resultsDir = join(root, 'test-results');

const cleanups = [];
async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch {
      // keep cleaning
    }
  }
}
const hard = setTimeout(async () => {
  console.error(`\n# extension tests: hard timeout after ${HARD_TIMEOUT_MS / 1000} s, killing VS Code`);
  await cleanup();
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}, HARD_TIMEOUT_MS);
hard.unref();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await cleanup();
    process.exit(130);
  });
}

function newer(a, b) {
  return existsSync(a) && existsSync(b) && statSync(a).mtimeMs >= statSync(b).mtimeMs;
}

/** dist/ is built by `npm run build` before `npm test`; build it here when run on its own. */
function ensureBuilt() {
  const ext = join(root, 'dist/client/extension.js');
  const server = join(root, 'dist/server/server.js');
  if (existsSync(ext) && existsSync(server) && newer(ext, join(root, 'client/src/extension.ts'))) return;
  console.log('# building the extension (node esbuild.mjs)');
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

function tailFile(file, onText) {
  let offset = 0;
  const read = () => {
    if (!existsSync(file)) return;
    const buf = readFileSync(file);
    if (buf.length > offset) {
      onText(buf.subarray(offset).toString('utf8'));
      offset = buf.length;
    }
  };
  const timer = setInterval(read, 300);
  return () => {
    clearInterval(timer);
    read();
  };
}

async function runIntegration() {
  const tmp = makeTmp();
  if (!keep) cleanups.push(() => removeTmp(tmp));
  const workspace = copyWorkspace(fixture, tmp);
  const mochaLog = join(tmp, 'mocha.log');
  const resultFile = join(tmp, 'mocha-result.json');
  const server = await startCodeServer({
    tmp,
    env: {
      HINDSIGHT_E2E_LOG: mochaLog,
      HINDSIGHT_E2E_RESULT: resultFile,
      HINDSIGHT_E2E_RESULTS_DIR: resultsDir,
      ...(grep ? { HINDSIGHT_E2E_GREP: grep } : {}),
    },
    log: verbose ? (s) => process.stderr.write(`[code-server] ${s}`) : undefined,
  });
  cleanups.push(server.stop);
  const browser = await launchChromium(tmp);
  cleanups.push(() => browser.close());
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(60_000);

  let resolveExit;
  const exitCode = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    if (verbose) console.log(`[workbench ${type}]`, ...(Array.isArray(args) ? args : [args]));
  });
  if (verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));

  const stopTail = tailFile(mochaLog, (t) => process.stdout.write(t));
  const url = workbenchUrl(server.port, { folder: workspace, extensionPath: root, testsPath: join(outDir, 'index.js') });
  const started = Date.now();
  // The first page load compiles nothing but serves a few MB of workbench code: slow on a loaded machine.
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 180_000 });
  const timeout = new Promise((r) => setTimeout(() => r('timeout'), INTEGRATION_TIMEOUT_MS).unref());
  const code = await Promise.race([exitCode, timeout, server.exited.then(() => 'code-server exited')]);
  stopTail();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let result = { passed: 0, failed: 1 };
  if (existsSync(resultFile)) result = JSON.parse(readFileSync(resultFile, 'utf8'));
  if (typeof code !== 'number') {
    console.error(`# integration tests did not finish: ${code}`);
    console.error(server.output().split('\n').slice(-40).join('\n'));
    if (!existsSync(resultFile)) result = { passed: 0, failed: 1 };
    else result.failed = Math.max(1, result.failed);
  } else if (code !== 0 && result.failed === 0) {
    result.failed = 1;
  }
  console.log(`# integration tests: ${result.passed} passed, ${result.failed} failed in ${seconds} s (exit code ${code})`);
  await browser.close().catch(() => {});
  server.stop();
  await Promise.race([server.exited, new Promise((r) => setTimeout(r, 5000))]);
  return result;
}

async function runUi() {
  const tmp = makeTmp();
  if (!keep) cleanups.push(() => removeTmp(tmp));
  const workspace = copyWorkspace(fixture, tmp);
  const server = await startCodeServer({ tmp, log: verbose ? (s) => process.stderr.write(`[code-server] ${s}`) : undefined });
  cleanups.push(server.stop);
  const browser = await launchChromium(tmp);
  cleanups.push(() => browser.close());
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(60_000);
  mkdirSync(resultsDir, { recursive: true });
  const started = Date.now();
  const url = workbenchUrl(server.port, { folder: workspace, extensionPath: root });
  const result = await runUiTests({ page, url, workspace, resultsDir, verbose });
  console.log(`# UI tests: ${result.passed} passed, ${result.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test-results/`);
  await browser.close().catch(() => {});
  server.stop();
  await Promise.race([server.exited, new Promise((r) => setTimeout(r, 5000))]);
  return result;
}

let passed = 0;
let failed = 0;
try {
  ensureInstalled();
  ensureBuilt();
  await buildTests();
  const runRestricted = () => runRestrictedTests({ fixture: join(root, 'test/e2e/fixtures/restricted'), resultsDir, verbose, cleanups, keep });
  for (const [name, half] of [
    ['integration', runIntegration],
    ['ui', runUi],
    ['restricted', runRestricted],
  ]) {
    if (only && only !== name) continue;
    try {
      const r = await half();
      passed += r.passed;
      failed += r.failed;
    } catch (e) {
      // One half failing to start must not hide the other's results.
      console.error(`# ${name} tests could not run: ${e?.stack ?? e}`);
      failed += 1;
    }
    await cleanup();
  }
} catch (e) {
  console.error(`# extension tests could not run: ${e?.stack ?? e}`);
  failed += 1;
}
await cleanup();
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
