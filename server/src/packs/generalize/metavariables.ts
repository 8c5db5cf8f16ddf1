// Slots become metavariables named after the code they replace (`amount` → `$AMOUNT`); the same identifier
// always gets the same metavariable, so `a = b; ... b = a;` stays a swap. If nothing anchoring would be left,
// state variable names (then literals, then the first name) are kept as well.
import type { Candidates, Role, Slot } from './anchors';
import type { Metavariable } from './types';

/** The code of [from, to) with its slots rewritten, the metavariables used and the names kept as written. */
export function assignMetavariables(src: string, from: number, to: number, found: Candidates): { text: string; metavariables: Metavariable[]; kept: string[] } {
  const { slots, strong } = found;
  const kept = new Set(found.kept);
  // Specificity: without a strong anchor, keep state variables, then literals, then the first name.
  const generalize = new Set<Role>(['state', 'local', 'literal']);
  if (strong === 0) {
    if (slots.some((x) => x.role === 'state')) generalize.delete('state');
    else if (slots.some((x) => x.role === 'literal')) generalize.delete('literal');
  }
  const named = slots.filter((x) => x.role !== 'ellipsis');
  const forcedKeep = strong === 0 && named.length && named.every((x) => generalize.has(x.role)) ? named[0].key : undefined;

  const names = new Map<string, string>();
  const used = new Set<string>();
  const metas = new Map<string, Metavariable>();
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const slot of slots.sort((a, b) => a.start - b.start)) {
    if (slot.role === 'ellipsis') {
      edits.push({ start: slot.start, end: slot.end, text: '...' });
      continue;
    }
    if (!generalize.has(slot.role) || slot.key === forcedKeep) {
      kept.add(slot.text);
      continue;
    }
    let name = names.get(slot.key);
    if (!name) {
      name = uniqueName(metaName(slot), used);
      used.add(name);
      names.set(slot.key, name);
      metas.set(name, { name, text: slot.text, kind: slot.role === 'literal' ? 'literal' : 'identifier', occurrences: 0 });
    }
    metas.get(name)!.occurrences++;
    edits.push({ start: slot.start, end: slot.end, text: name });
  }
  let out = '';
  let at = from;
  for (const ed of edits) {
    if (ed.start < at || ed.end > to) continue;
    out += src.slice(at, ed.start) + ed.text;
    at = ed.end;
  }
  out += src.slice(at, to);
  return { text: out, metavariables: [...metas.values()], kept: [...kept] };
}

function metaName(slot: Slot): string {
  if (slot.role === 'literal') {
    if (/^["']/.test(slot.text) || /^(unicode|hex)["']/.test(slot.text)) return '$STR';
    return '$N';
  }
  const words = slot.text
    .replace(/^_+|_+$/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, '');
  return `$${/^[A-Z]/.test(words) ? words : `V${words}`}`;
}

function uniqueName(base: string, used: Set<string>): string {
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}
