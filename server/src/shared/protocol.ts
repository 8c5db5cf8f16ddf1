// The custom protocol between the Hindsight language server and its clients (the VS Code extension, tests,
// any editor that wants the workspace model). Client and server import these very objects, so a method
// name or a payload shape can only change in one place. Positions are LSP positions (0-based, UTF-16).
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Confidence, Range, Reference, Severity } from './types';

export type { Confidence, Range, Reference, Severity };

/** The `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'hindsight';

/** Code-action kind of "apply every safe fix in this file" (VS Code: `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.hindsight';

/** Diagnostic codes the server itself raises (not findings from packs). */
export const SERVER_CODES = {
  /** A `hindsight-ignore…` comment without a `: reason`. */
  suppressNoReason: 'HS-SUPPRESS-NO-REASON',
  /** A `hindsight-ignore…` comment that suppresses nothing. */
  suppressUnused: 'HS-SUPPRESS-UNUSED',
  /** A `hindsight-ignore…` comment that cannot be read (no ids, bad id). */
  suppressMalformed: 'HS-SUPPRESS-MALFORMED',
  /** The file does not parse here; findings in the parts that still parse are kept. */
  syntax: 'HS-SYNTAX',
  /** A pack file (pack.yaml / pack.json) is invalid; published in the pack file itself. */
  pack: 'HS-PACK',
} as const;

/**
 * Commands the server's code actions carry. The server executes them through `workspace/executeCommand`
 * (they are listed in `executeCommandProvider`), except `showFindingDetails`, which is a client-side
 * command: the VS Code client registers it and opens its details view; other clients may call
 * `hindsight/findingDetails` themselves.
 */
export const COMMANDS = {
  /** Client-side. Arguments: [ShowFindingDetailsArgs] */
  showFindingDetails: 'hindsight.showFindingDetails',
  /**
   * Server-side. Arguments: [IgnoreFindingArgs]. Inserts `// hindsight-ignore-next-line ID: reason` above the
   * occurrence via `workspace/applyEdit`. The client may intercept it to ask the user for the reason first.
   */
  ignoreFinding: 'hindsight.ignoreFinding',
  /** Server-side. Arguments: [{ uri: string }]. Applies every safe fix of the document via `workspace/applyEdit`. */
  fixAll: 'hindsight.fixAll',
  /** Server-side. No arguments. Same as the `hindsight/scanWorkspace` request. */
  scanWorkspace: 'hindsight.scanWorkspace',
  /** Server-side. No arguments. Same as the `hindsight/reloadPacks` request. */
  reloadPacks: 'hindsight.reloadPacks',
} as const;

/** Server-executed commands (advertised in `executeCommandProvider.commands`). */
export const SERVER_COMMANDS: readonly string[] = [
  COMMANDS.ignoreFinding,
  COMMANDS.fixAll,
  COMMANDS.scanWorkspace,
  COMMANDS.reloadPacks,
];

export interface ShowFindingDetailsArgs {
  findingId: string;
  /** Pack name: finding ids are unique per pack only. */
  pack: string;
  uri?: string;
  fingerprint?: string;
}

export interface IgnoreFindingArgs {
  uri: string;
  findingId: string;
  /** Line (0-based) of the occurrence's start; the comment goes above it with the same indentation. */
  line: number;
  /** Written after the colon. When absent the server writes the placeholder `<reason>`. */
  reason?: string;
}

/** Placeholder written by the "Ignore here" quick fix; a suppression whose reason is still this is reported. */
export const REASON_PLACEHOLDER = '<reason>';

/** `Diagnostic.data` of every finding diagnostic. */
export interface FindingDiagnosticData {
  kind: 'finding';
  findingId: string;
  pack: string;
  severity: Severity;
  confidence: Confidence;
  category: string;
  fingerprint: string;
  hasFix: boolean;
  fixSafe?: boolean;
}

/** `Diagnostic.data` of diagnostics the server raises itself (syntax, suppression comments, pack files). */
export interface ServerDiagnosticData {
  kind: 'syntax' | 'suppression' | 'pack';
}

export type DiagnosticData = FindingDiagnosticData | ServerDiagnosticData;

/**
 * Triage state of an occurrence. The server does not store triage (the client does, keyed by fingerprint)
 * and always reports 'open'; the field exists so the client can merge its own state into the same model.
 */
export type TriageState = 'open' | 'confirmed' | 'false-positive' | 'fixed' | 'wont-fix';

/** One current finding occurrence in the workspace. */
export interface WorkspaceFinding {
  uri: string;
  /** The narrowed range (what the diagnostic covers). */
  range: Range;
  /** The whole matched code. */
  matchRange: Range;
  findingId: string;
  title: string;
  severity: Severity;
  confidence: Confidence;
  category: string;
  pack: string;
  fingerprint: string;
  /** Names of the enclosing contract and function ('' when none). */
  contract: string;
  function: string;
  hasFix: boolean;
  /** Present when hasFix. */
  fixSafe?: boolean;
  fixTitle?: string;
  triage: TriageState;
}

export interface FileSyntaxErrors {
  uri: string;
  errors: Array<{ message: string; range: Range }>;
}

export interface FindingsParams {
  /** Only this document's findings; all of the workspace when absent. */
  uri?: string;
}

export interface FindingsResult {
  findings: WorkspaceFinding[];
  /** Files that currently have syntax errors (their findings above are from the parts that still parse). */
  syntaxErrors: FileSyntaxErrors[];
  /** True while the background workspace scan is still running: the list is incomplete. */
  scanning: boolean;
}

/** `hindsight/findings`: every current finding of the workspace (open documents and scanned files). */
export const FindingsRequest = new RequestType<FindingsParams, FindingsResult, void>('hindsight/findings');

export interface FindingsChangedParams {
  /** Documents whose findings (or syntax errors) changed since the last notification. */
  uris: string[];
  /** Totals over the whole workspace after the change. */
  total: number;
  bySeverity: Record<Severity, number>;
  scanning: boolean;
}

/** `hindsight/findingsChanged`: sent (coalesced) after findings of some documents changed. */
export const FindingsChangedNotification = new NotificationType<FindingsChangedParams>('hindsight/findingsChanged');

export interface FindingDetailsParams {
  findingId: string;
  /** Needed when two loaded packs use the same id; the first loaded pack wins otherwise. */
  pack?: string;
}

export interface FindingDetails {
  id: string;
  title: string;
  severity: Severity;
  confidence: Confidence;
  category: string;
  description: string;
  recommendation: string;
  references: Reference[];
  pack: { name: string; version: string; file: string };
  fix?: { title: string; safe: boolean };
}

/** `hindsight/findingDetails`: full metadata of a loaded finding; null when no loaded pack has it. */
export const FindingDetailsRequest = new RequestType<FindingDetailsParams, FindingDetails | null, void>(
  'hindsight/findingDetails',
);

export interface ScanWorkspaceResult {
  files: number;
  findings: number;
  durationMs: number;
  /** Of `files`: parsed and matched by this scan. */
  analysed?: number;
  /** Of `files`: read from the on-disk result cache (content and findings unchanged since an earlier process). */
  cached?: number;
  /** Of `files`: content and findings unchanged since this process last analysed them, so not looked at again. */
  unchanged?: number;
}

/** `hindsight/scanWorkspace`: re-scan every .sol file of every workspace folder (with work-done progress). */
export const ScanWorkspaceRequest = new RequestType0<ScanWorkspaceResult, void>('hindsight/scanWorkspace');

export interface LoadedPack {
  name: string;
  version: string;
  file: string;
  findings: number;
  enabled: boolean;
}

export interface PackProblemInfo {
  uri: string;
  message: string;
  range: Range;
}

/** One pack source considered for a workspace folder, in precedence order (docs/team-packs.md), for the panel. */
export interface PackSourceStatus {
  /** Workspace folder uri. */
  folder: string;
  kind: 'builtin' | 'npm' | 'workspace' | 'settings' | 'url';
  /** Folder or file of the pack, npm package name, or URL. */
  location: string;
  /** 'built-in', 'node_modules', '.hindsight/packs', '.hindsight/config.yaml' or 'settings'. */
  declaredIn: string;
  /** shadowed: a higher-precedence pack has the same name; not-fetched: a URL pack not cached and not downloadable now. */
  status: 'loaded' | 'shadowed' | 'duplicate' | 'not-fetched' | 'error';
  pack?: { name: string; version: string; findings: number };
  message?: string;
}

export interface ReloadPacksResult {
  packs: LoadedPack[];
  problems: PackProblemInfo[];
  /** Every pack source considered, per workspace folder (absent from servers that predate team packs). */
  sources?: PackSourceStatus[];
}

/** `hindsight/reloadPacks`: reload built-in, workspace and configured packs, then re-scan everything. */
export const ReloadPacksRequest = new RequestType0<ReloadPacksResult, void>('hindsight/reloadPacks');

/** The `hindsight` configuration section (`workspace/configuration` with section 'hindsight'). */
export interface HindsightSettings {
  /** Master switch: when false the server publishes no findings (pack problems are still reported). */
  enable: boolean;
  packs: {
    /** When non-empty, only these packs (by name) run. */
    enabled: string[];
    /** These packs (by name) never run. Wins over `enabled`. */
    disabled: string[];
    /** Extra pack folders or pack files; relative paths are resolved against each workspace folder. */
    paths: string[];
  };
  /** Findings below this severity are not reported. */
  minSeverity: Severity;
  /** Glob patterns (picomatch, relative to the workspace folder) of files never scanned or reported. */
  exclude: string[];
  /** Re-check open documents as you type, or only when saved. */
  run: 'onType' | 'onSave';
  /** Delay after the last keystroke before re-checking (onType). */
  debounceMs: number;
  /** Scan every .sol file of the workspace at start-up (not only open documents). */
  scanWorkspaceOnStartup: boolean;
  trace: { server: 'off' | 'messages' | 'verbose' };
}

export const DEFAULT_SETTINGS: HindsightSettings = {
  enable: true,
  packs: { enabled: [], disabled: [], paths: [] },
  minSeverity: 'info',
  exclude: [],
  run: 'onType',
  debounceMs: 200,
  scanWorkspaceOnStartup: true,
  trace: { server: 'off' },
};
