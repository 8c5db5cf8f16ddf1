// The top folder of the repository a command runs in: what GitHub code scanning resolves `%SRCROOT%` to and what
// workflow annotations are relative to. Found by the `.git` entry (a folder, or a file in worktrees and
// submodules), without running git: a CI image may not have it.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest folder at or above `dir` holding `.git`; `dir` itself when there is none. */
export function repositoryRoot(dir: string): string {
  const start = resolve(dir);
  for (let d = start; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return start;
  }
}
