// The custom protocol, continuous audits (docs/continuous-audit.md): deployed code, reviews, baselines and
// recording a finding from a selection. Re-exported by protocol.ts.
import { RequestType } from 'vscode-languageserver-protocol';
import type { OwaspCategory, Range, Severity } from './types';

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

export interface ReviewInfo {
  date: string;
  by: string;
  note?: string;
  packs: Array<{ name: string; version: string }>;
  findings: Record<Severity, number> & { total: number };
  tool?: string;
  commit?: string;
  /** What the review covered: the review scope when it was recorded (audit/review-scope.ts). */
  coverage?: ReviewCoverage;
}

export interface ReviewCoverage {
  /** The commit the scope was compared with (the previous review's); absent: everything was in scope. */
  since?: string;
  files: number;
  reviewed: number;
  total: number;
}

export interface ReviewStatusParams {
  folder: string;
  /** Days between reviews; 0 switches reminders off. Default 30. */
  intervalDays?: number;
  /**
   * Whether a review counts as due before the first one is recorded. Default true; an editor passes false unless the
   * user configured an interval, so a fresh workspace is not told a review is due before anything was set up.
   */
  dueBeforeFirst?: boolean;
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
  /**
   * The findings to compare, e.g. from hindsight/findings (`uri`, `findingId` and `fingerprint` are all that is
   * read): the occurrence identity of shared/finding-identity.ts.
   */
  items: Array<{ uri: string; findingId: string; fingerprint: string }>;
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
  /** OWASP Smart Contract Top 10 (2025) category; guessed from the title and description when absent. */
  owasp?: OwaspCategory;
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

// ---------------------------------------------------------------------------------------------------------
// Review scope (audit/review-scope.ts): what a review has to cover, and reviewed marks.

export interface ScopeFunction {
  /** `Contract.function` (overloads: `~2`, `~3` in file order). */
  key: string;
  contract: string;
  name: string;
  /** 0-based lines, inclusive. */
  startLine: number;
  endLine: number;
  /** Changed since the commit (always true without one). */
  changed: boolean;
  /** Reviewers whose mark covers the function as it is now. */
  reviewedBy: string[];
  /** Reviewers who marked it before it changed. */
  staleBy: string[];
  findings: number;
}

export interface ScopeFile {
  /** Workspace-relative, `/` separators. */
  file: string;
  status: 'added' | 'modified' | 'renamed' | 'unchanged';
  /** The functions in scope: changed ones (all of an added or renamed file, or of every file without a commit). */
  functions: ScopeFunction[];
  /** Reviewers whose whole-file mark covers the file as it is now. */
  reviewedBy: string[];
  findings: number;
  /** Units in scope (its functions in scope, or 1 for a file without any) and how many of them are reviewed. */
  total: number;
  reviewed: number;
}

export interface ReviewScope {
  /** The commit compared with; absent: everything is in scope. */
  since?: string;
  /** Where `since` came from. */
  sinceSource: 'option' | 'last-review' | 'none';
  files: ScopeFile[];
  coverage: { reviewed: number; total: number };
}

export interface ReviewScopeParams {
  folder: string;
  /** A commit, tag or other revision; default: the commit of the last recorded review (everything without one). */
  since?: string;
}

/**
 * `hindsight/reviewScope`: the files and functions of a folder changed since `since` (git runs only in a trusted
 * workspace; untrusted, everything is in scope), their findings, reviewers' marks and the coverage — what
 * `hindsight review scope --format json` prints.
 */
export const ReviewScopeRequest = new RequestType<ReviewScopeParams, ReviewScope, void>('hindsight/reviewScope');

export interface MarkReviewedParams {
  /** The document. */
  uri: string;
  /** `Contract.function` keys as in ScopeFunction; absent or empty: `lines`, else the whole file. */
  functions?: string[];
  /** A selection (0-based lines, inclusive): the functions it touches; the whole file when it touches none. */
  lines?: { start: number; end: number };
  /** The reviewer; default: git config user.name (trusted workspaces), else the OS user. */
  by?: string;
}

/**
 * `hindsight/markReviewed`: records that a reviewer looked at a file or some of its functions, in
 * `.hindsight/reviewed/<reviewer>.json` of its folder (one file per reviewer, written atomically), with a hash of
 * the code so a later change makes the mark stale. Answers the marks written.
 */
export const MarkReviewedRequest = new RequestType<MarkReviewedParams, { reviewer: string; marks: number }, void>('hindsight/markReviewed');
