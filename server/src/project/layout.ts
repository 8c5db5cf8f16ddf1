// Which files of a project are its product: read from the project's own configuration as data (foundry.toml with
// FOUNDRY_PROFILE, remappings, Hardhat configs by a regex over their text: never executed or required), then
// file and folder names (`test/`, `*.t.sol`, `mocks/`, `*Mock*.sol` ...). Scans leave tests, scripts, mocks and
// dependencies out by default, as Aderyn and Slither do: findings in them are noise to the people who gate on
// the result, and a test that exercises a vulnerable pattern on purpose is not a bug.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { foundryProfile, readImportSettings } from './remappings';

/** `outside`: not under the sources folder the project's configuration names (e.g. a `certora/` harness). */
export type FileRole = 'source' | 'test' | 'script' | 'mock' | 'dependency' | 'outside';

export interface ProjectLayout {
  /** Absolute folder of the configuration (the folder itself when it has none). */
  root: string;
  kind: 'foundry' | 'hardhat' | 'plain';
  /** The file the layout was read from, relative to `root` (`foundry.toml`), if any. */
  configFile?: string;
  /** The foundry.toml profile read. */
  profile?: string;
  /** The product sources folder relative to `root` (`src`), when the configuration names one that exists. */
  sources?: string;
  tests: string[];
  scripts: string[];
  /** Dependency folders relative to `root`: libs, Soldeer's dependencies/, node_modules, remapping targets. */
  dependencies: string[];
}

const HARDHAT_CONFIGS = ['hardhat.config.ts', 'hardhat.config.js', 'hardhat.config.cjs', 'hardhat.config.mjs', 'hardhat.config.cts', 'hardhat.config.mts'];
const TEST_DIRS = new Set(['test', 'tests']);
const SCRIPT_DIRS = new Set(['script', 'scripts']);
const MOCK_DIRS = new Set(['mock', 'mocks']);
const DEPENDENCY_DIRS = new Set(['lib', 'dependencies']);

/**
 * The folder whose configuration governs `dir`: the nearest one, itself included, with a foundry.toml, a
 * Hardhat config or a package.json (an npm package such as node_modules/solmate is a project of its own),
 * stopping at a repository top; `dir` itself when none is found.
 */
export function findProjectRoot(dir: string): string {
  const start = resolve(dir);
  for (let d = start; ; d = dirname(d)) {
    if (existsSync(join(d, 'foundry.toml')) || HARDHAT_CONFIGS.some((c) => existsSync(join(d, c))) || existsSync(join(d, 'package.json'))) return d;
    if (existsSync(join(d, '.git')) || dirname(d) === d) return start;
  }
}

export function readLayout(root: string): ProjectLayout {
  const abs = resolve(root);
  const foundryToml = join(abs, 'foundry.toml');
  const hardhat = HARDHAT_CONFIGS.find((c) => existsSync(join(abs, c)));
  let layout: ProjectLayout;
  if (existsSync(foundryToml)) {
    const p = foundryProfile(readText(foundryToml));
    layout = {
      root: abs,
      kind: 'foundry',
      configFile: 'foundry.toml',
      profile: p.profile,
      sources: p.src ?? 'src',
      tests: [p.test ?? 'test'],
      scripts: [p.script ?? 'script'],
      dependencies: [...(p.libs.length ? p.libs : ['lib']), 'dependencies', 'node_modules'],
    };
  } else if (hardhat) {
    const paths = hardhatPaths(readText(join(abs, hardhat)));
    layout = {
      root: abs,
      kind: 'hardhat',
      configFile: hardhat,
      sources: paths.sources ?? 'contracts',
      tests: [paths.tests ?? 'test'],
      scripts: ['scripts', 'script'],
      dependencies: ['node_modules', 'lib', 'dependencies'],
    };
  } else {
    layout = { root: abs, kind: 'plain', tests: [], scripts: [], dependencies: ['node_modules', 'lib', 'dependencies'] };
  }
  const norm = (f: string) => cleanFolder(f);
  layout.tests = unique(layout.tests.map(norm).filter(Boolean));
  layout.scripts = unique(layout.scripts.map(norm).filter(Boolean));
  layout.sources = layout.sources === undefined ? undefined : norm(layout.sources);
  if (layout.sources !== undefined && (layout.sources === '' || layout.sources.startsWith('../') || !isDir(join(abs, layout.sources))))
    layout.sources = undefined;
  layout.dependencies = unique([...layout.dependencies, ...remappedDependencies(abs, layout)].map(norm).filter(Boolean));
  return layout;
}

/**
 * `paths.sources` and `paths.tests` of a Hardhat config, when they are plain string literals inside a `paths`
 * object. The config is a program: anything computed is missed on purpose, and Hardhat's defaults apply.
 */
export function hardhatPaths(text: string): { sources?: string; tests?: string } {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/[^\n]*/g, '$1');
  const start = /\bpaths\s*:\s*\{/.exec(code);
  if (!start) return {};
  let depth = 0;
  let end = code.length;
  for (let i = start.index + start[0].length - 1; i < code.length; i++) {
    if (code[i] === '{') depth++;
    else if (code[i] === '}' && --depth === 0) {
      end = i;
      break;
    }
  }
  const block = code.slice(start.index + start[0].length, end);
  // Only the object's own keys: nested objects (Hardhat 3's `tests: { solidity: ... }`) are blanked out first.
  const flat = blankNested(block);
  const value = (key: string) => new RegExp(`(?:^|[\\s,{])['"]?${key}['"]?\\s*:\\s*(['"\`])([^'"\`\\n]+)\\1`).exec(flat)?.[2];
  return { sources: value('sources'), tests: value('tests') };
}

/** Classifies the files of a scan of `named` (a folder the user named, or a workspace folder). */
export class FileClassifier {
  readonly layout: ProjectLayout;
  private readonly named: string;
  /** The named folder relative to the project root ('' for the root itself). */
  private readonly namedRel: string;
  /** Roles the named folder has itself: naming `test/` or `src/test` asks for what is in it. */
  private readonly namedRoles: ReadonlySet<FileRole>;
  private readonly restrictToSources: boolean;

  constructor(named: string, layout?: ProjectLayout) {
    this.named = resolve(named);
    this.layout = layout ?? readLayout(findProjectRoot(this.named));
    this.namedRel = toPosix(relative(this.layout.root, this.named));
    const roles = new Set<FileRole>();
    if (this.namedRel && !this.namedRel.startsWith('../')) {
      const own = this.configuredRole(`${this.namedRel}/x.sol`) ?? genericRole(`${this.namedRel}/x.sol`, () => false);
      if (own) roles.add(own);
    }
    this.namedRoles = roles;
    const src = this.layout.sources;
    this.restrictToSources = src !== undefined && (this.namedRel === '' || under(src, this.namedRel));
  }

  /** The role of a file found under the named folder; `source` for what a default scan covers. */
  roleOf(file: string): FileRole {
    const relRoot = toPosix(relative(this.layout.root, file));
    const relNamed = toPosix(relative(this.named, file));
    let role: FileRole =
      (relRoot.startsWith('../') ? undefined : this.configuredRole(relRoot)) ?? genericRole(relNamed, (dir) => this.isFoundryDir(dir)) ?? 'source';
    if (role === 'source' && this.restrictToSources && !under(relRoot, this.layout.sources!)) role = 'outside';
    return this.namedRoles.has(role) ? 'source' : role;
  }

  /** What the project's configuration says about a path relative to its root. */
  private configuredRole(relRoot: string): FileRole | undefined {
    const l = this.layout;
    if (l.dependencies.some((d) => under(relRoot, d))) return 'dependency';
    if (l.sources !== undefined && under(relRoot, l.sources)) return undefined;
    if (l.tests.some((d) => under(relRoot, d))) return 'test';
    if (l.scripts.some((d) => under(relRoot, d))) return 'script';
    return undefined;
  }

  private isFoundryDir(relDir: string): boolean {
    return relDir === '' || existsSync(join(this.named, relDir, 'foundry.toml'));
  }
}

/**
 * What file and folder names say, for a path below the named folder. `lib/` and `dependencies/` are Foundry's
 * and Soldeer's dependency folders only at the named folder or next to a foundry.toml: `contracts/lib/` is code.
 */
function genericRole(rel: string, isProjectDir: (relDir: string) => boolean): FileRole | undefined {
  const segs = rel.split('/');
  const name = segs.pop() ?? '';
  for (let i = 0; i < segs.length; i++) {
    if (segs[i] === 'node_modules') return 'dependency';
    if (DEPENDENCY_DIRS.has(segs[i]) && isProjectDir(segs.slice(0, i).join('/'))) return 'dependency';
  }
  if (/\.t\.sol$/i.test(name) || segs.some((s) => TEST_DIRS.has(s.toLowerCase()))) return 'test';
  if (/\.s\.sol$/i.test(name) || segs.some((s) => SCRIPT_DIRS.has(s.toLowerCase()))) return 'script';
  if (segs.some((s) => MOCK_DIRS.has(s.toLowerCase())) || /Mock|^mock/.test(name)) return 'mock';
  return undefined;
}

/** Folders that the project's remappings point into and that are not its own sources, tests or scripts. */
function remappedDependencies(root: string, layout: ProjectLayout): string[] {
  let targets: string[];
  try {
    targets = readImportSettings(root).remappings.map((r) => r.target);
  } catch {
    return [];
  }
  const own = [layout.sources, ...layout.tests, ...layout.scripts].filter((x): x is string => x !== undefined);
  return targets
    .map(cleanFolder)
    .filter((t) => t && !t.startsWith('../') && !t.startsWith('/') && !/^[a-zA-Z]:/.test(t))
    .filter((t) => !own.some((o) => under(t, o) || under(o, t)));
}

function blankNested(block: string): string {
  let depth = 0;
  let out = '';
  for (const ch of block) {
    if (ch === '{' || ch === '[') depth++;
    out += depth > 0 ? ' ' : ch;
    if ((ch === '}' || ch === ']') && depth > 0) depth--;
  }
  return out;
}

/** `./src/` → `src`; `.` → ''. */
function cleanFolder(f: string): string {
  return toPosix(f.trim())
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '')
    .replace(/^\.$/, '');
}

/** Is `path` the folder `dir` or inside it? ('' is the root, which holds everything.) */
function under(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
