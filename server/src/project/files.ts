// Which Solidity files a scan covers. Folders are walked for *.sol, skipping node_modules, .git and Foundry's
// lib/ (dependencies, not your code), honouring every .gitignore on the way (each relative to its own folder,
// like git), then --include / --exclude globs. Files named explicitly on the command line are always scanned.
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { globTest } from '../shared/safe-glob';

export interface FileSelection {
  include?: string[];
  exclude?: string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Also walk Foundry lib/ and node_modules (default false). */
  dependencies?: boolean;
  cwd?: string;
}

export interface CollectedFiles {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Paths given that do not exist. */
  missing: string[];
}

const ALWAYS_SKIPPED = ['**/.git/**'];
const DEPENDENCY_DIRS = ['**/node_modules/**'];

export function collectFiles(paths: string[], options: FileSelection = {}): CollectedFiles {
  const cwd = options.cwd ?? process.cwd();
  const useGitignore = options.gitignore ?? true;
  const include = globMatcher(options.include);
  const exclude = globMatcher(options.exclude);
  const gitignores = new GitignoreStack();
  const found = new Set<string>();
  const missing: string[] = [];

  for (const p of paths) {
    const abs = resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      missing.push(p);
      continue;
    }
    if (!isDir) {
      found.add(abs);
      continue;
    }
    const entries = fg.sync('**/*.sol', {
      cwd: abs,
      absolute: true,
      dot: false,
      onlyFiles: true,
      followSymbolicLinks: false,
      suppressErrors: true,
      ignore: options.dependencies ? ALWAYS_SKIPPED : [...ALWAYS_SKIPPED, ...DEPENDENCY_DIRS],
    });
    for (const f of entries) {
      const file = resolve(f);
      if (!options.dependencies && inFoundryLib(file, abs)) continue;
      if (useGitignore && gitignores.ignores(file, abs)) continue;
      const relRoot = toPosix(relative(abs, file));
      const relCwd = toPosix(relative(cwd, file));
      if (include && !include(relRoot) && !include(relCwd)) continue;
      if (exclude && (exclude(relRoot) || exclude(relCwd))) continue;
      found.add(file);
    }
  }
  return { files: [...found].sort(), missing };
}

/**
 * Globs as in .gitignore: one without a slash (`*.t.sol`) matches a file name anywhere, one with a slash
 * (`test/**`) matches the path. (picomatch's own `basename` option would apply to every pattern.)
 */
function globMatcher(globs: string[] | undefined): ((path: string) => boolean) | undefined {
  if (!globs?.length) return undefined;
  const names = globs.filter((g) => !g.includes('/'));
  const paths = globs.filter((g) => g.includes('/')).map((g) => g.replace(/^\.\//, ''));
  const byName = names.length ? globTest(names) : undefined;
  const byPath = paths.length ? globTest(paths) : undefined;
  return (p) => Boolean(byName?.(p.slice(p.lastIndexOf('/') + 1)) || byPath?.(p));
}

/** A file under a `lib/` folder that sits at the scan root or next to a foundry.toml: a Foundry dependency. */
function inFoundryLib(file: string, root: string): boolean {
  const rel = relative(root, file).split(sep);
  let dir = root;
  for (let i = 0; i < rel.length - 1; i++) {
    if (rel[i] === 'lib' && (dir === root || existsSync(join(dir, 'foundry.toml')))) return true;
    dir = join(dir, rel[i]);
  }
  return false;
}

/** Every .gitignore from the repository top (the folder holding .git, else the scan root) down to a file. */
class GitignoreStack {
  private readonly cache = new Map<string, Ignore | null>();
  private readonly tops = new Map<string, string>();

  ignores(file: string, scanRoot: string): boolean {
    const top = this.topOf(scanRoot);
    const dirs: string[] = [];
    for (let d = dirname(file); ; d = dirname(d)) {
      dirs.push(d);
      if (d === top || dirname(d) === d) break;
    }
    for (const d of dirs.reverse()) {
      const ig = this.load(d);
      if (ig?.ignores(toPosix(relative(d, file)))) return true;
    }
    return false;
  }

  /**
   * Where .gitignore files start to count for a scan root: the repository top, unless the root itself is
   * ignored there (`hindsight scan node_modules/@openzeppelin/contracts`): a folder named on the command line
   * is scanned, with only the .gitignore files inside it applying.
   */
  private topOf(root: string): string {
    let top = this.tops.get(root);
    if (top) return top;
    top = root;
    for (let d = root; ; d = dirname(d)) {
      if (existsSync(join(d, '.git'))) {
        top = d;
        break;
      }
      if (dirname(d) === d) break;
    }
    for (let d = dirname(root); top !== root; d = dirname(d)) {
      const ig = this.load(d);
      if (ig?.ignores(toPosix(relative(d, root)) + '/')) top = root;
      if (d === top || dirname(d) === d) break;
    }
    this.tops.set(root, top);
    return top;
  }

  private load(dir: string): Ignore | null {
    if (this.cache.has(dir)) return this.cache.get(dir)!;
    let ig: Ignore | null = null;
    try {
      ig = ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8'));
    } catch {
      ig = null;
    }
    this.cache.set(dir, ig);
    return ig;
  }
}

export function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
