// The analysis of open documents, the part of the server that runs per keystroke: each document's debounce
// timer, its incremental re-analysis (the previous parse and the unit-by-unit matches are handed on, so an edit
// re-parses and re-matches only what it changed) and bringing a document up to date before a request shows
// results from it. The text-sync notifications that feed it are wired in document-sync.ts.
import { promises as fsp } from 'node:fs';
import type { ParsedSource } from '../engine/parse';
import { compiledOf, usesSemantics } from '../engine/compile';
import type { Finding } from '../engine/finding';
import { UnitMemory } from '../engine/scan-units';
import { normalizePath, type SemanticProject } from '../engine/semantics';
import type { SemanticContext } from '../engine/semantics/facts';
import { analyzeParsed, parseText, type Analysis } from '../project/analysis';
import { documentTooLarge } from './size-limit';
import { isExcluded, uriToPath } from '../project/workspace';
import type { Publisher } from './publish';
import { SemanticProjects } from './semantic-projects';
import type { FileState, ServerState } from './state';

/** How long an importer of an edited document waits before it is analysed again. */
const IMPORTER_DELAY_MS = 400;

const EMPTY_ANALYSIS: Analysis = { occurrences: [], syntaxErrors: [], suppressions: [], stale: false };

export class OpenDocuments {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Documents edited since their last analysis: their importers follow once it is done. */
  private readonly edited = new Set<string>();
  /** Documents whose imports are being read (readImports). */
  private readonly reading = new Set<string>();
  /** One semantic project per workspace folder, for the semantic filters of open documents. */
  readonly semantic: SemanticProjects;
  /** Told when an open document's text changed (its importers' findings may follow): dependants.ts. */
  onEdited: ((paths: ReadonlySet<string>) => void) | undefined;

  constructor(
    private readonly state: ServerState,
    private readonly publisher: Publisher,
  ) {
    this.semantic = new SemanticProjects(state);
  }

  /** Runs `run` (by default: analyse the document) after `delay` ms, replacing what was scheduled for it. */
  schedule(uri: string, delay: number, run: () => void = () => this.analyzeOpen(uri)): void {
    this.cancel(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        // Documents opened before the server finished loading packs wait for it.
        if (!this.state.isReady) void this.state.ready.then(() => this.state.guardSync('analyse', run));
        else this.state.guardSync('analyse', run);
      }, delay),
    );
  }

  /** didChange of a Solidity document: once analysed, its importers are analysed again too. */
  noteEdit(uri: string): void {
    this.edited.add(uri);
  }

  forgetEdit(uri: string): void {
    this.edited.delete(uri);
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  /** Requests that show results (hover, code actions) first bring a document that changed up to date. */
  ensureFresh(uri: string): void {
    const doc = this.state.docs.get(uri);
    if (!doc || !this.state.isSolidity(doc) || !this.state.isReady) return;
    const st = this.state.files.get(uri);
    if (!st || st.version !== doc.version || st.packsVersion !== this.state.packs.version) {
      this.cancel(uri);
      this.analyzeOpen(uri);
    }
  }

  analyzeOpen(uri: string): void {
    const doc = this.state.docs.get(uri);
    if (!doc) return;
    const folder = this.state.folders.of(uri);
    const settings = this.state.settingsFor(folder);
    const prev = this.state.files.get(uri);
    const file = uriToPath(uri);
    const excluded = !!file && isExcluded(file, folder, settings.exclude);
    const state: FileState = {
      uri,
      folder,
      analysis: EMPTY_ANALYSIS,
      view: { kept: [], problems: [] },
      packsVersion: this.state.packs.version,
      version: doc.version,
      excluded,
      published: prev?.published ?? '',
      skipped: excluded ? undefined : documentTooLarge(doc.getText()),
    };
    if (!excluded && !state.skipped) {
      const previousParse = prev?.version !== null && prev?.parsed ? prev.parsed : undefined;
      const parsed = parseText(doc.getText(), previousParse);
      const lastGood = prev && prev.packsVersion === this.state.packs.version ? prev.analysis.occurrences : undefined;
      state.parsed = parsed;
      state.memory = prev?.memory ?? new UnitMemory();
      // Semantic filters read the document's imports through its folder's project (open documents win over disk).
      const semantic = () => this.semanticContext(uri, file, parsed, doc.version);
      let findings = this.state.packs.findingsForFile(folder?.uri ?? null, uriToPath(uri));
      if (file && findings.some(usesModel) && !this.semanticReady(uri, file, parsed, doc.version)) {
        // Its imports are not read yet (a file just opened, a base changed on disk): reading and parsing them can
        // take a second, which no request should wait for. The findings that need no model are shown now; the
        // imports are read one per turn, then the document is analysed again with every finding.
        findings = findings.filter((f) => !usesModel(f));
        this.readImports(uri, file);
      }
      state.analysis = analyzeParsed(parsed, findings, lastGood, state.memory, semantic);
    }
    this.state.files.set(uri, state);
    this.publisher.updateView(state);
    this.publisher.publish(state);
    if (this.edited.delete(uri) && file) {
      const changed = new Set([normalizePath(file)]);
      this.redoImporters(changed, uri);
      this.onEdited?.(changed);
    }
  }

  private semanticReady(uri: string, file: string, parsed: ParsedSource, version: number): boolean {
    try {
      return this.semantic.ready(uri, file, parsed, version);
    } catch {
      return true; // the model's own error handling takes over
    }
  }

  /** Reads the files an open document imports, one per event-loop turn, then analyses it again. */
  private readImports(uri: string, file: string): void {
    if (this.reading.has(uri)) return;
    this.reading.add(uri);
    const step = () => {
      let done = true;
      try {
        done = !this.state.docs.has(uri) || this.semantic.loadStep(uri, file);
      } catch {
        done = true;
      }
      if (!done) {
        setImmediate(step);
        return;
      }
      this.reading.delete(uri);
      if (this.state.docs.has(uri)) this.schedule(uri, 0);
    };
    setImmediate(step);
  }

  /**
   * A semantic filter's answer in an open document can depend on another file it imports (a base's modifier, a
   * helper): when one changed (an open document edited, a file on disk), the open documents that import it,
   * directly or not, are analysed again after a pause (`except`: the edited document itself).
   */
  redoImporters(changed: ReadonlySet<string>, except?: string): void {
    for (const other of this.state.docs.keys()) {
      if (other === except || this.timers.has(other)) continue;
      const path = uriToPath(other);
      const st = this.state.files.get(other);
      if (!path || !st?.parsed || st.version === null) continue;
      let imports = false;
      try {
        const model = this.semantic.model(other, path, st.parsed, st.version);
        imports = model.project.unitFiles(model.file).some((f) => f !== model.file && changed.has(f));
      } catch {
        imports = false;
      }
      if (imports) this.schedule(other, IMPORTER_DELAY_MS);
    }
  }

  /** An open document's text, else the file's on disk; null when neither can be read. */
  async textOf(uri: string): Promise<string | null> {
    const doc = this.state.docs.get(uri);
    if (doc) return doc.getText();
    const file = uriToPath(uri);
    if (!file) return null;
    try {
      return await fsp.readFile(file, 'utf8');
    } catch {
      return null;
    }
  }

  private semanticContext(uri: string, file: string | null, parsed: ParsedSource, version: number): SemanticContext | undefined {
    if (!file) return undefined;
    const model = this.semantic.model(uri, file, parsed, version);
    return { project: model.project as SemanticProject, path: model.file };
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

/** Whether a finding asks the semantic model anything (one that does not compile is left to the analysis). */
function usesModel(f: Finding): boolean {
  try {
    return usesSemantics(compiledOf(f).match);
  } catch {
    return false;
  }
}
