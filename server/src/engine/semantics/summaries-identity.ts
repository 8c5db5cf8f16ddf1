// How the summaries (summaries.ts) tell, after an edit, what it touched: a function's key (stable across edits
// elsewhere), its header and its fingerprint (its text and its modifiers'), the contract's shape (everything of its
// linearization but functions and modifiers), and which functions name one whose header changed.
import type { ParsedSource } from '../parse';
import type { Node } from './cfg-types';
import type { SemanticProject } from './project';
import type { ContractSymbol, FunctionSymbol } from './symbols';

/** The key of a function: stable across edits that do not touch its name, contract or parameter types. */
export function functionKey(project: SemanticProject, f: FunctionSymbol): string {
  const name = f.isConstructor ? 'constructor' : f.isFallback ? 'fallback' : f.isReceive ? 'receive' : f.name;
  const sig = project.binder(f.file)?.signature(f) ?? String(f.parameters.length);
  return `${f.file}#${f.contract?.name ?? ''}.${name}(${sig})`;
}

/** The function's text up to its body. */
export function functionHeader(project: SemanticProject, fn: FunctionSymbol): string {
  return headerText(project.text(fn.file) ?? '', fn.node);
}

/** A function node's text in its file's `text`, up to its body (all of it when it has none). */
function headerText(text: string, n: Node): string {
  const r = n.range;
  if (!r) return '';
  const body = (n.body as Node | null | undefined)?.range;
  return text.slice(r[0], body ? body[0] : r[1] + 1);
}

/** The function's text and the texts of its modifiers, as `context` resolves them. */
export function functionFingerprint(project: SemanticProject, context: ContractSymbol, fn: FunctionSymbol): string {
  const text = project.text(fn.file) ?? '';
  const slice = (n: Node) => (n.range ? text.slice(n.range[0], n.range[1] + 1) : '');
  let fp = slice(fn.node);
  for (const inv of fn.modifiers) {
    const m = typeof inv.name === 'string' ? project.model(context.file).lookupModifier(context, inv.name) : undefined;
    if (m) fp += `\u0000${m.file}\u0000${slice(m.node)}`;
  }
  return fp;
}

/**
 * Each contract of the linearization without its functions and modifiers: what every summary depends on. A
 * function's own text (its header included) and its modifiers' are its fingerprint; a function that appears, or
 * whose header changes, drops what names it (ContractSummaries.refresh).
 */
export function contractShape(project: SemanticProject, context: ContractSymbol): string {
  const parts: string[] = [];
  for (const c of project.model(context.file).linearization(context)) {
    const text = project.text(c.file) ?? '';
    const r = c.node.range;
    if (!r) continue;
    const members = c.node.subNodes as Node[];
    parts.push(text.slice(r[0], members[0]?.range ? members[0].range[0] : r[1] + 1));
    for (const m of members) {
      if (m.type === 'FunctionDefinition' || m.type === 'ModifierDefinition' || !m.range) continue;
      parts.push('\u0001', text.slice(m.range[0], m.range[1] + 1));
    }
    parts.push('\u0000');
  }
  return parts.join('');
}

/** The names calls of a function are written with (a constructor: its contract's, as base constructor calls). */
export function namesOf(f: FunctionSymbol): string[] {
  return [f.name, f.isConstructor ? (f.contract?.name ?? '') : ''].filter(Boolean);
}

/** Matches a fingerprint that mentions one of `names` as a whole word. */
export function mentionsAny(names: Iterable<string>): RegExp {
  return new RegExp(`(?<![\\w$])(?:${[...names].map(escapeRegExp).join('|')})(?![\\w$])`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The name under which declaredHeaders() keeps a file's own `using ... for ...` directives. */
export const FILE_USING = '\u0000using';

/**
 * The functions a file declares (free ones, and those of its contracts, libraries and interfaces), by name: their
 * headers, so that two versions of a file tell which names a call may now resolve to differently. The file-level
 * `using` directives too (under FILE_USING): they bind member calls to library functions by names the calls do not
 * spell out.
 */
export function declaredHeaders(parsed: ParsedSource | undefined): ReadonlyMap<string, string> {
  if (!parsed) return new Map();
  // A parse never changes, and the next edit's `before` is this edit's `after`: each is read once.
  let out = headersOf.get(parsed);
  if (!out) headersOf.set(parsed, (out = readHeaders(parsed)));
  return out;
}

const headersOf = new WeakMap<ParsedSource, Map<string, string>>();

function readHeaders(parsed: ParsedSource): Map<string, string> {
  const out = new Map<string, string>();
  const text = parsed.text;
  const add = (n: Node, owner: string) => {
    if (n.type !== 'FunctionDefinition' || typeof n.name !== 'string' || !n.range) return;
    const header = `${owner}.${headerText(text, n)}`;
    out.set(n.name, out.has(n.name) ? `${out.get(n.name)}\u0000${header}` : header);
  };
  for (const c of (parsed.ast?.children ?? []) as unknown as Node[]) {
    if (c.type === 'ContractDefinition') for (const m of (c.subNodes as Node[]) ?? []) add(m, String(c.name));
    else if (c.type === 'UsingForDeclaration' && c.range) out.set(FILE_USING, `${out.get(FILE_USING) ?? ''}\u0000${text.slice(c.range[0], c.range[1] + 1)}`);
    else add(c, '');
  }
  return out;
}

/** Names whose declarations differ between two versions of a file (either may be absent). */
export function redeclaredNames(before: ParsedSource | undefined, after: ParsedSource | undefined): string[] {
  const a = declaredHeaders(before);
  const b = declaredHeaders(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((n) => a.get(n) !== b.get(n));
}
