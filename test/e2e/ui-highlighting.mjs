// UI test of Solidity highlighting as a user sees it: the TextMate grammar colours keywords, types and comments,
// and the language server's semantic tokens recolour names (an external call, tx.origin), through the scopes
// package.json maps them to. Colours are read from the editor's DOM (Monaco renders each token as a span with
// an `mtkN` class); a screenshot goes to test-results/solidity-highlighting.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
}

/** Opens a workspace file through Quick Open. */
async function openFile(page, name) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  // Without the leading `>`, the palette searches files.
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 30_000 });
}

/**
 * Every token span of the visible lines of the active editor: its line's text, its own text and computed colour.
 * Monaco writes spaces as U+00A0; they are read back as spaces.
 */
function tokenColours(page) {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor, .editor-group-container .monaco-editor');
    const out = [];
    for (const line of editor?.querySelectorAll('.view-lines .view-line') ?? []) {
      const lineText = (line.textContent ?? '').replace(/\u00a0/g, ' ');
      for (const span of line.querySelectorAll('span > span')) {
        out.push({ line: lineText, text: (span.textContent ?? '').replace(/\u00a0/g, ' '), colour: getComputedStyle(span).color, cls: span.className });
      }
    }
    return out;
  });
}

/** The colour of `word` (a whole token) on the line that contains `lineText`. */
function colourOf(tokens, lineText, word) {
  const t = tokens.find((x) => x.line.includes(lineText) && x.text.trim() === word);
  return t?.colour;
}

export function highlightingTests(test, { page, resultsDir }) {
  test('the grammar colours Solidity keywords, types and comments; semantic tokens colour names', async () => {
    await openFile(page, 'Wallet.sol');
    await page.locator('.monaco-editor .view-line', { hasText: 'contract Wallet' }).waitFor({ state: 'visible', timeout: 30_000 });
    // Semantic tokens come from the language server once it has analysed the file: an external call is
    // recoloured from a function call's colour to a control keyword's.
    let tokens = [];
    const deadline = Date.now() + 90_000;
    for (;;) {
      tokens = await tokenColours(page);
      const call = colourOf(tokens, 'token.transfer(to, amount);', 'transfer');
      const req = colourOf(tokens, 'require(tx.origin == owner', 'require');
      if (call && req && call !== req) break;
      if (Date.now() > deadline) break;
      await page.waitForTimeout(500);
    }
    const plain = colourOf(tokens, 'address public owner;', ';');
    const colours = {
      contract: colourOf(tokens, 'contract Wallet {', 'contract'),
      interface: colourOf(tokens, 'interface IERC20 {', 'interface'),
      function: colourOf(tokens, 'function pay(', 'function'),
      pragma: colourOf(tokens, 'pragma solidity', 'pragma'),
      uint256: colourOf(tokens, 'function pay(', 'uint256'),
      external: colourOf(tokens, 'function pay(', 'external'),
      comment: tokens.find((x) => x.line.startsWith('// SPDX') && x.text.includes('SPDX'))?.colour,
      string: colourOf(tokens, 'require(tx.origin == owner', '"not owner"') ?? colourOf(tokens, 'require(tx.origin == owner', 'not owner'),
      require: colourOf(tokens, 'require(tx.origin == owner', 'require'),
      transfer: colourOf(tokens, 'token.transfer(to, amount);', 'transfer'),
      origin: colourOf(tokens, 'require(tx.origin == owner', 'origin'),
      owner: colourOf(tokens, 'require(tx.origin == owner', 'owner'),
    };
    // The whole file in view, no selection, the sidebar hidden for the screenshot (and shown again).
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.press('Control+Home');
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await page.mouse.move(1300, 850);
    await page.waitForTimeout(500); // the editor takes the freed width
    await page
      .locator('.editor-group-container')
      .first()
      .screenshot({ path: join(resultsDir, 'solidity-highlighting.png') });
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    const summary = JSON.stringify({ plain, ...colours });
    console.log(`      colours: ${summary}`);
    assert.ok(plain, `the plain text colour is read: ${summary}`);
    for (const k of ['contract', 'interface', 'function', 'pragma', 'uint256', 'external', 'comment', 'string']) {
      assert.ok(colours[k], `${k} is on screen: ${summary}`);
      assert.notEqual(colours[k], plain, `${k} is coloured apart from plain text: ${summary}`);
    }
    assert.notEqual(colours.comment, colours.contract, `comments apart from keywords: ${summary}`);
    assert.notEqual(colours.uint256, colours.contract, `types apart from keywords: ${summary}`);
    // The server's semantic tokens, through package.json's semanticTokenScopes.
    assert.notEqual(colours.transfer, colours.require, `an external call apart from a builtin function: ${summary}`);
    assert.notEqual(colours.origin, colours.owner, `tx.origin apart from a state variable: ${summary}`);
  });
}
