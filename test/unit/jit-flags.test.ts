import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTERRUPT_BUDGET } from '../../server/src/cli/jit-flags';

// `hindsight lsp` (the CLI's process) and the server VS Code starts must tier code alike: the budget was measured
// for both (docs/performance.md), and a change to one should be a change to both.
test('the CLI and the server started with server-exec-argv.json share one V8 interrupt budget', () => {
  const argv: string[] = JSON.parse(readFileSync(join(__dirname, '../../server/src/shared/server-exec-argv.json'), 'utf8'));
  assert.deepEqual(
    argv.filter((a) => a.startsWith('--interrupt-budget')),
    [`--interrupt-budget=${INTERRUPT_BUDGET}`],
  );
});
