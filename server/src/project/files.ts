// Which Solidity files a scan covers. Folders are walked for *.sol, honouring every .gitignore on the way (each
// relative to its own folder, like git) and --include / --exclude globs; then the project's layout (layout.ts)
// leaves out tests, scripts, mocks, dependencies and files outside its sources folder unless asked for, and
// says how many. Files named explicitly on the command line are always scanned.
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { globTest } from '../shared/safe-glob';
import { FileClassifier, type FileRole } from './layout';

export interface FileSelection {
  include?: string[];
  exclude?: string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Also walk dependencies: Foundry lib/, Soldeer dependencies/, node_modules (default false). */
  dependencies?: boolean;
  /** Also scan tests, scripts and mocks (default false). */
  tests?: boolean;
  cwd?: string;
}

/** What the defaults left out of the walk, for the one line that says so. */
export interface LeftOut {
  test: number;
  script: number;
  mock: number;
  dependency: number;
  outside: number;
  /** Sources folders that restricted a walk, as `src/ of foundry.toml`, when files outside them were left out. */
  sourceFolders: string[];
}

export interface CollectedFiles {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Paths given that do not exist. */
  missing: string[];
  leftOut: LeftOut;
}

const ALWAYS_SKIPPED = ['**/.git/**'];
const DEPENDENCY_DIRS = ['**/node_modules/**'];
const TEST_ROLES: ReadonlySet<FileRole> = new Set(['test', 'script', 'mock']);

export function collectFiles(paths: string[], options: FileSelection = {}): CollectedFiles {
  const cwd = options.cwd ?? process.cwd();
  const useGitignore = options.gitignore ?? true;
  const include = globMatcher(options.include);
  const exclude = globMatcher(options.exclude);
  const gitignores = new GitignoreStack();
  const found = new Set<string>();
  const missing: string[] = [];
  const leftOut: LeftOut = { test: 0, script: 0, mock: 0, dependency: 0, outside: 0, sourceFolders: [] };

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
    const classifier = new FileClassifier(abs);
    let outside = 0;
    for (const f of entries) {
      const file = resolve(f);
      if (useGitignore && gitignores.ignores(file, abs)) continue;
      const relRoot = toPosix(relative(abs, file));
      const relCwd = toPosix(relative(cwd, file));
      if (include && !include(relRoot) && !include(relCwd)) continue;
      if (exclude && (exclude(relRoot) || exclude(relCwd))) continue;
      const role = classifier.roleOf(file);
      if (role === 'outside') outside++;
      if ((role === 'dependency' && !options.dependencies) || (TEST_ROLES.has(role) && !options.tests) || role === 'outside') {
        if (!found.has(file)) leftOut[role as Exclude<FileRole, 'source'>]++;
        continue;
      }
      found.add(file);
    }
    const { sources, configFile } = classifier.layout;
    if (outside && sources !== undefined)
      leftOut.sourceFolders.push(`${toPosix(relative(cwd, join(classifier.layout.root, sources))) || '.'}/ of ${configFile}`);
  }
  return { files: [...found].sort(), missing, leftOut };
}

/**
 * The one line saying what the defaults left out and how to scan it, or undefined when nothing was. For the
 * CLI's standard error; `configFile` names the workspace configuration that can ask for the same.
 */
export function describeLeftOut(leftOut: LeftOut, configFile = '.hindsight/config.yaml'): string | undefined {
  const parts: string[] = [];
  const keys: string[] = [];
  const kinds = (['test', 'script', 'mock'] as const).filter((k) => leftOut[k] > 0);
  const testCount = kinds.reduce((n, k) => n + leftOut[k], 0);
  if (testCount) {
    parts.push(`${testCount} ${listWords(kinds)} file${testCount === 1 ? '' : 's'} (--include-tests)`);
    keys.push('tests: true');
  }
  if (leftOut.dependency) {
    parts.push(`${leftOut.dependency} dependency file${leftOut.dependency === 1 ? '' : 's'} (--include-deps)`);
    keys.push('dependencies: true');
  }
  if (leftOut.outside) {
    const where = [...new Set(leftOut.sourceFolders)].join(', ');
    parts.push(`${leftOut.outside} file${leftOut.outside === 1 ? '' : 's'} outside the sources folder ${where} (name a folder to scan it)`);
  }
  if (!parts.length) return undefined;
  const config = keys.length ? `; or in ${configFile}: scan: { ${keys.join(', ')} }` : '';
  return `left out ${listWords(parts)}${config}`;
}

function listWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
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
