// textDocument/hover: the findings under the cursor, from the file's current view. What a hover says is built in
// hover.ts; this module decides which analysis it reads: with run: onType a changed document is brought up to
// date first, with run: onSave it is not (unsaved text is not checked; the findings moved along with the edits).
import type { Connection } from 'vscode-languageserver/node';
import { normalizeUri } from '../project/workspace';
import type { ServerContext } from './context';
import { hoverAt } from './hover';

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
        return file ? hoverAt(p.position, file.view.kept, (o) => state.findingOf(o)) : null;
      },
      null,
    ),
  );
}
