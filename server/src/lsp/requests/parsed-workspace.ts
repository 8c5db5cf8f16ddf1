// The workspace's Solidity files parsed once for counting where a pattern matches while a reviewer edits it: each
// count is then a match per file, not a parse. Held only while counting goes on (parsed trees of a large workspace
// are hundreds of megabytes) and dropped after a minute without a count.
import { parseSource, type ParsedSource } from '../../engine/parse';
import { findSolidityFiles, pathToUri } from '../../project/workspace';
import type { RequestContext } from './context';

/** As many files as the VS Code client used to read for this (its findFiles limit). */
const MAX_FILES = 5000;
const IDLE_MS = 60_000;

export type CountInput = { file: string; parsed: ParsedSource };

export class ParsedWorkspace {
  private parsed: Promise<CountInput[]> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: RequestContext) {}

  inputs(): Promise<CountInput[]> {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.drop(), IDLE_MS);
    this.timer.unref?.();
    this.parsed ??= this.parseAll().catch((err: unknown) => {
      this.parsed = undefined;
      throw err;
    });
    return this.parsed;
  }

  drop(): void {
    clearTimeout(this.timer);
    this.parsed = undefined;
  }

  /** Open documents as edited, other files from disk; one file per event-loop turn, so typing is served meanwhile. */
  private async parseAll(): Promise<CountInput[]> {
    const out: CountInput[] = [];
    for (const folder of this.ctx.folders.all()) {
      for (const file of await findSolidityFiles(folder, this.ctx.settingsFor(folder).exclude)) {
        if (out.length >= MAX_FILES) return out;
        const text = await this.ctx.textOf(pathToUri(file));
        if (text === null) continue;
        try {
          out.push({ file, parsed: parseSource(text) });
        } catch {
          // a file the parser gives up on matches nothing
        }
        await new Promise<void>((r) => setImmediate(r));
      }
    }
    return out;
  }
}
