// Two editor windows (or a window and the CLI) updating the same committed file must not lose each other's
// entries: read-modify-write happens under a lock file created with O_EXCL next to the target. A lock whose
// owner died is taken over once it is older than `staleMs`. Plain Node, no vscode, so both sides can use it.
import { promises as fs } from 'node:fs';

export interface LockOptions {
  /** A lock file untouched for this long is considered abandoned by a crashed process. */
  staleMs?: number;
  /** Give up (and throw) after waiting this long. */
  timeoutMs?: number;
}

export async function withFileLock<T>(file: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const lock = `${file}.lock`;
  const staleMs = opts.staleMs ?? 10_000;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (let attempt = 0; ; attempt++) {
    try {
      const h = await fs.open(lock, 'wx');
      await h.writeFile(`${process.pid}\n`);
      await h.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const st = await fs.stat(lock).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > staleMs) {
        await fs.rm(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${file}: another process holds ${lock}; remove it if no Hindsight window or CLI is writing`);
      await new Promise((r) => setTimeout(r, Math.min(100, 5 + attempt * 5) * (0.5 + Math.random())));
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lock, { force: true });
  }
}
