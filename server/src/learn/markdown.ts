// A report read as Markdown: markdown-it's block tokens (with their source lines), the YAML front matter, and the
// helpers every layout parser needs — headings, sections between them, raw text of a line range, code links.
// The layout parsers (parse-*.ts) only decide what the headings mean.
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { codeLinksInText, parseCodeLink } from './code-links';
import { ReportError, type CodeLink } from './types';

export interface Block {
  kind: 'heading' | 'paragraph' | 'hr' | 'table' | 'other';
  /** 0-based first and last-exclusive source line. */
  line: number;
  end: number;
  /** Heading level (1 for #), 0 otherwise. */
  level: number;
  /** The block's inline content as plain text (headings and paragraphs). */
  text: string;
  /** The first link of a heading or paragraph, when there is one. */
  href?: string;
  /** The inline tokens (headings, paragraphs) or, for tables, rows of cells with their line. */
  inline?: Token;
  rows?: Array<{ line: number; cells: Token[] }>;
}

export interface MarkdownDoc {
  lines: string[];
  frontMatter: Record<string, unknown>;
  blocks: Block[];
}

const md = new MarkdownIt({ linkify: true, html: false });

/** Parses a report. Front matter (`---` … `---` at the top) is read as YAML; its lines stay in place as blank lines. */
export function readMarkdown(text: string): MarkdownDoc {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let frontMatter: Record<string, unknown> = {};
  let body = lines;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (close < 0) throw new ReportError('the front matter opened on line 1 is never closed with ---', 1);
    let data: unknown;
    try {
      data = parseYaml(lines.slice(1, close).join('\n'));
    } catch (err) {
      const at = (err as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? 0;
      throw new ReportError(`the front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`, at + 1);
    }
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) frontMatter = data as Record<string, unknown>;
    body = [...lines.slice(0, close + 1).map(() => ''), ...lines.slice(close + 1)];
  }
  return { lines, frontMatter, blocks: toBlocks(md.parse(body.join('\n'), {})) };
}

function toBlocks(tokens: Token[]): Block[] {
  const out: Block[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // Only top-level blocks: a heading inside a list or quote does not start a section.
    if (t.nesting === -1) depth--;
    const top = depth === 0;
    if (t.nesting === 1) depth++;
    if (!top || t.nesting === -1 || !t.map) continue;
    const [line, end] = t.map;
    if (t.type === 'heading_open' || t.type === 'paragraph_open') {
      const inline = tokens[i + 1];
      out.push({
        kind: t.type === 'heading_open' ? 'heading' : 'paragraph',
        line,
        end,
        level: t.type === 'heading_open' ? Number(t.tag.slice(1)) : 0,
        text: plainText(inline).trim(),
        href: inline.children?.find((c) => c.type === 'link_open')?.attrGet('href') ?? undefined,
        inline,
      });
    } else if (t.type === 'hr') out.push({ kind: 'hr', line, end, level: 0, text: '' });
    else if (t.type === 'table_open') {
      const rows: Block['rows'] = [];
      let j = i + 1;
      for (; j < tokens.length && tokens[j].type !== 'table_close'; j++) {
        if (tokens[j].type !== 'tr_open') continue;
        const cells: Token[] = [];
        for (let k = j + 1; tokens[k].type !== 'tr_close'; k++) if (tokens[k].type === 'inline') cells.push(tokens[k]);
        rows.push({ line: tokens[j].map?.[0] ?? line, cells });
      }
      out.push({ kind: 'table', line, end, level: 0, text: '', rows });
    } else out.push({ kind: 'other', line, end, level: 0, text: '' });
  }
  return out;
}

export function plainText(inline: Token | undefined): string {
  return (inline?.children ?? []).map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' ? ' ' : '')).join('');
}

/** The report's own text of [from, to) (0-based lines), trimmed, with runs of blank lines folded. */
export function rawText(doc: MarkdownDoc, from: number, to: number): string {
  return doc.lines
    .slice(from, to)
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Code links in the blocks of [from, to): link targets, bare URLs and `X.sol:10` / `src/X.sol#L10` in text. */
export function linksIn(doc: MarkdownDoc, from: number, to: number): CodeLink[] {
  const out: CodeLink[] = [];
  for (const b of doc.blocks) {
    if (b.line < from || b.line >= to) continue;
    if (b.inline) out.push(...linksOfInline(b.inline, b.line));
    for (const r of b.rows ?? []) for (const c of r.cells) out.push(...linksOfInline(c, r.line));
    // Fenced code and other blocks: only text references such as `src/X.sol:10`.
    if (b.kind === 'other') out.push(...codeLinksInText(doc.lines.slice(b.line, b.end).join('\n'), b.line + 1));
  }
  return out;
}

export function linksOfInline(inline: Token, line: number): CodeLink[] {
  const out: CodeLink[] = [];
  const children = inline.children ?? [];
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (c.type === 'link_open') {
      const link = parseCodeLink(c.attrGet('href') ?? '', line + 1);
      if (link) out.push(link);
      // The link's own text is usually the same address, or a label such as `Vault.sol#L10`: not a second link.
      while (i < children.length && children[i].type !== 'link_close') i++;
    } else if (c.type === 'text' || c.type === 'code_inline') out.push(...codeLinksInText(c.content, line + 1));
  }
  return out;
}

/** Blocks from index i up to (not including) the next heading of `level` or above, or a horizontal rule when `hr`. */
export function sectionEnd(doc: MarkdownDoc, i: number, level: number, { hr = false } = {}): number {
  for (let j = i + 1; j < doc.blocks.length; j++) {
    const b = doc.blocks[j];
    if ((b.kind === 'heading' && b.level <= level) || (hr && b.kind === 'hr')) return b.line;
  }
  return doc.lines.length;
}

/** The named subsections (headings deeper than `level`) of [from, to): heading text → raw text. */
export function subsections(
  doc: MarkdownDoc,
  from: number,
  to: number,
  level: number,
): { intro: string; parts: Array<{ name: string; text: string; line: number }> } {
  const heads = doc.blocks.filter((b) => b.kind === 'heading' && b.level > level && b.line >= from && b.line < to);
  const intro = rawText(doc, from, heads[0]?.line ?? to);
  const parts = heads.map((h, k) => ({ name: h.text, line: h.line, text: rawText(doc, h.end, heads[k + 1]?.line ?? to) }));
  return { intro, parts };
}
