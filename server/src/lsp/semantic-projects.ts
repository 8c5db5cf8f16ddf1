// The semantic models the server keeps for open documents (their semantic filters and their semantic tokens): one
// SemanticProject per workspace folder (its imports resolved with the folder's remappings), reading open documents
// from the editor and other files from disk.
// The engine does no I/O, so this host is where staleness is handled: before a file's model is used, the files
// of its compilation unit are checked — an open document by version, a closed file by modification time — and
// only the ones that changed are dropped, so a keystroke re-resolves the edited file alone.
import { readFileSync, statSync } from 'node:fs';
import type { ParsedSource } from '../engine/parse';
import { normalizePath, SemanticProject, type SemanticModel, type SourceHost } from '../engine/semantics';
import { readBuildSettings } from '../project/build-settings';
import { readImportSettings } from '../project/remappings';
import type { Folder } from '../project/workspace';
import { uriToPath } from '../project/workspace';
import type { ServerState } from './state';

/** What a file's text was read from: an open document's version, or a file's modification time on disk. */
type Origin = { version: number } | { mtimeMs: number };

class FolderProject {
  readonly project: SemanticProject;
  /** Every file the project read, with where from: what may go stale. */
  private readonly origins = new Map<string, Origin>();

  constructor(
    readonly root: string | undefined,
    private readonly openDoc: (path: string) => { uri: string; version: number; text: string } | undefined,
  ) {
    const host: SourceHost = {
      readFile: (p) => this.read(p),
      exists: (p) => !!this.openDoc(p) || statOf(p) !== undefined,
    };
    const imports = root ? safeImportSettings(root) : undefined;
    const settings = root ? readBuildSettings(root) : undefined;
    this.project = new SemanticProject({ host, root, remappings: imports?.remappings ?? [], settings });
  }

  private read(p: string): string | undefined {
    const open = this.openDoc(p);
    if (open) {
      this.origins.set(p, { version: open.version });
      return open.text;
    }
    const st = statOf(p);
    if (!st) return undefined;
    try {
      const text = readFileSync(p, 'utf8');
      this.origins.set(p, { mtimeMs: st.mtimeMs });
      return text;
    } catch {
      return undefined;
    }
  }

  /** The model of `path`, its own text taken from `parsed`, every other file of its unit brought up to date. */
  model(path: string, parsed: ParsedSource, version: number | null): SemanticModel {
    const p = normalizePath(path);
    this.project.update(p, parsed);
    if (version !== null) this.origins.set(p, { version });
    for (const f of this.project.unitFiles(p)) if (f !== p && this.isStale(f)) this.project.invalidate(f);
    return this.project.model(p);
  }

  /**
   * Whether the model of `path` can be had without reading files: its own text taken from `parsed`, every other
   * file of its unit read and current. Drops what went stale, reads nothing.
   */
  ready(path: string, parsed: ParsedSource, version: number | null): boolean {
    const p = normalizePath(path);
    this.project.update(p, parsed);
    if (version !== null) this.origins.set(p, { version });
    const out = [p];
    const seen = new Set(out);
    for (let i = 0; i < out.length; i++) {
      const f = out[i];
      if (f !== p && this.project.loaded(f) && this.isStale(f)) this.project.invalidate(f);
      if (!this.project.loaded(f)) return false;
      // Without carrying the document's pending edit over: a keystroke may need no model at all.
      for (const t of this.project.directImports(f) ?? []) {
        if (!seen.has(t)) {
          seen.add(t);
          out.push(t);
        }
      }
    }
    return true;
  }

  /** Reads one more file of the unit of `path`; true when it is complete. */
  loadStep(path: string): boolean {
    return this.project.loadUnitStep(normalizePath(path));
  }

  private isStale(p: string): boolean {
    const origin = this.origins.get(p);
    if (!origin) return false;
    const open = this.openDoc(p);
    if ('version' in origin) return !open || open.version !== origin.version;
    if (open) return true;
    return statOf(p)?.mtimeMs !== origin.mtimeMs;
  }

  /** Forgets files no open document's unit needs: their trees are the bulk of the memory a project holds. */
  prune(keep: Set<string>): void {
    for (const p of [...this.origins.keys()]) {
      if (keep.has(p)) continue;
      this.origins.delete(p);
      this.project.invalidate(p);
    }
  }

  unitFiles(path: string): string[] {
    return this.project.unitFiles(normalizePath(path));
  }
}

export class SemanticProjects {
  private readonly byFolder = new Map<string, FolderProject>();
  private openKey = '';

  constructor(private readonly state: ServerState) {}

  /** The model of an open document (`uri`) whose parse is `parsed`. */
  model(uri: string, path: string, parsed: ParsedSource, version: number | null): SemanticModel {
    this.pruneOnClose();
    return this.projectFor(this.state.folders.of(uri)).model(path, parsed, version);
  }

  /** Whether an open document's model is at hand without reading any file (see FolderProject.ready). */
  ready(uri: string, path: string, parsed: ParsedSource, version: number | null): boolean {
    this.pruneOnClose();
    return this.projectFor(this.state.folders.of(uri)).ready(path, parsed, version);
  }

  /** Reads one more file that an open document's model needs; true when none is left. */
  loadStep(uri: string, path: string): boolean {
    return this.projectFor(this.state.folders.of(uri)).loadStep(path);
  }

  private projectFor(folder: Folder | null): FolderProject {
    const key = folder?.uri ?? '';
    let p = this.byFolder.get(key);
    if (!p) this.byFolder.set(key, (p = new FolderProject(folder?.path, (path) => this.openDoc(path))));
    return p;
  }

  private openDoc(path: string): { uri: string; version: number; text: string } | undefined {
    for (const [uri, doc] of this.state.docs) {
      const p = uriToPath(uri);
      if (p && normalizePath(p) === path) return { uri, version: doc.version, text: doc.getText() };
    }
    return undefined;
  }

  /** When the set of open documents changed: drop what only closed documents needed. */
  private pruneOnClose(): void {
    const key = [...this.state.docs.keys()].sort().join('\n');
    if (key === this.openKey) return;
    const closed = this.openKey.split('\n').some((u) => u && !this.state.docs.has(u));
    this.openKey = key;
    if (!closed) return;
    for (const [folderUri, project] of this.byFolder) {
      const keep = new Set<string>();
      for (const uri of this.state.docs.keys()) {
        if ((this.state.folders.of(uri)?.uri ?? '') !== folderUri) continue;
        const p = uriToPath(uri);
        if (p) for (const f of project.unitFiles(p)) keep.add(f);
      }
      project.prune(keep);
    }
  }

  /** Folders changed: their remappings and roots may have too. */
  reset(): void {
    this.byFolder.clear();
  }
}

function statOf(p: string): { mtimeMs: number } | undefined {
  try {
    const st = statSync(p);
    return st.isFile() ? { mtimeMs: st.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

function safeImportSettings(root: string): ReturnType<typeof readImportSettings> | undefined {
  try {
    return readImportSettings(root);
  } catch {
    return undefined;
  }
}
