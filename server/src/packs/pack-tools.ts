// Tools for pack authors: `hindsight pack new <dir>` scaffolds a pack that passes `hindsight pack test` as is,
// and `hindsight pack docs <dir>` renders a pack as a Markdown catalogue (for a README, a wiki or a PR).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { fixKindOf, type Finding, type MatchNode } from '../engine/finding';
import { SEVERITIES } from '../engine/types';
import { readChangelog } from './changelog';
import { changelogSources, owaspSummary, sourceLine } from './catalogue-sources';
import { owaspLabel, referenceSource } from '../shared/owasp';
import { loadPack, type LoadedPack } from './load';
import { writeFileAtomic } from '../shared/atomic-write';

export interface NewPackOptions {
  /** Pack name; default: the folder name, lower-cased, with dashes. */
  name?: string;
  /** Also write a package.json so the pack can be published as `hindsight-pack-<name>`. */
  npm?: boolean;
}

export interface NewPackResult {
  dir: string;
  name: string;
  findingId: string;
  files: string[];
}

/** Creates a new pack folder. Throws an Error naming the problem when the folder is not empty or the name is bad. */
export function scaffoldPack(dir: string, options: NewPackOptions = {}): NewPackResult {
  const abs = path.resolve(dir);
  const name =
    options.name ??
    path
      .basename(abs)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name) || name.length > 64) {
    throw new Error(`"${name}" is not a valid pack name: use lower-case letters, digits and dashes (e.g. team-lessons)`);
  }
  if (fs.existsSync(abs) && (!fs.statSync(abs).isDirectory() || fs.readdirSync(abs).length > 0)) {
    throw new Error(`${abs} already exists and is not an empty folder`);
  }
  const prefix = (/^[a-z][a-z0-9]*/.exec(name)?.[0] ?? 'pack').toUpperCase().slice(0, 12);
  const id = `${prefix}-001`;
  const files: Record<string, string> = {
    'pack.yaml': packTemplate(name, id),
    [`tests/${id}.sol`]: testTemplate(id),
    'README.md': readmeTemplate(name, id, !!options.npm),
  };
  if (options.npm) {
    files['package.json'] = `${JSON.stringify(
      {
        name: `hindsight-pack-${name}`,
        version: '0.1.0',
        description: `Hindsight findings pack: ${name}`,
        keywords: ['hindsight-pack', 'solidity', 'audit'],
        license: 'UNLICENSED',
        files: ['pack.yaml', 'tests/', 'README.md'],
        hindsight: { pack: '.' },
      },
      null,
      2,
    )}\n`;
  }
  const written: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(abs, rel);
    writeFileAtomic(file, text);
    written.push(file);
  }
  return { dir: abs, name, findingId: id, files: written };
}

function packTemplate(name: string, id: string): string {
  // The example is a lesson the built-in pack does not teach (pack-authoring-new.test.ts runs it against the
  // built-in tests), so a new pack never starts by reporting what hindsight-core already reports.
  return `# A Hindsight findings pack. Format: docs/pack-format.md; check it with
#   hindsight pack validate .     (schema, patterns, positions of every problem)
#   hindsight pack test .         (each finding against the annotated cases in tests/<ID>.sol)
name: ${name}
version: 0.1.0
description: What our audits taught us.
changelog:
  - version: 0.1.0
    added: [${id}]
findings:
  - id: ${id}
    title: Ownership handed over in one step
    severity: medium
    confidence: medium
    category: access-control
    owasp: SC01                    # OWASP Smart Contract Top 10 (2025): SC01 .. SC10
    description: >
      transferOwnership makes the new address the owner at once. A typo, or an address whose key nobody holds,
      loses every owner-only function for good: nobody is left who could put it right.
    recommendation: >
      Hand over in two steps: transferOwnership records a pending owner, and acceptOwnership, called by that
      address, makes it the owner (OpenZeppelin's Ownable2Step).
    references:
      - title: OpenZeppelin Ownable2Step
        url: https://docs.openzeppelin.com/contracts/5.x/api/access#Ownable2Step
        kind: docs                 # audit (with finding: "H-01"), post-mortem, registry, standard or docs
    match:
      all:
        - pattern: $OWNER = $NEW;
        - inside:
            pattern: function transferOwnership(address $NEW) { ... }
        - where:
            - metavariable: $OWNER
              regex: ^_?owner$
    focus: $OWNER
    # fix:                         # optional (docs/pack-format.md, Fix templates); needs tests/${id}.fixed.sol
`;
}

function testTemplate(id: string): string {
  return `// SPDX-License-Identifier: UNLICENSED
pragma solidity ^0.8.20;

// Cases for ${id}: the line under "expect" must be reported, the line under "ok" must not.
contract Vault {
    address public owner;

    modifier onlyOwner() {
        require(msg.sender == owner, "not owner");
        _;
    }

    function transferOwnership(address newOwner) external onlyOwner {
        require(newOwner != address(0), "zero owner");
        // expect: ${id}
        owner = newOwner;
    }
}

contract TwoStepVault {
    address public owner;
    address public pendingOwner;

    modifier onlyOwner() {
        require(msg.sender == owner, "not owner");
        _;
    }

    function transferOwnership(address newOwner) external onlyOwner {
        pendingOwner = newOwner;
    }

    function acceptOwnership() external {
        require(msg.sender == pendingOwner, "not the pending owner");
        // ok: ${id}
        owner = pendingOwner;
        pendingOwner = address(0);
    }
}
`;
}

function readmeTemplate(name: string, id: string, npm: boolean): string {
  const share = npm
    ? `Publish it with \`npm publish\` (as \`hindsight-pack-${name}\`); projects that install it get it automatically.`
    : `Commit it under \`.hindsight/packs/${name}/\` of a repository, or add it to \`sources\` in \`.hindsight/config.yaml\`.`;
  return `# ${name}

A [Hindsight](../docs/team-packs.md) findings pack.

- \`pack.yaml\` — the findings (first one: \`${id}\`)
- \`tests/<ID>.sol\` — annotated cases for each finding

Check it: \`hindsight pack validate .\` and \`hindsight pack test .\`.
Catalogue: \`hindsight pack docs . -o FINDINGS.md\`.

${share}
`;
}

/** A Markdown catalogue of the pack: summary table, then one section per finding. */
export function packDocs(pack: LoadedPack): string {
  const { info } = pack;
  const out: string[] = [`# ${info.name} ${info.version}`, ''];
  if (info.description) out.push(info.description.trim(), '');
  const findings = [...pack.findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id));
  const counts = SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n);
  out.push(`${findings.length} finding${findings.length === 1 ? '' : 's'}${counts.length ? ` (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})` : ''}.`, '');
  if (findings.length) {
    out.push('| Id | Title | Severity | Confidence | Category | OWASP | Fix |', '|---|---|---|---|---|---|---|');
    for (const f of findings) {
      out.push(
        `| [${f.id}](#${anchor(f)}) | ${cell(f.title)} | ${f.severity} | ${f.confidence} | ${cell(f.category)} | ${f.owasp ?? ''} | ${f.fix ? (fixKindOf(f.fix) === 'safe' ? 'safe' : 'review') : ''} |`,
      );
    }
    out.push('');
    if (findings.some((f) => f.owasp)) {
      out.push('| OWASP category | Findings | Traced to a real audit |', '|---|---|---|');
      for (const r of owaspSummary(findings)) if (r.findings) out.push(`| ${r.label} | ${r.findings} | ${r.traced} |`);
      out.push('');
    }
  }
  for (const f of findings) {
    out.push(`## ${f.id}: ${f.title}`, '');
    out.push(
      `**Severity** ${f.severity} · **Confidence** ${f.confidence} · **Category** ${f.category}${f.owasp ? ` · **OWASP** ${owaspLabel(f.owasp)}` : ''}`,
      '',
    );
    out.push(f.description.trim(), '');
    out.push('**Recommendation.** ' + f.recommendation.trim(), '');
    out.push('**Matches**', '', ...describeMatch(f.match, 0), '');
    if (f.focus) out.push(`Reported on \`${f.focus}\`.`, '');
    if (f.fix) out.push(`**Fix** (${fixKindOf(f.fix) === 'safe' ? 'safe, applied by fix-all' : 'review before applying'}): ${f.fix.title}`, '');
    if (f.references.length) {
      out.push('**References**', '');
      for (const r of f.references) {
        const source = referenceSource(r);
        out.push(`- [${r.swc ?? r.title ?? r.url}${r.swc && r.title ? ` — ${r.title}` : ''}](${r.url})${source ? ` (${source})` : ''}`);
      }
      out.push('');
    }
  }
  if (pack.drafts?.length) {
    out.push('## Drafts', '', 'Kept in the pack but not run until the `draft:` line is deleted:', '');
    for (const d of pack.drafts) out.push(`- **${d.id}**: ${d.reason}`);
    out.push('');
  }
  const log = readChangelog(info.file);
  if (log.length) {
    out.push('## Changelog', '');
    const sources = new Map(changelogSources(log, pack.findings).map((v) => [v.version, v.sources]));
    for (const e of log) {
      const learned = Array.isArray(e.learned) ? e.learned.filter((l) => typeof l?.report === 'string') : [];
      const parts = [
        e.added?.length ? `added ${e.added.join(', ')}` : '',
        e.changed?.length ? `changed ${e.changed.join(', ')}` : '',
        ...learned.map((l) => `learned from ${l.report}${Array.isArray(l.findings) && l.findings.length ? ` (${l.findings.join(', ')})` : ''}`),
      ].filter(Boolean);
      out.push(`- **${e.version}**${parts.length ? `: ${parts.join('; ')}` : ''}`);
      // The audit reports and post-mortems the version's added and changed findings are traced to.
      for (const s of sources.get(e.version) ?? []) out.push(`  ${sourceLine(s)}`);
    }
    out.push('');
  }
  return out.join('\n');
}

function anchor(f: Finding): string {
  return `${f.id}: ${f.title}`
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function describeMatch(node: MatchNode | Record<string, unknown>, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const n = node as Record<string, unknown>;
  if (typeof n.pattern === 'string') return codeBlock(n.pattern, pad);
  if (Array.isArray(n.any)) return [`${pad}- any of:`, ...(n.any as MatchNode[]).flatMap((x) => describeMatch(x, depth + 1))];
  if (Array.isArray(n.all)) {
    return [
      `${pad}- all of:`,
      ...(n.all as Array<Record<string, unknown>>).flatMap((item) => {
        for (const key of ['not', 'inside', 'not-inside'] as const) {
          if (item[key]) return [`${pad}  - ${key}:`, ...describeMatch(item[key] as MatchNode, depth + 2)];
        }
        if (Array.isArray(item.where)) {
          return [
            `${pad}  - where:`,
            `${pad}    \`\`\`yaml`,
            ...stringify(item.where)
              .trimEnd()
              .split('\n')
              .map((l) => `${pad}    ${l}`),
            `${pad}    \`\`\``,
          ];
        }
        return describeMatch(item, depth + 1);
      }),
    ];
  }
  return [];
}

function codeBlock(pattern: string, pad: string): string[] {
  return [
    `${pad}- \`\`\`solidity`,
    ...pattern
      .trimEnd()
      .split('\n')
      .map((l) => `${pad}  ${l}`),
    `${pad}  \`\`\``,
  ];
}

// ---------------------------------------------------------------------------------------------------------
// CLI commands (wired into server/src/cli/cli.ts).

export interface ToolIo {
  cwd: string;
  out(s: string): void;
  err(s: string): void;
}

export const PACK_TOOLS_HELP = `  hindsight pack new <dir> [--npm]        scaffold a pack: one example finding and its test (--name, --npm)
  hindsight pack docs <dir> [-o file]     Markdown catalogue of a pack`;

function shown(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** `hindsight pack new <dir>`: 0 created, 2 usage or input error. */
export function packNewCommand(args: string[], io: ToolIo): number {
  const { values, positionals } = parseArgs({ args, options: { name: { type: 'string' }, npm: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) {
    io.err('hindsight: pack new needs exactly one folder, e.g. "hindsight pack new .hindsight/packs/team"\n');
    return 2;
  }
  try {
    const r = scaffoldPack(path.resolve(io.cwd, positionals[0]), { name: values.name, npm: values.npm });
    io.out(`Created pack "${r.name}" with example finding ${r.findingId}:\n`);
    for (const f of r.files) io.out(`  ${shown(io.cwd, f)}\n`);
    io.out(`Next: edit pack.yaml and tests/${r.findingId}.sol, then run "hindsight pack test ${positionals[0]}".\n`);
    return 0;
  } catch (err) {
    io.err(`hindsight: ${(err as Error).message}\n`);
    return 2;
  }
}

/** `hindsight pack docs <dir>`: 0 written, 1 the pack has errors (the catalogue is still written), 2 input error. */
export function packDocsCommand(args: string[], io: ToolIo): number {
  const { values, positionals } = parseArgs({ args, options: { output: { type: 'string', short: 'o' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) {
    io.err('hindsight: pack docs needs exactly one pack folder or file\n');
    return 2;
  }
  const pack = loadPack(path.resolve(io.cwd, positionals[0]));
  if (pack.problems.some((p) => /^(Pack not found|No pack file|Cannot read pack)/.test(p.message))) {
    io.err(`hindsight: ${pack.problems[0].message}\n`);
    return 2;
  }
  const errors = pack.problems.filter((p) => p.severity === 'error');
  for (const p of errors) {
    io.err(`${shown(io.cwd, p.file)}:${p.range.start.line + 1}:${p.range.start.character + 1}: error: ${p.message}\n`);
  }
  const md = packDocs(pack);
  if (values.output) {
    const file = path.resolve(io.cwd, values.output);
    writeFileAtomic(file, md);
    io.err(`Wrote ${shown(io.cwd, file)} (${pack.findings.length} finding${pack.findings.length === 1 ? '' : 's'})\n`);
  } else io.out(md);
  return errors.length ? 1 : 0;
}
