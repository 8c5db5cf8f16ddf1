// Reading files from git history without touching the working tree or the index. Only plumbing commands that read
// objects are used (rev-parse, ls-tree, cat-file), always through execFile/spawn without a shell, and with the
// repository's fsmonitor hook disabled: a cloned repository must not be able to run code through its git config.
import { execFile, spawn } from 'node:child_process';

const BASE_ARGS = ['-c', 'core.fsmonitor=false'];
const ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };

export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr = '',
  ) {
    super(message);
    this.name = 'GitError';
  }
}

function git(cwd: string, args: string[], maxBuffer = 256 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', [...BASE_ARGS, ...args], { cwd, env: ENV, encoding: 'buffer', maxBuffer, windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        const text = stderr.toString('utf8').trim();
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') reject(new GitError('git is not installed or not on PATH'));
        else reject(new GitError(text || err.message, text));
      } else resolve(stdout);
    });
  });
}

export interface RepoLocation {
  /** Absolute top-level folder of the repository. */
  top: string;
  /** The workspace folder relative to `top`, '' or ending in '/'. */
  prefix: string;
}

export async function locateRepo(cwd: string): Promise<RepoLocation> {
  try {
    const out = (await git(cwd, ['rev-parse', '--show-toplevel', '--show-prefix'])).toString('utf8').split('\n');
    return { top: out[0], prefix: out[1] ?? '' };
  } catch (err) {
    throw new GitError(`${cwd} is not inside a git repository (${(err as Error).message})`);
  }
}

/** Full commit id of a commit, tag or other revision; rejects option-like revisions. */
export async function resolveCommit(cwd: string, rev: string): Promise<string> {
  if (!rev || rev.startsWith('-')) throw new GitError(`"${rev}" is not a git revision`);
  try {
    return (await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])).toString('utf8').trim();
  } catch {
    throw new GitError(`"${rev}" is not a commit or tag in this clone (a shallow CI checkout needs fetch-depth: 0 and tags)`);
  }
}

export interface TreeFile {
  /** Path relative to the repository top, `/` separated. */
  path: string;
  blob: string;
}

/** Regular files of a commit's tree (symlinks and submodules are skipped: their content is not source here). */
export async function listTree(cwd: string, commit: string): Promise<TreeFile[]> {
  const out = (await git(cwd, ['ls-tree', '-r', '-z', '--full-tree', commit])).toString('utf8');
  const files: TreeFile[] = [];
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, blob] = record.slice(0, tab).split(' ');
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755')) continue;
    files.push({ path: record.slice(tab + 1), blob });
  }
  return files;
}

/**
 * Contents of many blobs through one `git cat-file --batch` process: the raw object, never passed through the
 * repository's smudge or textconv filters (which could run programs).
 */
export function readBlobs(cwd: string, blobs: string[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (!blobs.length) return Promise.resolve(result);
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...BASE_ARGS, 'cat-file', '--batch'], { cwd, env: ENV, windowsHide: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', (err) => reject(new GitError(`cannot run git: ${err.message}`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new GitError(`git cat-file failed: ${stderr.trim()}`, stderr));
      const out = Buffer.concat(chunks);
      let pos = 0;
      for (const blob of blobs) {
        const nl = out.indexOf(10, pos);
        if (nl < 0) return reject(new GitError('git cat-file: truncated output'));
        const header = out.subarray(pos, nl).toString('utf8').split(' ');
        if (header[1] === 'missing') return reject(new GitError(`git object ${blob} is missing`));
        const size = Number(header[2]);
        result.set(blob, out.subarray(nl + 1, nl + 1 + size).toString('utf8'));
        pos = nl + 1 + size + 1;
      }
      resolve(result);
    });
    child.stdin.on('error', () => {
      // git exited early; the close handler reports why
    });
    child.stdin.end(blobs.join('\n') + '\n');
  });
}

export async function configValue(cwd: string, key: string): Promise<string | undefined> {
  try {
    const v = (await git(cwd, ['config', '--get', key])).toString('utf8').trim();
    return v || undefined;
  } catch {
    return undefined;
  }
}

export async function headCommit(cwd: string): Promise<string | undefined> {
  try {
    return (await git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD'])).toString('utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface ChangedFile {
  /** Path relative to the repository top, `/` separated (the new path of a rename). */
  path: string;
  status: 'added' | 'modified' | 'renamed';
  /** Changed lines on the working tree's side, 1-based inclusive ranges; absent for added and renamed files. */
  lines?: Array<[number, number]>;
}

// Never an external diff program or textconv filter: the repository's config could make them run code.
const DIFF_ARGS = ['--no-ext-diff', '--no-textconv', '--no-color', '--ignore-submodules'];

/**
 * The files that differ between `commit` and the working tree (committed or not), and untracked files, with the
 * changed line ranges of modified files. Renames are detected (-M), so a moved file is one change.
 */
export async function changedSince(cwd: string, commit: string): Promise<ChangedFile[]> {
  const names = (await git(cwd, ['diff', ...DIFF_ARGS, '--name-status', '-z', '-M', commit, '--'])).toString('utf8').split('\0');
  const out = new Map<string, ChangedFile>();
  for (let i = 0; i < names.length && names[i]; ) {
    const code = names[i];
    if (code.startsWith('R') || code.startsWith('C')) {
      out.set(names[i + 2], { path: names[i + 2], status: 'renamed' });
      i += 3;
    } else {
      if (code === 'A') out.set(names[i + 1], { path: names[i + 1], status: 'added' });
      else if (code !== 'D') out.set(names[i + 1], { path: names[i + 1], status: 'modified' });
      i += 2;
    }
  }
  const untracked = (await git(cwd, ['ls-files', '--others', '--exclude-standard', '-z', '--full-name'])).toString('utf8').split('\0').filter(Boolean);
  for (const p of untracked) out.set(p, { path: p, status: 'added' });
  const top = (await git(cwd, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
  const modified = [...out.values()].filter((f) => f.status === 'modified');
  if (modified.length) {
    const diff = (await git(top, ['diff', ...DIFF_ARGS, '-U0', commit, '--', ...modified.map((f) => `:(top,literal)${f.path}`)])).toString('utf8');
    let current: ChangedFile | undefined;
    for (const line of diff.split('\n')) {
      if (line.startsWith('+++ ')) {
        const p = line.slice(4);
        current = out.get(p.startsWith('b/') ? p.slice(2) : p);
        if (current) current.lines = [];
        continue;
      }
      const hunk = line.match(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/);
      if (hunk && current?.lines) {
        const start = Number(hunk[1]);
        const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
        // A pure deletion (count 0) touches the line after which it happened.
        current.lines.push(count === 0 ? [Math.max(1, start), Math.max(1, start)] : [start, start + count - 1]);
      }
    }
  }
  return [...out.values()];
}
