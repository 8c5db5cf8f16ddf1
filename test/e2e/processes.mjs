// Processes seen through /proc, for the tests that kill the language server (suite/z-restart.test.ts, ui.mjs).
import { readFileSync } from 'node:fs';

/** A process's state letter (`Z`: a zombie), its parent and its command line (NUL-separated); throws when gone. */
export function processInfo(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After "pid (name) ": the name may hold spaces and parentheses, so fields are counted from its last ")".
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, ppid: Number(ppid), cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8') };
}

/** Still running: a killed child stays a zombie until its parent reaps it, which needs the parent's event loop. */
export function alive(pid) {
  try {
    return processInfo(pid).state !== 'Z';
  } catch {
    return false;
  }
}
