// Report severities as they are written (Critical, High, H, QA, Gas, NC …) in Hindsight's five levels.
import type { Severity } from '../shared/types';

const WORDS: Record<string, Severity> = {
  critical: 'critical',
  c: 'critical',
  high: 'high',
  h: 'high',
  medium: 'medium',
  med: 'medium',
  m: 'medium',
  low: 'low',
  l: 'low',
  qa: 'low',
  informational: 'info',
  info: 'info',
  i: 'info',
  gas: 'info',
  g: 'info',
  nc: 'info',
  n: 'info',
  'non-critical': 'info',
  noncritical: 'info',
  note: 'info',
};

/** `High`, `H`, `High Risk`, `Medium severity`, `QA`, `Gas Optimizations` … or undefined when unknown. */
export function severityOf(text: string): Severity | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/\s+(risk|severity|issues?|findings?|optimi[sz]ations?)\b.*$/, '')
    .trim();
  return WORDS[t];
}
