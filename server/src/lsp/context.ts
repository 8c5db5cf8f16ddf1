// The parts of a running server, built once per connection in dependency order and handed to each module that
// registers handlers (server.ts wires them). Each part gets only the parts below it in its constructor, so the
// modules form a chain without cycles: state → publisher → documents → scan → packReload → watchedFiles →
// configuration. Handler modules (document-sync, hover-handler, code-action-handler, custom-requests, lifecycle)
// take the whole context, since a request may need any of them.
import type { Connection } from 'vscode-languageserver/node';
import { Configuration } from './configuration';
import { Dependants } from './dependants';
import { OpenDocuments } from './open-documents';
import { PackReloader } from './pack-reload';
import { Publisher } from './publish';
import { ServerState } from './state';
import { WatchedFiles } from './watched-files';
import { WorkspaceScan } from './workspace-scan';

export interface ServerContext {
  /** Shared data: connection, folders, packs, open documents, per-file analyses, settings, readiness, guards. */
  state: ServerState;
  /** Diagnostics and hindsight/findingsChanged. */
  publisher: Publisher;
  /** Open documents: debounce, incremental analysis, ensureFresh. */
  documents: OpenDocuments;
  /** Closed files and the workspace scan. */
  scan: WorkspaceScan;
  /** The files that import a changed one, analysed again. */
  dependants: Dependants;
  /** Loading and reloading packs. */
  packReload: PackReloader;
  /** File watchers and watched-file events. */
  watchedFiles: WatchedFiles;
  /** Settings and initializationOptions. */
  configuration: Configuration;
}

export function createServerContext(connection: Connection): ServerContext {
  const state = new ServerState(connection);
  const publisher = new Publisher(state);
  const documents = new OpenDocuments(state, publisher);
  const scan = new WorkspaceScan(state, publisher, documents);
  const dependants = new Dependants(state, documents, scan);
  documents.onEdited = (paths) => dependants.changed(paths, { open: false });
  const packReload = new PackReloader(state, publisher, scan);
  const watchedFiles = new WatchedFiles(state, publisher, scan, packReload, dependants);
  const configuration = new Configuration(state, publisher, scan, packReload, watchedFiles);
  return { state, publisher, documents, scan, dependants, packReload, watchedFiles, configuration };
}
