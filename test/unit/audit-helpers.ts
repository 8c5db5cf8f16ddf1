// Shared by the audit tests: throwaway git repositories, the test pack at two versions, and the CLI run in-process.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/cli';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'audit');

export function tmp(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

export function initRepo(): string {
  const dir = tmp('hs-audit-repo-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Ada Auditor');
  git(dir, 'config', 'user.email', 'ada@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'config', 'tag.gpgsign', 'false');
  return dir;
}

export function write(dir: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

export function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

/** Installs (or updates, in place) the test pack at `version` into `<dir>/audit-lessons`. */
export function installPack(dir: string, version: '1.0.0' | '1.1.0'): string {
  const target = path.join(dir, 'audit-lessons');
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, `pack-${version}`, 'pack.yaml'), path.join(target, 'pack.yaml'));
  return target;
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function cli(cwd: string, ...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(argv, { cwd, out: (s) => (out += s), err: (s) => (err += s), colourOut: false, colourErr: false });
  return { code, out, err };
}

/** Every file under `dir` except .git, with its content: to prove a command left the tree alone. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    if (rel === '.git' || rel.startsWith(`.git${path.sep}`)) continue;
    const abs = path.join(dir, rel);
    if (fs.statSync(abs).isFile()) out[rel] = fs.readFileSync(abs, 'utf8');
  }
  return out;
}
