// When a file changes — an open document edited or closed, a file changed on disk (a save elsewhere, a git
// checkout) — the findings of the files that import it may change too: a base's modifier stops checking the
// caller, and its importer's function is no longer guarded. Open importers are analysed again first (after a
// short pause, OpenDocuments.redoImporters); closed files whose analysis drew on a changed file are analysed
// again in the background, after a longer pause so that typing coalesces, on the scan workers
// (WorkspaceScan.analyseDependants). What the TypeScript and ESLint servers do for open files, carried to the
// workspace model of closed ones.
import { normalizePath } from '../engine/semantics';
import type { OpenDocuments } from './open-documents';
import type { ServerState } from './state';
import type { WorkspaceScan } from './workspace-scan';

/** How long after the last change closed dependants wait: one pass per pause in typing, not one per keystroke. */
const CLOSED_DELAY_MS = 1000;

export class Dependants {
  /** Changed files (normalized paths) whose closed dependants wait for the next pass. */
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly state: ServerState,
    private readonly documents: OpenDocuments,
    private readonly scan: WorkspaceScan,
  ) {}

  /**
   * `files` changed. `open`: analyse their open importers again too (an edited open document does that itself,
   * at once; a change on disk or a closed document asks here).
   */
  changed(files: Iterable<string>, { open = true }: { open?: boolean } = {}): void {
    const paths = new Set([...files].map(normalizePath));
    if (!paths.size) return;
    if (open) this.documents.redoImporters(paths);
    for (const p of paths) this.pending.add(p);
    this.later(CLOSED_DELAY_MS);
  }

  private later(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.state.guard('re-analyse dependants', () => this.pass());
    }, ms);
  }

  /** One pass at a time, and none during a workspace scan (it reads every file afresh; its results would race). */
  private async pass(): Promise<void> {
    if (!this.pending.size) return;
    if (this.running || this.state.scanning) return this.later(CLOSED_DELAY_MS);
    const changed = new Set(this.pending);
    this.pending.clear();
    this.running = true;
    const t0 = Date.now();
    try {
      const n = await this.scan.analyseDependants(changed);
      if (n)
        this.state.connection.console.info(`Hindsight: re-analysed ${n} closed file${n === 1 ? '' : 's'} that import a changed file in ${Date.now() - t0} ms`);
    } finally {
      this.running = false;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
