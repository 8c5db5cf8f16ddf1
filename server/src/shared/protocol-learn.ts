// Learning findings from an audit report (`hindsight/learnReport`, docs/lsp.md): the server reads the report,
// resolves its code links in the folder and proposes one finding per reported issue; the client shows them with
// the code they came from, and sends back what the reviewer accepted, edited or dropped. The server writes the
// accepted ones into the folder's learned pack (as `hindsight learn` does) and counts where each matches.
import { RequestType } from 'vscode-languageserver-protocol';
import type { Range, Severity } from './types';

export interface LearnDecision {
  /** The proposed finding's id. */
  id: string;
  /** accept: write it (live when it has a pattern); drop: leave it out. Findings without a decision are left out. */
  action: 'accept' | 'drop';
  /** The reviewer's edits. An edited finding counts as edited: learning again never overwrites it. */
  title?: string;
  severity?: Severity;
  pattern?: string;
}

export interface LearnReportParams {
  /** The report file (uri). */
  report: string;
  /** The workspace folder (uri) whose checkout the links point into; default: the report's folder, else the first. */
  folder?: string;
  /** Without decisions nothing is written: the answer is the proposal. */
  decisions?: LearnDecision[];
}

export interface LearnedFindingInfo {
  id: string;
  /** The id in the report, e.g. H-01. */
  reportId: string;
  title: string;
  severity: Severity;
  description: string;
  recommendation: string;
  /** Why it would be written as a draft (not run); absent when it is ready to run. */
  draft?: string;
  /** The finding's pattern (the first of its match), when it has one. */
  pattern?: string;
  /** The code it was learned from: its file (uri), the linked lines and their text. */
  code?: { uri: string; range: Range; text: string };
  /** Places the finding reports in the folder. */
  matches: number;
}

export interface LearnReportResult {
  /** code4rena, sherlock, cyfrin, table, solodit-json or community. */
  format: string;
  /** The pack file the findings go to (uri). */
  packFile: string;
  findings: LearnedFindingInfo[];
  /** Links read from the working tree or a branch, paths that matched nothing. */
  warnings: string[];
  /** With decisions: what was written, and where each accepted finding matches now. */
  written?: {
    version: string;
    outcomes: Array<{ id: string; outcome: 'added' | 'updated' | 'unchanged' | 'kept'; why?: string }>;
    /** Per accepted finding: places and files of the workspace it reports (0 for drafts). */
    matches: Array<{ id: string; total: number; files: number; draft?: string }>;
  };
}

/** `hindsight/learnReport`: propose findings from an audit report, or write the accepted ones. */
export const LearnReportRequest = new RequestType<LearnReportParams, LearnReportResult, void>('hindsight/learnReport');
