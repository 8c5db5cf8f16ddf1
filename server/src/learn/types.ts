// What reading an audit report gives: its findings in one shape whatever the layout, with the code links each
// one cites. Layout parsers (parse-*.ts) produce it; learn.ts turns it into pack findings.
import type { Severity } from '../shared/types';

export const REPORT_FORMATS = ['code4rena', 'sherlock', 'cyfrin', 'table', 'solodit-json', 'community'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A link from the report to code: a GitHub blob URL, `src/X.sol#L10-L20` or `X.sol:10`. */
export interface CodeLink {
  /** As written in the report. */
  text: string;
  /** The file path in the audited repository (posix). */
  path: string;
  /** 1-based, inclusive; undefined when the link names a whole file. */
  startLine?: number;
  endLine?: number;
  /** The commit or branch of a blob URL. */
  ref?: string;
  /** 1-based line of the report the link is on. */
  reportLine: number;
}

export interface ReportFinding {
  /** The report's id (H-01, M-2, ACME-04), or one made from severity and position when the report has none. */
  id: string;
  title: string;
  severity: Severity;
  description: string;
  recommendation: string;
  links: CodeLink[];
  /** 1-based line of the report where the finding starts. */
  line: number;
  /** The finding's own address (a judged issue, a Solodit entry), when the report gives one. */
  url?: string;
}

export interface ParsedReport {
  format: ReportFormat;
  title?: string;
  /** The report's public address, when it says (front matter `url`, a `Source:` line). */
  url?: string;
  /** For community reports: bug-bounty, github-issue or disclosure. */
  source?: string;
  findings: ReportFinding[];
}

/** A report that cannot be read: the message says what was expected, `line` (1-based) where reading stopped. */
export class ReportError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'ReportError';
  }
}
