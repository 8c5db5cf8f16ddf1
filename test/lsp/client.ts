// A small LSP client for protocol tests: spawns the built server over stdio, answers the requests a real
// editor answers (workspace/configuration, registerCapability, workDoneProgress/create, applyEdit), and
// collects what the server sends, with helpers that wait for a condition instead of sleeping.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { ApplyWorkspaceEditParams, CodeAction, Diagnostic, Hover, InitializeResult, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { applyEdits } from '../../server/src/engine';
import {
  FindingsChangedNotification,
  FindingsRequest,
  ScanWorkspaceRequest,
  type ScanWorkspaceResult,
  type FindingsChangedParams,
  type FindingsResult,
} from '../../server/src/shared/protocol';
import { ensureServerBuilt, ROOT } from './build';

/** The V8 flags the VS Code client starts the server with (heap limit, young generation, tiering): tests run the server as users' editors do. */
const SERVER_EXEC_ARGV: string[] = JSON.parse(readFileSync(join(ROOT, 'server', 'src', 'shared', 'server-exec-argv.json'), 'utf8'));

export type Settings = Record<string, unknown>;

export interface StartOptions {
  /** Workspace folders (absolute paths). */
  folders?: string[];
  /** The `hindsight` section, for every scope. */
  settings?: Settings;
  /** Per-folder overrides of `settings`, keyed by folder path. */
  folderSettings?: Record<string, Settings>;
  /** Client capabilities to leave out (to test clients without them). */
  without?: Array<'configuration' | 'workDoneProgress' | 'watchers'>;
  initializationOptions?: unknown;
  /**
   * The server's on-disk result cache (HINDSIGHT_CACHE_DIR). Default: a fresh folder per client, removed on stop,
   * so no test reads entries another wrote; pass the same folder to two clients to test a restart.
   */
  cacheDir?: string;
  /** Extra environment variables of the server process. */
  env?: Record<string, string>;
}

export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly findingsChanged: FindingsChangedParams[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  readonly progress: unknown[] = [];
  readonly logs: string[] = [];
  readonly messages: string[] = [];
  settings: Settings;
  folderSettings: Record<string, Settings>;
  initializeResult!: InitializeResult;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private waiters: Array<() => void> = [];
  private ownCache: string | undefined;

  private constructor(
    readonly conn: ProtocolConnection,
    private readonly child: ChildProcess,
    opts: StartOptions,
  ) {
    this.settings = opts.settings ?? {};
    this.folderSettings = opts.folderSettings ?? {};
  }

  /** The server's process id, for tools that watch or signal it (the soaks' memory samples and heap snapshots). */
  get pid(): number {
    return this.child.pid!;
  }

  static async start(opts: StartOptions = {}): Promise<TestClient> {
    const serverJs = await ensureServerBuilt();
    const ownCache = opts.cacheDir ? undefined : mkdtempSync(join(tmpdir(), 'hs-lsp-cache-'));
    const env: NodeJS.ProcessEnv = { ...process.env, HINDSIGHT_CACHE_DIR: opts.cacheDir ?? ownCache! };
    delete env.HINDSIGHT_NO_CACHE;
    Object.assign(env, opts.env);
    const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const reader = new StreamMessageReader(child.stdout!);
    // A server stopped while it writes leaves half a message in the reader, whose 10 s "partial message" timer
    // re-arms itself for as long as the process lives, even after dispose: the test file then never exits.
    reader.partialMessageTimeout = 0;
    const conn = createProtocolConnection(reader, new StreamMessageWriter(child.stdin!));
    const client = new TestClient(conn, child, opts);
    client.ownCache = ownCache;
    child.stderr!.on('data', (d) => client.logs.push(String(d)));
    client.wire();
    conn.listen();
    const without = new Set(opts.without ?? []);
    const folders = (opts.folders ?? []).map((f) => ({ uri: URI.file(f).toString(), name: f.split('/').pop()! }));
    client.initializeResult = await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      initializationOptions: opts.initializationOptions,
      capabilities: {
        workspace: {
          configuration: !without.has('configuration'),
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: !without.has('watchers'), relativePatternSupport: true },
          applyEdit: true,
          workspaceEdit: { documentChanges: true },
        },
        window: { workDoneProgress: !without.has('workDoneProgress') },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
            isPreferredSupport: true,
            dataSupport: true,
          },
        },
      },
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  private wire(): void {
    const c = this.conn;
    c.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.wake();
    });
    c.onNotification(FindingsChangedNotification, (p) => {
      this.findingsChanged.push(p);
      this.wake();
    });
    c.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    c.onNotification('window/showMessage', (p: { message: string }) => {
      this.messages.push(p.message);
      this.wake();
    });
    c.onNotification('$/progress', (p: unknown) => {
      this.progress.push(p);
      this.wake();
    });
    c.onRequest('workspace/configuration', (p: { items: Array<{ scopeUri?: string; section?: string }> }) =>
      p.items.map((item) => {
        const folder = item.scopeUri ? URI.parse(item.scopeUri).fsPath : undefined;
        const merged = { ...this.settings, ...(folder ? (this.folderSettings[folder] ?? {}) : {}) };
        return item.section === 'hindsight' ? merged : { hindsight: merged };
      }),
    );
    c.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      this.appliedEdits.push(p);
      this.wake();
      return { applied: true };
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /**
   * Resolves when `check` returns a value other than undefined/false; rejects after `timeoutMs` — a safety net
   * only, generous because the test machine may be heavily loaded.
   */
  async until<T>(what: string, check: () => T | undefined | false, timeoutMs = 90_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v !== undefined && v !== false) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out waiting for ${what}\n--- server log ---\n${this.logs.slice(-30).join('\n')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits for diagnostics of `uri` that satisfy `pred` (default: any publication after this call). */
  async diagnosticsOf(uri: string, pred?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]> {
    if (!pred) {
      this.diagnostics.delete(uri);
      return this.until(`diagnostics of ${uri}`, () => this.diagnostics.get(uri), timeoutMs);
    }
    return this.until(
      `matching diagnostics of ${uri}`,
      () => {
        const d = this.diagnostics.get(uri);
        return d && pred(d) ? d : undefined;
      },
      timeoutMs,
    );
  }

  open(uri: string, text: string, languageId = 'solidity'): void {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    this.diagnostics.delete(uri);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Incremental edits, applied to the client's copy too (the same way an editor does). */
  edit(uri: string, ...edits: TextEdit[]): string {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    let text = this.texts.get(uri) ?? '';
    // Content changes apply in order, each to the result of the previous one.
    for (const e of edits) text = applyEdits(text, [e]);
    this.texts.set(uri, text);
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    return text;
  }

  replaceAll(uri: string, text: string): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  save(uri: string): void {
    void this.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  close(uri: string): void {
    this.versions.delete(uri);
    this.texts.delete(uri);
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  async changeSettings(settings: Settings, folderSettings?: Record<string, Settings>): Promise<void> {
    this.settings = settings;
    if (folderSettings) this.folderSettings = folderSettings;
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: { hindsight: settings } });
  }

  async watchedFiles(changes: Array<{ uri: string; type: 1 | 2 | 3 }>): Promise<void> {
    await this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  codeActions(uri: string, range: Range, only?: string[], diagnostics: Diagnostic[] = []): Promise<CodeAction[]> {
    return this.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  findings(uri?: string): Promise<FindingsResult> {
    return this.conn.sendRequest(FindingsRequest, uri ? { uri } : {});
  }

  /** The text of `uri` after applying a workspace edit's changes for it. */
  applyWorkspaceEdit(uri: string, edit: WorkspaceEdit | undefined, base = this.text(uri)): string {
    const edits = edit?.changes?.[uri] ?? [];
    return applyEdits(base, edits);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    this.conn.dispose();
    if (this.child.exitCode === null) this.child.kill();
    if (this.ownCache) rmSync(this.ownCache, { recursive: true, force: true });
  }

  scanWorkspace(): Promise<ScanWorkspaceResult> {
    return this.conn.sendRequest(ScanWorkspaceRequest);
  }
}

export function uriOf(file: string): string {
  return URI.file(file).toString();
}

/** A temporary workspace with the given files (relative path -> content). */
export function workspace(files: Record<string, string>): {
  root: string;
  path: (rel: string) => string;
  uri: (rel: string) => string;
  write: (rel: string, text: string) => void;
  dispose: () => void;
} {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-lsp-'));
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  return {
    root,
    path: (rel) => join(root, rel),
    uri: (rel) => uriOf(join(root, rel)),
    write,
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A workspace of `files` and a client started on it, both gone when test `t` ends. */
export async function startIn(
  t: { after(fn: () => Promise<void>): void },
  files: Record<string, string>,
  opts: Omit<StartOptions, 'folders'> = {},
): Promise<{ client: TestClient; ws: ReturnType<typeof workspace> }> {
  const ws = workspace(files);
  const client = await TestClient.start({ ...opts, folders: [ws.root] });
  t.after(async () => {
    await client.stop();
    ws.dispose();
  });
  return { client, ws };
}

export function pos(line: number, character: number) {
  return { line, character };
}

export function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: pos(sl, sc), end: pos(el, ec) };
}
