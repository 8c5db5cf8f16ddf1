// Reading the JSON and YAML files under .hindsight/: syntax and schema problems become AuditInputErrors that point
// at the offending line and column. Schema positions come from the `yaml` CST, which also reads JSON.
import * as fs from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseLenient, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
import { AuditInputError, lineColumn } from './input-error';
import { pointerToPath } from '../shared/json-pointer';

// verbose: the error then carries its parent schema, so "unknown property" can list the allowed ones.
const ajv = new Ajv({ allErrors: false, strict: true, verbose: true });
addFormats(ajv);

/**
 * A validator of `schema`, compiled on its first use: these schemas are declared when their modules load, and
 * compiling them (ajv generates code) cost every start of the CLI and server ~70 ms, most of which never read an
 * audit file. Only calling it and reading `errors` is supported.
 */
export function compileSchema<T>(schema: object): ValidateFunction<T> {
  let compiled: ValidateFunction<T> | undefined;
  const lazy = ((data: unknown) => {
    compiled ??= ajv.compile<T>(schema);
    const ok = compiled(data);
    lazy.errors = compiled.errors;
    return ok;
  }) as ValidateFunction<T>;
  return lazy;
}

const CONFLICT = /^(<{7}|={7}|>{7})(?: |$)/m;

function rejectConflictMarkers(text: string, file: string): void {
  const m = CONFLICT.exec(text);
  if (!m) return;
  const { line, column } = lineColumn(text, m.index);
  throw new AuditInputError('unresolved git merge conflict markers; resolve the conflict or regenerate this file', file, line, column);
}

/**
 * A state file Hindsight writes under .hindsight/ (deployed state, monitor checkpoints, the review log): a missing
 * file is `empty()`, nothing recorded yet; one that cannot be read, or that `parse` refuses, is an AuditInputError
 * naming it, and is never overwritten by the caller.
 */
export function readStateFile<T>(file: string, shown: string, what: string, parse: (text: string) => T, empty: () => T): T {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return empty();
    throw new AuditInputError(`cannot read ${what}: ${e.message}`, shown);
  }
  return parse(text);
}

/** Strict JSON (what we write), with the parse position turned into line:col. */
export function parseJsonFile<T>(text: string, file: string, validate: ValidateFunction<T>): T {
  rejectConflictMarkers(text, file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // V8 does not always say where (e.g. "Unexpected token ','"), so a second, strict pass finds the offset.
    const errors: ParseError[] = [];
    parseLenient(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const offset = first ? first.offset : text.length;
    const { line, column } = lineColumn(text, offset);
    const reason = first ? describeJsonError(printParseErrorCode(first.error)) : (err as Error).message.replace(/ in JSON at position \d+.*$/, '');
    throw new AuditInputError(`invalid JSON: ${reason}`, file, line, column);
  }
  checkSchema(text, file, data, validate, () => parseDocument(text, { keepSourceTokens: false }));
  return data as T;
}

function describeJsonError(code: string): string {
  // "CommaExpected" -> "comma expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * YAML with the keys in `verbatimKeys` kept as written: `address: 0xAbC…` would otherwise become a float and an
 * all-digit commit hash a number, silently losing digits.
 */
/** A rule JSON Schema cannot express well, reported at `path` inside the document. */
export type ExtraCheck<T> = (data: T) => { path: Array<string | number>; message: string } | undefined;

export function parseYamlFile<T>(
  text: string,
  file: string,
  validate: ValidateFunction<T>,
  verbatimKeys: ReadonlySet<string> = new Set(),
  extra?: ExtraCheck<T>,
): T {
  rejectConflictMarkers(text, file);
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const problem = doc.errors[0];
  if (problem) {
    const at = problem.linePos?.[0];
    throw new AuditInputError(`invalid YAML: ${problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, file, at?.line, at?.col);
  }
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !verbatimKeys.has(String(pair.key.value))) return;
      const values = isScalar(pair.value) ? [pair.value] : isSeq(pair.value) ? pair.value.items.filter(isScalar) : [];
      for (const v of values) if (typeof v.value !== 'string' && v.value !== null && typeof v.source === 'string') v.value = v.source;
    },
  });
  const data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  checkSchema(text, file, data, validate, () => doc);
  const problem2 = extra?.(data as T);
  if (problem2) {
    const { line, column } = lineColumn(text, locate(doc, problem2.path));
    throw new AuditInputError(`${displayPath(problem2.path)}${problem2.message}`, file, line, column);
  }
  return data as T;
}

function checkSchema<T>(text: string, file: string, data: unknown, validate: ValidateFunction<T>, doc: () => Document): void {
  if (validate(data)) return;
  const error = pickError(validate.errors ?? []);
  const path = pointerToPath(error.instancePath);
  let focus: Array<string | number | { key: string }> = path;
  let message = describe(error, path);
  if (error.keyword === 'additionalProperties') {
    const extra = String((error.params as { additionalProperty: string }).additionalProperty);
    focus = [...path, { key: extra }];
    message = `${displayPath(path)}unknown property "${extra}"${suggestion(error)}`;
  }
  const offset = locate(doc(), focus);
  const { line, column } = lineColumn(text, offset);
  throw new AuditInputError(message, file, line, column);
}

/** The innermost error is usually the useful one; ajv reports parents of `if`/`anyOf` with vaguer text. */
function pickError(errors: ErrorObject[]): ErrorObject {
  const concrete = errors.filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword));
  const pool = concrete.length ? concrete : errors;
  return pool.reduce(
    (a, b) => (b.instancePath.length > a.instancePath.length ? b : a),
    pool[0] ?? ({ instancePath: '', message: 'invalid', keyword: '', params: {}, schemaPath: '' } as ErrorObject),
  );
}

function suggestion(error: ErrorObject): string {
  const allowed = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return allowed ? ` (allowed: ${Object.keys(allowed).join(', ')})` : '';
}

function describe(error: ErrorObject, path: Array<string | number>): string {
  const where = displayPath(path);
  switch (error.keyword) {
    case 'required':
      return `${where}missing required property "${(error.params as { missingProperty: string }).missingProperty}"`;
    case 'enum':
      return `${where}must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
    case 'pattern':
      return `${where}${error.message ?? 'has the wrong format'}`;
    default:
      return `${where}${error.message ?? 'is invalid'}`;
  }
}

function displayPath(path: Array<string | number>): string {
  if (!path.length) return '';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('') + ': ';
}

/** Offset of the node at `path` (or of the deepest existing ancestor); `{key}` selects a map key itself. */
function locate(doc: Document, path: Array<string | number | { key: string }>): number {
  let node: Node | null | undefined = doc.contents as Node | null;
  let best = node?.range?.[0] ?? 0;
  for (const step of path) {
    if (!node) break;
    if (isMap(node)) {
      const name = typeof step === 'object' ? step.key : String(step);
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === name);
      if (!pair) break;
      if (typeof step === 'object') return (pair.key as Node).range?.[0] ?? best;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step] as Node | undefined;
    } else break;
    if (node?.range) best = node.range[0];
  }
  return best;
}
