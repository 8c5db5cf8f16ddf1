// Restricted Mode in the real workbench: code-server with Workspace Trust on (the other halves run with it off), a
// folder holding a workspace pack. Untrusted, the extension runs (package.json untrustedWorkspaces: limited): the
// built-in findings are in the panel, the workspace pack's are not, and the status bar and the panel say
// "Restricted Mode: workspace packs off". Then the test clicks Trust in VS Code's own trust editor, and the
// workspace pack's finding appears without a reload, and so does that of a pack the workspace settings name. Screenshots: test-results/restricted-*.png.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPlaywrightTests } from './playwright-tests.mjs';
import { copyWorkspace, launchChromium, makeTmp, removeTmp, root, startCodeServer, workbenchUrl } from './codeServer.mjs';

const BUILTIN_TITLE = 'Authorisation through tx.origin';
const TEAM_TITLE = 'Team rule, payouts go through the treasury';
const OUTSIDE_TITLE = 'Outside rule, the owner is set once';

/**
 * A pack outside the folder, named by the folder's own .vscode/settings.json: `hindsight.packs.paths` is a restricted
 * setting (package.json restrictedConfigurations), so VS Code withholds that workspace value until the folder is
 * trusted. The path is absolute, so it is written when the test runs.
 */
function packFromWorkspaceSettings(tmp, workspace) {
  const dir = join(tmp, 'outside-pack');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'pack.yaml'),
    [
      'name: outside',
      'version: 1.0.0',
      'findings:',
      '  - id: OUTSIDE-001',
      `    title: ${OUTSIDE_TITLE}`,
      '    severity: low',
      '    confidence: high',
      '    category: team',
      '    description: The owner is written in the constructor.',
      '    recommendation: Nothing to do; this finding only shows the pack was loaded.',
      '    references:',
      '      - title: Example',
      '        url: https://example.com/outside',
      '    match:',
      '      pattern: owner = msg.sender;',
      '',
    ].join('\n'),
  );
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'hindsight.packs.paths': [dir] }, null, 2));
}
const RESTRICTED = 'Restricted Mode: workspace packs off';

const sidebar = (page) => page.locator('#workbench\\.parts\\.sidebar');

async function openPanel(page) {
  const header = page.locator('#workbench\\.parts\\.sidebar .composite.title', { hasText: /Hindsight/i });
  if (await header.isVisible()) return;
  const icon = page.locator('.activitybar .action-item [aria-label^="Hindsight"]').first();
  await icon.waitFor({ state: 'visible', timeout: 150_000 });
  await icon.click();
  await header.waitFor({ state: 'visible', timeout: 60_000 });
}

const row = (page, text) => sidebar(page).locator('.monaco-list-row', { hasText: text }).first();

export async function runRestrictedTests({ fixture, resultsDir, verbose, cleanups, keep }) {
  const tmp = makeTmp();
  if (!keep) cleanups.push(() => removeTmp(tmp));
  const workspace = copyWorkspace(fixture, tmp);
  packFromWorkspaceSettings(tmp, workspace);
  const server = await startCodeServer({ tmp, workspaceTrust: true, log: verbose ? (s) => process.stderr.write(`[code-server] ${s}`) : undefined });
  cleanups.push(server.stop);
  const browser = await launchChromium(tmp);
  cleanups.push(() => browser.close());
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(60_000);
  if (verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));

  const tests = [];
  const test = (name, fn) => tests.push({ name, fn });

  test('untrusted: the extension runs the built-in packs; the workspace pack stays off, and the UI says so', async () => {
    await page.goto(workbenchUrl(server.port, { folder: workspace, extensionPath: root }), { waitUntil: 'domcontentloaded', timeout: 180_000 });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 150_000 });
    await openPanel(page);
    await row(page, BUILTIN_TITLE).waitFor({ state: 'visible', timeout: 150_000 });
    const status = page.locator('.statusbar-item', { hasText: RESTRICTED });
    await status.waitFor({ state: 'visible', timeout: 30_000 });
    // The panel's message, and its Trust action in the title bar.
    await sidebar(page).locator('.message', { hasText: RESTRICTED }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await sidebar(page).locator('.actions-container [aria-label*="Trust Folder"]').first().waitFor({ state: 'attached', timeout: 30_000 });
    // The scan that showed the built-in finding had the workspace's files: the team finding would be there.
    assert.equal(await row(page, TEAM_TITLE).count(), 0, 'the workspace pack does not run in Restricted Mode');
    assert.equal(await row(page, OUTSIDE_TITLE).count(), 0, 'a pack path from the workspace settings does not run in Restricted Mode');
    await page.mouse.move(900, 600);
    await page.screenshot({ path: join(resultsDir, 'restricted-mode.png') });
  });

  test('trusting the folder loads the workspace pack without a reload', async () => {
    await page.locator('.statusbar-item', { hasText: RESTRICTED }).first().click();
    // VS Code's trust editor: "Trust" (this folder), not "Trust Parent".
    const trust = page
      .locator('.workspace-trust-buttons .monaco-button')
      .filter({ hasText: /^Trust(?!\s*Parent)/ })
      .first();
    await trust.waitFor({ state: 'visible', timeout: 30_000 });
    await trust.click();
    await openPanel(page);
    await row(page, TEAM_TITLE).waitFor({ state: 'visible', timeout: 120_000 });
    await row(page, OUTSIDE_TITLE).waitFor({ state: 'visible', timeout: 60_000 });
    await row(page, BUILTIN_TITLE).waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: RESTRICTED }).waitFor({ state: 'hidden', timeout: 30_000 });
    assert.equal(await sidebar(page).locator('.message', { hasText: RESTRICTED }).count(), 0, 'the panel no longer says Restricted Mode');
    await page.mouse.move(900, 600);
    await page.screenshot({ path: join(resultsDir, 'restricted-mode-trusted.png') });
  });

  const { passed, failed } = await runPlaywrightTests('Restricted Mode (Playwright, Workspace Trust on)', tests, { page, resultsDir, prefix: 'restricted' });
  await browser.close().catch(() => {});
  server.stop();
  await Promise.race([server.exited, new Promise((r) => setTimeout(r, 5000))]);
  return { passed, failed };
}
