// A report's code link, found in the local checkout: the file whose path ends like the link's (reports link to
// the audited repository, which may sit under another folder here), read at the linked commit with git when
// that commit is in the local repository, else from the working tree with a warning. Git runs locally only
// (cat-file, show): nothing is fetched.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isCommitRef } from './code-links';
import type { CodeLink } from './types';

export interface ResolvedCode {
  link: CodeLink;
  /** Absolute path of the local file. */
  file: string;
  /** The file's text as the report saw it (at the commit when we could read it there). */
  text: string;
  /** Whether `text` is the working tree's (so a scan of the checkout finds the code at the same lines). */
  fromWorkingTree: boolean;
  startLine: number;
  endLine: number;
}

export interface Checkout {
  root: string;
  /** Solidity files under root, posix paths relative to it. */
  files: string[];
  /** The git work tree holding root, when there is one. */
  gitTop?: string;
  /** Git was not to be run (an untrusted workspace). */
  gitOff?: boolean;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hindsight', 'out', 'cache', 'artifacts']);

export function readCheckout(root: string, { git: runGit = true }: { git?: boolean } = {}): Checkout {
  const files: string[] = [];
  const walk = (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && !SKIP_DIRS.has(e.name)) walk(path.join(dir, e.name), rel ? `${rel}/${e.name}` : e.name);
      else if (e.isFile() && e.name.endsWith('.sol')) files.push(rel ? `${rel}/${e.name}` : e.name);
    }
  };
  walk(root, '');
  if (!runGit) return { root, files: files.sort(), gitOff: true };
  return { root, files: files.sort(), gitTop: git(root, ['rev-parse', '--show-toplevel'])?.trim() };
}

/** The link's code, or why it cannot be had here. `warn` receives what the user should know (moved lines). */
export function resolveLink(link: CodeLink, checkout: Checkout, warn: (message: string) => void): ResolvedCode | { error: string } {
  if (link.startLine === undefined) return { error: `${link.text} names no lines` };
  const match = matchPath(link.path, checkout.files);
  if ('error' in match) return match;
  const file = path.join(checkout.root, match.rel);
  let text: string | undefined;
  let fromWorkingTree = true;
  if (isCommitRef(link.ref) && checkout.gitTop) {
    const inRepo = path.relative(checkout.gitTop, file).split(path.sep).join('/');
    if (git(checkout.gitTop, ['cat-file', '-e', `${link.ref}^{commit}`]) === undefined)
      warn(`${link.text}: commit ${link.ref.slice(0, 12)} is not in the local repository; read ${match.rel} from the working tree (lines may have moved)`);
    else {
      text = git(checkout.gitTop, ['show', `${link.ref}:${inRepo}`]);
      if (text === undefined) warn(`${link.text}: ${inRepo} is not in commit ${link.ref.slice(0, 12)}; read the working tree instead (lines may have moved)`);
      else fromWorkingTree = sameAsWorkingTree(file, text);
    }
  } else if (isCommitRef(link.ref))
    warn(
      `${link.text}: ${checkout.gitOff ? 'git is not run in an untrusted folder' : 'not a git repository here'}; read ${match.rel} from the working tree (lines may have moved)`,
    );
  else if (link.ref) warn(`${link.text}: links to "${link.ref}", not a commit; read ${match.rel} from the working tree (lines may have moved)`);
  if (text === undefined) {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      return { error: `cannot read ${match.rel}: ${(err as Error).message}` };
    }
  }
  const lineCount = text.split('\n').length;
  if (link.startLine > lineCount) return { error: `${link.text}: line ${link.startLine} is past the end of ${match.rel} (${lineCount} lines)` };
  return { link, file, text, fromWorkingTree, startLine: link.startLine, endLine: Math.min(link.endLine ?? link.startLine, lineCount) };
}

/** The one local file whose path shares the longest tail with `linked` (at least the file name). */
export function matchPath(linked: string, files: string[]): { rel: string } | { error: string } {
  const want = linked.split('/').filter(Boolean);
  let best = 0;
  let hits: string[] = [];
  for (const f of files) {
    const have = f.split('/');
    let n = 0;
    while (n < want.length && n < have.length && want[want.length - 1 - n] === have[have.length - 1 - n]) n++;
    if (n === 0 || n < best) continue;
    if (n > best) hits = [];
    best = n;
    hits.push(f);
  }
  if (hits.length === 0) return { error: `no file here ends with ${want[want.length - 1]} (the report links ${linked})` };
  if (hits.length > 1) return { error: `${linked} could be any of ${hits.slice(0, 4).join(', ')}${hits.length > 4 ? ', …' : ''}` };
  return { rel: hits[0] };
}

function sameAsWorkingTree(file: string, text: string): boolean {
  try {
    return fs.readFileSync(file, 'utf8') === text;
  } catch {
    return false;
  }
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 16 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}
