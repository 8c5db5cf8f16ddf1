// The Hindsight language server: wires LSP requests to the engine. Editor-agnostic: nothing here assumes
// VS Code; custom requests are typed in ../shared/protocol. Every handler is guarded: an exception is logged
// to the client's output and answered with an empty result, never allowed to take the server down.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { warmUpSteps } from '../engine/parse';
import { findExtensionRoot } from '../packs/load';
import { FIX_ALL_KIND, SERVER_COMMANDS } from '../shared/protocol';
import { analyzeParsed, parseText, shiftOccurrences } from '../project/analysis';
import { registerCodeActions } from './code-action-handler';
import type { Configuration } from './configuration';
import { createServerContext, type ServerContext } from './context';
import { findingsResult, registerCustomRequests } from './custom-requests';
import { registerHover } from './hover-handler';
import { registerSemanticTokens, SEMANTIC_TOKENS_PROVIDER } from './semantic-tokens';
import { registerSemanticTokens, SEMANTIC_TOKENS_PROVIDER } from './semantic-tokens';
import type { OpenDocuments } from './open-documents';
import { isPackFile, isWorkspaceConfig, type PackReloader } from './pack-reload';
import type { Publisher } from './publish';
import type { ServerState } from './state';
import type { WatchedFiles } from './watched-files';
import type { WorkspaceScan } from './workspace-scan';
import { registerRequests } from './requests';
import { isScanned, normalizeUri, pathToUri, uriToPath } from '../project/workspace';

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

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  // The server runs on every keystroke: a stray rejected promise is logged, never a reason to die and lose state.
  process.on('unhandledRejection', (reason) => {
    connection.console.error(`Hindsight: unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  });
  new HindsightServer(connection).listen();
}

export class HindsightServer {
  private readonly state: ServerState;
  private readonly publisher: Publisher;
  private readonly documents: OpenDocuments;
  private readonly scan: WorkspaceScan;
  private readonly packReload: PackReloader;
  private readonly watchedFiles: WatchedFiles;
  private readonly configuration: Configuration;
  private readonly ctx: ServerContext;

  constructor(private readonly connection: Connection) {
    this.ctx = createServerContext(connection);
    ({ state: this.state, publisher: this.publisher, documents: this.documents, scan: this.scan } = this.ctx);
    ({ packReload: this.packReload, watchedFiles: this.watchedFiles, configuration: this.configuration } = this.ctx);
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => void this.state.guard('initialized', () => this.initialized()));
    c.onShutdown(() => this.dispose());

    c.onDidOpenTextDocument((p) =>
      this.state.guardSync('didOpen', () => {
        const uri = normalizeUri(p.textDocument.uri);
        const doc = TextDocument.create(uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text);
        this.state.docs.set(uri, doc);
        if (isPackFile(uri)) this.packReload.validatePackDocument(uri);
        else if (this.state.isSolidity(doc)) this.documents.schedule(uri, 0);
      }),
    );
    c.onDidChangeTextDocument((p) =>
      this.state.guardSync('didChange', () => {
        const uri = normalizeUri(p.textDocument.uri);
        const doc = this.state.docs.get(uri);
        if (!doc) return;
        TextDocument.update(doc, p.contentChanges, p.textDocument.version);
        if (isPackFile(uri)) return this.documents.schedule(uri, 300, () => this.packReload.validatePackDocument(uri));
        if (!this.state.isSolidity(doc)) return;
        const state = this.state.files.get(uri);
        if (state) {
          // Keep hovers and the last-good fallback on the right code until the next analysis.
          let occ = state.analysis.occurrences;
          for (const ch of p.contentChanges) occ = shiftOccurrences(occ, 'range' in ch ? ch : { text: ch.text });
          state.analysis = { ...state.analysis, occurrences: occ };
        }
        const settings = this.state.settingsFor(this.state.folders.of(uri));
        if (settings.run === 'onType') this.documents.schedule(uri, settings.debounceMs);
      }),
    );
    c.onDidSaveTextDocument((p) =>
      this.state.guardSync('didSave', () => {
        const uri = normalizeUri(p.textDocument.uri);
        if (isPackFile(uri) || this.state.packs.ownsFile(uriToPath(uri) ?? '') || isWorkspaceConfig(uriToPath(uri) ?? '')) return this.packReload.reloadPacksSoon();
        const doc = this.state.docs.get(uri);
        if (doc && this.state.isSolidity(doc) && this.state.settingsFor(this.state.folders.of(uri)).run === 'onSave') this.documents.schedule(uri, 0);
      }),
    );
    c.onDidCloseTextDocument((p) =>
      this.state.guardSync('didClose', () => {
        const uri = normalizeUri(p.textDocument.uri);
        const doc = this.state.docs.get(uri);
        this.state.docs.delete(uri);
        this.documents.cancel(uri);
        if (isPackFile(uri)) {
          this.publisher.setLivePackProblems(uri, undefined);
          return;
        }
        if (!doc || !this.state.isSolidity(doc)) return;
        const file = uriToPath(uri);
        const folder = this.state.folders.of(uri);
        if (file && isScanned(file, folder, this.state.settingsFor(folder).exclude) && this.state.settingsFor(folder).scanWorkspaceOnStartup) {
          // The file stays part of the workspace model: go back to what is on disk.
          void this.state.guard('reanalyse closed file', () => this.scan.analyzeDisk(file, folder!));
        } else this.publisher.forget(uri);
      }),
    );

    registerHover(c, this.ctx);
    registerCodeActions(c, this.ctx);
    registerSemanticTokens(c, this.ctx);
    registerSemanticTokens(c, this.ctx);

    this.configuration.register(c);
    this.watchedFiles.register(c);

    registerCustomRequests(c, this.ctx);
    // Audits, reviews, baselines and recording findings: lsp/requests/ (docs/lsp.md).
    registerRequests(c, {
      ready: () => this.state.ready,
      folders: this.state.folders,
      settingsFor: (f) => this.state.settingsFor(f),
      packs: this.state.packs,
      trusted: () => this.state.trustedWorkspace,
      urlPackCache: () => this.state.urlPackCache,
      textOf: (uri) => this.documents.textOf(uri),
      findings: () => findingsResult(this.ctx).findings,
    });

    c.listen();
  }

  // ---------------------------------------------------------------- lifecycle

  private initialize(p: InitializeParams): InitializeResult {
    const cap = p.capabilities;
    this.state.caps = {
      configuration: !!cap.workspace?.configuration,
      workDoneProgress: !!cap.window?.workDoneProgress,
      watchDynamic: !!cap.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      configDynamic: !!cap.workspace?.didChangeConfiguration?.dynamicRegistration,
      relativePattern: !!cap.workspace?.didChangeWatchedFiles?.relativePatternSupport,
      folders: !!cap.workspace?.workspaceFolders,
    };
    this.configuration.initializationOptions(p.initializationOptions);
    if (p.workspaceFolders?.length) this.state.folders.set(p.workspaceFolders);
    else if (p.rootUri) this.state.folders.set([{ uri: p.rootUri }]);
    else if (p.rootPath) this.state.folders.set([{ uri: pathToUri(p.rootPath) }]);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        semanticTokensProvider: SEMANTIC_TOKENS_PROVIDER,
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

  private async initialized(): Promise<void> {
    const c = this.connection;
    // Each step is guarded on its own: a client that refuses a registration must not leave the server
    // waiting for a readiness that never comes.
    if (this.state.caps.configDynamic) {
      await this.state.guard('register didChangeConfiguration', () => this.configuration.registerForChanges());
    }
    if (this.state.caps.folders) {
      this.state.guardSync('watch workspace folders', () =>
        c.workspace.onDidChangeWorkspaceFolders((e) =>
          void this.state.guard('didChangeWorkspaceFolders', async () => {
            this.state.folders.remove(e.removed.map((f) => f.uri));
            this.state.folders.add(e.added);
            for (const [uri, st] of this.state.files) st.folder = this.state.folders.of(uri);
            await this.configuration.refreshSettings();
            await this.packReload.reloadPacksAndRescan(false);
          }),
        ),
      );
    }
    try {
      await this.state.guard('read settings', () => this.configuration.refreshSettings());
      await this.state.guard('load packs', () => this.packReload.reloadPacks(false));
      await this.state.guard('register file watchers', () => this.watchedFiles.registerWatchers());
    } finally {
      this.state.markReady();
    }
    await this.scan.scanWorkspace(false);
    // Warm the parser and the matcher up (JIT, and compiling the patterns deferred at pack loading) before the
    // first keystroke needs them; the matcher only when no document is open, whose own analysis warms it better.
    // Once the scan has been reported, not before: the scan parses on workers, and when every file comes from the
    // cache its results should not wait for a warm-up.
    // The parser's recovery paths are warmed either way: an open document that parses does not warm them.
    // One step per turn of the event loop, so a keystroke or a request never waits for the whole warm-up.
    const steps = [...warmUpSteps(), () => this.state.docs.size || analyzeParsed(parseText(WARM_UP), this.state.packs.findingsFor(null))];
    const next = () => {
      const step = steps.shift();
      if (!step) return;
      this.state.guardSync('warm-up', step);
      setImmediate(next);
    };
    setTimeout(next, WARM_UP_DELAY_MS);
  }

  private dispose(): void {
    this.documents.dispose();
    this.publisher.dispose();
    this.packReload.dispose();
    this.watchedFiles.dispose();
    this.state.scanGeneration++;
  }
}

function serverVersion(): string {
  try {
    const root = findExtensionRoot();
    return root ? (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
