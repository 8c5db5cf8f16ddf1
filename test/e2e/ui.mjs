// UI tests: what a reviewer sees in the workbench, driven through headless Chromium with Playwright against
// code-server with the extension loaded as a development extension. Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from './codeServer.mjs';
import { processInfo } from './processes.mjs';
import { highlightingTests } from './ui-highlighting.mjs';
import { runPlaywrightTests } from './playwright-tests.mjs';

// Generous: the machines are shared and a cold workbench plus the first workspace scan can take a minute.

/** Rows of the Findings tree, by their visible text. */
function findingsView(page) {
  return page.locator('#workbench\\.parts\\.sidebar .monaco-list');
}

/** Opens the Hindsight view container from its activity bar icon (the icon toggles, so only when hidden). */
async function openPanel(page) {
  // A container with one view shows "HINDSIGHT: FINDINGS" as the sidebar title.
  const header = page.locator('#workbench\\.parts\\.sidebar .composite.title', { hasText: /Hindsight/i });
  if (await header.isVisible()) return;
  const icon = page.locator('.activitybar .action-item [aria-label^="Hindsight"]').first();
  await icon.waitFor({ state: 'visible', timeout: 150_000 });
  await icon.click();
  await header.waitFor({ state: 'visible', timeout: 60_000 });
}

async function row(page, text) {
  const r = findingsView(page).locator('.monaco-list-row', { hasText: text }).first();
  await r.waitFor({ state: 'visible', timeout: 150_000 });
  return r;
}

/**
 * Clicks the panel row `text` until the editor shows `line` of `file`: a row clicked while VS Code re-renders the
 * tree (findings re-published, another Hindsight view refreshing) loses its command, so the click is retried.
 */
async function openRow(page, text, file, line) {
  for (let attempt = 0; ; attempt++) {
    await (await row(page, text)).click();
    try {
      await page.waitForFunction(
        ([f, l]) =>
          document.querySelector('.tabs-container .tab.active')?.textContent?.includes(f) &&
          new RegExp(`Ln ${l},`).test(document.querySelector('.statusbar-item[id="status.editor.selection"]')?.textContent ?? ''),
        [file, line],
        { timeout: 5_000 },
      );
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const item = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await item.waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/**
 * Process ids of the language servers (zombies left out) that the code-server using `scope` (its temporary folder,
 * in its command line) started: another run's server may still be exiting.
 */
function serverPids(scope) {
  const pids = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const p = processInfo(Number(d));
      if (p.state === 'Z' || !p.cmd.includes(`${root}/dist/server/server.js`) || !p.cmd.includes('--node-ipc')) continue;
      for (let up = p.ppid, depth = 0; up > 1 && depth < 10; up = processInfo(up).ppid, depth++) {
        if (processInfo(up).cmd.includes(scope)) {
          pids.push(Number(d));
          break;
        }
      }
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

async function newServer(scope, old, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const fresh = serverPids(scope).filter((p) => !old.includes(p));
    if (fresh.length) return fresh[0];
    await new Promise((r) => setTimeout(r, 200));
  }
  return undefined;
}

export async function runUiTests({ page, url, workspace, resultsDir, verbose }) {
  const tests = [];
  const test = (name, fn) => tests.push({ name, fn });

  test('the workbench loads with the extension', async () => {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 180_000 });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 150_000 });
    await openPanel(page);
  });

  test('the panel shows the findings tree, grouped by severity', async () => {
    await openPanel(page);
    await row(page, 'Critical');
    await row(page, 'Contract can be destroyed');
    await row(page, 'Authorization through tx.origin');
    await row(page, 'Unchecked ERC20 transfer');
    const occurrence = await row(page, 'Wallet.sol:21');
    assert.match(await occurrence.innerText(), /Wallet\.payAgain/);
    const labels = await findingsView(page).locator('.monaco-list-row .label-name').allInnerTexts();
    const order = ['Critical', 'High', 'Medium'].map((s) => labels.findIndex((l) => l.trim() === s));
    assert.ok(
      order.every((i) => i >= 0),
      `severity groups missing: ${labels.join(' | ')}`,
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'severity groups in order',
    );
    // Away from the activity bar, so its tooltip does not cover the tree in the screenshot.
    await page.mouse.move(900, 600);
    await page
      .locator('.monaco-hover, .workbench-hover')
      .first()
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .catch(() => {});
    await page.locator('#workbench\\.parts\\.sidebar').screenshot({ path: join(resultsDir, 'findings-panel.png') });
  });

  test('clicking an occurrence opens the editor at the right line', async () => {
    await (await row(page, 'Wallet.sol:22')).click();
    const tab = page.locator('.tabs-container .tab.active', { hasText: 'Wallet.sol' });
    await tab.waitFor({ state: 'visible', timeout: 30_000 });
    const position = page.locator('.statusbar-item[id="status.editor.selection"]');
    await position.waitFor({ state: 'visible' });
    await page.waitForFunction(
      () => /Ln 22, Col \d+/.test(document.querySelector('.statusbar-item[id="status.editor.selection"]')?.textContent ?? ''),
      undefined,
      { timeout: 15_000 },
    );
    const line = page.locator('.monaco-editor .view-line', { hasText: 'token.transfer(to, amount);' });
    assert.ok((await line.count()) >= 1);
  });

  test('hovering a finding in the editor shows its explanation', async () => {
    await (await row(page, 'Wallet.sol:16')).click();
    await page.waitForFunction(() => /Ln 16/.test(document.querySelector('.statusbar-item[id="status.editor.selection"]')?.textContent ?? ''), undefined, {
      timeout: 15_000,
    });
    const squiggle = page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first();
    await squiggle.waitFor({ state: 'attached', timeout: 30_000 });
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'E2E-ORIGIN-001' });
    for (let attempt = 0; attempt < 5 && !(await hover.isVisible()); attempt++) {
      const box = await squiggle.boundingBox();
      assert.ok(box, 'the squiggle is on screen');
      await page.mouse.move(box.x + 5, box.y - 2);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 4, { steps: 5 });
      await hover.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {});
    }
    await hover.waitFor({ state: 'visible', timeout: 5_000 });
    assert.match(await hover.innerText(), /tx\.origin/);
    await page.screenshot({ path: join(resultsDir, 'hover.png') });
  });

  test('"Open Finding Details" on the finding at the cursor opens the details view', async () => {
    await runCommand(page, 'Hindsight: Open Finding Details');
    const tab = page.locator('.tabs-container .tab', { hasText: 'E2E-ORIGIN-001: Authorization through tx.origin' });
    await tab.waitFor({ state: 'visible', timeout: 30_000 });
    const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await frame.locator('h1', { hasText: 'Authorization through tx.origin' }).waitFor({ state: 'visible', timeout: 30_000 });
    await frame.locator('a', { hasText: 'SWC-115' }).waitFor({ state: 'visible' });
    await page.screenshot({ path: join(resultsDir, 'details.png') });
  });

  test('the status bar shows counts for the active file and the workspace', async () => {
    const item = page.locator('.statusbar-item', { hasText: /\d+H/ }).first();
    await item.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await item.innerText(), /2H 2M \/ 1C/);
  });

  test('palette commands carry the Hindsight category', async () => {
    await runCommand(page, 'Hindsight: Group by File');
    await row(page, 'audited/Wallet.sol');
    await runCommand(page, 'Hindsight: Group by Severity');
    await row(page, 'Critical');
  });

  test('the light bulb\'s "Ignore here" asks for a reason and refuses an empty one', async () => {
    await openRow(page, 'Ignore.sol:10', 'Ignore.sol', 10);
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row', { hasText: 'Ignore E2E-ERC20-001 here' });
    await action.waitFor({ state: 'attached', timeout: 15_000 });
    // The action widget animates in; the keyboard is steadier than a click on a moving row.
    const target = Number(await action.getAttribute('data-index'));
    const focused = Number(await page.locator('.action-widget .monaco-list-row.focused').first().getAttribute('data-index'));
    for (let i = focused; i < target; i++) await page.keyboard.press('ArrowDown');
    for (let i = focused; i > target; i--) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Enter');
    const message = page.locator('.quick-input-widget .quick-input-message', { hasText: 'A reason is required' });
    await message.waitFor({ state: 'visible', timeout: 5_000 });
    await input.fill('amount is bounded by the vault cap');
    await page.screenshot({ path: join(resultsDir, 'ignore-reason.png') });
    await page.keyboard.press('Enter');
    await page
      .locator('.monaco-editor .view-line', { hasText: 'hindsight-ignore-next-line E2E-ERC20-001: amount is bounded by the vault cap' })
      .waitFor({ state: 'visible', timeout: 15_000 });
  });

  test('keyboard: the tree is walked with the arrow keys, Enter opens, Ctrl+Alt+F8 goes to the next finding', async () => {
    const at = (file, line) =>
      page.waitForFunction(
        ([f, l]) =>
          document.querySelector('.tabs-container .tab.active')?.textContent?.includes(f) &&
          new RegExp(`Ln ${l},`).test(document.querySelector('.statusbar-item[id="status.editor.selection"]')?.textContent ?? ''),
        [file, line],
        { timeout: 15_000 },
      );
    await runCommand(page, 'Hindsight: Group by Severity');
    // Let the tree settle after the previous test's edit: a row clicked while VS Code re-renders it loses its command.
    await page.waitForTimeout(1000);
    await openRow(page, 'Killable.sol:9', 'Killable.sol', 9);
    // In the tree, from its first row: Critical, its finding, Killable.sol:9, High, its finding, Wallet.sol:16. A
    // re-render may move the keyboard focus back, so the arrow goes down until the focused row is the one wanted.
    // A re-render can also take the keyboard focus out of the tree; then the walk starts again from the top.
    const focused = findingsView(page).locator('.monaco-list-row.focused');
    const onTarget = async () => ((await focused.first().textContent()) ?? '').includes('Wallet.sol:16');
    for (let attempt = 0; attempt < 3 && !(await onTarget()); attempt++) {
      await runCommand(page, 'Hindsight: Focus on Findings View');
      await page.keyboard.press('Home');
      for (let i = 0; i < 12 && !(await onTarget()); i++) await page.keyboard.press('ArrowDown');
    }
    assert.match((await focused.first().textContent()) ?? '', /Wallet\.sol:16/);
    await page.keyboard.press('Enter');
    await at('Wallet.sol', 16);
    // Next / previous finding in the panel's order, from the editor: Wallet.sol:16 → :21, and back.
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+Alt+F8');
    await at('Wallet.sol', 21);
    const selected = findingsView(page).locator('.monaco-list-row.selected', { hasText: 'Wallet.sol:21' });
    await selected.waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Control+Alt+Shift+F8');
    await at('Wallet.sol', 16);
  });

  highlightingTests(test, { page, resultsDir });

  // Last: it leaves the server restarted by hand.
  test('a server that keeps crashing is left stopped, says so, and its "Restart Server" button brings it back', async () => {
    const scope = dirname(workspace);
    const first = serverPids(scope);
    assert.equal(first.length, 1, `one language server running (${first.join(', ')})`);
    // Four restarts in three minutes are allowed: the fifth crash is not restarted.
    let pid = first[0];
    for (let crash = 1; crash <= 4; crash++) {
      process.kill(pid, 'SIGKILL');
      pid = await newServer(scope, [pid], 60_000);
      assert.ok(pid, `restarted after crash ${crash}`);
    }
    process.kill(pid, 'SIGKILL');
    // The notification centre lists every notification, whether or not its toast is still up when the test looks.
    assert.equal(await newServer(scope, [pid], 3_000), undefined, 'no restart past the budget');
    await runCommand(page, 'Notifications: Show Notifications');
    const message = page.locator('.notifications-center .notification-list-item', {
      hasText: 'the language server crashed 5 times in 3 minutes and was not restarted',
    });
    await message.waitFor({ state: 'visible', timeout: 30_000 });
    await page.screenshot({ path: join(resultsDir, 'crash-budget.png') });
    // One message, not the library's errors about requests the dead server left pending.
    const pending = page.locator('.notifications-center .notification-list-item', { hasText: 'Pending response rejected' });
    assert.equal(await pending.count(), 0, 'no "Pending response rejected" notifications');
    await message.locator('.monaco-button', { hasText: 'Restart Server' }).click();
    assert.ok(await newServer(scope, [pid], 60_000), 'a server after "Restart Server"');
    await runCommand(page, 'Hindsight: Group by Severity');
    await row(page, 'Critical');
  });

  for (const f of readdirSync(resultsDir)) if (/^ui-failure-\d+\.png$/.test(f)) rmSync(join(resultsDir, f));
  return runPlaywrightTests('UI (Playwright)', tests, { page, resultsDir, prefix: 'ui', verbose });
}
