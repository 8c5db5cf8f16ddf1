#!/usr/bin/env node
// Recall of Hindsight on public, labelled collections of vulnerable contracts that nobody here wrote (issue 17):
// the SWC registry's test cases, crytic/not-so-smart-contracts and SunWeb3Sec/DeFiVulnLabs. It runs Hindsight's own
// CLI on every labelled file and reports, per collection and category, how many files the labelled bug was found in.
// Labels and the category → finding mapping live in recall-lib.mjs; the results are in docs/precision.md.
//
//   npm run build
//   node test/precision/recall.mjs --swc DIR --nssc DIR --defivulnlabs DIR [--cli dist/cli.js] [--json out.json] [--markdown]
//
// Exit code 0 when the measurement ran, 2 when a folder is missing, the CLI fails or nothing was scanned.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  catalogueFromSarif,
  COLLECTIONS,
  contentHash,
  judge,
  labelDvl,
  labelNssc,
  labelSwc,
  reentrancyLine,
  renderCollection,
  summarise,
} from './recall-lib.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LABELLERS = { swc: labelSwc, nssc: labelNssc, defivulnlabs: labelDvl };
const BATCH = 200; // files per CLI invocation

function usage(message) {
  if (message) console.error(`recall: ${message}`);
  console.error(
    'usage: node test/precision/recall.mjs --swc DIR --nssc DIR --defivulnlabs DIR [--cli dist/cli.js] [--json out.json] [--markdown]\n' +
      '  --swc DIR           SWC-registry checkout at 3b6a677 (or its test_cases folder)\n' +
      '  --nssc DIR          crytic/not-so-smart-contracts checkout\n' +
      '  --defivulnlabs DIR  SunWeb3Sec/DeFiVulnLabs checkout (or its src/test folder)\n' +
      '  --cli FILE          the Hindsight CLI bundle to measure (default dist/cli.js; run `npm run build` first)\n' +
      '  --json FILE         write the raw per-file results\n' +
      '  --markdown          print the tables as Markdown (default: a short text summary)',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { dirs: {}, cli: join(ROOT, 'dist', 'cli.js'), json: null, markdown: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === '--swc' || a === '--nssc' || a === '--defivulnlabs') opts.dirs[a.slice(2)] = resolve(value());
    else if (a === '--cli') opts.cli = resolve(value());
    else if (a === '--json') opts.json = resolve(value());
    else if (a === '--markdown') opts.markdown = true;
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown argument ${a}`);
  }
  if (Object.keys(opts.dirs).length === 0) usage('give at least one of --swc, --nssc, --defivulnlabs');
  for (const [name, dir] of Object.entries(opts.dirs)) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) usage(`--${name} ${dir}: no such folder (check the collection out first, see docs/precision.md)`);
  }
  if (!existsSync(opts.cli)) usage(`${opts.cli} does not exist: run \`npm run build\` first, or pass --cli`);
  return opts;
}

function fail(message) {
  console.error(`recall: ${message}`);
  process.exit(2);
}

/** Runs `hindsight scan` and returns its parsed report; exit codes 0 (nothing found) and 1 (findings) are both fine. */
function runCli(cli, cwd, args, format, tmp) {
  const out = join(tmp, `report-${Date.now()}-${Math.random().toString(36).slice(2)}.${format}`);
  const r = spawnSync(process.execPath, [cli, 'scan', ...args, '--format', format, '-o', out, '--no-config', '--no-cache', '--no-gitignore', '--no-color'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 && r.status !== 1) fail(`the CLI exited with ${r.status ?? r.signal} in ${cwd}:\n${r.stderr}`);
  if (!existsSync(out)) fail(`the CLI wrote no report in ${cwd}:\n${r.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out);
  return report;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const tmp = mkdtempSync(join(tmpdir(), 'hindsight-recall-'));
  try {
    // Label every collection first, so that a wrong folder fails before anything runs.
    const labelled = {};
    for (const collection of Object.keys(COLLECTIONS)) {
      const dir = opts.dirs[collection];
      if (!dir) continue;
      const units = LABELLERS[collection](dir);
      const files = [...new Set(units.filter((u) => !u.excluded).flatMap((u) => u.files))].filter((f) => existsSync(join(dir, f))).sort();
      if (files.length === 0) fail(`--${collection} ${dir}: no labelled Solidity files found (is it the right folder?)`);
      labelled[collection] = { dir, units, files };
    }

    // The rule catalogue: every loaded finding with its category and SWC references, from the CLI's SARIF rules.
    writeFileSync(join(tmp, 'probe.sol'), 'pragma solidity ^0.8.0;\ncontract Probe {}\n');
    const catalogue = catalogueFromSarif(runCli(opts.cli, tmp, ['probe.sol'], 'sarif', tmp));
    if (catalogue.length === 0) fail('the CLI reported no rules');

    const results = {};
    const meta = {};
    let tool = null;
    for (const [collection, { dir, units, files }] of Object.entries(labelled)) {
      const findings = [];
      const syntaxErrors = [];
      const problems = [];
      let scanned = 0;
      for (let i = 0; i < files.length; i += BATCH) {
        const report = runCli(opts.cli, dir, files.slice(i, i + BATCH), 'json', tmp);
        tool ??= { ...report.tool, packs: report.packs };
        scanned += report.summary?.filesScanned ?? 0;
        findings.push(...report.findings);
        syntaxErrors.push(...(report.syntaxErrors ?? []));
        problems.push(...(report.errors ?? []).map((e) => `${e.file}: ${e.message}`), ...(report.skipped ?? []).map((s) => `${s.file}: ${s.reason}`));
      }
      if (scanned === 0) fail(`--${collection} ${dir}: the CLI scanned no file`);
      if (scanned < files.length) console.error(`recall: ${collection}: the CLI scanned ${scanned} of ${files.length} files`);
      for (const p of problems) console.error(`recall: ${collection}: ${p}`);
      results[collection] = units.map((u) => judge(u, findings, catalogue, syntaxErrors));
      meta[collection] = { root: dir, hash: contentHash(dir, units), files: files.length, scanned, problems: problems.sort() };
    }

    const summaries = Object.fromEntries(Object.entries(results).map(([c, r]) => [c, summarise(r)]));
    if (opts.json) {
      const data = {
        tool,
        rules: catalogue.length,
        collections: Object.fromEntries(
          Object.entries(results).map(([c, r]) => [
            c,
            {
              name: COLLECTIONS[c],
              contentHash: meta[c].hash,
              files: meta[c].files,
              scanned: meta[c].scanned,
              problems: meta[c].problems,
              totals: summaries[c].totals,
              results: r,
            },
          ]),
        ),
      };
      writeFileSync(opts.json, JSON.stringify(data, null, 2) + '\n');
    }

    if (opts.markdown) {
      const out = [];
      out.push(`Measured with ${tool.name} ${tool.version}, ${tool.packs.map((p) => `\`${p.name}\` ${p.version} (${p.findings} findings)`).join(', ')}.`);
      out.push('');
      for (const [c, s] of Object.entries(summaries)) out.push(renderCollection(c, s, meta[c]));
      out.push(reentrancyLine(results));
      console.log(out.join('\n'));
    } else {
      for (const [c, s] of Object.entries(summaries)) {
        const t = s.totals;
        console.log(
          `${COLLECTIONS[c].padEnd(32)} files ${String(t.files).padStart(3)}  found ${String(t.found).padStart(3)}  ` +
            `with a rule ${t.ruledFound}/${t.ruledFiles}` +
            (c === 'swc' ? `  at the line ${t.ruledAtLine}/${t.ruledWithLines}  medium+ on fixed ${t.fixedMediumPlus}` : '') +
            (c === 'defivulnlabs' ? `  source-visible ${t.visibleFound}/${t.visibleFiles}` : ''),
        );
      }
      console.log(reentrancyLine(results).replace(/\*\*/g, '').replace(/`/g, ''));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main();
