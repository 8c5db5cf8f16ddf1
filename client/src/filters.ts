// What the findings panel shows: text, severity, triage status, pack and "only new since baseline".
import type { Severity, TriageState } from '../../server/src/shared/protocol';
import type { Item } from './findingsModel';

export interface FilterState {
  text: string;
  /** Empty = every severity. */
  severities: Severity[];
  /** Empty = every state except false positives (those stay out of the way until asked for). */
  triage: TriageState[];
  /** Empty = every pack (imported SARIF results count as pack "imported:<tool>"). */
  packs: string[];
  newSinceBaseline: boolean;
}

export const NO_FILTER: FilterState = { text: '', severities: [], triage: [], packs: [], newSinceBaseline: false };

export function isFiltered(f: FilterState): boolean {
  return f.text !== '' || f.severities.length > 0 || f.triage.length > 0 || f.packs.length > 0 || f.newSinceBaseline;
}

export function packOf(item: Item): string {
  return item.source === 'imported' ? `imported:${item.tool ?? 'sarif'}` : item.pack;
}

function haystack(item: Item, relPath: string): string {
  return [item.findingId, item.title, item.category, item.owasp ?? '', item.pack, item.contract, item.function, relPath, item.message ?? '', item.tool ?? '']
    .join('\n')
    .toLowerCase();
}

/**
 * Applies the filters. `isNew` tells which items are not in the baseline; undefined when no baseline file
 * exists (then "new since baseline" cannot filter, and the panel says so).
 */
export function applyFilters(items: Item[], f: FilterState, relPath: (uri: string) => string, isNew: ((item: Item) => boolean) | undefined): Item[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((item) => {
    if (f.severities.length && !f.severities.includes(item.severity)) return false;
    if (f.triage.length ? !f.triage.includes(item.triage) : item.triage === 'false-positive') return false;
    if (f.packs.length && !f.packs.includes(packOf(item))) return false;
    if (f.newSinceBaseline && isNew && !isNew(item)) return false;
    if (words.length) {
      const hay = haystack(item, relPath(item.uri));
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
}

export function describeFilters(f: FilterState): string[] {
  const parts: string[] = [];
  if (f.text) parts.push(`text "${f.text}"`);
  if (f.severities.length) parts.push(`severity ${f.severities.join(', ')}`);
  if (f.triage.length) parts.push(`triage ${f.triage.join(', ')}`);
  if (f.packs.length) parts.push(`pack ${f.packs.join(', ')}`);
  if (f.newSinceBaseline) parts.push('new since baseline');
  return parts;
}
