// `hindsight rules`: the rules (findings) a scan of this folder runs, with the configuration applied, filtered by
// severity, category, OWASP category and pack; a table or JSON.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SEVERITIES, type Finding, type Severity } from '../engine';
import { makeStyle } from '../report/text';
import { isOwaspCategory, OWASP_CODES } from '../shared/owasp';
import { helpPage } from './help';
import { InputError, plural, UsageError, type Io } from './io';
import { resolveWorkspace } from './packs';

export async function rulesCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      severity: { type: 'string', multiple: true },
      category: { type: 'string', multiple: true },
      owasp: { type: 'string', multiple: true },
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
    io.out(`${helpPage('rules')}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`rules takes no paths (got "${positionals[0]}"); filter with --severity, --category, --owasp or --pack`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json (got "${format}")`);
  const severities = list(values.severity);
  for (const s of severities) if (!SEVERITIES.includes(s as Severity)) throw new UsageError(`--severity must be one of ${SEVERITIES.join(', ')} (got "${s}")`);
  const categories = list(values.category);
  const owasp = list(values.owasp).map((c) => c.toUpperCase());
  for (const c of owasp) if (!isOwaspCategory(c)) throw new UsageError(`--owasp must be one of ${OWASP_CODES.join(', ')} (got "${c}")`);
  // --pack names a loaded pack, or is a path to a pack to load (and then list).
  const packArgs = list(values.pack);
  const paths = packArgs.filter((p) => p.includes('/') || p.includes('\\') || existsSync(resolve(io.cwd, p)));
  const names = packArgs.filter((p) => !paths.includes(p));

  const team = await resolveWorkspace({ ...values, pack: paths }, io, makeStyle(io.colourErr && !values['no-color']));
  const fromPaths = paths
    .map((p) => resolve(io.cwd, p))
    .flatMap((abs) => team.packs.filter((p) => p.info.dir === abs || p.info.file === abs).map((p) => p.info.name));
  const wanted = new Set([...names, ...fromPaths]);
  const unknown = names.filter((n) => !team.packs.some((p) => p.info.name === n));
  if (unknown.length) {
    io.err(
      `hindsight: no loaded pack is named ${unknown.map((n) => `"${n}"`).join(', ')} (loaded: ${team.packs.map((p) => p.info.name).join(', ') || 'none'})\n`,
    );
    throw new InputError('unknown pack');
  }
  const rules = team.packs
    .filter((p) => !packArgs.length || wanted.has(p.info.name))
    .flatMap((p) => p.findings)
    .filter((f) => (!severities.length || severities.includes(f.severity)) && (!categories.length || categories.includes(f.category)))
    .filter((f) => !owasp.length || (f.owasp !== undefined && owasp.includes(f.owasp)))
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id));

  if (format === 'json') {
    const json = {
      version: 1,
      packs: team.packs.map((p) => ({ name: p.info.name, version: p.info.version })),
      rules: rules.map((f) => ({
        id: f.id,
        pack: f.pack.name,
        severity: f.severity,
        confidence: f.confidence,
        category: f.category,
        owasp: f.owasp ?? null,
        title: f.title,
        fix: Boolean(f.fix),
      })),
    };
    io.out(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  io.out(table(rules, makeStyle(io.colourOut && !values['no-color'])));
  const packs = new Set(rules.map((f) => f.pack.name));
  const total = team.packs.reduce((n, p) => n + p.findings.length, 0);
  const off = team.effective.disabledFindings.length;
  io.out(
    `${plural(rules.length, 'rule')}${rules.length < total ? ` of ${total}` : ''} from ${plural(packs.size, 'pack')}${off ? ` (${off} disabled in .hindsight/config.yaml)` : ''}; "hindsight explain <ID>" tells more\n`,
  );
  return 0;
}

function table(rules: Finding[], style: ReturnType<typeof makeStyle>): string {
  if (!rules.length) return '';
  const idW = Math.max(2, ...rules.map((f) => f.id.length));
  const sevW = Math.max(8, ...rules.map((f) => f.severity.length));
  const catW = Math.max(8, ...rules.map((f) => f.category.length));
  const head = `${'ID'.padEnd(idW)}  ${'SEVERITY'.padEnd(sevW)}  ${'CATEGORY'.padEnd(catW)}  ${'OWASP'.padEnd(5)}  TITLE`;
  const rows = [style.bold(head)];
  for (const f of rules) {
    const owasp = (f.owasp ?? '-').padEnd(5);
    rows.push(`${f.id.padEnd(idW)}  ${style.severity(f.severity, f.severity.padEnd(sevW))}  ${f.category.padEnd(catW)}  ${owasp}  ${f.title}`);
  }
  return `${rows.join('\n')}\n\n`;
}

/** Repeatable, comma-separated values as one list. */
function list(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}
