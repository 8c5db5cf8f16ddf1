// What the custom requests of ./ need from the running server, passed in explicitly so each request module can be
// read (and tested over stdio) without the server class: folders, settings, packs, trust, document texts.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import { AuditInputError } from '../../audit/input-error';
import { findExtensionRoot } from '../../packs/load';
import type { Folders, Folder } from '../../project/workspace';
import { normalizeUri } from '../../project/workspace';
import type { HindsightSettings, WorkspaceFinding } from '../../shared/protocol';
import type { PackStore } from '../packs';

export interface RequestContext {
  /** Resolves once settings are read and packs are loaded. */
  ready(): Promise<void>;
  folders: Folders;
  /** A folder's settings with its `.hindsight/config.yaml` folded in. */
  settingsFor(folder: Folder | null): HindsightSettings;
  packs: PackStore;
  /** The client said the workspace is trusted (initializationOptions.trustedWorkspace): git may be run. */
  trusted(): boolean;
  /** Restricted Mode: the client said the workspace is not trusted; only built-in packs run (lsp/trust.ts). */
  restricted(): boolean;
  /** Where verified URL packs are cached (the client's global storage); undefined: the default cache. */
  urlPackCache(): string | undefined;
  /** An open document's text, else the file's on disk; null when neither can be read. */
  textOf(uri: string): Promise<string | null>;
  /** The workspace's current findings, as hindsight/findings answers. */
  findings(): readonly WorkspaceFinding[];
}

/** A request that cannot be served as asked (unknown folder, malformed file): its message is for the user. */
export class RequestProblem extends Error {}

/**
 * Wraps a handler so that whatever it throws is logged and answered with an error response: never an unhandled
 * rejection. Input problems (RequestProblem, malformed .hindsight files) are logged without a stack.
 */
export function guarded<P, R>(connection: Connection, method: string, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
  return async (params) => {
    try {
      return await handler(params);
    } catch (err) {
      const expected = err instanceof RequestProblem || err instanceof AuditInputError;
      const message = err instanceof Error ? err.message : String(err);
      try {
        connection.console.error(`Hindsight: ${method} failed: ${expected ? message : ((err as Error)?.stack ?? message)}`);
      } catch {
        // the connection itself is gone; nothing left to tell
      }
      throw new ResponseError(LSPErrorCodes.RequestFailed, message);
    }
  };
}

/** The workspace folder with this uri; a RequestProblem when the server has no such folder. */
export function folderParam(ctx: RequestContext, uri: unknown): Folder {
  if (typeof uri !== 'string' || !uri) throw new RequestProblem('the request needs "folder": the uri of a workspace folder');
  const want = normalizeUri(uri);
  const folder = ctx.folders.all().find((f) => f.uri === want);
  if (!folder) throw new RequestProblem(`${uri} is not a workspace folder of this server`);
  return folder;
}

let version: string | undefined;

/** Hindsight's version (package.json), recorded in reviews and deployed state as the CLI records it. */
export function toolVersion(): string {
  if (version === undefined) {
    try {
      const root = findExtensionRoot();
      version = root ? (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version : '0.0.0';
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}
