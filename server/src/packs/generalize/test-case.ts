// The test file a recorded finding is saved with: the selection as the `// expect:` case, a near miss as the
// `// ok:` case, and every line the finding reports marked, so `hindsight pack test` passes from the start.
import { compileFinding, scanSource, type FindingDefinition, type Range } from '../../engine';
import { parseSource } from '../../engine/parse';
import { endOf, MEMBER_TYPES, pathTo, startOf, type AstNode } from './ast';
import { PREVIEW_PACK } from './count-matches';
import { pickOkCase } from './near-miss';

/**
 * A self-contained test file: the file's pragma, the enclosing contract's header (so `contract` filters still
 * apply), the enclosing function or member whole (so `function` filters apply), and `// expect:` above the
 * selection. When `finding` is given, a near miss from the same file — the function most like the selection that
 * the finding does not report — is added as the `// ok:` case `hindsight pack test` requires.
 * `selectionLine` is the 0-based line of the selected code in the test file; `okLine` -1 when no ok case was found.
 */
export function buildTestCase(source: string, range: Range, id: string, finding?: FindingDefinition): { text: string; selectionLine: number; okLine: number } {
  const parsed = parseSource(source);
  const ast = parsed.ast as unknown as AstNode | null;
  const s = parsed.lines.offset(range.start);
  const e = parsed.lines.offset(range.end);
  const out: string[] = ['// SPDX-License-Identifier: UNLICENSED'];
  const pragma = /^\s*pragma\s+solidity\s+[^;]+;/m.exec(source);
  if (pragma) out.push(pragma[0].trim());
  out.push(`// Recorded from a review: code under an "expect" comment must be reported by ${id}, code under "ok" must not.`);
  out.push('');

  const chain = ast ? pathTo(ast, s, Math.max(e, s + 1)) : [];
  const contract = chain.find((n) => n.type === 'ContractDefinition');
  const unit = chain.find((n) => MEMBER_TYPES.has(n.type) || n.type === 'StateVariableDeclaration') ?? (contract ? undefined : chain[1]);
  const recorded = sliceLines(source, unit ? startOf(unit) : s, unit ? endOf(unit) : e, s, `// expect: ${id}`);

  const ok = finding && ast ? pickOkCase(source, ast, unit, s, e, finding) : undefined;
  const okContract = ok ? pathTo(ast!, startOf(ok.member), endOf(ok.member)).find((n) => n.type === 'ContractDefinition') : undefined;
  const okLines = ok ? sliceLines(source, startOf(ok.member), endOf(ok.member), ok.at, `// ok: ${id}`) : undefined;

  let selectionLine = -1;
  let okLine = -1;
  const emit = (c: AstNode | undefined, parts: Array<{ lines: string[]; marker: number; kind: 'expect' | 'ok' }>) => {
    if (c) out.push(contractHeader(source, c));
    parts.forEach((part, i) => {
      if (i > 0) out.push('');
      const base = out.length;
      out.push(...part.lines);
      if (part.kind === 'expect') selectionLine = base + part.marker + 1;
      else okLine = base + part.marker + 1;
    });
    if (c) out.push('}');
  };
  const rec = { lines: recorded.lines, marker: recorded.marker, kind: 'expect' as const };
  if (okLines && okContract === contract) emit(contract, [rec, { lines: okLines.lines, marker: okLines.marker, kind: 'ok' }]);
  else {
    emit(contract, [rec]);
    if (okLines) {
      out.push('');
      emit(okContract, [{ lines: okLines.lines, marker: okLines.marker, kind: 'ok' }]);
    }
  }
  out.push('');
  return { text: out.join('\n'), selectionLine, okLine };
}

/** The source lines of [from, to) (from the start of from's line), with `marker` inserted above `at`'s line. */
function sliceLines(source: string, from: number, to: number, at: number, marker: string): { lines: string[]; marker: number } {
  const lineStart = source.lastIndexOf('\n', from - 1) + 1;
  const lines = source.slice(lineStart, to).replace(/\r\n/g, '\n').split('\n');
  const idx = source.slice(lineStart, at).split('\n').length - 1;
  const indent = /^[ \t]*/.exec(lines[idx] ?? '')?.[0] ?? '';
  lines.splice(idx, 0, `${indent}${marker}`);
  return { lines, marker: idx };
}

function contractHeader(source: string, contract: AstNode): string {
  const bases = (contract.baseContracts as AstNode[]) ?? [];
  const afterBases = bases.length ? endOf(bases[bases.length - 1]) : startOf(contract);
  const brace = source.indexOf('{', afterBases);
  return source.slice(startOf(contract), brace + 1).replace(/\s+/g, ' ');
}

/**
 * Runs the finding on its new test file: every line it reports gets `// expect:` (the pack test then passes and
 * documents the current behaviour), and we learn whether the selection itself is reported.
 */
export function annotateMatches(
  text: string,
  def: FindingDefinition,
  selectionLine: number,
): { text: string; selectionMatched: boolean; expectLines: number[] } {
  let lines: number[] = [];
  try {
    const finding = compileFinding(def, { ...PREVIEW_PACK, name: 'record' });
    lines = [...new Set(scanSource(text, [finding]).occurrences.map((o) => o.range.start.line))].sort((a, b) => a - b);
  } catch {
    // A pattern that does not compile is reported by the pack loader with its position; the test stays as built.
  }
  const expectRe = new RegExp(`^\\s*//\\s*(expect|ruleid):.*\\b${def.id.replace(/-/g, '\\-')}\\b`);
  const src = text.split('\n');
  const selectionMatched = selectionLine < 0 ? lines.length > 0 : lines.includes(selectionLine);
  for (const l of [...lines].reverse()) {
    if (l > 0 && expectRe.test(src[l - 1])) continue;
    const indent = /^[ \t]*/.exec(src[l])![0];
    src.splice(l, 0, `${indent}// expect: ${def.id}`);
  }
  const expectLines = src.flatMap((l, i) => (expectRe.test(l) ? [i + 1] : []));
  return { text: src.join('\n'), selectionMatched, expectLines };
}
