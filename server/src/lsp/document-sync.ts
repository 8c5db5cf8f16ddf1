// Text document sync (incremental): didOpen, didChange, didSave and didClose keep the open documents and send
// each to where it is checked. A Solidity document is (re-)analysed after its debounce, per `run` (onType or
// onSave); an open pack file is validated as it is typed; saving a pack file or a workspace config reloads the
// packs; a closed Solidity file goes back to its analysis from disk, or out of the model when the scan skips it,
// and the files that import it go back to its text on disk.
import type { Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { shiftOccurrences } from '../project/analysis';
import { isScanned, normalizeUri, uriToPath } from '../project/workspace';
import type { ServerContext } from './context';
import { isPackFile, isWorkspaceConfig } from './pack-reload';

export function registerDocumentSync(connection: Connection, ctx: ServerContext): void {
  const { state, publisher, documents, scan, packReload } = ctx;
  connection.onDidOpenTextDocument((p) =>
    state.guardSync('didOpen', () => {
      const uri = normalizeUri(p.textDocument.uri);
      const doc = TextDocument.create(uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text);
      state.docs.set(uri, doc);
      if (isPackFile(uri)) packReload.validatePackDocument(uri);
      else if (state.isSolidity(doc)) documents.schedule(uri, 0);
    }),
  );
  connection.onDidChangeTextDocument((p) =>
    state.guardSync('didChange', () => {
      const uri = normalizeUri(p.textDocument.uri);
      const doc = state.docs.get(uri);
      if (!doc) return;
      TextDocument.update(doc, p.contentChanges, p.textDocument.version);
      if (isPackFile(uri)) return documents.schedule(uri, 300, () => packReload.validatePackDocument(uri));
      if (!state.isSolidity(doc)) return;
      documents.noteEdit(uri);
      const file = state.files.get(uri);
      if (file) {
        // Keep hovers and the last-good fallback on the right code until the next analysis.
        let occ = file.analysis.occurrences;
        for (const ch of p.contentChanges) occ = shiftOccurrences(occ, 'range' in ch ? ch : { text: ch.text });
        file.analysis = { ...file.analysis, occurrences: occ };
      }
      const settings = state.settingsFor(state.folders.of(uri));
      if (settings.run === 'onType') documents.schedule(uri, settings.debounceMs);
    }),
  );
  connection.onDidSaveTextDocument((p) =>
    state.guardSync('didSave', () => {
      const uri = normalizeUri(p.textDocument.uri);
      if (isPackFile(uri) || state.packs.ownsFile(uriToPath(uri) ?? '') || isWorkspaceConfig(uriToPath(uri) ?? '')) return packReload.reloadPacksSoon();
      const doc = state.docs.get(uri);
      if (doc && state.isSolidity(doc) && state.settingsFor(state.folders.of(uri)).run === 'onSave') documents.schedule(uri, 0);
    }),
  );
  connection.onDidCloseTextDocument((p) =>
    state.guardSync('didClose', () => {
      const uri = normalizeUri(p.textDocument.uri);
      const doc = state.docs.get(uri);
      state.docs.delete(uri);
      documents.cancel(uri);
      documents.forgetEdit(uri);
      if (isPackFile(uri)) {
        publisher.setLivePackProblems(uri, undefined);
        return;
      }
      if (!doc || !state.isSolidity(doc)) return;
      const file = uriToPath(uri);
      // Its importers read the disk again instead of the editor's text.
      if (file) ctx.dependants.changed([file]);
      const folder = state.folders.of(uri);
      const settings = state.settingsFor(folder);
      if (file && isScanned(file, folder, settings.exclude, { tests: settings.analyzeTests }) && settings.scanWorkspaceOnStartup) {
        // The file stays part of the workspace model: go back to what is on disk.
        void state.guard('reanalyse closed file', () => scan.analyzeDisk(file, folder!));
      } else publisher.forget(uri);
    }),
  );
}
