// What every part of the language server shares: the connection, the workspace folders, the loaded packs, the
// open documents, each file's analysis and the settings in force. Held in one explicit object handed to each
// module (server.ts wires them), so that what a module may read or change is visible in its constructor rather
// than hidden in closures. The guards live here too: every handler runs under one, so that an exception is
// logged to the client's output and answered with a fallback, never allowed to take the server down.
import type { Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../engine/finding';
import type { ParsedSource } from '../engine/parse';
import type { UnitMemory } from '../engine/scan-units';
import type { Occurrence } from '../engine/types';
import type { Analysis, View } from '../project/analysis';
import type { Dependencies } from '../project/dependencies';
import { Folders, type Folder } from '../project/workspace';
import { DEFAULT_SETTINGS, type HindsightSettings } from '../shared/protocol';
import { PackStore } from './packs';

export interface FileState {
  uri: string;
  folder: Folder | null;
  analysis: Analysis;
  view: View;
  packsVersion: number;
  /** Document version analysed; null when read from disk. */
  version: number | null;
  /**
   * Last parse of an open document, handed to the parser so it can re-parse only what changed. Never kept for
   * closed files: a workspace of parsed trees is hundreds of megabytes, and their findings are all a scan needs.
   */
  parsed?: ParsedSource;
  /** An open document's matches by unit, so that a keystroke re-matches only the unit it changed. */
  memory?: UnitMemory;
  /** For a file analysed from disk: the AnalysisCache key of the text and findings it was analysed with. */
  key?: string;
  /** For a file analysed from disk with its imports: the files the analysis drew on, with their hashes then. */
  dependencies?: Dependencies;
  excluded: boolean;
  /** Set when an open document is too large to analyse: why (shown as one information diagnostic). */
  skipped?: string;
  /** JSON of the diagnostics last sent, to send (and notify) only on change. */
  published: string;
}

/** What the client said it can do, at initialize. */
export interface ClientCapabilities {
  configuration: boolean;
  workDoneProgress: boolean;
  watchDynamic: boolean;
  configDynamic: boolean;
  relativePattern: boolean;
  folders: boolean;
}

export class ServerState {
  readonly folders = new Folders();
  readonly packs = new PackStore();
  /** Every file with an analysis: open documents and, after a workspace scan, the closed files it checked. */
  readonly files = new Map<string, FileState>();
  /** Open documents, by normalized URI. */
  readonly docs = new Map<string, TextDocument>();
  caps: ClientCapabilities = {
    configuration: false,
    workDoneProgress: false,
    watchDynamic: false,
    configDynamic: false,
    relativePattern: false,
    folders: false,
  };
  settingsByScope = new Map<string, HindsightSettings>();
  /** URL packs are downloaded only when the client says the workspace is trusted (docs/team-packs.md). */
  trustedWorkspace = false;
  /**
   * Restricted Mode: the client said the workspace is not trusted (`trustedWorkspace: false`, VS Code's Restricted
   * Mode). Only built-in packs run until it says otherwise (hindsight/didChangeWorkspaceTrust). A client that says
   * nothing about trust has no such mode: workspace packs run, but nothing is downloaded and git is not run.
   */
  restricted = false;
  urlPackCache: string | undefined;
  globalStorage: string | undefined;
  /** Bumped by every workspace scan (and at shutdown): an older scan sees it and stops. */
  scanGeneration = 0;
  scanning = false;
  /** True once settings and packs are loaded at start-up; work that needs them waits for `ready`. */
  isReady = false;
  private readyResolve!: () => void;
  readonly ready = new Promise<void>((r) => (this.readyResolve = r));

  constructor(readonly connection: Connection) {}

  markReady(): void {
    this.isReady = true;
    this.readyResolve();
  }

  settingsFor(folder: Folder | null): HindsightSettings {
    const s = this.settingsByScope.get(folder?.uri ?? '') ?? this.settingsByScope.get('') ?? DEFAULT_SETTINGS;
    return this.packs.withConfig(s, folder?.uri ?? null);
  }

  findingOf(o: Occurrence): Finding | undefined {
    return this.packs.finding(o.pack, o.findingId);
  }

  isSolidity(doc: TextDocument): boolean {
    return doc.languageId === 'solidity' || doc.uri.toLowerCase().endsWith('.sol');
  }

  async guard<T>(what: string, fn: () => T | Promise<T>, fallback?: T): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      this.logError(what, err);
      return fallback as T;
    }
  }

  guardSync<T>(what: string, fn: () => T, fallback?: T): T {
    try {
      return fn();
    } catch (err) {
      this.logError(what, err);
      return fallback as T;
    }
  }

  private logError(what: string, err: unknown): void {
    const e = err as Error;
    try {
      this.connection.console.error(`Hindsight: ${what} failed: ${e?.stack ?? String(err)}`);
    } catch {
      // the connection itself is gone; nothing left to tell
    }
  }
}
