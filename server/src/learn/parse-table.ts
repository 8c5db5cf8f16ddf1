// Firm reports that list findings as a table: one row per finding with columns for id, title, severity and,
// where the report has them, description and recommendation (`| ID | Title | Severity | Description | … |`).
import type { Token } from 'markdown-it';
import { linksOfInline, plainText, type Block, type MarkdownDoc } from './markdown';
import { severityOf } from './severity';
import { ReportError, type ReportFinding } from './types';

const COLUMNS = {
  id: /^(id|#|no\.?|ref(erence)?|issue\s+id|finding\s+id)$/i,
  title: /^(title|name|issue|finding|summary)$/i,
  severity: /^(severity|risk|impact|level)$/i,
  description: /^(description|details?)$/i,
  recommendation: /^(recommendations?|mitigation|remediation|fix)$/i,
};

type Columns = { [K in keyof typeof COLUMNS]: number };

export function findingsTable(doc: MarkdownDoc): { block: Block; columns: Columns } | undefined {
  for (const block of doc.blocks) {
    if (block.kind !== 'table' || !block.rows?.length) continue;
    const head = block.rows[0].cells.map((c) => plainText(c).trim());
    const col = (re: RegExp) => head.findIndex((h) => re.test(h));
    const columns = Object.fromEntries(Object.entries(COLUMNS).map(([k, re]) => [k, col(re)])) as Columns;
    if (columns.id >= 0 && columns.title >= 0 && columns.severity >= 0) return { block, columns };
  }
  return undefined;
}

export function parseTable(doc: MarkdownDoc): ReportFinding[] {
  const table = findingsTable(doc);
  if (!table) return [];
  const { block, columns } = table;
  return block.rows!.slice(1).map((row) => {
    const cell = (k: keyof Columns): Token | undefined => (columns[k] >= 0 ? row.cells[columns[k]] : undefined);
    const text = (k: keyof Columns) => (cell(k) ? cell(k)!.content.trim() : '');
    const id = plainText(cell('id')).trim();
    const title = plainText(cell('title')).trim();
    const sev = plainText(cell('severity')).trim();
    const severity = severityOf(sev);
    if (!id || !title) throw new ReportError('a finding row needs an id and a title', row.line + 1);
    if (!severity) throw new ReportError(`${id}: unknown severity "${sev}" (expected Critical, High, Medium, Low, Informational, Gas)`, row.line + 1);
    return {
      id,
      title,
      severity,
      description: text('description'),
      recommendation: text('recommendation'),
      links: row.cells.flatMap((c) => linksOfInline(c, row.line)),
      line: row.line + 1,
    };
  });
}
