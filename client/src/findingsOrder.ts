// How findings sort and what they are called, without `vscode`: shared by the panel's tree, its grouping (pure,
// so the bench and unit tests run it in Node) and the model.
import type { Severity, WorkspaceFinding } from '../../server/src/shared/protocol';

export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** The occurrence identity of an item as one string (uri, rule, fingerprint): unique per file and occurrence. */
export function itemId(i: { uri: string; findingId: string; fingerprint: string }): string {
  return `${i.uri}#${i.findingId}#${i.fingerprint}`;
}

export function compareItems(a: WorkspaceFinding, b: WorkspaceFinding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    cmp(a.uri, b.uri) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    cmp(a.findingId, b.findingId)
  );
}

/** Code-unit order: stable across locales, and far cheaper than localeCompare on thousands of items. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
