// Loaded by VS Code as `extensionTestsPath` (under @vscode/test-electron or code-server alike): runs every
// bundled *.test.js next to it with Mocha, inside the extension host. Output is also written to
// HINDSIGHT_E2E_LOG and the counts to HINDSIGHT_E2E_RESULT, because code-server's extension host has no
// terminal of its own for the runner to read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const log = process.env.HINDSIGHT_E2E_LOG;
  const resultFile = process.env.HINDSIGHT_E2E_RESULT;
  if (log) {
    // Mocha's reporters print through Base.consoleLog (console.log), which the extension host redirects.
    const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
    const original = base.consoleLog;
    base.consoleLog = (...args: unknown[]) => {
      try {
        fs.appendFileSync(log, format(...args) + '\n');
      } catch {
        // the log is a convenience
      }
      original(...args);
    };
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      try {
        fs.appendFileSync(log, chunk);
      } catch {
        // the log is a convenience
      }
      return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
  }
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 90_000, slow: 10_000, reporter: 'spec' });
  if (process.env.HINDSIGHT_E2E_GREP) mocha.grep(process.env.HINDSIGHT_E2E_GREP);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (resultFile) {
        fs.writeFileSync(resultFile, JSON.stringify({ passed: runner.stats?.passes ?? 0, failed: failures, pending: runner.stats?.pending ?? 0 }));
      }
      if (failures > 0) reject(new Error(`${failures} extension test${failures === 1 ? '' : 's'} failed`));
      else resolve();
    });
  });
}
