// Workspace trust while the server runs. At start-up the client says whether the workspace is trusted
// (initializationOptions.trustedWorkspace, read in configuration.ts); a workspace the client says is not trusted
// runs in Restricted Mode: built-in packs only (lsp/packs.ts, packs/sources.ts), no download, no git. When the user
// grants trust, hindsight/didChangeWorkspaceTrust takes the server out of it without a restart: settings are read
// again (an editor hides workspace values of restricted settings until then), packs reloaded, files re-scanned.
import type { Connection } from 'vscode-languageserver/node';
import { WorkspaceTrustNotification, type WorkspaceTrustParams } from '../shared/protocol';
import type { ServerContext } from './context';

export function registerWorkspaceTrust(connection: Connection, ctx: ServerContext): void {
  connection.onNotification(
    WorkspaceTrustNotification.method,
    (p: WorkspaceTrustParams) => void ctx.state.guard('workspace trust', () => applyTrust(ctx, p?.trusted === true)),
  );
}

async function applyTrust(ctx: ServerContext, trusted: boolean): Promise<void> {
  const { state } = ctx;
  if (state.trustedWorkspace === trusted && state.restricted === !trusted) return;
  // At once, so that requests answered from now on (pack sources, git) see the new state.
  state.trustedWorkspace = trusted;
  state.restricted = !trusted;
  state.connection.console.info(`Hindsight: workspace ${trusted ? 'trusted: workspace packs on' : 'not trusted: Restricted Mode, built-in packs only'}`);
  await state.ready;
  await ctx.configuration.refreshSettings();
  await ctx.packReload.reloadPacksAndRescan(false);
  await ctx.watchedFiles.registerWatchers();
}
