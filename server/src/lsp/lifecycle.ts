// The server's lifecycle: initialize (what the client can do, initializationOptions, workspace folders, the
// capabilities the server announces), initialized (registrations that need the client, settings, packs and file
// watchers, then readiness, the start-up workspace scan and the warm-up), workspace folder changes, and shutdown.
// Each start-up step is guarded on its own, so a client that refuses a registration still gets a working server.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CodeActionKind, type Connection, type InitializeParams, type InitializeResult, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { warmUpSteps } from '../engine/parse';
import { findExtensionRoot } from '../packs/load';
import { analyzeParsed, parseText } from '../project/analysis';
import { pathToUri } from '../project/workspace';
import { FIX_ALL_KIND, SERVER_COMMANDS } from '../shared/protocol';
import type { ServerContext } from './context';
import { SEMANTIC_TOKENS_PROVIDER } from './semantic-tokens';

const WARM_UP = `pragma solidity ^0.8.0;
contract W {
    mapping(address => uint256) balances;
    function f(address a, uint256 v) external onlyOwner {
        (bool ok, ) = a.call{value: v}("");
        require(ok && tx.origin == msg.sender);
        balances[a] -= v;
    }
}
`;
/** After the start-up scan's findingsChanged (sent 50 ms after the scan ends): see initialized(). */
const WARM_UP_DELAY_MS = 200;

export function registerLifecycle(connection: Connection, ctx: ServerContext): void {
  connection.onInitialize((p) => initialize(ctx, p));
  connection.onInitialized(() => void ctx.state.guard('initialized', () => initialized(connection, ctx)));
  connection.onShutdown(() => dispose(ctx));
}

function initialize(ctx: ServerContext, p: InitializeParams): InitializeResult {
  const cap = p.capabilities;
  ctx.state.caps = {
    configuration: !!cap.workspace?.configuration,
    workDoneProgress: !!cap.window?.workDoneProgress,
    watchDynamic: !!cap.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    configDynamic: !!cap.workspace?.didChangeConfiguration?.dynamicRegistration,
    relativePattern: !!cap.workspace?.didChangeWatchedFiles?.relativePatternSupport,
    folders: !!cap.workspace?.workspaceFolders,
  };
  ctx.configuration.initializationOptions(p.initializationOptions);
  if (p.workspaceFolders?.length) ctx.state.folders.set(p.workspaceFolders);
  else if (p.rootUri) ctx.state.folders.set([{ uri: p.rootUri }]);
  else if (p.rootPath) ctx.state.folders.set([{ uri: pathToUri(p.rootPath) }]);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      semanticTokensProvider: SEMANTIC_TOKENS_PROVIDER,
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND],
      },
      executeCommandProvider: { commands: [...SERVER_COMMANDS] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'hindsight', version: serverVersion() },
  };
}

/**
 * After initialize: the client-side registrations, settings, packs and watchers, then the server is ready and
 * scans the workspace, then it warms up.
 */
async function initialized(connection: Connection, ctx: ServerContext): Promise<void> {
  // Each step is guarded on its own: a client that refuses a registration must not leave the server
  // waiting for a readiness that never comes.
  if (ctx.state.caps.configDynamic) {
    await ctx.state.guard('register didChangeConfiguration', () => ctx.configuration.registerForChanges());
  }
  if (ctx.state.caps.folders) {
    ctx.state.guardSync('watch workspace folders', () =>
      connection.workspace.onDidChangeWorkspaceFolders(
        (e) =>
          void ctx.state.guard('didChangeWorkspaceFolders', async () => {
            ctx.state.folders.remove(e.removed.map((f) => f.uri));
            ctx.state.folders.add(e.added);
            for (const [uri, st] of ctx.state.files) st.folder = ctx.state.folders.of(uri);
            await ctx.configuration.refreshSettings();
            await ctx.packReload.reloadPacksAndRescan(false);
          }),
      ),
    );
  }
  try {
    await ctx.state.guard('read settings', () => ctx.configuration.refreshSettings());
    await ctx.state.guard('load packs', () => ctx.packReload.reloadPacks(false));
    await ctx.state.guard('register file watchers', () => ctx.watchedFiles.registerWatchers());
  } finally {
    ctx.state.markReady();
  }
  await ctx.scan.scanWorkspace(false);
  // Warm the parser and the matcher up (JIT, and compiling the patterns deferred at pack loading) before the
  // first keystroke needs them; the matcher only when no document is open, whose own analysis warms it better.
  // Once the scan has been reported, not before: the scan parses on workers, and when every file comes from the
  // cache its results should not wait for a warm-up.
  // The parser's recovery paths are warmed either way: an open document that parses does not warm them.
  // One step per turn of the event loop, so a keystroke or a request never waits for the whole warm-up.
  const steps = [...warmUpSteps(), () => ctx.state.docs.size || analyzeParsed(parseText(WARM_UP), ctx.state.packs.findingsFor(null))];
  const next = () => {
    const step = steps.shift();
    if (!step) return;
    ctx.state.guardSync('warm-up', step);
    setImmediate(next);
  };
  setTimeout(next, WARM_UP_DELAY_MS);
}

/** At shutdown: no timer fires and no scan goes on after it. */
function dispose(ctx: ServerContext): void {
  ctx.documents.dispose();
  ctx.publisher.dispose();
  ctx.packReload.dispose();
  ctx.watchedFiles.dispose();
  ctx.dependants.dispose();
  ctx.state.scanGeneration++;
}

function serverVersion(): string {
  try {
    const root = findExtensionRoot();
    return root ? (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
