// Workspace folders, which folder a file belongs to, excludes, and the walk that finds every .sol file. The walk
// covers what a CLI scan of the folder covers (layout.ts): product sources, and tests, scripts and mocks only when
// asked for (`hindsight.analyzeTests`).
import * as path from 'node:path';
import fg from 'fast-glob';
import { globTest } from '../shared/safe-glob';
import { URI } from 'vscode-uri';
import { FileClassifier, findProjectRoot, type FileRole } from './layout';

export interface WalkOptions {
  /** Also tests, scripts and mocks (default false). */
  tests?: boolean;
}

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
export function isScanned(filePath: string, folder: Folder | null, exclude: readonly string[], options: WalkOptions = {}): boolean {
  if (!folder || !filePath.endsWith('.sol')) return false;
  const rel = path.relative(folder.path, filePath).split(path.sep).join('/');
  if (rel.startsWith('../') || rel.split('/').some((seg) => seg.startsWith('.'))) return false;
  return !globTest([...ALWAYS_SKIPPED, ...exclude])(rel) && walked(classifierOf(folder.path).roleOf(filePath), options);
}

/**
 * What a file is to the project around it: `source`, or a test, script, mock or dependency, whose findings the
 * editor grades down. Relative to its workspace folder; a file outside every folder, to its own project.
 */
export function fileRole(filePath: string, folder: Folder | null): FileRole {
  return classifierOf(folder?.path ?? findProjectRoot(path.dirname(filePath))).roleOf(filePath);
}

/** Every .sol file of the folder that a scan covers, skipping dependencies and excluded globs. */
export async function findSolidityFiles(folder: Folder, exclude: readonly string[], options: WalkOptions = {}): Promise<string[]> {
  const classifier = classifierOf(folder.path);
  const files = await fg('**/*.sol', {
    cwd: folder.path,
    absolute: true,
    onlyFiles: true,
    dot: false,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: [...ALWAYS_SKIPPED, ...exclude],
  });
  return files
    .map((f) => path.normalize(f))
    .filter((f) => walked(classifier.roleOf(f), options))
    .sort();
}

function walked(role: FileRole, options: WalkOptions): boolean {
  return role === 'source' || (!!options.tests && (role === 'test' || role === 'script' || role === 'mock'));
}

const CLASSIFIER_TTL_MS = 2000;
const classifiers = new Map<string, { at: number; classifier: FileClassifier }>();

/** A folder's layout, read again at most every two seconds: foundry.toml may change while the server runs. */
function classifierOf(folderPath: string): FileClassifier {
  const now = Date.now();
  const hit = classifiers.get(folderPath);
  if (hit && now - hit.at < CLASSIFIER_TTL_MS) return hit.classifier;
  const classifier = new FileClassifier(folderPath);
  if (classifiers.size > 64) classifiers.clear();
  classifiers.set(folderPath, { at: now, classifier });
  return classifier;
}

function stripSep(p: string): string {
  return p.length > 1 && (p.endsWith('/') || p.endsWith('\\')) ? p.slice(0, -1) : p;
}
