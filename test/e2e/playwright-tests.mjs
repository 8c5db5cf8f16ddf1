// The loop both Playwright runners (ui.mjs, restricted.mjs) use: each test in turn under a time limit, a line per
// result, a screenshot of the page when one fails. Mocha is not used here: these tests drive the browser from
// outside VS Code, and one page is shared by tests that build on each other.
import { join } from 'node:path';

const TEST_TIMEOUT_MS = 180_000;

/** Runs `tests` ({name, fn}) in order; failure screenshots are `<prefix>-failure-<n>.png` in `resultsDir`. */
export async function runPlaywrightTests(title, tests, { page, resultsDir, prefix, verbose = false }) {
  let passed = 0;
  let failed = 0;
  console.log(`\n  ${title}`);
  for (const [n, t] of tests.entries()) {
    const started = Date.now();
    try {
      await Promise.race([
        t.fn(),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT_MS} ms`)), TEST_TIMEOUT_MS).unref()),
      ]);
      passed++;
      console.log(`    ✔ ${t.name} (${Date.now() - started}ms)`);
    } catch (e) {
      failed++;
      console.log(
        `    ✖ ${t.name}\n      ${String(e?.stack ?? e)
          .split('\n')
          .slice(0, 6)
          .join('\n      ')}`,
      );
      await page.screenshot({ path: join(resultsDir, `${prefix}-failure-${n + 1}.png`) }).catch(() => {});
      if (verbose) console.log(await page.content().catch(() => ''));
    }
  }
  return { passed, failed };
}
