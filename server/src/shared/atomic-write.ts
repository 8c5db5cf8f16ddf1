// User data under .hindsight/ (baselines, config, recorded findings, pack state) is committed and read by CI: a
// crash or a full disk mid-write must never leave a truncated file behind. We write a temp file in the same folder
// (rename is only atomic within one file system), fsync it, rename it over the target, then fsync the folder so
// the rename itself is durable. Caches, whose loss only costs speed, skip the two fsyncs (`durable: false`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** `mode`: the new file's permissions (default 0o644), e.g. a rewritten source file's own. */
export function writeFileAtomic(file: string, content: string, { durable = true, mode = 0o644 }: { durable?: boolean; mode?: number } = {}): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
    fs.writeFileSync(fd, content, 'utf8');
    if (durable) fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  if (durable) {
    syncDirectory(dir);
    removeOrphans(dir, path.basename(file));
  }
}

/**
 * Temp files of `base` left by a writer that was killed between writing and renaming (SIGKILL, power loss): the
 * target itself is whole, only the temp file is litter. One is removed only when the process that wrote it is gone.
 */
function removeOrphans(dir: string, base: string): void {
  const prefix = `.${base}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Best effort: Windows cannot open a directory for fsync, and some file systems refuse it. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // the rename already happened; durability of the folder entry is all we could not guarantee
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
