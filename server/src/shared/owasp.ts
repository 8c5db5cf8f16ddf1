// How an OWASP category and a reference's source read wherever findings are shown (CLI, reports, hovers, panel),
// so every front end says them the same way.
import { OWASP_CATEGORIES, type OwaspCategory, type Reference } from './types';

export const OWASP_CODES = Object.keys(OWASP_CATEGORIES) as OwaspCategory[];

export function isOwaspCategory(value: unknown): value is OwaspCategory {
  return typeof value === 'string' && Object.hasOwn(OWASP_CATEGORIES, value);
}

/** "SC02 Price Oracle Manipulation"; '' when the finding has no category. */
export function owaspLabel(code: OwaspCategory | undefined): string {
  return code && isOwaspCategory(code) ? `${code} ${OWASP_CATEGORIES[code]}` : '';
}

/** What kind of source a reference is and which finding of it: "audit, #278", "post-mortem"; '' when unknown. */
export function referenceSource(r: Pick<Reference, 'kind' | 'finding'>): string {
  return [r.kind, r.finding].filter(Boolean).join(', ');
}

/**
 * A finding is traced to a real audit when a reference names an audit finding by id, or is an exploit
 * post-mortem.
 */
export function isTracedReference(r: Pick<Reference, 'kind' | 'finding'>): boolean {
  return (r.kind === 'audit' && Boolean(r.finding)) || r.kind === 'post-mortem';
}
