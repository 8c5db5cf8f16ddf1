// textDocument/hover: the findings under the cursor, from the file's current view. What a hover says is built in
// hover.ts; this module decides which analysis it reads: with run: onType a changed document is brought up to
// date first, with run: onSave it is not (unsaved text is not checked; the findings moved along with the edits).
import * as path from 'node:path';
import type { Connection, Hover, Position } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { Occurrence } from '../engine/types';
import { normalizeUri } from '../project/workspace';
import type { ServerContext } from './context';
import { contains, hoverAt } from './hover';
import { calledOnChain, onChainMarkdown } from '../monitor/status';

export function registerHover(connection: Connection, ctx: ServerContext): void {
  const { state, documents } = ctx;
  connection.onHover((p) =>
    state.guardSync(
      'hover',
      () => {
        const uri = normalizeUri(p.textDocument.uri);
        // With run: onSave, hovering must not check unsaved text; the findings moved along with the edits.
        if (state.settingsFor(state.folders.of(uri)).run === 'onType') documents.ensureFresh(uri);
        const file = state.files.get(uri);
        if (!file) return null;
        const hover = hoverAt(p.position, file.view.kept, (o) => state.findingOf(o));
        return hover && withOnChainCalls(hover, file.view.kept, p.position, uri, state.folders.of(uri)?.path);
      },
      null,
    ),
  );
}

/** A finding whose function `hindsight monitor` saw called on chain says so (the last run's state file). */
function withOnChainCalls(hover: Hover, occurrences: readonly Occurrence[], pos: Position, uri: string, root: string | undefined): Hover {
  if (!root || !uri.startsWith('file:')) return hover;
  const rel = path.relative(root, URI.parse(uri).fsPath).split(path.sep).join('/');
  const notes = new Set<string>();
  for (const o of occurrences) {
    if (!contains(o.range, pos)) continue;
    const a = calledOnChain(root, o.findingId, rel, o.range.start.line + 1);
    if (a) notes.add(onChainMarkdown(a));
  }
  if (!notes.size) return hover;
  const value = (hover.contents as { value: string }).value;
  return { ...hover, contents: { kind: 'markdown', value: `${[...notes].join('\n\n')}\n\n---\n\n${value}` } };
}
