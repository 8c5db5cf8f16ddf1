// The custom protocol between the Hindsight language server and its clients (the VS Code extension, tests,
// any editor that wants the workspace model). Client and server import these very objects, so a method
// name or a payload shape can only change in one place. Positions are LSP positions (0-based, UTF-16).
//
// This file holds what every client needs (diagnostic codes and data, commands, settings) and re-exports the
// rest, split by concern: findings and finding details (protocol-findings.ts), packs and their sources
// (protocol-packs.ts), continuous audits, baselines and recording findings (protocol-audit.ts), learning from
// audit reports (protocol-learn.ts), and reports (protocol-report.ts). Import from here or from the part; the objects are the same.
import type { Confidence, OwaspCategory, Range, Reference, Severity } from './types';

export type { Confidence, Range, Reference, Severity };
export * from './protocol-audit';
export * from './protocol-findings';
export * from './protocol-learn';
export * from './protocol-monitor';
export * from './protocol-packs';
export * from './protocol-report';

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
  /** An open document too large to analyse (over the CLI's default --max-file-size); nothing else is reported in it. */
  tooLarge: 'HS-TOO-LARGE',
} as const;

/**
 * Commands the server's code actions carry. The server executes them through `workspace/executeCommand`
 * (they are listed in `executeCommandProvider`), except `showFindingDetails`, which the VS Code client registers
 * and answers with its details view. Other clients send it back to the server, which answers it too (shows the
 * details with window/showMessage and returns them with their markdown); it stays out of
 * `executeCommandProvider` so that vscode-languageclient does not register it a second time.
 */
export const COMMANDS = {
  /** Client-side in VS Code, answered by the server for other clients. Arguments: [ShowFindingDetailsArgs] */
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
export const SERVER_COMMANDS: readonly string[] = [COMMANDS.ignoreFinding, COMMANDS.fixAll, COMMANDS.scanWorkspace, COMMANDS.reloadPacks];

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
  /** OWASP Smart Contract Top 10 (2025) category, when the pack gives one. */
  owasp?: OwaspCategory;
  fingerprint: string;
  hasFix: boolean;
  fixSafe?: boolean;
}

/** `Diagnostic.data` of diagnostics the server raises itself (syntax, suppression comments, pack files). */
export interface ServerDiagnosticData {
  kind: 'syntax' | 'suppression' | 'pack' | 'too-large';
}

export type DiagnosticData = FindingDiagnosticData | ServerDiagnosticData;

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
  /**
   * Treat tests, scripts and mocks as product code: scan them with the workspace and report their findings at
   * their own severity. Off: an open test file is still checked, its findings shown as hints.
   */
  analyzeTests: boolean;
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
  analyzeTests: false,
  trace: { server: 'off' },
};
