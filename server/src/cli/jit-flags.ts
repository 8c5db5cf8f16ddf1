// Imported first by the CLI's entry, so it runs before the rest of the bundle: a CLI run is a short batch job
// over a large bundle, and with V8's default tiering ~45% of a cold scan's CPU went to optimising functions on
// background threads (TurboFan), many of them optimised several times over after deoptimising. A larger interrupt
// budget makes V8 wait for more executions before optimising a function: fewer, better-informed optimisations,
// and the same code. V8 flags are process-wide, so the scan workers share it. The language server (`hindsight
// lsp`) is a long-lived process and keeps V8's defaults.
import { setFlagsFromString } from 'node:v8';

/** V8's default is 67,584 (bytes of bytecode executed between tiering checks); see docs/performance.md. */
export const CLI_INTERRUPT_BUDGET = 800_000;

if (process.argv[2] !== 'lsp' && !process.execArgv.some((a) => a.startsWith('--interrupt-budget'))) {
  setFlagsFromString(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
}
