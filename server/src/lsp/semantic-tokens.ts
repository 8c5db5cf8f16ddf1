// textDocument/semanticTokens (full, full/delta, range): the names of an open Solidity document classified by the
// semantic model (semantic-classify.ts), for any LSP editor. The tree is the one the document's analysis made
// (with run: onType it is brought up to date first, as hover does); a document whose analysis is not current
// (run: onSave, excluded files, packs still loading) is parsed here. While a member is half-typed the parser
// leaves it out of the tree: its names keep the tokens of the last tree that had it, moved along with the edit,
// so colours do not flicker with every keystroke. A keystroke whose analysis kept the last full scan (a comment,
// whitespace, typing in a member that does not parse) takes the last tokens moved, without asking the model.
import { SemanticTokensBuilder, type Connection } from 'vscode-languageserver/node';
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensOptions } from 'vscode-languageserver-protocol';
import type { ParsedSource } from '../engine/parse';
import type { Node } from '../engine/pattern/ast';
import { keptLastGood } from '../engine/scan-units';
import { parseText, type Analysis } from '../project/analysis';
import { normalizeUri, uriToPath } from '../project/workspace';
import type { ServerContext } from './context';
import { documentTooLarge } from './size-limit';
import { classify, TOKEN_MODIFIERS, TOKEN_TYPES, type RawToken } from './semantic-classify';
import type { SemanticProjects } from './semantic-projects';

/** The capability announced at initialize. */
export const SEMANTIC_TOKENS_PROVIDER: SemanticTokensOptions = {
  legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] },
  full: { delta: true },
  range: true,
};

interface DocTokens {
  version: number;
  text: string;
  tokens: RawToken[];
  /** The tokens are those a classification of `text` gives (none kept from an earlier text, none left out). */
  complete: boolean;
  /** Holds what was last sent, so that the next delta request can be answered with edits. */
  builder: SemanticTokensBuilder;
}

export class SemanticTokensService {
  private readonly projects: SemanticProjects;
  private readonly byUri = new Map<string, DocTokens>();
  /** Parses made here, for documents whose analysis is not current. */
  private readonly parses = new Map<string, { version: number; parsed: ParsedSource }>();

  constructor(private readonly ctx: ServerContext) {
    // The analysis of open documents keeps the same models for its semantic filters (open-documents.ts): sharing
    // them, a keystroke updates and resolves the document once for both.
    this.projects = ctx.documents.semantic;
  }

  /** The tokens of an open document's current version; undefined for documents that are not open Solidity. */
  tokens(rawUri: string): { doc: DocTokens; lines: ParsedSource['lines'] } | undefined {
    const uri = normalizeUri(rawUri);
    this.forgetClosed();
    const doc = this.ctx.state.docs.get(uri);
    if (!doc || !this.ctx.state.isSolidity(doc) || documentTooLarge(doc.getText())) return undefined;
    const parsed = this.parsedOf(uri);
    const prev = this.byUri.get(uri);
    if (prev && prev.version === doc.version && prev.text === parsed.text) return { doc: prev, lines: parsed.lines };
    const builder = prev?.builder ?? new SemanticTokensBuilder();
    const kept = prev && this.keptSince(uri, doc.version, parsed, prev);
    let next: DocTokens;
    if (prev && kept) {
      const moved = movePast(prev, parsed.text);
      // Inside a member that does not parse, and for the names that refer to it, the tokens are its last good version's.
      next = {
        version: doc.version,
        text: parsed.text,
        tokens: moved.tokens,
        complete: !keptLastGood(kept) && prev.complete && moved.complete,
        builder,
      };
    } else {
      const path = uriToPath(uri) ?? `/untitled/${encodeURIComponent(uri)}.sol`;
      const model = this.projects.model(uri, path, parsed, doc.version);
      let tokens = parsed.ast ? classify(model, parsed) : [];
      const recovered = !!prev && (parsed.recovered || !parsed.ast);
      if (recovered) tokens = keepLastGood(prev, parsed, tokens);
      next = { version: doc.version, text: parsed.text, tokens, complete: !recovered && !!parsed.ast, builder };
    }
    this.byUri.set(uri, next);
    return { doc: next, lines: parsed.lines };
  }

  full(uri: string): SemanticTokens {
    const t = this.tokens(uri);
    if (!t) return { data: [] };
    const b = t.doc.builder;
    b.previousResult('');
    push(b, t.doc.tokens, t.lines);
    return b.build();
  }

  delta(uri: string, previousResultId: string): SemanticTokens | SemanticTokensDelta {
    const t = this.tokens(uri);
    if (!t) return { data: [] };
    const b = t.doc.builder;
    b.previousResult(previousResultId);
    push(b, t.doc.tokens, t.lines);
    return b.buildEdits();
  }

  range(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): SemanticTokens {
    const t = this.tokens(uri);
    if (!t) return { data: [] };
    const from = t.lines.offset(range.start);
    const to = t.lines.offset(range.end);
    // A builder of its own: a range answer is not what the next delta is computed against.
    const b = new SemanticTokensBuilder();
    push(
      b,
      t.doc.tokens.filter((k) => k.offset + k.length > from && k.offset < to),
      t.lines,
    );
    return b.build();
  }

  /**
   * How the document's analysis of this very parse kept its last full scan (engine/scan-reuse.ts), when the last
   * tokens, made for the version before, are this version's once moved past the edit; undefined when they are not.
   * A comment or whitespace (`gap`, `spaces`) changes no name: moved tokens stay what a classification gives, if
   * they were so before. Inside a member that does not parse (`broken`), or whose name under the cursor names nothing
   * yet (`typing`), its names keep the tokens of its last good version, as the analysis keeps its findings, and so do
   * the names elsewhere that refer to it (a classification of the tree without it would leave them out). No model is asked: an edit the scan needed no model for is not
   * carried over to the model for the tokens either (semantics/project.ts).
   */
  private keptSince(uri: string, version: number, parsed: ParsedSource, prev: DocTokens): Analysis['kept'] {
    if (prev.version !== version - 1) return undefined;
    const analysed = this.ctx.state.files.get(uri);
    if (!analysed || analysed.version !== version || analysed.parsed !== parsed) return undefined;
    const kept = analysed.analysis.kept;
    return keptLastGood(kept) || prev.complete ? kept : undefined;
  }

  private parsedOf(uri: string): ParsedSource {
    const { state, documents } = this.ctx;
    const doc = state.docs.get(uri)!;
    // With run: onSave unsaved text is not analysed; its tree is made here without matching anything.
    if (state.settingsFor(state.folders.of(uri)).run === 'onType') documents.ensureFresh(uri);
    const analysed = state.files.get(uri);
    if (analysed?.parsed && analysed.version === doc.version) return analysed.parsed;
    const own = this.parses.get(uri);
    if (own?.version === doc.version) return own.parsed;
    const parsed = parseText(doc.getText(), own?.parsed ?? analysed?.parsed);
    this.parses.set(uri, { version: doc.version, parsed });
    return parsed;
  }

  private forgetClosed(): void {
    for (const m of [this.byUri, this.parses]) for (const uri of m.keys()) if (!this.ctx.state.docs.has(uri)) m.delete(uri);
  }
}

/**
 * The names of members missing from a recovered tree (half-typed code) keep their last tokens: each old token that
 * lies before or after the changed text, outside every member the new tree has, and still reads the same.
 */
export function keepLastGood(prev: { text: string; tokens: RawToken[] }, parsed: ParsedSource, fresh: RawToken[]): RawToken[] {
  const covered = coveredRanges(parsed);
  const taken = new Set(fresh.map((t) => t.offset));
  const kept = movePast(prev, parsed.text).tokens.filter((t) => !taken.has(t.offset) && !covered.some(([s, e]) => t.offset >= s && t.offset <= e));
  return kept.length ? [...fresh, ...kept].sort((a, b) => a.offset - b.offset) : fresh;
}

/**
 * The old tokens that lie before or after the text changed since (found as the longest common prefix and suffix)
 * and still read the same, moved to the new text; `complete`: none was left out.
 */
export function movePast(prev: { text: string; tokens: RawToken[] }, text: string): { tokens: RawToken[]; complete: boolean } {
  const oldText = prev.text;
  const max = Math.min(oldText.length, text.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  const delta = text.length - oldText.length;
  const tokens: RawToken[] = [];
  for (const t of prev.tokens) {
    let offset: number;
    if (t.offset + t.length <= prefix) offset = t.offset;
    else if (t.offset >= oldText.length - suffix) offset = t.offset + delta;
    else continue;
    if (text.slice(offset, offset + t.length) !== oldText.slice(t.offset, t.offset + t.length)) continue;
    tokens.push(offset === t.offset ? t : { ...t, offset });
  }
  return { tokens, complete: tokens.length === prev.tokens.length };
}

/** Where the new tree has something of its own: each contract member and each top-level unit but contracts. */
function coveredRanges(parsed: ParsedSource): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const child of (parsed.ast?.children ?? []) as unknown as Node[]) {
    if (child.type === 'ContractDefinition') {
      for (const m of (child.subNodes ?? []) as Node[]) if (m.range) out.push(m.range);
    } else if (child.range) out.push(child.range);
  }
  return out;
}

function push(b: SemanticTokensBuilder, tokens: RawToken[], lines: ParsedSource['lines']): void {
  for (const t of tokens) {
    const p = lines.position(t.offset);
    b.push(p.line, p.character, t.length, t.type, t.modifiers);
  }
}

export function registerSemanticTokens(connection: Connection, ctx: ServerContext): SemanticTokensService {
  const service = new SemanticTokensService(ctx);
  const { state } = ctx;
  const tokens = connection.languages.semanticTokens;
  tokens.on((p) => state.guardSync('semantic tokens', () => service.full(p.textDocument.uri), { data: [] }));
  tokens.onDelta((p) => state.guardSync('semantic tokens (delta)', () => service.delta(p.textDocument.uri, p.previousResultId), { data: [] }));
  tokens.onRange((p) => state.guardSync('semantic tokens (range)', () => service.range(p.textDocument.uri, p.range), { data: [] }));
  return service;
}
