// pack.schema.json is the single description of the format: VS Code uses it for completion in pack files, the
// loader validates with it here. Ajv's raw errors are turned into messages a pack author can act on.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import packSchema from '../../packs/pack.schema.json';
import { editDistance, pointerToPath } from '../shared/json-pointer';

export { packSchema };

const defs = packSchema.definitions as Record<string, unknown>;

// Compiled on first use, not at start-up: a server whose packs come from the pack cache (compile-verdicts.ts)
// never validates, and compiling the schema is a tenth of such a start.
let validate: ValidateFunction | undefined;

export function validatePackData(data: unknown): ErrorObject[] {
  if (!validate) {
    // verbose: errors carry their parentSchema, which tells which definition (match node, filter, edit) failed.
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, verbose: true });
    // Editor-only annotation keywords.
    ajv.addVocabulary(['markdownDescription', 'enumDescriptions']);
    validate = ajv.compile(packSchema);
  }
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

export interface SchemaProblem {
  /** Path into the data (JSON pointer segments, numbers for array items). */
  path: Array<string | number>;
  /** When the problem is an unknown property: its name, so the key itself can be highlighted. */
  key?: string;
  message: string;
}

const FINDING_ID_HELP = 'upper-case letters and digits in dash-separated parts, e.g. TEAM-001';

/**
 * Semgrep rule keys and what a Hindsight pack says instead: authors who know Semgrep write them first. A value
 * is the replacement, shown as "did you mean ...".
 */
export const SEMGREP_KEYS: Readonly<Record<string, string>> = {
  rules: 'findings',
  'pattern-either': 'any',
  patterns: 'all',
  'pattern-not': 'not',
  'pattern-inside': 'inside',
  'pattern-not-inside': 'not-inside',
  'metavariable-regex': 'where: - metavariable: $X, regex: ...',
  'metavariable-pattern': 'where: - metavariable: $X with a filter',
  'metavariable-comparison': 'where: - metavariable: $X, comparison: ...',
  'focus-metavariable': 'focus',
  message: 'description (and title, recommendation)',
  languages: 'nothing: every pattern is Solidity, so leave languages out',
  metadata: 'references, category and confidence',
  'fix-regex': 'fix: with edits',
};

/** Human messages for Ajv errors, keeping one message per problem (the branches of anyOf are folded into it). */
export function describeSchemaErrors(errors: readonly ErrorObject[], data: unknown): SchemaProblem[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.instancePath}|${e.schemaPath}`));
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  // All missing properties of one object become one message.
  const missing = new Map<string, string[]>();
  for (const e of errors) {
    if (e.keyword !== 'required' || /\/anyOf\/\d+\//.test(e.schemaPath) || e.schemaPath.includes('/dependencies/')) continue;
    const list = missing.get(e.instancePath) ?? [];
    list.push((e.params as { missingProperty: string }).missingProperty);
    missing.set(e.instancePath, list);
  }
  for (const e of errors) {
    // "must match then schema" repeats the `required` error that explains it (a finding that is not a draft needs match).
    if (e.keyword === 'if') continue;
    // Branch failures of an anyOf are explained by the anyOf's own message.
    const branch = /^(.*\/anyOf)\/\d+\//.exec(e.schemaPath);
    if (branch && anyOfPaths.has(`${e.instancePath}|${branch[1]}`)) continue;
    const path = pointerToPath(e.instancePath);
    const p = describe(e, path, data, missing);
    const k = `${e.instancePath}|${p.key ?? ''}|${p.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  return out;
}

function describe(e: ErrorObject, path: Array<string | number>, data: unknown, missingByPath: Map<string, string[]>): SchemaProblem {
  const where = label(path, data);
  const value = valueAt(data, path);
  const s = e.schemaPath;
  const parent = e.parentSchema;
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((parent as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== '$schema');
      const semgrep = semgrepHint(name, path, allowed);
      if (semgrep) return { path, key: name, message: `Unknown property "${name}" in ${where}: ${semgrep}` };
      const guess = closest(name, allowed);
      return {
        path,
        key: name,
        message: `Unknown property "${name}" in ${where}${guess ? ` (did you mean "${guess}"?)` : ''}${allowed.length ? `; allowed: ${allowed.join(', ')}` : ''}`,
      };
    }
    case 'required': {
      // In the order the format lists them: a finding's `then` (match, references unless a draft) comes last.
      const order = Object.keys((defs.finding as { properties: object }).properties);
      const rank = (n: string) => (order.includes(n) ? order.indexOf(n) : order.length);
      const names = [...(missingByPath.get(e.instancePath) ?? [(e.params as { missingProperty: string }).missingProperty])].sort((a, b) => rank(a) - rank(b));
      return {
        path,
        message: `${capital(where)} is missing ${names.length === 1 ? 'required property' : 'required properties'} ${names.map((n) => `"${n}"`).join(', ')}`,
      };
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const semgrep = path[path.length - 1] === 'severity' && /^(ERROR|WARNING|INFO|INVENTORY|EXPERIMENT)$/.test(String(value));
      const hint = semgrep ? "; Semgrep's ERROR, WARNING and INFO are roughly high, medium and low" : '';
      return { path, message: `${capital(where)} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})${hint}` };
    }
    case 'type': {
      const expected = (e.params as { type: string }).type;
      // `pattern: {value: 1}` or `pattern: [x]` unquoted is YAML, not text.
      const yaml = expected === 'string' && typeof value === 'object' && value !== null ? ': a value that starts with { or [ is read as YAML; quote it' : '';
      return { path, message: `${capital(where)} must be ${article(expected)} (got ${typeName(value)})${yaml}` };
    }
    case 'pattern':
      return { path, message: `${capital(where)} ${patternHelp(parent, path)} (got ${JSON.stringify(value)})` };
    case 'anyOf':
      if (parent === defs.reference) return { path, message: `${capital(where)} needs "swc" or "title" besides "url"` };
      if (s.includes('/dependencies/text/'))
        return { path, message: `${capital(where)}: "text" needs a target: insert-before, insert-after, insert-line-before or insert-line-after` };
      if (s.includes('/dependencies/metavariable/'))
        return {
          path,
          message: `${capital(where)}: "metavariable" needs "regex", "comparison", "kind", "type", "privileged", "growable", "set-by-guarded", "shadows-state", "default-visibility", "used" or "order-dependent-inheritance"`,
        };
      if (s.includes('/dependencies/checked/')) return { path, message: `${capital(where)}: "checked" goes with "result" or "arithmetic"` };
      if (s.includes('/dependencies/arithmetic/'))
        return { path, message: `${capital(where)}: "arithmetic" needs "checked", "user-controlled", "bounded", "stored" or "divides-first"` };
      return { path, message: `${capital(where)} ${e.message ?? 'is invalid'}` };
    case 'minProperties':
    case 'maxProperties':
      return { path, message: `${capital(where)}: ${shapeHelp(parent, s)}` };
    case 'not':
      if (s.includes('/dependencies/call/'))
        return {
          path,
          message: `${capital(where)}: "call" takes call facts (sends-value, gas-stipend, delegate, static, token, low-level), not "metavariable" or "checked"`,
        };
      return { path, message: `${capital(where)} ${e.message ?? 'is invalid'}` };
    case 'minItems':
      return { path, message: `${capital(where)} must have at least ${(e.params as { limit: number }).limit} item(s)` };
    case 'maxItems':
      return { path, message: `${capital(where)} must have at most ${(e.params as { limit: number }).limit} items` };
    case 'maxLength':
      return { path, message: `${capital(where)} is too long: at most ${(e.params as { limit: number }).limit} characters` };
    case 'minLength':
      return { path, message: `${capital(where)} must not be empty` };
    default:
      return { path, message: `${capital(where)} ${e.message ?? 'is invalid'}` };
  }
}

/** "did you mean" for a Semgrep key, or for a pattern written at the finding's top level as Semgrep rules do. */
function semgrepHint(name: string, path: Array<string | number>, allowed: string[]): string | undefined {
  const instead = SEMGREP_KEYS[name];
  if (instead) return `this is Semgrep's key; did you mean ${/^[a-z-]+$/.test(instead) ? `"${instead}"` : instead}?`;
  const inFinding = path[0] === 'findings' && path.length === 2;
  if (inFinding && ['pattern', 'any', 'all'].includes(name) && allowed.includes('match'))
    return `a finding's ${name} goes under match: (match: { ${name}: ... })`;
  return undefined;
}

function shapeHelp(parent: unknown, schemaPath: string): string {
  if (parent === defs.matchNode) return 'a match node has exactly one of pattern, any, all';
  if (parent === defs.allItem) return 'an item of "all" has exactly one of pattern, any, all, not, inside, not-inside, where, followed-by';
  if (parent === defs.followedBy) return '"followed-by" has exactly one of pattern, any, all, state-write';
  if (parent === defs.filter || (schemaPath.startsWith('#/dependencies/') && !schemaPath.includes('insert') && !schemaPath.includes('with')))
    return 'a filter is one of: metavariable with regex or comparison (or kind, type, privileged, growable, set-by-guarded, shadows-state, default-visibility, used, order-dependent-inheritance), function, contract, solidity, pragma, project, result or arithmetic with checked, call, value';
  if (parent === defs.fixEdit || schemaPath.startsWith('#/dependencies/'))
    return 'an edit is "with" (optionally with "replace"), or one insert-before/insert-after/insert-line-before/insert-line-after with "text"';
  return 'has the wrong number of properties';
}

function patternHelp(parent: unknown, path: Array<string | number>): string {
  const last = path[path.length - 1];
  if (parent === defs.findingId || last === 'id' || path.includes('added') || path.includes('changed')) return `must be a finding id: ${FINDING_ID_HELP}`;
  if (last === 'name') return 'must be lower-case letters, digits and dashes, e.g. team-lessons';
  if (last === 'version') return 'must be a semver version such as 1.2.0';
  if (last === 'swc') return 'must be an SWC id such as SWC-107';
  if (last === 'url') return 'must be an http(s) URL';
  if (last === 'tests') return 'must be a .sol file relative to the pack folder';
  if (parent === defs.editTarget) return 'must be match, focus or a metavariable such as $TOKEN';
  if (parent === defs.metavariable || last === 'focus' || last === 'metavariable') return 'must be a metavariable: $ then an upper-case letter, e.g. $TOKEN';
  return 'has the wrong format';
}

function closest(name: string, options: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = editDistance(name.toLowerCase(), o.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function valueAt(data: unknown, path: Array<string | number>): unknown {
  let v = data;
  for (const p of path) v = (v as Record<string | number, unknown> | undefined)?.[p];
  return v;
}

/** `TEAM-001 "match.all[0].pattern"` style label for a data path (findings are named by id, not index). */
function label(path: Array<string | number>, data: unknown): string {
  if (path.length === 0) return 'the pack';
  let prefix = '';
  let rest = path;
  if (path[0] === 'findings' && typeof path[1] === 'number') {
    const id = (valueAt(data, path.slice(0, 2)) as { id?: unknown } | undefined)?.id;
    prefix = typeof id === 'string' && id ? id : `finding ${path[1] + 1}`;
    rest = path.slice(2);
    if (rest.length === 0) return prefix;
  }
  let s = '';
  for (const p of rest) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return prefix ? `${prefix} "${s}"` : `"${s}"`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}
