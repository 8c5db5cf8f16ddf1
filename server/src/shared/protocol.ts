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

// ---------------------------------------------------------------- continuous audits (docs/continuous-audit.md)
// The server reads git, deployments and review logs and writes the review log and the deployed state; clients
// only show what it answers. Every folder parameter is a workspace folder uri.

/** Why a deployed finding not seen at the last review is there now (docs/continuous-audit.md). */
export type DeployedNewReason = 'pack-changed' | 'source-changed' | 'engine-changed' | 'unexplained';

export interface DeployedFindingInfo {
  /** Relative to the workspace folder, `/`-separated. */
  file: string;
  findingId: string;
  pack: string;
  title: string;
  severity: Severity;
  contract: string;
  function: string;
  fingerprint: string;
  range: Range;
  /** unreviewed: no review recorded for the deployment yet; known: seen at the last review; new: not seen then. */
  status: 'unreviewed' | 'known' | 'new';
  reason?: DeployedNewReason;
  packChange?: { pack: string; from?: string; to: string; listed?: 'added' | 'changed' };
  /** For new findings: why, in words ("new since last review: pack update team 1.0.0 → 1.1.0, added X"). */
  whyNew?: string;
}

export interface DeploymentInfo {
  name: string;
  chain: string | number;
  address: string;
  /** The commit or tag as written in deployments.yaml. */
  revision: string;
  /** The resolved full commit id (absent when it could not be resolved: see `error`). */
  commit?: string;
  files: string[];
  findings: DeployedFindingInfo[];
  lastReviewed?: string;
  /** Pack updates since the last review. */
  packChanges: Array<{ name: string; previousVersion?: string; version: string }>;
  error?: string;
}

export interface FolderDeployedAudit {
  folder: string;
  /** false when the folder has no .hindsight/deployments.yaml (nothing to show, not an error). */
  configured: boolean;
  deployments: DeploymentInfo[];
  /** Set when a pack update brought findings to deployed code since the last review. */
  notice?: string;
  /** A malformed deployments or state file (`file:line:col: message`), a git problem, or an untrusted workspace. */
  error?: string;
}

export interface DeployedAuditParams {
  /** Record what is seen now as reviewed (.hindsight/deployed-state.json), then audit again. */
  record?: boolean;
}

/**
 * `hindsight/deployedAudit`: re-audits the deployments of every workspace folder (`.hindsight/deployments.yaml`,
 * sources read from git at their commit) with the packs in effect, as `hindsight deployed` does. Trusted
 * workspaces only (initializationOptions.trustedWorkspace): git may run code a repository configures.
 */
export const DeployedAuditRequest = new RequestType<DeployedAuditParams, { folders: FolderDeployedAudit[] }, void>('hindsight/deployedAudit');

export interface DeployedSourceParams {
  folder: string;
  /** Full commit id (DeploymentInfo.commit). */
  commit: string;
  /** Relative to the folder, `/`-separated (DeployedFindingInfo.file). */
  file: string;
}

/** `hindsight/deployedSource`: a deployed file's text at its commit, read from git objects (never the working tree). */
export const DeployedSourceRequest = new RequestType<DeployedSourceParams, { text: string }, void>('hindsight/deployedSource');

/** A pack source of a folder, with what became of it; `notRun` says why a loaded pack does not run. */
export interface PackSourceEntry extends PackSourceStatus {
  /** The pack file read (for URL packs: the cached copy). */
  file?: string;
  fetch?: 'cached' | 'downloaded';
  /** e.g. "disabled in settings", or the reason `.hindsight/config.yaml` gives. */
  notRun?: string;
}

/** `hindsight/packSources`: every pack source considered per folder, in precedence order (docs/team-packs.md). */
export const PackSourcesRequest = new RequestType0<{ sources: PackSourceEntry[] }, void>('hindsight/packSources');

export interface ReviewInfo {
  date: string;
  by: string;
  note?: string;
  packs: Array<{ name: string; version: string }>;
  findings: Record<Severity, number> & { total: number };
  tool?: string;
  commit?: string;
}

export interface ReviewStatusParams {
  folder: string;
  /** Days between reviews; 0 switches reminders off. Default 30. */
  intervalDays?: number;
}

export interface ReviewStatusResult {
  due: boolean;
  last?: ReviewInfo;
  /** ISO date-time the next review falls due (absent without a review, or with reminders off). */
  nextDue?: string;
  daysLeft?: number;
  /** Short, for a status bar: "Review due", "Review in 12 days", "No review yet". */
  label: string;
  /** One sentence for a tooltip. */
  detail: string;
  /** .hindsight/reviews.json could not be read (`file:line:col: message`). */
  error?: string;
}

/** `hindsight/reviewStatus`: the folder's last review (.hindsight/reviews.json) and whether one is due. */
export const ReviewStatusRequest = new RequestType<ReviewStatusParams, ReviewStatusResult, void>('hindsight/reviewStatus');

export interface RecordReviewParams {
  folder: string;
  note?: string;
  /** Who reviewed; default git config user.name (trusted workspaces), else the OS user. */
  by?: string;
}

/**
 * `hindsight/recordReview`: appends a review to the folder's .hindsight/reviews.json (packs in effect, current
 * finding counts, HEAD commit) and records the deployed state, as `hindsight review record` and `hindsight
 * deployed` do. A malformed log is an error and is left as it is.
 */
export const RecordReviewRequest = new RequestType<RecordReviewParams, ReviewInfo, void>('hindsight/recordReview');

export interface CompareBaselineParams {
  /** The findings to compare, e.g. from hindsight/findings (`uri` and `fingerprint` are all that is read). */
  items: Array<{ uri: string; fingerprint: string }>;
}

export interface CompareBaselineResult {
  /** Folders with a readable .hindsight/baseline.json. */
  folders: string[];
  /** Baselines that could not be read, as `file:line:col: message`. */
  problems: string[];
  /** Per item, in order: not accepted in its folder's baseline (items of folders without one are all new). */
  isNew: boolean[];
}

/** `hindsight/compareBaseline`: which findings are new since the baseline, paired as `scan --baseline` pairs them. */
export const CompareBaselineRequest = new RequestType<CompareBaselineParams, CompareBaselineResult, void>('hindsight/compareBaseline');

// ---------------------------------------------------------------- recording a finding from a selection

export interface SelectionParams {
  uri: string;
  range: Range;
  /** The document's text; default: the open document, else the file on disk. */
  text?: string;
}

export interface MatchCountInfo {
  total: number;
  files: number;
  /** The pattern does not compile. */
  error?: string;
}

export interface FindingDraft {
  /** The selection generalised: identifiers and literals as metavariables, anchors kept. */
  pattern: string;
  /** The same code as written (comments stripped). */
  exact: string;
  /** Names kept as written, e.g. `call`, `msg.sender`. */
  kept: string[];
  /** The code the pattern was built from: the selection widened to whole statements, expression or member. */
  range: Range;
  contract: string;
  function: string;
  /** The pack recorded findings go to: <folder>/.hindsight/packs/local/pack.yaml (uri). */
  packFile: string;
  /** The next free id in that pack. */
  nextId: string;
  /** With `count`: where each proposal matches in the workspace. */
  counts?: { pattern: MatchCountInfo; exact: MatchCountInfo };
}

/** `hindsight/generalizeSelection`: a finding draft from selected code; `{ error }` when the selection is not code that can be matched. */
export const GeneralizeSelectionRequest = new RequestType<SelectionParams & { count?: boolean }, FindingDraft | { error: string }, void>(
  'hindsight/generalizeSelection',
);

/** `hindsight/countMatches`: where a pattern matches in the workspace's Solidity files (open documents as edited). */
export const CountMatchesRequest = new RequestType<{ pattern: string }, MatchCountInfo, void>('hindsight/countMatches');

export interface RecordFindingParams extends SelectionParams {
  pattern: string;
  id: string;
  title: string;
  severity: Severity;
  description: string;
  recommendation: string;
  /** http(s) address where this was reported. */
  reference: string;
}

export interface RecordFindingResult {
  /** Uris of the pack file and of the test file written beside it. */
  packFile: string;
  testFile: string;
  /** The pack's version after the change. */
  version: string;
  /** Whether the saved finding reports the selected code in its test file. */
  selectionMatched: boolean;
  hasOkCase: boolean;
}

/** `hindsight/recordFinding`: adds the finding to the folder's local pack with a test case built from the selection. */
export const RecordFindingRequest = new RequestType<RecordFindingParams, RecordFindingResult, void>('hindsight/recordFinding');
