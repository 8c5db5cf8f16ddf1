// Everything the server tells the client unasked about results: textDocument/publishDiagnostics for Solidity
// files and for pack files, and hindsight/findingsChanged. One place decides what a file shows (its view under
// the settings in force) and sends it only when it changed, so the analysis modules just hand over new states.
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Severity } from '../engine/types';
import { SEVERITIES } from '../engine/types';
import type { PackProblem } from '../packs/load';
import { viewOf } from '../project/analysis';
import { fileRole, pathToUri, uriToPath } from '../project/workspace';
import { FindingsChangedNotification } from '../shared/protocol';
import { findingDiagnostic, gradedDown, packDiagnostic, skippedDiagnostic, suppressionDiagnostic, syntaxDiagnostic } from './diagnostics';
import type { FileState, ServerState } from './state';

export class Publisher {
  private changedUris = new Set<string>();
  private changeTimer: NodeJS.Timeout | undefined;
  private packDiagnosticUris = new Set<string>();
  /** Problems of pack files open in the editor, from their (possibly unsaved) text. */
  private livePackProblems = new Map<string, PackProblem[]>();

  constructor(private readonly state: ServerState) {}

  /** Which of a file's occurrences and suppression problems show, under its folder's settings and packs. */
  updateView(st: FileState): void {
    const settings = this.state.settingsFor(st.folder);
    st.view = st.excluded
      ? { kept: [], problems: [] }
      : viewOf(st.analysis, settings, (o) => this.state.findingOf(o), this.state.packs.findingsFor(st.folder?.uri ?? null));
  }

  publish(st: FileState): void {
    const diagnostics = this.diagnosticsOf(st);
    const json = JSON.stringify(diagnostics);
    if (json === st.published) return;
    st.published = json;
    void this.state.connection.sendDiagnostics({ uri: st.uri, ...(st.version !== null ? { version: st.version } : {}), diagnostics });
    this.markChanged(st.uri);
  }

  /** A file that is no longer part of the workspace model: drop its analysis and clear what it showed. */
  forget(uri: string): void {
    const st = this.state.files.get(uri);
    this.state.files.delete(uri);
    if (st && st.published !== '[]' && st.published !== '') {
      void this.state.connection.sendDiagnostics({ uri, diagnostics: [] });
      this.markChanged(uri);
    }
  }

  markChanged(uri?: string): void {
    if (uri) this.changedUris.add(uri);
    if (this.changeTimer) return;
    // Coalesced: a workspace scan changes hundreds of files; clients want one refresh, not hundreds.
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.state.guardSync('findingsChanged', () => {
        const uris = [...this.changedUris].sort();
        this.changedUris.clear();
        const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
        let total = 0;
        for (const st of this.state.files.values()) {
          for (const o of st.view.kept) {
            const f = this.state.findingOf(o);
            if (!f) continue;
            bySeverity[f.severity]++;
            total++;
          }
        }
        void this.state.connection.sendNotification(FindingsChangedNotification, { uris, total, bySeverity, scanning: this.state.scanning });
      });
    }, 50);
  }

  /** The problems of an open pack file's current text (undefined once it is closed), published at once. */
  setLivePackProblems(uri: string, problems: PackProblem[] | undefined): void {
    if (problems) this.livePackProblems.set(uri, problems);
    else this.livePackProblems.delete(uri);
    this.publishPackProblems();
  }

  /** Pack problems go to the pack file itself; an open pack file shows the problems of its current text. */
  publishPackProblems(): void {
    const byUri = new Map<string, PackProblem[]>();
    for (const [file, list] of this.state.packs.problems()) byUri.set(pathToUri(file), list);
    for (const [uri, list] of this.livePackProblems) byUri.set(uri, list);
    for (const uri of this.packDiagnosticUris) if (!byUri.has(uri)) void this.state.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.packDiagnosticUris = new Set();
    for (const [uri, list] of byUri) {
      this.packDiagnosticUris.add(uri);
      void this.state.connection.sendDiagnostics({ uri, diagnostics: list.map(packDiagnostic) });
    }
  }

  dispose(): void {
    if (this.changeTimer) clearTimeout(this.changeTimer);
  }

  private diagnosticsOf(st: FileState): Diagnostic[] {
    const out: Diagnostic[] = [];
    // A test, script or mock open in the editor is checked, but its findings are hints unless analyzeTests asks
    // for them (the CLI leaves such files out by default); a dependency's always are: it is not the user's to fix.
    const file = st.view.kept.length ? uriToPath(st.uri) : null;
    const role = file ? fileRole(file, st.folder) : 'source';
    const graded = role === 'dependency' || (role !== 'source' && role !== 'outside' && !this.state.settingsFor(st.folder).analyzeTests);
    for (const o of st.view.kept) {
      const f = this.state.findingOf(o);
      if (f) out.push(graded ? gradedDown(findingDiagnostic(o, f), role) : findingDiagnostic(o, f));
    }
    if (st.skipped && this.state.settingsFor(st.folder).enable) out.push(skippedDiagnostic(st.skipped));
    if (!st.excluded && this.state.settingsFor(st.folder).enable) {
      for (const e of st.analysis.syntaxErrors) out.push(syntaxDiagnostic(e));
      for (const p of st.view.problems) out.push(suppressionDiagnostic(p));
    }
    return out;
  }
}
