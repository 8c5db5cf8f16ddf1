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
}

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
  description: string;
  recommendation: string;
  references: readonly Reference[];
}
