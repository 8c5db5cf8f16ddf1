// The file system as the semantic model's host, for scans of files on disk (the CLI, the server's closed files):
// one SemanticProject per project root, its imports resolved with the root's remappings (remappings.ts), so an
// imported base's modifiers and helpers are known when a file is matched. A project root is the nearest folder
// above a file that says it is one (foundry.toml, remappings.txt, a Hardhat or Truffle config, package.json, .git);
// for a file inside node_modules, the folder that holds node_modules; without either, one project for them all.
// Files are read once per run: nothing here notices a change on disk, which is what a CLI run wants; the server
// gives each workspace scan a fresh instance, with the editor's unsaved text of open documents as an overlay that
// wins over the disk (what an import reads and what its hash is), so closed files see what open ones see.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseSource, type ParsedSource } from '../engine/parse';
import { normalizePath, SemanticProject } from '../engine/semantics';
import { forgetSummaries, type SemanticContext } from '../engine/semantics/facts';
import { readBuildSettings } from './build-settings';
import { readImportSettings } from './remappings';

const MARKERS = ['foundry.toml', 'remappings.txt', 'hardhat.config.js', 'hardhat.config.ts', 'truffle-config.js', 'package.json', '.git'];

/** Files larger than this are not read as imports (flattened or generated code). */
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export class DiskProjects {
  private readonly projects = new Map<string, SemanticProject>();
  private readonly roots = new Map<string, string>();
  private readonly hashes = new Map<string, string | null>();
  /** Files the projects hold (read as imports, or matched here), least recently used first, with their project. */
  private readonly held = new Map<string, SemanticProject>();

  /**
   * `overlay`: texts by normalized path that win over the files on disk (the editor's open documents).
   * `maxFiles`: past this many files held, the least recently used are let go after each file (`settle`).
   */
  constructor(
    private readonly overlay: ReadonlyMap<string, string> = new Map(),
    private readonly maxFiles = Number.POSITIVE_INFINITY,
  ) {}

  /** Files read from the host so far (each is parsed): what letting files go costs (test/bench/scan-projects.ts). */
  reads = 0;

  /** How many files the projects hold, with their parses and models: what their memory grows with. */
  get size(): number {
    return this.held.size;
  }

  /** Where `file` sits: its project, and the parse to match (the project's own when it read the same text). */
  contextFor(file: string, text: string): { semantic: SemanticContext; parsed: ParsedSource } {
    const path = normalizePath(resolve(file));
    const project = this.projectOf(this.rootOf(dirname(path)));
    this.touch(path, project);
    // The text just read for the scan is what the project would read from disk for `path` now: it is handed over
    // instead of read a second time, unless the project would not read it (over its import limit) or the editor's
    // text wins.
    if (!this.overlay.has(path) && withinImportLimit(text)) this.handed.set(path, text);
    const known = project.parsed(path);
    this.handed.delete(path);
    const parsed = known && known.text === text ? known : parseSource(text);
    return { semantic: { project, path }, parsed };
  }

  /**
   * `file` was analysed, drawing on `used`: they become the most recently used, and the least recently used
   * files past `maxFiles` are let go (their trees, models and summaries; read and parsed again if needed). Files
   * are matched one at a time, so nothing being analysed is let go.
   */
  settle(file: string, used: readonly string[] = []): void {
    for (const p of [normalizePath(resolve(file)), ...used]) {
      const project = this.held.get(p);
      if (project) this.touch(p, project);
    }
    for (const [p, project] of this.held) {
      if (this.held.size <= this.maxFiles) break;
      this.held.delete(p);
      project.evict(p);
      forgetSummaries(project, p);
    }
  }

  private touch(path: string, project: SemanticProject): void {
    this.held.delete(path);
    this.held.set(path, project);
  }

  /** The SHA-256 of a file's text as this run reads it; null when it cannot be read. Read once per run. */
  hashOf(path: string): string | null {
    let h = this.hashes.get(path);
    if (h === undefined) {
      const text = this.read(path);
      h = text === undefined ? null : createHash('sha256').update(text).digest('hex');
      this.hashes.set(path, h);
    }
    return h;
  }

  private projectOf(root: string): SemanticProject {
    let p = this.projects.get(root);
    if (!p) {
      let remappings: ReturnType<typeof readImportSettings>['remappings'] = [];
      try {
        remappings = readImportSettings(root).remappings;
      } catch {
        remappings = [];
      }
      const settings = readBuildSettings(root);
      const readFile = (path: string) => {
        this.touch(path, project);
        this.reads++;
        return this.read(path);
      };
      const exists = (path: string) => this.overlay.has(path) || isFile(path);
      const project: SemanticProject = new SemanticProject({ host: { readFile, exists }, root, remappings, settings });
      p = project;
      this.projects.set(root, p);
    }
    return p;
  }

  /** The text `contextFor` was given for a file, while the project may read it (see there). */
  private readonly handed = new Map<string, string>();

  private read(path: string): string | undefined {
    return this.overlay.get(path) ?? this.handed.get(path) ?? readText(path);
  }

  private rootOf(dir: string): string {
    const known = this.roots.get(dir);
    if (known) return known;
    // A package inside node_modules imports its siblings: the project is the folder that holds node_modules.
    const nm = dir.indexOf('/node_modules/');
    if (nm > 0) {
      this.roots.set(dir, dir.slice(0, nm));
      return dir.slice(0, nm);
    }
    const root = this.markedRoot(dir);
    this.roots.set(dir, root);
    return root;
  }

  /** The folders' nearest marked folders: each folder's markers are looked for once, not once per folder below. */
  private readonly marked = new Map<string, string>();

  /**
   * The nearest folder at or above `dir` with a marker. No marker anywhere above: one project for all such files
   * (relative imports need no root), so files that import each other share their parses instead of each folder
   * reading them again.
   */
  private markedRoot(dir: string): string {
    let root = this.marked.get(dir);
    if (root === undefined) {
      const parent = dirname(dir);
      root = MARKERS.some((m) => exists(join(dir, m))) ? dir : parent === dir ? '/' : this.markedRoot(parent);
      this.marked.set(dir, root);
    }
    return root;
  }
}

// `throwIfNoEntry: false`: most paths asked about do not exist (markers, remapping candidates), and a throw
// builds an Error with its stack for each.

function readText(path: string): string | undefined {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat || stat.size > MAX_IMPORT_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Whether a text read from a file is within the import limit in UTF-8 bytes: then the file was too, since a text
 * is never shorter in UTF-8 than the file it was decoded from (an invalid sequence of up to 3 bytes becomes
 * U+FFFD, 3 bytes).
 */
function withinImportLimit(text: string): boolean {
  return text.length * 3 <= MAX_IMPORT_BYTES || Buffer.byteLength(text, 'utf8') <= MAX_IMPORT_BYTES;
}
