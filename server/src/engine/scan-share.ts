// What the findings of one scan of a file share. Findings repeat each other's questions: many are built on the
// same patterns and `inside`/`not-inside` conditions (`function $F(...) { ... }` with a `where:`), and a pack may
// hold a finding twice (copies, variants). A question is keyed by the definition of the node that asks it
// (`nodeKey`), so it is answered once per file and scan, whichever finding asks first. A share lives as long as
// one `scanParsed` call: nothing is kept across edits, so nothing needs invalidating.
import type { Node } from './pattern/ast';
import type { MatchContext } from './pattern/match';
import type { Match, FileIndex, TextRead } from './scan-index';
import type { SemanticEnv } from './scan-semantic';

export interface ScanShare {
  /** Every match of a node over the whole file, by node key. */
  memo: Map<string, Match[]>;
  /** Matches of a pattern rooted at one node, by pattern text: what `inside` tries around a candidate. */
  byRoot: Map<string, Map<Node, Match[]>>;
  /** Matches of an `all` whose first item is a pattern rooted at one node (its filters applied), by node key. */
  allByRoot: Map<string, Map<Node, Match[]>>;
  /** Answers of the filters that depend on the file alone, by what they ask. */
  fileFilters: Map<unknown, boolean>;
  /** For each answer of `memo` and `allByRoot`: whether computing it asked the model, and the text it read. */
  effects: Map<Match[], { asked: boolean; reads: TextRead[] }>;
  /** What every finding's scan on this share matches with (scan.ts `Scan`), made for the first. */
  scan?: { facts: unknown; settings: unknown; cx: MatchContext; env: SemanticEnv };
}

/**
 * The shares of one scan: one per index matched (the file's, or each unit's) and per `wide` callback (the unit
 * matching of semantic findings learns through it what a unit's matches depend on; a cached answer must have
 * told the same callback).
 */
export class ScanShares {
  private readonly byIndex = new Map<FileIndex, Array<{ root: Node; wide: (() => void) | undefined; share: ScanShare }>>();

  get(index: FileIndex, root: Node, wide: (() => void) | undefined): ScanShare {
    let list = this.byIndex.get(index);
    if (!list) this.byIndex.set(index, (list = []));
    for (const e of list) if (e.root === root && e.wide === wide) return e.share;
    const share: ScanShare = { memo: new Map(), byRoot: new Map(), allByRoot: new Map(), fileFilters: new Map(), effects: new Map() };
    list.push({ root, wide, share });
    return share;
  }
}
