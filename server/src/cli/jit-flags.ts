// Imported first by the CLI's entry, so it runs before the rest of the bundle: with V8's default tiering ~45% of a
// cold scan's CPU went to optimising functions on background threads (TurboFan), many of them optimised several
// times over after deoptimising. A larger interrupt budget makes V8 wait for more executions before optimising a
// function: fewer, better-informed optimisations, and the same code. V8 flags are process-wide, so the scan workers
// share it. `hindsight lsp` runs the language server in this process and gets the same budget as the server started
// with server-exec-argv.json (VS Code): it lowered the server's cold workspace scan by ~20% CPU and left per-keystroke
// latency as it was (docs/performance.md).
import { setFlagsFromString } from 'node:v8';

/** V8's default is 67,584 (bytes of bytecode executed between tiering checks); server-exec-argv.json has the same. */
export const INTERRUPT_BUDGET = 800_000;

if (!process.execArgv.some((a) => a.startsWith('--interrupt-budget'))) {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
