// The custom protocol, findings: the workspace's current findings, their changes, a finding's metadata and the
// workspace scan. Re-exported by protocol.ts.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Confidence, FindingText, OwaspCategory, Range, Reference, Severity } from './types';

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
  /** OWASP Smart Contract Top 10 (2025) category, when the pack gives one. */
  owasp?: OwaspCategory;
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

export interface FindingDetails extends FindingText {
  references: Reference[];
  pack: { name: string; version: string; file: string };
  fix?: { title: string; safe: boolean };
}

/** `hindsight/findingDetails`: full metadata of a loaded finding; null when no loaded pack has it. */
export const FindingDetailsRequest = new RequestType<FindingDetailsParams, FindingDetails | null, void>('hindsight/findingDetails');

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
