// Starts the Hindsight language server (dist/server/server.js over IPC) and wires the pieces of the client
// that must sit between it and VS Code: diagnostics of false positives are hidden (team triage lives in the
// client), "ignore" asks the user for a reason before the server writes the comment, and a server that crashes is
// restarted within a budget, with one message when it is not.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  ErrorCodes,
  type ErrorHandler,
  LanguageClient,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import type { RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import { COMMANDS, DIAGNOSTIC_SOURCE, type FindingDiagnosticData, type IgnoreFindingArgs } from '../../server/src/shared/protocol';
import SERVER_EXEC_ARGV from '../../server/src/shared/server-exec-argv.json';
import { CRASH_RESTARTS, CRASH_WINDOW_MS, type CrashBudget } from './crashBudget';
import type { TriageStore } from './triageStore';

export { State };

/**
 * Typed requests by method name. The protocol objects in server/src/shared/protocol come from the root
 * vscode-languageserver-protocol, while vscode-languageclient carries its own copy of vscode-jsonrpc, so
 * their RequestType classes are not interchangeable; the method name and payload types are.
 */
export function request<P, R>(client: LanguageClient, type: RequestType<P, R, void>, params: P): Promise<R> {
  return client.sendRequest<R>(type.method, params);
}

export function request0<R>(client: LanguageClient, type: RequestType0<R, void>): Promise<R> {
  return client.sendRequest<R>(type.method);
}

/** Raw diagnostics per document as the server last sent them, so triage changes can re-filter them. */
export class DiagnosticsFilter {
  private readonly last = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[]; next: (uri: vscode.Uri, d: vscode.Diagnostic[]) => void }>();

  constructor(private readonly triage: TriageStore) {}

  readonly handle: NonNullable<Middleware['handleDiagnostics']> = (uri, diagnostics, next) => {
    this.last.set(uri.toString(), { uri, diagnostics, next });
    next(uri, this.filter(uri, diagnostics));
  };

  private filter(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
    return diagnostics.filter((d) => {
      const data = (d as vscode.Diagnostic & { data?: unknown }).data as FindingDiagnosticData | undefined;
      if (d.source !== DIAGNOSTIC_SOURCE || data?.kind !== 'finding') return true;
      return !this.triage.isFalsePositive({ uri: uri.toString(), findingId: data.findingId, fingerprint: data.fingerprint });
    });
  }

  /** Re-publishes every document's diagnostics through the filter (after triage changed). */
  reapply(): void {
    for (const { uri, diagnostics, next } of this.last.values()) next(uri, this.filter(uri, diagnostics));
  }

  clear(): void {
    this.last.clear();
  }
}

/** Asks for the reason of an ignore comment; undefined when the user cancels. Empty reasons are refused. */
export async function askIgnoreReason(findingId: string): Promise<string | undefined> {
  const reason = await vscode.window.showInputBox({
    title: `Ignore ${findingId} here`,
    prompt: 'Why is this not a problem? The reason is written into the ignore comment for reviewers.',
    placeHolder: 'e.g. amount is capped by the caller; token is our own ERC20',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'A reason is required: an ignore without one is reported as a problem.'),
  });
  const trimmed = reason?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Restarts a server that died, within the crash budget. A failed write never stops the client: it means the server
 * is gone, and the close that follows decides. (The library's default handler stopped the client for good after
 * three failed writes, so a crash while the editor was sending messages left Hindsight off until a reload.)
 */
export function restartOnCrash(output: vscode.LogOutputChannel, budget: CrashBudget): ErrorHandler {
  return {
    error: (error, _message, count) => {
      output.warn(`[client] message to the server failed (${count ?? 1} in a row): ${error.message}`);
      return { action: ErrorAction.Continue, handled: true };
    },
    closed: () => {
      if (budget.crashed()) {
        output.error(
          `[client] the server stopped unexpectedly; restarting it (crash ${budget.recent} of ${CRASH_RESTARTS} allowed in ${CRASH_WINDOW_MS / 60_000} minutes)`,
        );
        return { action: CloseAction.Restart, handled: true };
      }
      const message = `Hindsight: the language server crashed ${budget.recent} times in ${CRASH_WINDOW_MS / 60_000} minutes and was not restarted.`;
      output.error(`[client] ${message}`);
      // Shown synchronously inside the library's close handling, the message never reached the workbench: its
      // promise stayed pending and the notification centre never listed it (code-server 4.99, ui.mjs). From the
      // next turn of the event loop it does.
      setTimeout(() => {
        void vscode.window.showErrorMessage(message, 'Show Output', 'Restart Server').then((pick) => {
          if (pick === 'Show Output') output.show(true);
          else if (pick === 'Restart Server') void vscode.commands.executeCommand('hindsight.restartServer');
        });
      }, 0);
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}

function semanticHighlighting(): boolean {
  return vscode.workspace.getConfiguration('hindsight').get<boolean>('semanticHighlighting.enable', true);
}

/** An error that only says the connection closed under a pending request: the close handler reports the crash. */
function connectionGone(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === ErrorCodes.PendingResponseRejected;
}

/**
 * The language client, with the errors that only say the connection closed kept to the output. When a server dies
 * while starting, the library pops up three or four of them ("Restarting server failed", "couldn't create
 * connection to server", "Server initialization failed", each with "Pending response rejected since connection
 * got disposed") beside restartOnCrash's one message that says what happened and what to do.
 */
class HindsightLanguageClient extends LanguageClient {
  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    super.error(message, data, connectionGone(data) ? false : showNotification);
  }
}

/** A failed `initialize`: said once, unless the server died meanwhile (the close handler says that). */
function initializationFailed(output: vscode.LogOutputChannel): (error: unknown) => boolean {
  return (error) => {
    const text = error instanceof Error ? error.message : String(error);
    output.error(`[client] the server failed to start: ${text}`);
    if (!connectionGone(error))
      void vscode.window.showErrorMessage(`Hindsight: the language server failed to start: ${text}`, 'Show Output').then((pick) => {
        if (pick) output.show(true);
      });
    return false;
  };
}

export function createClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  diagnosticsFilter: DiagnosticsFilter,
  reasonPrompt: (findingId: string) => Promise<string | undefined>,
  crashes: CrashBudget,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server/server.js');
  // SERVER_EXEC_ARGV limits the server's heap to 1 GB, far above what it holds (~30-60 MB live). V8 grows a heap
  // after each full collection by a factor that is 4 when the limit is 2 GB or more (the default on most machines)
  // and about 1.6 at 1 GB: the server's memory after typing in large files fell from ~215-235 MB to ~155 MB
  // (docs/performance.md). Its scan workers get the same limit (scan-pool.ts). It also halves the main thread's young
  // generation, which V8 grew to 32 MB with 5 MB in use during a workspace scan (workers keep the default, see
  // scan-pool.ts). The benchmark starts it this way too.
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'solidity' },
      { scheme: 'untitled', language: 'solidity' },
      { scheme: 'file', pattern: '**/*.sol' },
    ],
    outputChannel: output,
    traceOutputChannel: output,
    synchronize: {
      configurationSection: 'hindsight',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.sol,.hindsight/**,pack.yaml,pack.yml,pack.json}'),
    },
    diagnosticCollectionName: 'hindsight',
    errorHandler: restartOnCrash(output, crashes),
    initializationFailedHandler: initializationFailed(output),
    // URL packs pinned in .hindsight/config.yaml are downloaded only for a trusted workspace, and cached in the
    // extension's global storage (docs/team-packs.md).
    // Read at each start: a server restarted after the user trusted the folder starts trusted. In Restricted Mode the
    // server runs the built-in packs only (docs/extension.md, "Workspace Trust").
    initializationOptions: () => ({ trustedWorkspace: vscode.workspace.isTrusted, globalStoragePath: context.globalStorageUri.fsPath }),
    middleware: {
      handleDiagnostics: diagnosticsFilter.handle,
      // Off: no tokens from us, so VS Code shows another Solidity extension's (it takes the first answer with tokens).
      provideDocumentSemanticTokens: (document, token, next) => (semanticHighlighting() ? next(document, token) : undefined),
      provideDocumentSemanticTokensEdits: (document, previousResultId, token, next) =>
        semanticHighlighting() ? next(document, previousResultId, token) : undefined,
      provideDocumentRangeSemanticTokens: (document, range, token, next) => (semanticHighlighting() ? next(document, range, token) : undefined),
      // The server's "Ignore ID here" carries a plain edit (with a `<reason>` placeholder) for editors that
      // cannot ask; here it becomes the command, so the user is asked for the reason first.
      provideCodeActions: async (document, range, context, token, next) => {
        const actions = await next(document, range, context, token);
        return actions?.map((a) => {
          const data = (a as { data?: { command?: string; args?: IgnoreFindingArgs } }).data;
          if (a instanceof vscode.CodeAction && data?.command === COMMANDS.ignoreFinding && data.args) {
            a.edit = undefined;
            a.command = { title: a.title, command: COMMANDS.ignoreFinding, arguments: [data.args] };
          }
          return a;
        });
      },
      executeCommand: async (command, args, next) => {
        if (command === COMMANDS.ignoreFinding) {
          const a = (args[0] ?? {}) as IgnoreFindingArgs;
          if (!a.reason?.trim()) {
            const reason = await reasonPrompt(a.findingId ?? 'finding');
            if (!reason) return undefined;
            return next(command, [{ ...a, reason }]);
          }
        }
        return next(command, args);
      },
    },
  };
  return new HindsightLanguageClient('hindsight', 'Hindsight', serverOptions, clientOptions);
}
