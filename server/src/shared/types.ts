// The vocabulary every layer speaks, the VS Code client included: positions, ranges, severities, references.
// It sits at the bottom so that the protocol shared with clients needs nothing from the engine.

/** Zero-based line, UTF-16 column: the same convention as LSP, so the server passes positions through. */
export interface Position {
  line: number;
  character: number;
}

/** End is exclusive (LSP style); the parser's inclusive `range` ends are converted once, in the engine. */
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export type Confidence = 'high' | 'medium' | 'low';

export interface Reference {
  /** e.g. "SWC-107" */
  swc?: string;
  title?: string;
  url: string;
  /** What the source is; `audit` references name the report's `finding` id. */
  kind?: ReferenceKind;
  /** The finding's id in the report, as the report writes it (H-01, M-3, #278). */
  finding?: string;
}

export type ReferenceKind = 'audit' | 'post-mortem' | 'registry' | 'standard' | 'docs';

/** OWASP Smart Contract Top 10 (2025) categories. */
export const OWASP_CATEGORIES = {
  SC01: 'Access Control Vulnerabilities',
  SC02: 'Price Oracle Manipulation',
  SC03: 'Logic Errors',
  SC04: 'Lack of Input Validation',
  SC05: 'Reentrancy Attacks',
  SC06: 'Unchecked External Calls',
  SC07: 'Flash Loan Attacks',
  SC08: 'Integer Overflow and Underflow',
  SC09: 'Insecure Randomness',
  SC10: 'Denial of Service (DoS) Attacks',
} as const;
export type OwaspCategory = keyof typeof OWASP_CATEGORIES;

/**
 * What a finding says, the same wherever it is shown: a pack's definition, the details a client asks for, a
 * SARIF rule.
 */
export interface FindingText {
  id: string;
  title: string;
  severity: Severity;
  confidence: Confidence;
  category: string;
  /** OWASP Smart Contract Top 10 (2025) category. */
  owasp?: OwaspCategory;
  description: string;
  recommendation: string;
  references: readonly Reference[];
}
