// Checks a finding's fix template when the finding is compiled: one operation per edit, every target and every
// `$X` of its text bound (by the pattern or by `fix.bind`), its needs and preconditions well-formed.
import { PatternError, type FixDefinition } from './finding';
import { ANY, ELLIPSIS, isMetaName } from './pattern/ast';

type Path = Array<string | number>;

export function unboundMessage(name: string, where: string, bound: Set<string>): string {
  const known = [...bound].sort();
  return `${where} uses ${name}, which no positive pattern binds${known.length ? ` (bound: ${known.join(', ')})` : ' (the match binds no metavariables)'}`;
}

const TEMPLATE_METAVARIABLE = /\$[A-Z][A-Za-z0-9_]*/g;
const OPERATIONS = ['with', 'insert-before', 'insert-after', 'insert-line-before', 'insert-line-after', 'add-modifier', 'add-parameter', 'append-to'] as const;
/** `uint256 deadline`, `address[] memory path`: a type, a data location perhaps, a name. */
const PARAMETER = /^[A-Za-z_$][A-Za-z0-9_$.]*(?:\[[0-9]*\])*(?:\s+(?:memory|calldata|storage))?\s+[A-Za-z_$][A-Za-z0-9_$]*$/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const NEEDS = new Set(['SafeERC20', 'ReentrancyGuard', 'Ownable', 'Initializable']);

export function checkFix(fix: FixDefinition, focus: string | undefined, patternBound: Set<string>): void {
  if (!fix || typeof fix !== 'object') throw new PatternError('fix must be an object with `title` and `edits`', ['fix']);
  const bound = new Set(patternBound);
  for (const [name, b] of Object.entries(fix.bind ?? {})) {
    if (!isMetaName(name) || name === ANY || name === ELLIPSIS)
      throw new PatternError(`a fix binds metavariables ($NAME), not '${name}'`, ['fix', 'bind', name]);
    if (patternBound.has(name)) throw new PatternError(`${name} is bound by the pattern already`, ['fix', 'bind', name]);
    if (!b || !Number.isInteger(b.component) || b.component < 0)
      throw new PatternError('a fix binding needs `component`: a tuple element from 0', ['fix', 'bind', name]);
    bound.add(name);
  }
  if (!Array.isArray(fix.edits) || fix.edits.length === 0) throw new PatternError('fix needs at least one edit', ['fix', 'edits']);
  fix.edits.forEach((edit, i) => {
    const path: Path = ['fix', 'edits', i];
    const e = edit as Record<string, unknown>;
    const ops = OPERATIONS.filter((op) => op in e);
    if (ops.length !== 1) throw new PatternError(`an edit needs exactly one of: ${OPERATIONS.join(', ')}`, path);
    const op = ops[0];
    if (op === 'add-modifier') {
      if (typeof e[op] !== 'string' || !IDENTIFIER.test(e[op] as string)) throw new PatternError('`add-modifier` needs a modifier name', [...path, op]);
      return;
    }
    if (op === 'add-parameter') {
      if (typeof e[op] !== 'string' || !PARAMETER.test(e[op] as string))
        throw new PatternError('`add-parameter` needs a parameter: a type and a name', [...path, op]);
      return;
    }
    if (op === 'append-to' && e[op] !== 'function' && e[op] !== 'contract') throw new PatternError('`append-to` is `function` or `contract`', [...path, op]);
    const targetKey = op === 'with' ? 'replace' : op;
    const target = op === 'with' || op === 'append-to' ? (e.replace ?? 'match') : e[op];
    if (typeof target !== 'string') throw new PatternError('edit target must be `match`, `focus` or a metavariable', [...path, targetKey]);
    if (target === 'focus' && !focus) throw new PatternError('edit targets `focus` but the finding has no `focus`', [...path, targetKey]);
    if (target !== 'match' && target !== 'focus') {
      if (!isMetaName(target) || target === ANY || target === ELLIPSIS)
        throw new PatternError(`edit target must be \`match\`, \`focus\` or a metavariable, not '${target}'`, [...path, targetKey]);
      if (!bound.has(target)) throw new PatternError(unboundMessage(target, 'edit target', bound), [...path, targetKey]);
    }
    const textKey = op === 'with' ? 'with' : 'text';
    const text = e[textKey];
    if (typeof text !== 'string') throw new PatternError(`edit needs \`${textKey}\` text`, [...path, textKey]);
    for (const m of text.matchAll(TEMPLATE_METAVARIABLE)) {
      if (!bound.has(m[0])) throw new PatternError(unboundMessage(m[0], 'fix text', bound), [...path, textKey], m.index);
    }
  });
  (fix.needs ?? []).forEach((n, i) => {
    if (!NEEDS.has(n?.openzeppelin)) throw new PatternError(`a need is one of: openzeppelin: ${[...NEEDS].join(', ')}`, ['fix', 'needs', i]);
    if (n.for !== undefined && n.for !== 'match' && (n.for === 'focus' ? !focus : !bound.has(n.for)))
      throw new PatternError(unboundMessage(n.for, '`for`', bound), ['fix', 'needs', i, 'for']);
  });
  (fix.requires ?? []).forEach((r, i) => {
    for (const [key, value] of Object.entries(r)) {
      if (typeof value !== 'string' || !REQUIREMENT_TARGETS.has(key) || value === 'match') continue;
      if (value === 'focus' ? !focus : !bound.has(value)) throw new PatternError(unboundMessage(value, `\`${key}\``, bound), ['fix', 'requires', i, key]);
    }
  });
}

/** Preconditions whose value is an edit target (match, focus or a metavariable), checked like edit targets. */
const REQUIREMENT_TARGETS = new Set([
  'builtin',
  'external-call',
  'not-called-from-constructor',
  'result-not-ignored-on-purpose',
  'may-revert',
  'not-caller',
  'discarded',
  'outermost-product',
  'result-used',
  'not-called-internally',
  'uint8-literal',
]);
