// Solodit-style JSON exports: an array of findings (or `{ "findings": [...] }`), each with a title, an impact
// (HIGH, MEDIUM, LOW, GAS), Markdown content and links to the source. Read with jsonc-parser, which keeps
// offsets, so a bad entry is reported at its own line.
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { codeLinksInText, parseCodeLink } from './code-links';
import { severityOf } from './severity';
import { ReportError, type ReportFinding } from './types';

export function parseSoloditJson(text: string): { findings: ReportFinding[]; title?: string; url?: string } {
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length || !root) {
    const e = errors[0];
    throw new ReportError(`not valid JSON: ${e ? printParseErrorCode(e.error) : 'empty'}`, e ? lineOf(e.offset) : 1);
  }
  let list: Node | undefined = root;
  let meta: Record<string, unknown> = {};
  if (root.type === 'object') {
    meta = getNodeValue(root) as Record<string, unknown>;
    list = root.children?.find((p) => p.children?.[0].value === 'findings')?.children?.[1];
  }
  if (list?.type !== 'array') throw new ReportError('expected a JSON array of findings, or an object with a "findings" array', lineOf(root.offset));
  const findings = (list.children ?? []).map((item, k) => {
    const line = lineOf(item.offset);
    const v = getNodeValue(item) as Record<string, unknown>;
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ReportError(`finding ${k + 1} is not an object`, line);
    const str = (...keys: string[]) =>
      keys
        .map((key) => v[key])
        .find((x): x is string => typeof x === 'string' && x.trim() !== '')
        ?.trim();
    const title = str('title', 'name');
    if (!title) throw new ReportError(`finding ${k + 1} has no "title"`, line);
    const sev = str('impact', 'severity', 'risk') ?? '';
    const severity = severityOf(sev);
    if (!severity) throw new ReportError(`finding ${k + 1} ("${title}"): unknown impact "${sev}" (expected HIGH, MEDIUM, LOW, GAS …)`, line);
    const content = str('content', 'description', 'summary') ?? '';
    const url = str('source_link', 'url', 'github_link');
    const linkFields = ['github_link', 'code_link', 'source_code', 'lines'].flatMap((key) => v[key]);
    const links = [
      ...linkFields.flatMap((l) => (typeof l === 'string' ? [parseCodeLink(l, line)].filter((x) => x !== undefined) : [])),
      ...codeLinksInText(content, line),
      ...[...content.matchAll(/https?:\/\/github\.com\/\S+?\.sol(?:#L\d+(?:-L\d+)?)?(?=[\s)\]>"']|$)/g)].flatMap((m) =>
        [parseCodeLink(m[0], line)].filter((x) => x !== undefined),
      ),
    ];
    const id = str('finding_id', 'id', 'slug') ?? `${severity.charAt(0).toUpperCase()}-${k + 1}`;
    return {
      id: typeof v.id === 'number' ? `S-${v.id}` : id,
      title,
      severity,
      description: content,
      recommendation: str('recommendation', 'mitigation') ?? '',
      links,
      line,
      ...(url && /^https?:/.test(url) ? { url } : {}),
    } satisfies ReportFinding;
  });
  return { findings, title: typeof meta.title === 'string' ? meta.title : undefined, url: typeof meta.url === 'string' ? meta.url : undefined };
}
