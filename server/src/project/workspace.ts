// Workspace folders, which folder a file belongs to, excludes, and the walk that finds every .sol file.
import * as path from 'node:path';
import fg from 'fast-glob';
import { globTest } from '../shared/safe-glob';
import { URI } from 'vscode-uri';

export interface Folder {
  uri: string;
  /** File-system path, without trailing separator. */
  path: string;
  name: string;
}

/**
 * Never walked: dependencies and VCS data. `lib/` only at a folder's root, where Foundry and dapptools keep
 * installed dependencies; a `contracts/lib/` folder is the user's own code.
 */
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**', 'lib/**'];

export function uriToPath(uri: string): string | null {
  try {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? u.fsPath : null;
  } catch {
    return null;
  }
}

export function pathToUri(p: string): string {
  return URI.file(p).toString();
}

/** Keeps URIs comparable: clients differ in how they escape (`c%3A` vs `c:`), so normalise through vscode-uri. */
export function normalizeUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

export class Folders {
  private list: Folder[] = [];

  set(folders: Array<{ uri: string; name?: string }>): void {
    const out: Folder[] = [];
    for (const f of folders) {
      const p = uriToPath(f.uri);
      if (!p) continue;
      out.push({ uri: normalizeUri(f.uri), path: stripSep(p), name: f.name ?? path.basename(p) });
    }
    // Longest first, so nested folders of a multi-root workspace own their files.
    this.list = out.sort((a, b) => b.path.length - a.path.length);
  }

  add(folders: Array<{ uri: string; name?: string }>): void {
    this.set([...this.list, ...folders]);
  }

  remove(uris: string[]): void {
    const gone = new Set(uris.map(normalizeUri));
    this.list = this.list.filter((f) => !gone.has(f.uri));
  }

  all(): readonly Folder[] {
    return this.list;
  }

  /** The workspace folder holding this file, or null for files outside every folder (and non-file URIs). */
  of(uri: string): Folder | null {
    const p = uriToPath(uri);
    if (!p) return null;
    for (const f of this.list) if (p === f.path || p.startsWith(f.path + path.sep)) return f;
    return null;
  }
}

/** Is the file matched by one of the exclude globs? Globs are relative to the folder; outside it, to nothing. */
export function isExcluded(filePath: string, folder: Folder | null, exclude: readonly string[]): boolean {
  if (exclude.length === 0) return false;
  const rel = folder ? path.relative(folder.path, filePath).split(path.sep).join('/') : filePath.split(path.sep).join('/');
  return globTest(exclude)(rel);
}

/** Would the workspace walk pick this file up? (For watcher events about files that are not open.) */
export function isScanned(filePath: string, folder: Folder | null, exclude: readonly string[]): boolean {
  if (!folder || !filePath.endsWith('.sol')) return false;
  const rel = path.relative(folder.path, filePath).split(path.sep).join('/');
  if (rel.startsWith('../') || rel.split('/').some((seg) => seg.startsWith('.'))) return false;
  return !globTest([...ALWAYS_SKIPPED, ...exclude])(rel);
}

/** Every .sol file of the folder, skipping dependencies and excluded globs. */
export async function findSolidityFiles(folder: Folder, exclude: readonly string[]): Promise<string[]> {
  const files = await fg('**/*.sol', {
    cwd: folder.path,
    absolute: true,
    onlyFiles: true,
    dot: false,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: [...ALWAYS_SKIPPED, ...exclude],
  });
  return files.map((f) => path.normalize(f)).sort();
}

function stripSep(p: string): string {
  return p.length > 1 && (p.endsWith('/') || p.endsWith('\\')) ? p.slice(0, -1) : p;
}
