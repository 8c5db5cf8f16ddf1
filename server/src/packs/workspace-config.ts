// `.hindsight/config.yaml`: the committed, per-workspace switchboard read by both the editor and the CLI.
// Loading never throws: every problem comes back with file:line:column, and a section that fails the
// schema is dropped on its own so one typo does not silently discard the rest of the file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { globTest } from '../shared/safe-glob';
import { writeFileAtomic } from '../shared/atomic-write';
import { editDistance, pointerToPath } from '../shared/json-pointer';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { LineIndex } from '../engine/positions';
import type { Finding, PackInfo } from '../engine/finding';
import { SEVERITIES, type Range, type Severity } from '../engine/types';
import configSchema from '../../packs/config.schema.json';
import type { HindsightSettings } from '../shared/protocol';

export const CONFIG_DIR = '.hindsight';
export const CONFIG_FILES = ['config.yaml', 'config.yml'] as const;

export type ConfigSource = { npm: string } | { path: string } | { url: string; sha256: string };

export interface FindingOverride {
  enabled?: boolean;
  severity?: Severity;
  exclude?: string[];
}

export interface WorkspaceConfig {
  packs?: { enabled?: string[]; disabled?: string[] };
  sources?: ConfigSource[];
  /** Keys: `ID` or `pack/ID`. */
  findings?: Record<string, FindingOverride>;
  exclude?: string[];
  minSeverity?: Severity;
  /** What scans cover besides the product sources (project/layout.ts): tests, scripts and mocks; dependencies. */
  scan?: { tests?: boolean; dependencies?: boolean };
  /** `hindsight monitor`: per chain, the name of the environment variable that holds its RPC URL; confirmations. */
  monitor?: { rpc?: Record<string, string>; confirmations?: number };
}

export interface ConfigProblem {
  file: string;
  message: string;
  range: Range;
  severity: 'error' | 'warning';
}

export interface LoadedConfig {
  /** Absolute path of the config file ('' when there is none). */
  file: string;
  /** Folder that relative paths and globs in the config are relative to (the workspace folder). */
  root: string;
  /** The valid parts of the file; `{}` when there is no file or nothing in it is valid. */
  config: WorkspaceConfig;
  problems: ConfigProblem[];
  /** Range of the value at `path` in the file (for diagnostics about a valid but useless entry). */
  locate(path: Array<string | number>, key?: boolean): Range;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown) {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  const ok = validator(data);
  return ok ? [] : (validator.errors ?? []);
}

/** Finds `.hindsight/config.yaml` (or `.yml`) under `root`; an empty config when there is none. */
export function loadWorkspaceConfig(root: string): LoadedConfig {
  for (const name of CONFIG_FILES) {
    const file = path.join(root, CONFIG_DIR, name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      return emptyConfig(root, file, [{ file, message: `Cannot read ${file}: ${(err as Error).message}`, range: ZERO, severity: 'error' }]);
    }
    return parseWorkspaceConfig(text, file, root);
  }
  return emptyConfig(root, '', []);
}

function emptyConfig(root: string, file: string, problems: ConfigProblem[]): LoadedConfig {
  return { file, root, config: {}, problems, locate: () => ZERO };
}

export function parseWorkspaceConfig(text: string, file: string, root = path.dirname(path.dirname(file))): LoadedConfig {
  const lines = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) {
    problems.push({
      file,
      message: `Invalid YAML: ${firstLine(e.message)}`,
      range: lines.range(e.pos[0], Math.max(e.pos[0] + 1, e.pos[1])),
      severity: 'error',
    });
  }
  const locate = (p: Array<string | number>, key = false): Range => locateIn(doc, lines, p, key);
  if (doc.errors.length) return { file, root, config: {}, problems, locate };

  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push({ file, message: 'The configuration must be a mapping (key: value lines).', range: locate([]), severity: 'error' });
    return { file, root, config: {}, problems, locate };
  }
  const config = { ...(data as Record<string, unknown>) };
  const dropped = new Set<string>();
  // Under `findings:` only the bad value goes: dropping the section would silently re-enable a finding the
  // file switches off a few lines away.
  const droppedValues: Array<Array<string | number>> = [];
  for (const err of validate(config)) {
    const p = pointerToPath(err.instancePath);
    const params = err.params as Record<string, unknown>;
    let message = `${describePath(p)} ${err.message ?? 'is invalid'}`;
    let range = locate(p);
    if (err.keyword === 'additionalProperties') {
      const extra = String(params.additionalProperty);
      message = `Unknown key "${extra}"${p.length ? ` in ${describePath(p)}` : ''}${suggest(extra, p)}`;
      range = locate([...p, extra], true);
      if (!p.length) dropped.add(extra);
    } else if (err.keyword === 'propertyNames' || (err.propertyName && err.keyword === 'pattern')) {
      const name = String(params.propertyName ?? err.propertyName);
      message = `"${name}" is not a finding id (expected e.g. TEAM-001 or my-pack/TEAM-001)`;
      range = locate([...p, name], true);
    } else if (err.keyword === 'enum') {
      message = `${describePath(p)} must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    } else if (err.keyword === 'oneOf' && p[0] === 'sources') {
      message = `${describePath(p)} must be one of {npm: name}, {path: folder} or {url: https://..., sha256: <64 hex>}`;
    }
    // oneOf reports every branch's failure too; the summary above is the useful one.
    if (p[0] === 'sources' && err.keyword !== 'oneOf' && err.schemaPath.includes('oneOf')) continue;
    if (problems.some((x) => x.message === message && sameRange(x.range, range))) continue;
    problems.push({ file, message, range, severity: 'error' });
    if (p[0] !== 'findings') {
      if (p.length) dropped.add(String(p[0]));
    } else if (err.keyword === 'additionalProperties') droppedValues.push([...p, String(params.additionalProperty)]);
    else if (err.keyword === 'propertyNames' || err.propertyName) droppedValues.push([...p, String(params.propertyName ?? err.propertyName)]);
    else if (p.length > 1) droppedValues.push(p);
    else dropped.add('findings');
  }
  for (const key of dropped) delete config[key];
  if (!dropped.has('findings')) dropValues(config, droppedValues);
  problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { file, root, config: config as WorkspaceConfig, problems, locate };
}

/**
 * Deletes each value at a path (array items last index first, so earlier indexes stay right), then the finding
 * entries and the `findings` section that are left empty by it.
 */
function dropValues(config: Record<string, unknown>, paths: Array<Array<string | number>>): void {
  if (!paths.length) return;
  const unique = [...new Map(paths.map((p) => [JSON.stringify(p), p])).values()];
  const index = (p: Array<string | number>) => (typeof p[p.length - 1] === 'number' ? (p[p.length - 1] as number) : -1);
  const sorted = unique.sort((a, b) => index(b) - index(a));
  const touched = new Set<string>();
  for (const p of sorted) {
    let node: unknown = config;
    for (const seg of p.slice(0, -1)) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[seg] : undefined;
    const last = p[p.length - 1];
    if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
    else if (node && typeof node === 'object') delete (node as Record<string | number, unknown>)[last];
    if (p.length > 1) touched.add(String(p[1]));
  }
  const findings = config.findings as Record<string, unknown> | undefined;
  if (!findings || typeof findings !== 'object') return;
  for (const id of touched) {
    const entry = findings[id];
    if (entry && typeof entry === 'object' && !Array.isArray(entry) && Object.keys(entry).length === 0) delete findings[id];
  }
  if (Object.keys(findings).length === 0) delete config.findings;
}

const KNOWN_KEYS: Record<string, string[]> = {
  '': ['packs', 'sources', 'findings', 'exclude', 'minSeverity', 'scan'],
  packs: ['enabled', 'disabled'],
  scan: ['tests', 'dependencies'],
  finding: ['enabled', 'severity', 'exclude'],
};

function suggest(word: string, p: Array<string | number>): string {
  const known =
    p.length === 0 ? KNOWN_KEYS[''] : p[0] === 'packs' ? KNOWN_KEYS.packs : p[0] === 'scan' ? KNOWN_KEYS.scan : p[0] === 'findings' ? KNOWN_KEYS.finding : [];
  const best = known.find((k) => editDistance(k.toLowerCase(), word.toLowerCase()) <= 2);
  return best ? ` (did you mean "${best}"?)` : '';
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character;
}

function describePath(p: Array<string | number>): string {
  if (!p.length) return 'The configuration';
  return p.map((x, i) => (typeof x === 'number' ? `[${x}]` : i === 0 ? x : `.${x}`)).join('');
}

function locateIn(doc: Document, lines: LineIndex, p: Array<string | number>, key: boolean): Range {
  let node: unknown = doc.contents;
  let best: [number, number] | undefined = rangeOf(node);
  for (let i = 0; i < p.length; i++) {
    const seg = p[i];
    if (isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg));
      if (!pair) break;
      const last = i === p.length - 1;
      if (last && key) {
        best = rangeOf(pair.key) ?? best;
        break;
      }
      node = pair.value;
      best = rangeOf(node) ?? rangeOf(pair.key) ?? best;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      best = rangeOf(node) ?? best;
    } else break;
  }
  if (!best) return ZERO;
  return lines.range(best[0], best[1]);
}

function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as YamlNode | null)?.range;
  return r ? [r[0], r[1]] : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Applying the configuration to loaded packs.

export interface PackLike {
  info: PackInfo;
  findings: Finding[];
}

export interface EffectivePack {
  name: string;
  version: string;
  enabled: boolean;
  /** Why a pack is off, for the panel. */
  reason?: string;
  findings: number;
}

export interface EffectiveConfig {
  /** Findings that run, with severity overrides applied (new objects; `compiled` is shared). */
  findings: Finding[];
  packs: EffectivePack[];
  /** Ids (as `pack/ID`) switched off by the config. */
  disabledFindings: string[];
  /** Entries that name no loaded pack or finding (typos), as warnings in the config file. */
  problems: ConfigProblem[];
  minSeverity?: Severity;
  /** True when the file (path relative to the workspace folder, or absolute under it) is never scanned. */
  isExcluded(file: string): boolean;
  /** The findings that apply to this file (global exclude, per-finding exclude, minSeverity). */
  findingsFor(file: string): Finding[];
}

/**
 * Which findings run, at which severity, where. `config` may be a LoadedConfig (positions for warnings) or a
 * bare WorkspaceConfig; `root` is the workspace folder that relative globs are matched against.
 */
export function applyWorkspaceConfig(packs: PackLike[], config: LoadedConfig | WorkspaceConfig, root?: string): EffectiveConfig {
  const loaded = 'locate' in config && 'problems' in config ? (config as LoadedConfig) : undefined;
  const cfg: WorkspaceConfig = loaded ? loaded.config : (config as WorkspaceConfig);
  const base = root ?? loaded?.root ?? '';
  const file = loaded?.file ?? '';
  const locate = (p: Array<string | number>, key?: boolean) => (loaded ? loaded.locate(p, key) : ZERO);
  const problems: ConfigProblem[] = [];
  const warn = (message: string, range: Range) => {
    if (file) problems.push({ file, message, range, severity: 'warning' });
  };

  const names = new Set(packs.map((p) => p.info.name));
  const only = cfg.packs?.enabled?.length ? new Set(cfg.packs.enabled) : undefined;
  const off = new Set(cfg.packs?.disabled ?? []);
  for (const [list, key] of [
    [cfg.packs?.enabled ?? [], 'enabled'],
    [cfg.packs?.disabled ?? [], 'disabled'],
  ] as const) {
    list.forEach((n, i) => {
      if (!names.has(n)) warn(`No loaded pack is named "${n}"${nearest(n, [...names])}`, locate(['packs', key, i]));
    });
  }

  const overrides = cfg.findings ?? {};
  const used = new Set<string>();
  const overrideFor = (f: Finding): FindingOverride => {
    // `pack/ID` is more specific than `ID`, so its fields win.
    const plain = overrides[f.id];
    const qualified = overrides[`${f.pack.name}/${f.id}`];
    if (plain) used.add(f.id);
    if (qualified) used.add(`${f.pack.name}/${f.id}`);
    return { ...plain, ...qualified };
  };

  const findings: Finding[] = [];
  const disabledFindings: string[] = [];
  const effectivePacks: EffectivePack[] = [];
  const perFindingExclude = new Map<Finding, (rel: string) => boolean>();
  for (const pack of packs) {
    const name = pack.info.name;
    let reason: string | undefined;
    if (off.has(name)) reason = 'disabled in .hindsight/config.yaml (packs.disabled)';
    else if (only && !only.has(name)) reason = 'not listed in .hindsight/config.yaml (packs.enabled)';
    effectivePacks.push({ name, version: pack.info.version, enabled: !reason, reason, findings: pack.findings.length });
    for (const f of pack.findings) {
      const o = overrideFor(f);
      if (reason) continue;
      if (o.enabled === false) {
        disabledFindings.push(`${name}/${f.id}`);
        continue;
      }
      const eff = o.severity && o.severity !== f.severity ? { ...f, severity: o.severity } : f;
      if (o.exclude?.length) perFindingExclude.set(eff, globMatcher(o.exclude));
      findings.push(eff);
    }
  }
  const allIds = packs.flatMap((p) => p.findings.map((f) => [f.id, `${p.info.name}/${f.id}`])).flat();
  for (const key of Object.keys(overrides)) {
    if (!used.has(key)) warn(`No loaded finding has the id "${key}"${nearest(key, allIds)}`, locate(['findings', key], true));
  }

  const excluded = globMatcher(cfg.exclude ?? []);
  const rel = (f: string) => toRelative(base, f);
  const minRank = cfg.minSeverity ? SEVERITIES.indexOf(cfg.minSeverity) : SEVERITIES.length - 1;
  return {
    findings,
    packs: effectivePacks,
    disabledFindings,
    problems,
    minSeverity: cfg.minSeverity,
    isExcluded: (f) => excluded(rel(f)),
    findingsFor(f) {
      const r = rel(f);
      if (excluded(r)) return [];
      return findings.filter((x) => SEVERITIES.indexOf(x.severity) <= minRank && !perFindingExclude.get(x)?.(r));
    },
  };
}

function nearest(word: string, candidates: string[]): string {
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = editDistance(c.toLowerCase(), word.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function toRelative(root: string, file: string): string {
  const abs = path.isAbsolute(file);
  const r = abs && root ? path.relative(root, file) : file;
  return r.split(path.sep).join('/').replace(/^\.\//, '');
}

/**
 * Globs as users write them in .gitignore-like lists — `lib/**`, `**\/*.t.sol`, a bare `*.t.sol` (the file name
 * at any depth) and a bare folder `lib` (everything under it) — as plain picomatch globs relative to the
 * workspace folder, so callers with their own glob matching (the language server's walk) get the same semantics.
 */
export function expandGlobs(globs: readonly string[]): string[] {
  return globs.flatMap((g) => {
    const glob = g.replace(/^\.\//, '').replace(/\/$/, '');
    const anywhere = glob.includes('/') ? glob : `**/${glob}`;
    return [anywhere, `${anywhere}/**`];
  });
}

export function globMatcher(globs: readonly string[]): (relPath: string) => boolean {
  if (!globs.length) return () => false;
  const match = globTest(expandGlobs(globs));
  return (p) => {
    const rel = p.split('\\').join('/');
    if (rel.startsWith('../')) return false;
    return match(rel);
  };
}

/**
 * Editor settings with the workspace configuration folded in: excludes and disabled packs add up, `packs.enabled`
 * narrows, and the stricter `minSeverity` wins — the committed file is what the team agreed on.
 */
export function settingsWithConfig(settings: HindsightSettings, config: WorkspaceConfig): HindsightSettings {
  const cfgEnabled = config.packs?.enabled ?? [];
  const enabled =
    cfgEnabled.length && settings.packs.enabled.length
      ? settings.packs.enabled.filter((n) => cfgEnabled.includes(n))
      : cfgEnabled.length
        ? cfgEnabled
        : settings.packs.enabled;
  const stricter =
    config.minSeverity && SEVERITIES.indexOf(config.minSeverity) < SEVERITIES.indexOf(settings.minSeverity) ? config.minSeverity : settings.minSeverity;
  return {
    ...settings,
    packs: {
      ...settings.packs,
      enabled: [...enabled],
      disabled: [...new Set([...settings.packs.disabled, ...(config.packs?.disabled ?? [])])],
    },
    exclude: [...new Set([...settings.exclude, ...expandGlobs(config.exclude ?? [])])],
    minSeverity: stricter,
    analyzeTests: settings.analyzeTests || config.scan?.tests === true,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Editing the configuration (e.g. "Disable this finding in the workspace" from the editor).

export type ConfigEdit =
  | { disableFinding: string }
  | { enableFinding: string }
  | { severity: { finding: string; severity: Severity | null } }
  | { disablePack: string }
  | { enablePack: string }
  | { addExclude: string }
  | { addSource: ConfigSource };

/**
 * Applies edits to `.hindsight/config.yaml` (creating it when missing), keeping comments and layout, and
 * writes it atomically. Returns the path written. Throws only on I/O errors or when the file is not valid YAML
 * (we never rewrite a file we could not read faithfully).
 */
export function editWorkspaceConfig(root: string, edits: ConfigEdit[]): string {
  const existing = CONFIG_FILES.map((n) => path.join(root, CONFIG_DIR, n)).find((f) => fs.existsSync(f));
  const file = existing ?? path.join(root, CONFIG_DIR, CONFIG_FILES[0]);
  const text = existing ? fs.readFileSync(existing, 'utf8') : '# Hindsight workspace configuration — see docs/team-packs.md\n';
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`${file}: cannot edit, the file is not valid YAML (${firstLine(doc.errors[0].message)})`);
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  const addToList = (p: string[], value: unknown) => {
    const cur = doc.getIn(p);
    if (isSeq(cur)) {
      if (!cur.items.some((it) => isScalar(it) && it.value === value)) cur.add(doc.createNode(value));
    } else doc.setIn(p, doc.createNode([value]));
  };
  const removeFromList = (p: string[], value: unknown) => {
    const cur = doc.getIn(p);
    if (isSeq(cur)) cur.items = cur.items.filter((it) => !(isScalar(it) && it.value === value));
  };
  for (const e of edits) {
    if ('disableFinding' in e) doc.setIn(['findings', e.disableFinding, 'enabled'], false);
    else if ('enableFinding' in e) {
      if (doc.hasIn(['findings', e.enableFinding, 'enabled'])) doc.deleteIn(['findings', e.enableFinding, 'enabled']);
      pruneEmpty(doc, ['findings', e.enableFinding]);
    } else if ('severity' in e) {
      if (e.severity.severity) doc.setIn(['findings', e.severity.finding, 'severity'], e.severity.severity);
      else if (doc.hasIn(['findings', e.severity.finding, 'severity'])) {
        doc.deleteIn(['findings', e.severity.finding, 'severity']);
        pruneEmpty(doc, ['findings', e.severity.finding]);
      }
    } else if ('disablePack' in e) {
      removeFromList(['packs', 'enabled'], e.disablePack);
      addToList(['packs', 'disabled'], e.disablePack);
    } else if ('enablePack' in e) removeFromList(['packs', 'disabled'], e.enablePack);
    else if ('addExclude' in e) addToList(['exclude'], e.addExclude);
    else if ('addSource' in e) {
      const cur = doc.getIn(['sources']);
      const node = doc.createNode(e.addSource);
      if (isSeq(cur)) cur.add(node);
      else doc.setIn(['sources'], doc.createNode([e.addSource]));
    }
  }
  writeFileAtomic(file, doc.toString());
  return file;
}

function pruneEmpty(doc: Document, p: string[]): void {
  const node = doc.getIn(p);
  if (isMap(node) && node.items.length === 0) doc.deleteIn(p);
  const parent = doc.getIn(p.slice(0, -1));
  if (p.length > 1 && isMap(parent) && parent.items.length === 0) doc.deleteIn(p.slice(0, -1));
}
