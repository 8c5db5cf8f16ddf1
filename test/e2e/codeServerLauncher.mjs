#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() launches, where VS Code cannot
// be downloaded: it reads the same command line (folder, --extensionDevelopmentPath, --extensionTestsPath,
// --user-data-dir, --extensions-dir), runs code-server with headless Chromium and exits with the tests' code.
import { join } from 'node:path';
import { startCodeServer, workbenchUrl, launchChromium, makeTmp, removeTmp, ensureInstalled } from './codeServer.mjs';

const args = process.argv.slice(2);
const value = (name) => {
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const extensionPath = value('extensionDevelopmentPath');
const testsPath = value('extensionTestsPath');
const folder = args.find((a, i) => !a.startsWith('-') && !(i > 0 && args[i - 1].startsWith('--') && !args[i - 1].includes('=')));
if (!extensionPath || !testsPath || !folder) {
  console.error('usage: codeServerLauncher.mjs <folder> --extensionDevelopmentPath=<dir> --extensionTestsPath=<file>');
  process.exit(2);
}
// runTests points at a .js module or a folder with index.js; the payload needs the file.
const testsFile = testsPath.endsWith('.js') ? testsPath : join(testsPath, 'index.js');

ensureInstalled();
const tmp = makeTmp('hindsight-launcher-');
const server = await startCodeServer({ tmp });
const browser = await launchChromium(tmp);
const page = browser.pages()[0] ?? (await browser.newPage());
let done;
const exit = new Promise((r) => (done = r));
await page.exposeFunction('codeAutomationExit', (code) => done(Number(code)));
await page.exposeFunction('codeAutomationLog', (_type, a) => {
  if (process.env.HINDSIGHT_E2E_VERBOSE) console.log(...(Array.isArray(a) ? a : [a]));
});
await page.goto(workbenchUrl(server.port, { folder, extensionPath, testsPath: testsFile }), { timeout: 180_000 });
const timeout = setTimeout(() => done(1), Number(process.env.HINDSIGHT_E2E_INTEGRATION_TIMEOUT_MS || 12 * 60_000));
const code = await exit;
clearTimeout(timeout);
await browser.close().catch(() => {});
server.stop();
removeTmp(tmp);
process.exit(code);
