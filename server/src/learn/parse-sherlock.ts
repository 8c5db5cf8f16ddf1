// Sherlock reports: `# Issue H-1: Title`, a `Source:` line with the judged issue, then either the classic
// `## Summary` / `## Vulnerability Detail` / `## Impact` / `## Code Snippet` / `## Recommendation` sections or the
// 2024 layout `### Root Cause` / `### Attack Path` / `### Impact` / `### Mitigation`.
import { linksIn, sectionEnd, subsections, type MarkdownDoc } from './markdown';
import { severityOf } from './severity';
import { ReportError, type ReportFinding } from './types';

const ISSUE = /^Issue\s+([A-Z]{1,3})-(\d+)\s*:\s*(.+)$/i;
const ISSUE_LOOSE = /^Issue\s+[A-Z]{1,3}-\d+\b/i;
const DESCRIPTION = /^(Summary|Vulnerability\s+Detail(s)?|Root\s+Cause|Internal\s+pre-?conditions|External\s+pre-?conditions|Attack\s+Path|Impact|Details?)$/i;
const RECOMMENDATION = /^(Recommendations?|Mitigation|Recommended\s+Mitigation)$/i;
/** Sections whose links are not the vulnerable code (fix PRs in the discussion, the PoC's test files). */
const NOT_CODE = /^(Discussion|Tool\s+used|Found\s+by|PoC|Proof\s+of\s+Concept)$/i;

export function looksLikeSherlock(doc: MarkdownDoc): boolean {
  return doc.blocks.some((b) => b.kind === 'heading' && b.level === 1 && ISSUE_LOOSE.test(b.text));
}

export function parseSherlock(doc: MarkdownDoc): ReportFinding[] {
  const findings: ReportFinding[] = [];
  let started = false;
  doc.blocks.forEach((b, i) => {
    if (b.kind !== 'heading' || b.level !== 1) return;
    const m = ISSUE.exec(b.text);
    if (!m) {
      if (started || ISSUE_LOOSE.test(b.text)) throw new ReportError(`expected an issue heading such as "# Issue H-1: Title", found "# ${b.text}"`, b.line + 1);
      return;
    }
    started = true;
    const severity = severityOf(m[1]);
    if (!severity) throw new ReportError(`"${m[1]}-${m[2]}" has no known severity (H, M, L)`, b.line + 1);
    const end = sectionEnd(doc, i, 1);
    const { intro, parts } = subsections(doc, b.end, end, 1);
    const source = /(?:^|\n)\s*Source:\s*<?(https?:\/\/\S+?)>?\s*(?:\n|$)/i.exec(intro)?.[1];
    const described = parts.filter((p) => DESCRIPTION.test(p.name));
    const codeParts = parts.filter((p) => !NOT_CODE.test(p.name) && !RECOMMENDATION.test(p.name));
    findings.push({
      id: `${m[1].toUpperCase()}-${m[2]}`,
      title: m[3].trim(),
      severity,
      description: described.map((p) => (p.name.toLowerCase() === 'summary' ? p.text : `**${p.name}**\n\n${p.text}`)).join('\n\n'),
      recommendation: parts.find((p) => RECOMMENDATION.test(p.name))?.text ?? '',
      // Links in the intro (Source:) point at the judged issue; the code is in the sections.
      links: codeParts.flatMap((p) => linksIn(doc, p.line, nextPartLine(parts, p, end))),
      line: b.line + 1,
      ...(source ? { url: source } : {}),
    });
  });
  return findings;
}

function nextPartLine(parts: Array<{ line: number }>, p: { line: number }, end: number): number {
  const k = parts.indexOf(p);
  return parts[k + 1]?.line ?? end;
}
