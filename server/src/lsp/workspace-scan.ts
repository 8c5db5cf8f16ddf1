// The workspace model of closed files: the start-up and on-demand workspace scan, and the analysis of a single
// closed file from disk (after a watched-file event, or when its document closes). Closed files are parsed and
// matched on the scan pool's worker threads so typing is served meanwhile, and their analyses go through the
// on-disk AnalysisCache so a restart or a re-scan skips every file whose text, findings and imports did not change.
// A closed file is analysed in its project with its imports, as `hindsight scan` does (disk-analysis.ts), so the
// editor and CI report the same; each scan reads the files on disk afresh (a DiskProjects of its own), except the
// open documents, whose unsaved text is what their importers see (the overlay). When a file changes, the closed
// files whose analyses drew on it are analysed again (`analyseDependants`, debounced by dependants.ts).
import { promises as fsp } from 'node:fs';
import type { Finding } from '../engine/finding';
import { AnalysisCache } from '../project/analysis-cache';
import { dependenciesHold } from '../project/dependencies';
import { analyseOnDisk, type DiskAnalysis } from '../project/disk-analysis';
import { defaultScanWorkers, ScanPool } from '../project/scan-pool';
import { overSizeLimit } from '../project/run-scan';
import { DiskProjects } from '../project/semantic-host';
import { normalizePath } from '../engine/semantics';
import { findSolidityFiles, isScanned, pathToUri, uriToPath, type Folder } from '../project/workspace';
import type { ScanWorkspaceResult } from '../shared/protocol';
import type { OpenDocuments } from './open-documents';
import type { Publisher } from './publish';
import type { FileState, ServerState } from './state';

/** Files read (and their texts held) per batch of a workspace scan, before the batch is analysed. */
const SCAN_BATCH = 64;
/** Below this many files a scan worker's start-up (loading the bundle, compiling the findings) costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 8;

export class WorkspaceScan {
  /** Analyses of closed files by text and findings, kept across restarts (project/analysis-cache.ts). */
  readonly cache = new AnalysisCache();

  constructor(
    private readonly state: ServerState,
    private readonly publisher: Publisher,
    private readonly documents: OpenDocuments,
  ) {}

  /**
   * False (and logged) for files the scan skips: unreadable, or over the CLI's file limit (generated or flattened
   * code), as open documents are (size-limit.ts). What was found in such a file before goes.
   */
  private async fitsScan(file: string): Promise<boolean> {
    try {
      const skipped = overSizeLimit((await fsp.stat(file)).size, "the CLI's --max-file-size default");
      if (!skipped) return true;
      this.state.connection.console.info(`Hindsight: skipped ${file}: ${skipped}`);
    } catch {
      // unreadable: forgotten below
    }
    this.publisher.forget(pathToUri(file));
    return false;
  }

  async analyzeDisk(file: string, folder: Folder): Promise<void> {
    // A fresh DiskProjects: the imports are read as they are now (this file may be one of them that changed).
    const projects = new DiskProjects(this.overlay());
    const r = await this.reuse(file, folder, projects);
    if (r.kind === 'analyse') this.acceptDiskAnalysis(file, folder, analyseOnDisk(file, r.text, r.findings, projects), r.key);
  }

  /**
   * A closed file without parsing it, when possible: `unchanged` when this process already analysed this text
   * with these findings and the files it drew on are unchanged (nothing to do), `cached` when the on-disk cache has
   * its analysis, `gone` when it is not analysed (open, unreadable, over the size limit); else what analysing it
   * takes: its text, its findings and the cache key of both. `projects` hashes the files analyses drew on, as they
   * are in this scan. Every analysis of a closed file starts here.
   */
  private async reuse(
    file: string,
    folder: Folder,
    projects: DiskProjects,
  ): Promise<{ kind: 'unchanged' | 'cached' | 'gone' } | { kind: 'analyse'; text: string; findings: Finding[]; key: string }> {
    const uri = pathToUri(file);
    if (this.state.docs.has(uri) || !(await this.fitsScan(file))) return { kind: 'gone' };
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch {
      this.publisher.forget(uri);
      return { kind: 'gone' };
    }
    if (this.state.docs.has(uri)) return { kind: 'gone' }; // opened meanwhile: the buffer wins
    const findings = this.state.packs.findingsForFile(folder.uri, file);
    const key = this.cache.keyOf(findings, text);
    const st = this.state.files.get(uri);
    const hashOf = (p: string) => projects.hashOf(p);
    if (st && st.version === null && st.key === key && dependenciesHold(st.dependencies, hashOf)) {
      // Same text, same findings: the analysis stands; the view is redone in case the packs were reloaded.
      st.folder = folder;
      st.packsVersion = this.state.packs.version;
      this.publisher.updateView(st);
      this.publisher.publish(st);
      return { kind: 'unchanged' };
    }
    const hit = this.cache.get(key, hashOf);
    if (!hit) return { kind: 'analyse', text, findings, key };
    this.acceptAnalysis(file, folder, hit, key);
    return { kind: 'cached' };
  }

  /** A closed file's fresh analysis (from this thread or a scan worker), keyed as `reuse` said: cache and publish it. */
  private acceptDiskAnalysis(file: string, folder: Folder, result: DiskAnalysis, key: string): void {
    this.cache.set(key, result);
    this.acceptAnalysis(file, folder, result, key);
  }

  private acceptAnalysis(file: string, folder: Folder, { analysis, dependencies }: DiskAnalysis, key: string): void {
    const uri = pathToUri(file);
    const state: FileState = {
      uri,
      folder,
      analysis,
      ...(dependencies ? { dependencies } : {}),
      view: { kept: [], problems: [] },
      packsVersion: this.state.packs.version,
      version: null,
      excluded: false,
      published: this.state.files.get(uri)?.published ?? '',
      key,
    };
    this.state.files.set(uri, state);
    this.publisher.updateView(state);
    this.publisher.publish(state);
  }

  /**
   * A scan's view of the disk, with the open documents' text over it (the hashes `reuse` checks, and the imports of
   * files analysed on this thread), and the pool that analyses its `files` files (on workers when there are enough).
   */
  private scanSetup(files: number): { projects: DiskProjects; pool: ScanPool } {
    const overlay = this.overlay();
    const projects = new DiskProjects(overlay);
    return { projects, pool: new ScanPool(files >= MIN_FILES_FOR_WORKERS ? defaultScanWorkers() : 0, undefined, projects, overlay) };
  }

  /** The open Solidity documents' text by normalized path: what imports read instead of the disk. */
  overlay(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [uri, doc] of this.state.docs) {
      const file = this.state.isSolidity(doc) ? uriToPath(uri) : null;
      if (file) out.set(normalizePath(file), doc.getText());
    }
    return out;
  }

  /**
   * The closed files whose last analysis drew on one of `changed` (normalized paths), analysed again with the files
   * as they are now (open documents' text included), on the scan workers when there are enough of them. A file
   * whose result with these imports is in the on-disk cache (an edit undone) is not parsed. Returns how many
   * files were checked.
   */
  async analyseDependants(changed: ReadonlySet<string>): Promise<number> {
    await this.state.ready;
    const work: Array<{ file: string; folder: Folder }> = [];
    for (const [uri, st] of this.state.files) {
      if (st.version !== null || !st.folder || this.state.docs.has(uri) || !st.dependencies?.some(([p]) => changed.has(p))) continue;
      // A changed file itself is here too when a file it imports changed with it (its own event may have read
      // the other one as it was): unchanged, it costs a hash per import.
      const file = uriToPath(uri);
      if (!file) continue;
      const settings = this.state.settingsFor(st.folder);
      if (isScanned(file, st.folder, settings.exclude, { tests: settings.analyzeTests })) work.push({ file, folder: st.folder });
    }
    if (!work.length) return 0;
    const generation = this.state.scanGeneration;
    const { projects, pool } = this.scanSetup(work.length);
    try {
      const batch: Array<{ file: string; folder: Folder; text: string; findings: Finding[]; key: string }> = [];
      for (const w of work) {
        const r = await this.reuse(w.file, w.folder, projects);
        if (r.kind === 'analyse') batch.push({ ...w, ...r });
      }
      await Promise.all(
        batch.map(async (w) => {
          const r = await pool.analyse(w.file, w.text, w.findings);
          this.state.guardSync(`re-analyse ${w.file}`, () => {
            // A workspace scan started meanwhile reads the files afresh, and a document opened meanwhile wins.
            if (generation !== this.state.scanGeneration || this.state.docs.has(pathToUri(w.file))) return;
            if ('error' in r) return this.publisher.forget(pathToUri(w.file));
            this.acceptDiskAnalysis(w.file, w.folder, r, w.key);
          });
        }),
      );
    } finally {
      pool.close();
    }
    return work.length;
  }

  /**
   * Re-checks open documents at once, then walks every folder for .sol files and checks the rest from disk,
   * yielding to the event loop between files so typing stays responsive. A newer scan cancels an older one.
   */
  async scanWorkspace(explicit: boolean): Promise<ScanWorkspaceResult> {
    await this.state.ready;
    const generation = ++this.state.scanGeneration;
    const started = Date.now();
    for (const [uri, doc] of this.state.docs) if (this.state.isSolidity(doc)) this.state.guardSync('analyse', () => this.documents.analyzeOpen(uri));

    const walk = this.state.folders.all().filter((f) => explicit || this.state.settingsFor(f).scanWorkspaceOnStartup);
    const work: Array<{ file: string; folder: Folder }> = [];
    for (const folder of walk) {
      const settings = this.state.settingsFor(folder);
      for (const file of await findSolidityFiles(folder, settings.exclude, { tests: settings.analyzeTests })) work.push({ file, folder });
      if (generation !== this.state.scanGeneration) return { files: 0, findings: 0, durationMs: Date.now() - started, analysed: 0, cached: 0, unchanged: 0 };
    }
    // Files checked from disk earlier that are no longer part of the walk (deleted, newly excluded).
    const wanted = new Set(work.map((w) => pathToUri(w.file)));
    for (const [uri, st] of [...this.state.files]) if (st.version === null && !wanted.has(uri)) this.publisher.forget(uri);

    this.state.scanning = true;
    this.publisher.markChanged();
    const progress = this.state.caps.workDoneProgress && work.length ? await this.state.connection.window.createWorkDoneProgress().catch(() => null) : null;
    progress?.begin('Hindsight', 0, `Scanning ${work.length} Solidity files`, false);
    let done = 0;
    let analysed = 0;
    let cached = 0;
    let unchanged = 0;
    const report = () => {
      if (done % 10 === 0 || done === work.length) progress?.report(Math.round((done / work.length) * 100), `${done}/${work.length} files`);
    };
    const { projects, pool } = this.scanSetup(work.length);
    try {
      // Parsing and matching run on worker threads (scan-pool.ts), so requests and typing are served meanwhile.
      for (let i = 0; i < work.length && generation === this.state.scanGeneration; i += SCAN_BATCH) {
        // Files whose text and findings are unchanged, here or in the on-disk cache, are not parsed again.
        const batch: Array<{ file: string; folder: Folder; text: string; findings: Finding[]; key: string }> = [];
        for (const w of work.slice(i, i + SCAN_BATCH)) {
          if (generation !== this.state.scanGeneration) break;
          const r = await this.reuse(w.file, w.folder, projects);
          if (r.kind === 'analyse') {
            batch.push({ ...w, ...r });
            continue;
          }
          done++;
          if (r.kind === 'cached') cached++;
          else if (r.kind === 'unchanged') unchanged++;
          report();
        }
        if (generation !== this.state.scanGeneration) break;
        await Promise.all(
          batch.map(async (w) => {
            const r = await pool.analyse(w.file, w.text, w.findings);
            this.state.guardSync(`scan ${w.file}`, () => {
              if (generation !== this.state.scanGeneration) return;
              done++;
              report();
              if ('error' in r) return this.publisher.forget(pathToUri(w.file));
              if (this.state.docs.has(pathToUri(w.file))) return; // opened meanwhile: the buffer wins
              analysed++;
              this.acceptDiskAnalysis(w.file, w.folder, r, w.key);
            });
          }),
        );
        report();
        await new Promise<void>((r) => setImmediate(r));
      }
    } finally {
      if (pool.started) {
        const { sets, findings } = pool.distinct;
        this.state.connection.console.info(
          `Hindsight: the scan ran on ${pool.started} worker thread${pool.started === 1 ? '' : 's'} (${sets} finding sets of ${findings} findings)`,
        );
      }
      pool.close();
      progress?.done();
      if (generation === this.state.scanGeneration) {
        this.state.scanning = false;
        this.publisher.markChanged();
      }
    }
    let findings = 0;
    for (const st of this.state.files.values()) findings += st.view.kept.length;
    const durationMs = Date.now() - started;
    if (work.length) {
      this.state.connection.console.info(
        `Hindsight: scanned ${done} files in ${durationMs} ms, ${findings} findings (${analysed} analysed, ${cached} from the cache, ${unchanged} unchanged)`,
      );
    }
    return { files: done, findings, durationMs, analysed, cached, unchanged };
  }
}
