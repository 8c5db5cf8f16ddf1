// Hover on a flagged range: what the finding is, why it matters, what to do, where it comes from.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { Finding } from '../engine/finding';
import type { Occurrence, Range } from '../engine/types';
import { owaspLabel, referenceSource } from '../shared/owasp';

export function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

export function hoverAt(pos: Position, occurrences: readonly Occurrence[], findingOf: (o: Occurrence) => Finding | undefined): Hover | null {
  const here = occurrences.filter((o) => contains(o.range, pos));
  if (here.length === 0) return null;
  const seen = new Set<string>();
  const parts: string[] = [];
  let range: Range | undefined;
  for (const o of here) {
    const f = findingOf(o);
    if (!f || seen.has(`${o.pack}\0${o.findingId}`)) continue;
    seen.add(`${o.pack}\0${o.findingId}`);
    range ??= o.range;
    parts.push(findingMarkdown(f, o));
  }
  if (parts.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
}

export function findingMarkdown(f: Finding, o?: Occurrence): string {
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(f.title)}** \`${f.id}\``);
  lines.push('');
  lines.push(`*Severity:* ${f.severity} · *Confidence:* ${f.confidence} · *Category:* ${escapeMarkdown(f.category)} · *Pack:* ${escapeMarkdown(f.pack.name)}`);
  if (f.owasp) lines.push('', `*OWASP Smart Contract Top 10:* ${escapeMarkdown(owaspLabel(f.owasp))}`);
  lines.push('');
  lines.push(f.description.trim());
  lines.push('');
  lines.push(`**Recommendation.** ${f.recommendation.trim()}`);
  if (o?.fix) {
    lines.push('');
    lines.push(`**Quick fix:** ${escapeMarkdown(o.fix.title)}${o.fix.safe ? ' (safe)' : ' (review before applying)'}`);
  }
  if (f.references.length) {
    lines.push('');
    lines.push('**References**');
    for (const r of f.references) {
      const label = r.title ?? r.swc ?? r.url;
      const notes = [r.swc && r.title ? r.swc : '', referenceSource(r)].filter(Boolean).join('; ');
      lines.push(`- [${escapeMarkdown(label)}](${r.url.replace(/\)/g, '%29')})${notes ? ` (${escapeMarkdown(notes)})` : ''}`);
    }
  }
  lines.push('');
  lines.push(`*To ignore it here:* \`// hindsight-ignore-next-line ${f.id}: <reason>\``);
  return lines.join('\n');
}

/** Markdown-escapes text that comes from packs, so a title cannot turn into links or HTML. */
function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+!<>|]/g, (c) => `\\${c}`);
}
