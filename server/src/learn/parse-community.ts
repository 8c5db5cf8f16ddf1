// Community reports: a bug-bounty disclosure, a post-mortem or a GitHub issue saved as Markdown. One finding: the
// `# Title`, a severity (front matter `severity:` or a `Severity: High` line), sections such as `## Description`
// and `## Recommendation`, and code links. Where it came from (front matter `source:`, else guessed from its
// address) is kept with the finding.
import { linksIn, subsections, type MarkdownDoc } from './markdown';
import { severityOf } from './severity';
import { ReportError, type ReportFinding } from './types';

const SEVERITY_LINE = /^\s*(?:Severity|Impact|Risk)\s*:\s*(.+?)\s*$/im;
const SOURCE_LINE = /^\s*(?:Source|URL|Issue|Link)\s*:\s*<?(https?:\/\/\S+?)>?\s*$/im;
const RECOMMENDATION = /^(Recommendations?|Recommended\s+Fix|Fix|Mitigation|Remediation|Suggested\s+Fix)$/i;
const NOT_DESCRIPTION = /^(Proof\s+of\s+Concept|PoC|Steps\s+to\s+Reproduce|Timeline|Environment|Discussion)$/i;

export function looksLikeCommunity(doc: MarkdownDoc): boolean {
  if (typeof doc.frontMatter.source === 'string') return true;
  const h1 = doc.blocks.filter((b) => b.kind === 'heading' && b.level === 1);
  return h1.length === 1 && doc.blocks.some((b) => b.kind === 'paragraph' && SEVERITY_LINE.test(b.text));
}

export function parseCommunity(doc: MarkdownDoc): { finding: ReportFinding; url?: string; source: string } {
  const h1 = doc.blocks.find((b) => b.kind === 'heading' && b.level === 1);
  const fmTitle = typeof doc.frontMatter.title === 'string' ? doc.frontMatter.title : undefined;
  if (!h1 && !fmTitle) throw new ReportError('a community report needs a "# Title" heading or a title in its front matter', 1);
  const start = h1 ? h1.end : 0;
  const { intro, parts } = subsections(doc, start, doc.lines.length, 1);
  const sevText = typeof doc.frontMatter.severity === 'string' ? doc.frontMatter.severity : SEVERITY_LINE.exec(intro)?.[1];
  const severity = sevText ? severityOf(sevText) : undefined;
  if (!severity)
    throw new ReportError(
      sevText ? `unknown severity "${sevText}" (expected Critical, High, Medium, Low, Informational)` : 'no severity: add "Severity: High" under the title',
      (h1?.line ?? 0) + 1,
    );
  const fmUrl = typeof doc.frontMatter.url === 'string' ? doc.frontMatter.url : undefined;
  const url = fmUrl ?? SOURCE_LINE.exec(intro)?.[1];
  const source = typeof doc.frontMatter.source === 'string' ? doc.frontMatter.source : guessSource(url);
  const prose = intro
    .split('\n')
    .filter((l) => !SEVERITY_LINE.test(l) && !SOURCE_LINE.test(l))
    .join('\n')
    .trim();
  const described = parts.filter((p) => !RECOMMENDATION.test(p.name) && !NOT_DESCRIPTION.test(p.name));
  const idLine = typeof doc.frontMatter.id === 'string' ? doc.frontMatter.id : undefined;
  return {
    url,
    source,
    finding: {
      id: idLine ?? `${severity.charAt(0).toUpperCase()}-1`,
      title: (h1?.text ?? fmTitle)!.trim(),
      severity,
      description: [prose, ...described.map((p) => `**${p.name}**\n\n${p.text}`)].filter(Boolean).join('\n\n'),
      recommendation: parts
        .filter((p) => RECOMMENDATION.test(p.name))
        .map((p) => p.text)
        .join('\n\n'),
      links: linksIn(doc, start, doc.lines.length),
      line: (h1?.line ?? 0) + 1,
      ...(url ? { url } : {}),
    },
  };
}

function guessSource(url: string | undefined): string {
  if (!url) return 'community';
  if (/github\.com\/[^/]+\/[^/]+\/(issues|pull|security\/advisories)\//.test(url)) return 'github-issue';
  if (/immunefi|hackerone|bugcrowd|hackenproof|cantina\.xyz\/bounties/.test(url)) return 'bug-bounty';
  return 'disclosure';
}
