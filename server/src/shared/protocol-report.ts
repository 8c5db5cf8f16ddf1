// The custom protocol, reports: the workspace's findings exported as SARIF or a Markdown audit report, and other
// tools' SARIF read into findings. The server renders and parses (server/src/report); a client only picks files and
// passes what it alone knows: team triage and the results it imported. Re-exported by protocol.ts.
import { RequestType } from 'vscode-languageserver-protocol';
import type { TriageState, WorkspaceFinding } from './protocol-findings';
import type { Reference } from './types';

/** How people read a triage state, in the panel and in reports. "Acknowledged" is what auditors call an accepted risk. */
export const TRIAGE_LABELS: Record<TriageState, string> = {
  open: 'Open',
  confirmed: 'Confirmed',
  'false-positive': 'False positive',
  'wont-fix': "Acknowledged (won't fix)",
  fixed: 'Fixed',
};

/** What another tool's SARIF says about one of its rules. */
export interface ImportedRule {
  description: string;
  recommendation: string;
  references: Reference[];
}

/** A result of another analyser (Slither, Aderyn, Semgrep, …) read from SARIF, in the shape of a finding. */
export interface ImportedFinding extends WorkspaceFinding {
  source: 'imported';
  /** The tool that reported it (SARIF `tool.driver.name`). */
  tool: string;
  message: string;
  rule: ImportedRule;
}

/** A finding as a client shows it: the server's own, or one it imported (then with `tool`, `message` and `rule`). */
export interface ReportFinding extends WorkspaceFinding {
  source?: 'hindsight' | 'imported';
  tool?: string;
  message?: string;
  rule?: ImportedRule;
}

/** A team's decision about one occurrence (the VS Code client keeps them in `.hindsight/triage.json`). */
export interface TriageDecision {
  uri: string;
  fingerprint: string;
  status: TriageState;
  comment?: string;
  author?: string;
  /** ISO 8601. */
  date?: string;
}

export interface ExportReportParams {
  format: 'sarif' | 'markdown';
  /** Only this workspace folder's findings, or only this document's; default the whole workspace. */
  scope?: { folder?: string; uri?: string };
  /**
   * The triage decisions to report, matched to findings by uri and fingerprint: false positives and accepted risks
   * become SARIF suppressions and the Markdown report's appendix. The server keeps no triage: without this every
   * finding is open.
   */
  triage?: TriageDecision[];
  /** Imported findings (from hindsight/importSarif) to report beside the server's own. */
  imported?: ReportFinding[];
  /** The Markdown report's title; default "Hindsight findings: <first folder's name>". */
  title?: string;
}

export interface ExportReportResult {
  /** The report: SARIF 2.1.0 as JSON, or Markdown. */
  text: string;
  /** How many occurrences it holds (false positives included). */
  findings: number;
}

/** `hindsight/exportReport`: the workspace's current findings rendered as SARIF 2.1.0 or a Markdown audit report. */
export const ExportReportRequest = new RequestType<ExportReportParams, ExportReportResult, void>('hindsight/exportReport');

export interface ImportSarifParams {
  /** The SARIF log's text; default: the file at `uri`, read by the server. */
  text?: string;
  /** Where the log is: named in errors, and its folder is one of the places relative artifact paths are looked up. */
  uri?: string;
}

export interface ImportSarifResult {
  findings: ImportedFinding[];
  /** Results without a file location, which cannot be shown. */
  skipped: number;
}

/**
 * `hindsight/importSarif`: other tools' results as findings. Artifact paths are resolved against the log's
 * `originalUriBaseIds`, then the workspace folders, then the log's folder. Not SARIF 2.1.0 is an error.
 */
export const ImportSarifRequest = new RequestType<ImportSarifParams, ImportSarifResult, void>('hindsight/importSarif');
