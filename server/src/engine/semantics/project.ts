// The files a semantic model reads, and what is known about each: its parse, declaration table, binder and
// resolution, each built on first use. Files come from the host (the engine does no I/O) or from the editor
// (`update`), are parsed once per text (incrementally from the previous parse), and a change to one drops
// only what depends on it: its own derived data and that of the files that import it, directly or not; an edit
// inside one body drops nothing but that body's answers (incremental.ts).
import type { Node } from '../pattern/ast';
import { parseSource, type ParsedSource } from '../parse';
import { Binder, type ProjectAccess } from './binder';
import type { FileResolution } from './context';
import { normalizePath, parseRemappings, resolveImportPath, type Remapping, type SourceHost } from './imports';
import { resolveFile } from './resolve';
import { carryOver, editSpan, type FileChange } from './incremental';
import { buildFileSymbols, type FileSymbols } from './symbols';
import { SemanticModel } from './model';
import type { ProjectSettings } from '../project-settings';

export interface SemanticProjectOptions {
  host: SourceHost;
  /** Folder that non-relative imports and relative remapping targets are taken against. */
  root?: string;
  /** Parsed remappings, or remapping lines (`@oz/=lib/openzeppelin-contracts/`). */
  remappings?: Array<Remapping | string>;
  includePaths?: string[];
  /** What the project's build configuration says (EVM version, networks), read by the host; undefined: unknown. */
  settings?: ProjectSettings;
}

interface FileEntry {
  path: string;
  parsed: ParsedSource;
  /**
   * The editor's newer parse, not yet carried over (`update`): the derived data below still describe `parsed`
   * until the next question about the file settles it.
   */
  pending?: ParsedSource;
  /** The pending edit leaves every import directive of `parsed` as it is, and adds none (`walkUnit`). */
  pendingKeepsImports?: boolean;
  table?: FileSymbols;
  binder?: Binder;
  resolution?: FileResolution;
  imports: Map<Node, string | undefined>;
}

export class SemanticProject implements ProjectAccess {
  private readonly files = new Map<string, FileEntry>();
  private readonly missing = new Set<string>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly changes = new Map<string, FileChange>();
  /** Entries with a pending edit (`update`), in the order they were first edited. */
  private readonly pendingFiles = new Set<FileEntry>();
  private readonly remappings: Remapping[];
  readonly root?: string;
  /** The build configuration's settings (the `project` filter); undefined when the project has no config read. */
  readonly settings?: ProjectSettings;
  /**
   * Bumped by every change to a file already read (`update` with new text, `invalidate`): what was derived from
   * the project's parses at one generation holds while it lasts. Reading a file for the first time changes
   * nothing already known, and does not bump it.
   */
  private gen = 0;
  /** unitFiles() answers of this generation: the models ask for them on every question about another file's node. */
  private units = new Map<string, { files: string[]; set: Set<string> }>();

  constructor(private readonly options: SemanticProjectOptions) {
    this.root = options.root ? normalizePath(options.root) : undefined;
    this.settings = options.settings;
    this.remappings = (options.remappings ?? []).flatMap((r) => (typeof r === 'string' ? parseRemappings([r]) : [r]));
  }

  /** The model of one file and what it imports. Cheap: everything is computed on first question. */
  model(path: string, source?: string | ParsedSource): SemanticModel {
    const p = normalizePath(path);
    if (source !== undefined) this.update(p, source);
    return new SemanticModel(this, p);
  }

  /**
   * The editor's text (or parse) of a file, in place of the host's. Unchanged text costs nothing; an edit inside
   * one function or modifier body keeps everything else known about the file, and about the files that import
   * it, and walks that body again (incremental.ts); any other edit drops the file's derived data and theirs.
   *
   * The carrying is done when the file is next asked about (`settle`), not here: a keystroke whose findings are
   * kept without asking the model (scan-reuse.ts: typing inside a function that does not parse yet) then moves
   * nothing, and the carry that comes due later spans every keystroke since, as one edit. The project's
   * generation moves at once, so nothing derived from the text before is taken for current.
   */
  update(path: string, source: string | ParsedSource): void {
    const p = normalizePath(path);
    const old = this.files.get(p);
    const latest = old && (old.pending ?? old.parsed);
    const text = typeof source === 'string' ? source : source.text;
    if (latest && latest.text === text && (typeof source === 'string' || latest === source)) return;
    const parsed = typeof source === 'string' ? parseSource(text, latest) : source;
    this.changed();
    if (old?.table && old.parsed.ast && parsed.ast) {
      old.pending = parsed;
      this.pendingFiles.add(old);
      old.pendingKeepsImports = keepsImports(old, parsed.text);
      this.changes.delete(p);
      return;
    }
    this.replace(p, parsed);
  }

  /**
   * Every pending edit carried over, in the order the files were first edited: a question about any file comes
   * after them, since a file's edit may drop what the files that import it derived (a member more or less).
   */
  private settleAll(): void {
    for (const e of this.pendingFiles) this.settle(e);
  }

  /** Carries a file's derived data over to its pending parse (see `update`). */
  private settle(e: FileEntry): void {
    const parsed = e.pending;
    if (!parsed) return;
    e.pending = undefined;
    this.pendingFiles.delete(e);
    e.pendingKeepsImports = undefined;
    const change = this.carry(e, parsed);
    this.changes.set(e.path, change ?? { kind: 'file' });
    if (change) {
      e.parsed = parsed;
      // A member more or less: what the importing files looked up in this file's contracts is looked up again.
      if (change.kind === 'member') for (const dep of this.dependents.get(e.path) ?? []) this.dropDerived(dep, new Set([e.path]));
      return;
    }
    this.replace(e.path, parsed);
  }

  /** The file's data built again from `parsed`, when it cannot be carried over. */
  private replace(p: string, parsed: ParsedSource): void {
    this.changes.set(p, { kind: 'file' });
    this.dropDerived(p, new Set());
    this.missing.delete(p);
    this.forget(p);
    this.files.set(p, { path: p, parsed, imports: new Map() });
  }

  private carry(old: FileEntry, parsed: ParsedSource): FileChange | undefined {
    const from = old.parsed.ast as unknown as Node | null;
    const to = parsed.ast as unknown as Node | null;
    if (!from || !to || !old.table) return undefined;
    try {
      return carryOver(old, old.parsed.text, from, parsed.text, to, this);
    } catch {
      // Half moved: the entry is replaced (and its data dropped) by the caller.
      return undefined;
    }
  }

  /** Whether an edit of the file waits to be carried over (`update`): for tests and the benchmark's trace. */
  pendingEdit(path: string): boolean {
    return !!this.files.get(normalizePath(path))?.pending;
  }

  /** What the last `update` of a file changed in its model (undefined before any); carries pending edits over. */
  lastChange(path: string): FileChange | undefined {
    this.settleAll();
    return this.changes.get(normalizePath(path));
  }

  /** The file changed on disk (or was created or deleted): read it again when next needed. */
  invalidate(path: string): void {
    const p = normalizePath(path);
    this.changed();
    this.dropDerived(p, new Set());
    this.forget(p);
    this.missing.delete(p);
    // A file that appears can be what an import of another file was looking for.
    if (!this.files.has(p)) for (const e of this.files.values()) if ([...e.imports.values()].includes(undefined)) this.clearImports(e);
  }

  /**
   * Lets go of a file that did not change, to bound memory: its tree and what the files that import it derived
   * from it. Read again from the host when next needed.
   */
  evict(path: string): void {
    const p = normalizePath(path);
    if (!this.files.has(p)) return;
    this.changed();
    this.dropDerived(p, new Set());
    this.forget(p);
    this.changes.delete(p);
  }

  private forget(p: string): void {
    const e = this.files.get(p);
    if (e) this.pendingFiles.delete(e);
    this.files.delete(p);
  }

  /** The current generation (see `gen`). */
  generation(): number {
    return this.gen;
  }

  private changed(): void {
    this.gen++;
    if (this.units.size) this.units = new Map();
  }

  private clearImports(e: FileEntry): void {
    e.imports.clear();
    this.dropDerived(e.path, new Set());
  }

  private dropDerived(path: string, seen: Set<string>): void {
    if (seen.has(path)) return;
    seen.add(path);
    const e = this.files.get(path);
    if (e) {
      e.binder = undefined;
      e.resolution = undefined;
    }
    for (const d of this.dependents.get(path) ?? []) this.dropDerived(d, seen);
  }

  parsed(path: string): ParsedSource | undefined {
    return this.entry(path)?.parsed;
  }

  /**
   * A file's parse as it stands, an edit waiting to be carried over included, without carrying any over: for who
   * only needs which parse a file has (the scan's `semanticBase`), not what the model derived from it.
   */
  currentParse(path: string): ParsedSource | undefined {
    const e = this.lookup(path);
    return e?.pending ?? e?.parsed;
  }

  text(path: string): string | undefined {
    return this.entry(path)?.parsed.text;
  }

  private entry(path: string): FileEntry | undefined {
    // Paths the project handed out are normalized already: the common case skips normalizing.
    if (this.pendingFiles.size) this.settleAll();
    return this.lookup(path);
  }

  /** The file's entry as it stands, a pending edit not carried over (read from the host if new). */
  private lookup(path: string): FileEntry | undefined {
    const hit = this.files.get(path);
    if (hit) return hit;
    const p = normalizePath(path);
    const known = this.files.get(p);
    if (known) return known;
    if (this.missing.has(p)) return undefined;
    let text: string | undefined;
    try {
      text = this.options.host.readFile(p);
    } catch {
      text = undefined;
    }
    if (text === undefined) {
      this.missing.add(p);
      return undefined;
    }
    const e: FileEntry = { path: p, parsed: parseSource(text), imports: new Map() };
    this.files.set(p, e);
    return e;
  }

  symbols(path: string): FileSymbols | undefined {
    const e = this.entry(path);
    return e && this.tableOf(e);
  }

  private tableOf(e: FileEntry): FileSymbols | undefined {
    if (!e.parsed.ast) return undefined;
    // A table of this project's own: settle() moves its symbols to the next tree in place.
    return (e.table ??= buildFileSymbols(e.parsed.ast as unknown as Node, e.path));
  }

  binder(path: string): Binder | undefined {
    const e = this.entry(path);
    if (!e || e.binder) return e?.binder;
    const table = this.symbols(path);
    if (!table) return undefined;
    return (e.binder = new Binder(table, this));
  }

  /** What the walk of the file's bodies found; computed once per version of the file and its imports. */
  resolution(path: string): FileResolution | undefined {
    const e = this.entry(path);
    const b = this.binder(path);
    if (!e || !b) return undefined;
    return (e.resolution ??= resolveFile(b, this, e.parsed.text));
  }

  /** Whether the walk of this file was already done (no work is started). */
  resolved(path: string): FileResolution | undefined {
    this.settleAll();
    return this.files.get(normalizePath(path))?.resolution;
  }

  importTarget(from: string, directive: Node): string | undefined {
    const e = this.entry(from);
    return e && this.targetIn(e, directive);
  }

  private targetIn(e: FileEntry, directive: Node): string | undefined {
    if (e.imports.has(directive)) return e.imports.get(directive);
    const path = typeof directive.path === 'string' ? directive.path : '';
    const target = path
      ? resolveImportPath(path, e.path, {
          root: this.root,
          remappings: this.remappings,
          includePaths: this.options.includePaths,
          exists: (p) => this.exists(p),
        })
      : undefined;
    e.imports.set(directive, target);
    if (target) {
      let set = this.dependents.get(target);
      if (!set) this.dependents.set(target, (set = new Set()));
      set.add(e.path);
    }
    return target;
  }

  /**
   * Where an import path would lead if `from` wrote it (remappings, the root, include paths, node_modules, lib/);
   * undefined when no such file exists. For fixes that add an import (fix-needs.ts).
   */
  resolveImport(importPath: string, from: string): string | undefined {
    return resolveImportPath(importPath, normalizePath(from), {
      root: this.root,
      remappings: this.remappings,
      includePaths: this.options.includePaths,
      exists: (p) => this.exists(p),
    });
  }

  /** The project's remappings, as given. */
  remappingList(): readonly Remapping[] {
    return this.remappings;
  }

  private exists(p: string): boolean {
    if (this.files.has(p)) return true;
    if (this.missing.has(p)) return false;
    const host = this.options.host;
    if (host.exists) {
      let ok = false;
      try {
        ok = host.exists(p);
      } catch {
        ok = false;
      }
      if (!ok) this.missing.add(p);
      return ok;
    }
    return this.entry(p) !== undefined;
  }

  /** Whether the file was read (or found missing) already: asking about it reads nothing. */
  loaded(path: string): boolean {
    const p = normalizePath(path);
    return this.files.has(p) || this.missing.has(p);
  }

  /**
   * Reads at most one more file of the unit of `path` (the file and what it imports, directly or not); true when
   * the whole unit is read. For callers that must not block on a unit with many imports: a step per turn.
   */
  loadUnitStep(path: string): boolean {
    const start = normalizePath(path);
    const out = [start];
    const seen = new Set(out);
    for (let i = 0; i < out.length; i++) {
      if (!this.loaded(out[i])) {
        this.entry(out[i]);
        return false;
      }
      for (const imp of this.symbols(out[i])?.imports ?? []) {
        const t = this.importTarget(out[i], imp);
        if (t && !seen.has(t)) {
          seen.add(t);
          out.push(t);
        }
      }
    }
    return true;
  }

  /** The file and every file it imports, directly or not, in breadth-first order. */
  unitFiles(path: string): string[] {
    return this.unit(path).files.slice();
  }

  /** Whether `file` is in the unit of `path` (unitFiles(path) holds it). */
  inUnit(path: string, file: string): boolean {
    return this.unit(path).set.has(file);
  }

  private unit(path: string): { files: string[]; set: Set<string> } {
    const start = normalizePath(path);
    let known = this.units.get(start);
    if (!known) {
      const files = this.walkUnit(start);
      this.units.set(start, (known = { files, set: new Set(files) }));
    }
    return known;
  }

  /**
   * The files `path` imports, where its directives lead; undefined when it is not read yet and `read` is false.
   * Reads no pending edit's tree (the scan asks for the unit before it knows whether it needs the model, and the
   * server whether the unit is read): one that leaves the imports alone keeps the settled tree's directives.
   */
  directImports(path: string, read = false): string[] | undefined {
    const kept = read ? this.lookup(path) : this.files.get(normalizePath(path));
    const e = kept?.pending && !kept.pendingKeepsImports ? this.entry(path) : kept;
    if (!e) return undefined;
    const out: string[] = [];
    for (const imp of this.tableOf(e)?.imports ?? []) {
      const t = this.targetIn(e, imp);
      if (t) out.push(t);
    }
    return out;
  }

  private walkUnit(start: string): string[] {
    const out = [start];
    const seen = new Set(out);
    for (let i = 0; i < out.length; i++) {
      const next = this.directImports(out[i], true) ?? [];
      for (const t of next) {
        if (!seen.has(t)) {
          seen.add(t);
          out.push(t);
        }
      }
    }
    return out;
  }
}

/**
 * Whether an edit from `e`'s settled text to `text` leaves its import directives as they are and adds none: no
 * `import` at or after the first changed character, in either text (the text before it is the same, and so is
 * every directive that ends there).
 */
function keepsImports(e: FileEntry, text: string): boolean {
  const old = e.parsed.text;
  const span = editSpan(old, text);
  return old.indexOf('import', span.start) < 0 && text.indexOf('import', span.start) < 0;
}
