// `hindsight explain <ID>`: everything a finding says, and the first case its test file expects it on (the
// function around the `// expect: ID` line), so a report line can be understood without opening the pack.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fixKindOf, type Finding } from '../engine';
import { parseSource } from '../engine/parse';
import { testFileOf } from '../packs/load';
import { parseAnnotations } from '../packs/pack-test';
import { displayPath, makeStyle } from '../report/text';
import { wrap } from '../report/snippet';
import { editDistance } from '../shared/json-pointer';
import { owaspLabel, referenceSource } from '../shared/owasp';
import { OWASP_CATEGORIES } from '../shared/types';
import { helpPage } from './help';
import { InputError, UsageError, type Io } from './io';
import { resolveWorkspace } from './packs';

/** The longest example shown; a longer function is cut around the expected line. */
const MAX_EXAMPLE_LINES = 24;

export interface Example {
  /** Absolute path of the test file. */
  file: string;
  /** 1-based line the finding is expected on. */
  line: number;
  /** The lines shown, 1-based numbers. */
  lines: Array<{ n: number; text: string }>;
}

export async function explainCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      pack: { type: 'string', multiple: true },
      'no-builtin': { type: 'boolean' },
      'no-config': { type: 'boolean' },
      format: { type: 'string' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.out(`${helpPage('explain')}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('explain needs one finding id, e.g. "hindsight explain HS-REENT-001"');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json (got "${format}")`);
  const style = makeStyle(io.colourErr && !values['no-color']);
  const team = await resolveWorkspace(values, io, style);
  let finding = lookup(
    team.packs.flatMap((p) => p.findings),
    positionals[0],
  );
  let disabled = false;
  if (!finding && !values['no-config'] && team.config.file) {
    // Explaining a finding the configuration switches off is still useful; say that it is off.
    const all = await resolveWorkspace({ ...values, 'no-config': true }, { ...io, err: () => {} }, style);
    finding = lookup(
      all.packs.flatMap((p) => p.findings),
      positionals[0],
    );
    disabled = Boolean(finding);
  }
  if (!finding) {
    const ids = team.packs.flatMap((p) => p.findings.map((f) => f.id));
    const near = ids.filter((id) => editDistance(id.toLowerCase(), positionals[0].toLowerCase()) <= 2);
    io.err(
      `hindsight: no loaded finding has the id "${positionals[0]}"${near.length ? ` (did you mean ${near.map((n) => `"${n}"`).join(', ')}?)` : ''}; "hindsight rules" lists them\n`,
    );
    throw new InputError('unknown finding');
  }
  const example = exampleOf(finding);
  if (format === 'json') io.out(`${JSON.stringify(explainJson(finding, example, disabled, io.cwd), null, 2)}\n`);
  else io.out(explainText(finding, example, disabled, io.cwd, makeStyle(io.colourOut && !values['no-color'])));
  return 0;
}

/** By id (any case) or `pack/ID`. */
function lookup(findings: Finding[], id: string): Finding | undefined {
  const want = id.toLowerCase();
  return findings.find((f) => f.id.toLowerCase() === want || `${f.pack.name}/${f.id}`.toLowerCase() === want);
}

/** The first `// expect: ID` case of the finding's test file: the function (or member) holding it. */
export function exampleOf(finding: Finding): Example | undefined {
  if (!finding.pack.dir) return undefined;
  const file = testFileOf(finding, finding.pack.dir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const first = parseAnnotations(text).find((a) => a.kind === 'expect' && a.target >= 0 && a.ids.includes(finding.id));
  if (!first) return undefined;
  const lines = text.split(/\r\n|\r|\n/);
  let [from, to] = memberAround(text, first.target) ?? [Math.max(0, first.line - 3), Math.min(lines.length - 1, first.target + 3)];
  if (to - from + 1 > MAX_EXAMPLE_LINES) {
    from = Math.max(from, first.line - Math.floor(MAX_EXAMPLE_LINES / 2));
    to = Math.min(to, from + MAX_EXAMPLE_LINES - 1);
  }
  const shown = lines.slice(from, to + 1);
  const indent = Math.min(...shown.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
  return { file, line: first.target + 1, lines: shown.map((l, i) => ({ n: from + i + 1, text: l.slice(indent) })) };
}

/** 0-based first and last lines of the contract member (function, modifier, ...) holding `line`. */
function memberAround(text: string, line: number): [number, number] | undefined {
  const parsed = parseSource(text);
  const at = parsed.lines.offset({ line, character: 0 });
  for (const unit of parsed.ast?.children ?? []) {
    if (unit.type !== 'ContractDefinition') continue;
    for (const member of unit.subNodes) {
      const r = member.range;
      if (r && r[0] <= at && at <= r[1]) return [parsed.lines.position(r[0]).line, parsed.lines.position(r[1]).line];
    }
  }
  return undefined;
}

function explainText(f: Finding, example: Example | undefined, disabled: boolean, cwd: string, style: ReturnType<typeof makeStyle>): string {
  const out: string[] = [
    `${style.bold(f.id)}  ${f.title}`,
    `${style.severity(f.severity, f.severity)} · ${f.confidence} confidence · ${f.category} · pack ${f.pack.name} ${f.pack.version}${disabled ? ' · disabled in .hindsight/config.yaml' : ''}`,
    '',
    ...(f.owasp ? [`OWASP ${owaspLabel(f.owasp)}`] : []),
    '',
    ...wrap(f.description),
    '',
    style.bold('Recommendation'),
    ...wrap(f.recommendation),
  ];
  if (f.fix) out.push('', `${style.bold('Fix')} (${fixKindOf(f.fix) === 'safe' ? 'safe, applied by fix-all' : 'review before applying'}): ${f.fix.title}`);
  if (f.references.length) {
    out.push('', style.bold('References'));
    for (const r of f.references) {
      const source = referenceSource(r);
      const name = [r.swc, r.title].filter(Boolean).join(': ');
      out.push(`  ${name || r.url}${source ? ` (${source})` : ''}${name ? `  ${style.dim(r.url)}` : ''}`);
    }
  }
  if (example) {
    out.push('', `${style.bold('Example')} ${style.dim(`(${displayPath(example.file, cwd)}:${example.line})`)}`);
    const width = String(example.lines[example.lines.length - 1].n).length;
    for (const l of example.lines) {
      const mark = l.n === example.line ? style.severity(f.severity, '>') : ' ';
      out.push(`${mark} ${style.dim(String(l.n).padStart(width))} | ${l.text}`.trimEnd());
    }
  }
  return `${out.join('\n')}\n`;
}

function explainJson(f: Finding, example: Example | undefined, disabled: boolean, cwd: string) {
  return {
    id: f.id,
    pack: { name: f.pack.name, version: f.pack.version },
    title: f.title,
    severity: f.severity,
    confidence: f.confidence,
    category: f.category,
    owasp: f.owasp ? { code: f.owasp, name: OWASP_CATEGORIES[f.owasp] } : null,
    enabled: !disabled,
    description: f.description.trim(),
    recommendation: f.recommendation.trim(),
    references: f.references,
    fix: f.fix ? { title: f.fix.title, kind: fixKindOf(f.fix), safe: fixKindOf(f.fix) === 'safe' } : null,
    example: example ? { file: displayPath(example.file, cwd), line: example.line, code: example.lines.map((l) => l.text).join('\n') } : null,
  };
}
