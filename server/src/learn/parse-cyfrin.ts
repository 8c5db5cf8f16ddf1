// Cyfrin and Solodit-style reports: `## High Risk` (Critical, Medium, Low, Informational, Gas) headings, then one
// `### Title` per finding without an id, whose paragraphs are labelled in bold: `**Description:**`,
// `**Impact:**`, `**Proof of Concept:**`, `**Recommended Mitigation:**`, then the team's and the auditor's
// replies (`**Acme:** Fixed in …`), which are not part of the finding.
import { linksIn, sectionEnd, type Block, type MarkdownDoc } from './markdown';
import { severityOf } from './severity';
import type { ReportFinding } from './types';

const SEVERITY_HEADING = /^(Critical|High|Medium|Low|Informational|Info|Gas)(\s+(Risk|Severity|Findings?|Optimi[sz]ations?))?$/i;
const DESCRIPTION = /^(Description|Impact|Summary|Vulnerability\s+Details?|Details?|Root\s+Cause)$/i;
const RECOMMENDATION = /^(Recommended\s+Mitigations?|Recommendations?|Mitigation|Remediation)$/i;
const ID_LETTER: Record<string, string> = { critical: 'C', high: 'H', medium: 'M', low: 'L', info: 'I' };

export function looksLikeCyfrin(doc: MarkdownDoc): boolean {
  return doc.blocks.some(
    (b, i) => b.kind === 'heading' && b.level === 2 && SEVERITY_HEADING.test(b.text) && doc.blocks.slice(i + 1).find((n) => n.kind === 'heading')?.level === 3,
  );
}

export function parseCyfrin(doc: MarkdownDoc): ReportFinding[] {
  const findings: ReportFinding[] = [];
  const counts = new Map<string, number>();
  let severity: ReturnType<typeof severityOf>;
  doc.blocks.forEach((b, i) => {
    if (b.kind !== 'heading') return;
    if (b.level <= 2) {
      severity = SEVERITY_HEADING.test(b.text) ? severityOf(b.text) : undefined;
      return;
    }
    if (b.level !== 3 || !severity) return;
    const end = sectionEnd(doc, i, 3);
    const labelled = doc.blocks.filter((p) => p.kind === 'paragraph' && p.line >= b.end && p.line < end && labelOf(p) !== undefined);
    const parts = labelled.map((p, k) => ({ name: labelOf(p)!, line: p.line, to: labelled[k + 1]?.line ?? end }));
    const text = (p: { line: number; to: number }) =>
      doc.lines
        .slice(p.line, p.to)
        .join('\n')
        .replace(/^\s*\*\*[^*]+?\*\*\s*:?\s*/, '')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
    const intro = { line: b.end, to: parts[0]?.line ?? end };
    const described = parts.filter((p) => DESCRIPTION.test(p.name));
    const description = [text(intro), ...described.map((p) => (/^description$/i.test(p.name) ? text(p) : `**${p.name}:** ${text(p)}`))]
      .filter(Boolean)
      .join('\n\n');
    const n = (counts.get(severity) ?? 0) + 1;
    counts.set(severity, n);
    findings.push({
      id: `${ID_LETTER[severity]}-${n}`,
      title: b.text,
      severity,
      description,
      recommendation: parts
        .filter((p) => RECOMMENDATION.test(p.name))
        .map(text)
        .join('\n\n'),
      links: [intro, ...described].flatMap((p) => linksIn(doc, p.line, p.to)),
      line: b.line + 1,
    });
  });
  return findings;
}

/** `Description` for a paragraph that opens with `**Description:**` (or `**Description**:`). */
function labelOf(p: Block): string | undefined {
  // markdown-it may open the paragraph with an empty text token before the bold label.
  const c = (p.inline?.children ?? []).filter((t, i) => !(i === 0 && t.type === 'text' && t.content === ''));
  if (c[0]?.type !== 'strong_open' || c[2]?.type !== 'strong_close') return undefined;
  const label = c[1].content.trim().replace(/:$/, '').trim();
  const colon = c[1].content.trim().endsWith(':') || (c[3]?.type === 'text' && c[3].content.startsWith(':'));
  return colon && label ? label : undefined;
}
