// Fix templates rendered into concrete text edits, and applying edits to text.
import { fixKindOf, type FixDefinition } from './finding';
import type { StatementPlace } from './fix-ast';
import { LineIndex } from './positions';
import type { Fix, TextEdit } from './types';

/** Offsets of a fix target; end exclusive. */
export type Span = [number, number];

export interface FixContext {
  text: string;
  lines: LineIndex;
  match: Span;
  focus?: Span;
  /** Metavariable → span in `text`. */
  bindings: Record<string, Span>;
}

const TEMPLATE_METAVARIABLE = /\$[A-Z][A-Za-z0-9_]*/g;

/** The file's line ending, so inserted lines do not mix `\n` into a CRLF file. */
export function lineEnding(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * Renders a fix for one match, or undefined when a target is not bound in this match (e.g. one `any` branch).
 * With `statement` (a `statement-context: block` fix), lines are inserted next to that statement on its own line
 * only when nothing else shares the line, and a brace-less `if`/loop body gets braces around it and them.
 */
/** Offsets the AST-placed edits need (fix-build.ts finds them): where a modifier goes, the closing braces. */
export interface FixPlaces {
  modifierAt?: number;
  /** Where a parameter goes, and whether the list is empty there (else it follows a comma). */
  parameterAt?: number;
  parameterFirst?: boolean;
  /** The `}` closing the body of the function holding the match, and of its contract. */
  functionEnd?: number;
  contractEnd?: number;
}

export function renderFix(def: FixDefinition, cx: FixContext, statement?: StatementPlace, places: FixPlaces = {}): Fix | undefined {
  const eol = lineEnding(cx.text);
  const edits: TextEdit[] = [];
  const inline = (op: 'insert-line-before' | 'insert-line-after', target: Span): boolean => {
    if (!statement) return false;
    if (statement.needsBraces) return true;
    const line = cx.lines.position(op === 'insert-line-before' ? target[0] : target[1]).line;
    const rest =
      op === 'insert-line-before' ? cx.text.slice(cx.lines.lineStart(line), target[0]) : cx.text.slice(target[1], lineContentEnd(cx.text, cx.lines, line));
    return rest.trim() !== '' && !rest.trim().startsWith('//');
  };
  for (const raw of def.edits) {
    const e = raw as Record<string, string | undefined>;
    if ('add-modifier' in e) {
      if (places.modifierAt === undefined) return undefined;
      edits.push({ range: cx.lines.range(places.modifierAt, places.modifierAt), newText: `${e['add-modifier']} ` });
      continue;
    }
    if ('add-parameter' in e) {
      if (places.parameterAt === undefined) return undefined;
      const text = e['add-parameter'];
      edits.push({ range: cx.lines.range(places.parameterAt, places.parameterAt), newText: places.parameterFirst ? text! : `, ${text}` });
      continue;
    }
    if ('append-to' in e) {
      const close = e['append-to'] === 'contract' ? places.contractEnd : places.functionEnd;
      if (close === undefined || e.text === undefined) return undefined;
      edits.push(appendBeforeClose(cx, close, e.text, eol));
      continue;
    }
    const op = (['with', 'insert-before', 'insert-after', 'insert-line-before', 'insert-line-after'] as const).find((k) => k in e);
    if (!op) return undefined;
    const targetName = op === 'with' ? (e.replace ?? 'match') : e[op]!;
    const named = targetName === 'match' ? cx.match : targetName === 'focus' ? cx.focus : cx.bindings[targetName];
    // A line added next to an expression goes next to the statement holding it (`return uint256(p);`).
    const target = statement && named && (op === 'insert-line-before' || op === 'insert-line-after') && within(named, statement.span) ? statement.span : named;
    if (!target) return undefined;
    let unbound = false;
    const body = (op === 'with' ? e.with! : e.text!).replace(TEMPLATE_METAVARIABLE, (name) => {
      const span = cx.bindings[name];
      if (!span) {
        unbound = true;
        return name;
      }
      return cx.text.slice(span[0], span[1]);
    });
    if (unbound) return undefined;
    const text = body.replace(/\r?\n/g, eol);
    switch (op) {
      case 'with':
        edits.push({ range: cx.lines.range(target[0], target[1]), newText: text });
        break;
      case 'insert-before':
        edits.push({ range: cx.lines.range(target[0], target[0]), newText: text });
        break;
      case 'insert-after':
        edits.push({ range: cx.lines.range(target[1], target[1]), newText: text });
        break;
      case 'insert-line-before': {
        if (inline(op, target)) {
          edits.push({ range: cx.lines.range(target[0], target[0]), newText: `${oneLine(text)} ` });
          break;
        }
        const line = cx.lines.position(target[0]).line;
        const at = cx.lines.lineStart(line);
        const indent = indentation(cx.text, at);
        edits.push({ range: cx.lines.range(at, at), newText: indentLines(body, indent, eol) + eol });
        break;
      }
      case 'insert-line-after': {
        if (inline(op, target)) {
          edits.push({ range: cx.lines.range(target[1], target[1]), newText: ` ${oneLine(text)}` });
          break;
        }
        const indent = indentation(cx.text, cx.lines.lineStart(cx.lines.position(target[0]).line));
        const endLine = cx.lines.position(Math.max(target[0], target[1] - 1)).line;
        const at = lineContentEnd(cx.text, cx.lines, endLine);
        edits.push({ range: cx.lines.range(at, at), newText: eol + indentLines(body, indent, eol) });
        break;
      }
    }
  }
  if (statement?.needsBraces && edits.length) {
    const [start, end] = statement.span;
    edits.unshift({ range: cx.lines.range(start, start), newText: '{ ' });
    edits.push({ range: cx.lines.range(end, end), newText: ' }' });
  }
  const kind = fixKindOf(def);
  return { title: def.title, kind, safe: kind === 'safe', preview: previewOf(cx.text, cx.lines, edits), edits };
}

/** `text` as the last line before the `}` at `close`, indented one level deeper than it; inline on a one-line body. */
function appendBeforeClose(cx: FixContext, close: number, text: string, eol: string): TextEdit {
  const line = cx.lines.position(close).line;
  const start = cx.lines.lineStart(line);
  const before = cx.text.slice(start, close);
  if (before.trim() !== '') return { range: cx.lines.range(close, close), newText: `${/\s$/.test(before) ? '' : ' '}${oneLine(text)} ` };
  const unit = /\t/.test(before) ? '\t' : '    ';
  return { range: cx.lines.range(start, start), newText: indentLines(text, before + unit, eol) + eol };
}

function within(inner: Span, outer: Span): boolean {
  return inner[0] >= outer[0] && inner[1] <= outer[1];
}

function oneLine(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
}

const PREVIEW_SIDE = 60;

/** `old` → `new` over the span the edits cover, whitespace collapsed and long sides cut in the middle. */
export function previewOf(text: string, lines: LineIndex, edits: TextEdit[]): string {
  if (edits.length === 0) return '';
  const spans = edits.map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText }));
  const from = Math.min(...spans.map((s) => s.start));
  const to = Math.max(...spans.map((s) => s.end));
  const before = text.slice(from, to);
  let after = '';
  let at = from;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    after += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  after += text.slice(at, to);
  const show = (s: string) => {
    const flat = s.replace(/\s+/g, ' ').trim();
    return flat.length <= PREVIEW_SIDE ? flat : `${flat.slice(0, PREVIEW_SIDE / 2 - 1)}…${flat.slice(-PREVIEW_SIDE / 2 + 1)}`;
  };
  return before.trim() ? `\`${show(before)}\` → \`${show(after)}\`` : `insert \`${show(after)}\``;
}

function indentation(text: string, lineStart: number): string {
  let i = lineStart;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(lineStart, i);
}

function indentLines(body: string, indent: string, eol: string): string {
  return body
    .split(/\r?\n/)
    .map((l) => (l.length ? indent + l : l))
    .join(eol);
}

/** Offset just before the line ending of `line` (or the end of the text on the last line). */
function lineContentEnd(text: string, lines: LineIndex, line: number): number {
  if (line + 1 >= lines.lineCount) return text.length;
  let at = lines.lineStart(line + 1);
  if (text[at - 1] === '\n') at--;
  if (text[at - 1] === '\r') at--;
  return at;
}

/**
 * Applies edits to text. Edits are applied from the end so earlier offsets stay valid; an edit overlapping one
 * already accepted is skipped (as ESLint does for fix-all), so combining the fixes of nested matches is safe.
 * Insertions at the same offset keep their given order.
 */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map((e, i) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText, i }));
  const accepted: typeof spans = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i)) {
    if (s.end < s.start) continue;
    const prev = accepted[accepted.length - 1];
    if (prev && s.start < prev.end) continue;
    accepted.push(s);
  }
  let out = text;
  for (let k = accepted.length - 1; k >= 0; k--) {
    const s = accepted[k];
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
  }
  return out;
}
