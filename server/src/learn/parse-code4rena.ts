// Code4rena reports: YAML front matter (sponsor, slug, date), `# High Risk Findings (N)` sections, findings as
// `## [[H-01] Title](…/issues/16)` whose body has `### Proof of Concept` and `### Recommended Mitigation Steps`,
// findings separated by `***`. In the QA and gas sections (`# Low Risk and Non-Critical Issues`) only findings
// with an id (`## [L-01] Title`) count; the wardens' numbered lists (`## [01] …`) are passed over.
import { linksIn, rawText, sectionEnd, subsections, type MarkdownDoc } from './markdown';
import { severityOf } from './severity';
import { ReportError, type ReportFinding } from './types';

export const C4_FINDING = /^\[([A-Z]{1,3})-(\d+)\]\s*(.+)$/;
const SEVERITY_SECTION = /^(.+?)\s+(?:Risk\s+)?(?:Findings|Issues)\b|^(Gas)\s+Optimi[sz]ations?\b/i;
const RECOMMENDATION = /^(Recommended\s+Mitigation(\s+Steps)?|Recommendations?|Mitigation)$/i;
const LEFT_OUT = /^(Tools?\s+Used|Assessed\s+type|Lines\s+of\s+code)$/i;

export function looksLikeCode4rena(doc: MarkdownDoc): boolean {
  if (typeof doc.frontMatter.sponsor === 'string' || typeof doc.frontMatter.slug === 'string') return true;
  return doc.blocks.some((b) => b.kind === 'heading' && b.level === 2 && C4_FINDING.test(b.text));
}

export function parseCode4rena(doc: MarkdownDoc): ReportFinding[] {
  const findings: ReportFinding[] = [];
  let section: { severity: ReturnType<typeof severityOf>; line: number } | undefined;
  doc.blocks.forEach((b, i) => {
    if (b.kind !== 'heading') return;
    if (b.level === 1) {
      const m = SEVERITY_SECTION.exec(b.text);
      section = m ? { severity: severityOf(m[1] ?? m[2]), line: b.line } : undefined;
      return;
    }
    if (b.level !== 2 || !section) return;
    const m = C4_FINDING.exec(b.text);
    // In a High or Medium section every finding is numbered; an unnumbered one is a layout we do not know.
    if (!m) {
      if (section.severity === 'high' || section.severity === 'medium' || section.severity === 'critical')
        throw new ReportError(`expected a finding heading such as "## [H-01] Title", found "## ${b.text}"`, b.line + 1);
      return;
    }
    const severity = severityOf(m[1]);
    if (!severity) throw new ReportError(`"${m[1]}-${m[2]}" has no known severity (H, M, L, QA, G, NC)`, b.line + 1);
    const end = sectionEnd(doc, i, 2, { hr: true });
    const { intro, parts } = subsections(doc, b.end, end, 2);
    const description = [intro, ...parts.filter((p) => !RECOMMENDATION.test(p.name) && !LEFT_OUT.test(p.name)).map((p) => `**${p.name}**\n\n${p.text}`)]
      .filter(Boolean)
      .join('\n\n');
    findings.push({
      id: `${m[1]}-${m[2]}`,
      title: m[3].trim(),
      severity,
      description: description || rawText(doc, b.end, end),
      recommendation: parts.find((p) => RECOMMENDATION.test(p.name))?.text ?? '',
      links: linksIn(doc, b.end, end),
      line: b.line + 1,
      ...(b.href && /^https?:/.test(b.href) ? { url: b.href } : {}),
    });
  });
  return findings;
}
