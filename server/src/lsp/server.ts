// The Hindsight language server's entry: creates the connection and wires each module to it. Editor-agnostic:
// nothing here assumes VS Code; custom requests are typed in ../shared/protocol. The modules share one explicit
// ServerContext (context.ts); each handler runs under the state's guards, so an exception is logged to the
// client's output and answered with an empty result, never allowed to take the server down.
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { registerCodeActions } from './code-action-handler';
import { createServerContext } from './context';
import { findingsResult, registerCustomRequests } from './custom-requests';
import { registerDocumentSync } from './document-sync';
import { registerHover } from './hover-handler';
import { registerLifecycle } from './lifecycle';
import { registerRequests } from './requests';
import { registerSemanticTokens } from './semantic-tokens';
import { registerWorkspaceTrust } from './trust';

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  // The server runs on every keystroke: a stray rejected promise is logged, never a reason to die and lose state.
  process.on('unhandledRejection', (reason) => {
    connection.console.error(`Hindsight: unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  });
  const ctx = createServerContext(connection);
  const { state } = ctx;

  registerLifecycle(connection, ctx);
  registerDocumentSync(connection, ctx);
  registerHover(connection, ctx);
  registerCodeActions(connection, ctx);
  registerSemanticTokens(connection, ctx);
  registerWorkspaceTrust(connection, ctx);

  ctx.configuration.register(connection);
  ctx.watchedFiles.register(connection);

  registerCustomRequests(connection, ctx);
  // Audits, reviews, baselines and recording findings: lsp/requests/ (docs/lsp.md).
  registerRequests(connection, {
    ready: () => state.ready,
    folders: state.folders,
    settingsFor: (f) => state.settingsFor(f),
    packs: state.packs,
    trusted: () => state.trustedWorkspace,
    restricted: () => state.restricted,
    urlPackCache: () => state.urlPackCache,
    textOf: (uri) => ctx.documents.textOf(uri),
    findings: () => findingsResult(ctx).findings,
  });

  connection.listen();
}
