// The audited libraries the built-in pack is measured against, and the scan that measures it. Shared by
// report.ts (regenerates docs/precision.md) and test/unit/builtin-precision.test.ts (asserts the bar), so both
// count exactly the same thing through the engine's public API.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { scanParsed, SEVERITIES, type Finding, type Occurrence, type Severity } from '../../server/src/engine';
import { DiskProjects } from '../../server/src/project/semantic-host';
import { loadPack } from '../../server/src/packs/load';

export const ROOT = join(__dirname, '..', '..');
export const PACK_DIR = join(ROOT, 'server', 'packs', 'hindsight-core');

export interface Library {
  /** npm package name. */
  name: string;
  /** Folder scanned, relative to the package: the library's own sources, not build output or vendored copies. */
  sources: string;
  /** Path segments skipped below `sources`: test doubles that are never deployed. */
  skip: string[];
}

export const LIBRARIES: Library[] = [
  { name: '@openzeppelin/contracts', sources: '.', skip: ['mocks', 'node_modules'] },
  { name: '@openzeppelin/contracts-upgradeable', sources: '.', skip: ['mocks', 'node_modules'] },
  { name: '@uniswap/v3-core', sources: 'contracts', skip: ['test'] },
  { name: '@uniswap/v3-periphery', sources: 'contracts', skip: ['test'] },
  { name: '@aave/core-v3', sources: 'contracts', skip: ['mocks'] },
  { name: 'solmate', sources: 'src', skip: ['test'] },
  // Pre-0.8 code, where the arithmetic and legacy findings apply: Uniswap V2 (0.5.16) and the OpenZeppelin 3.4
  // release that Uniswap V3 periphery ships with (0.7, SafeMath everywhere).
  { name: '@uniswap/v2-core', sources: 'contracts', skip: ['test'] },
  { name: '@uniswap/v3-periphery', sources: 'node_modules/@openzeppelin/contracts', skip: ['mocks', 'test'] },
];

export interface FileOccurrence {
  /** Path relative to the package folder, with forward slashes. */
  file: string;
  occurrence: Occurrence;
  finding: Finding;
}

export interface LibraryScan {
  library: Library;
  /** The package the sources belong to (differs from library.name for a package nested in another). */
  packageName: string;
  version: string;
  files: number;
  /** Physical lines. */
  lines: number;
  /** Lines with code: not blank and not only a comment (the denominator of the bar, the stricter choice). */
  codeLines: number;
  occurrences: FileOccurrence[];
  syntaxErrors: number;
  counts: Record<Severity, number>;
}

export function loadBuiltinFindings(): Finding[] {
  const pack = loadPack(PACK_DIR);
  const errors = pack.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`built-in pack has load errors: ${errors.map((e) => e.message).join('; ')}`);
  return pack.findings;
}

export function packageDir(name: string): string {
  return join(ROOT, 'node_modules', ...name.split('/'));
}

export function solidityFiles(dir: string, skip: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) {
        if (!skip.includes(e.name)) walk(join(d, e.name));
      } else if (e.isFile() && e.name.endsWith('.sol')) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out;
}

export function countCodeLines(text: string): number {
  let inBlock = false;
  let n = 0;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    let line = raw.trim();
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      inBlock = false;
      line = line.slice(end + 2).trim();
    }
    while (line.startsWith('/*')) {
      const end = line.indexOf('*/', 2);
      if (end < 0) {
        inBlock = true;
        line = '';
        break;
      }
      line = line.slice(end + 2).trim();
    }
    if (line === '' || line.startsWith('//')) continue;
    n++;
  }
  return n;
}

export function scanLibrary(library: Library, findings: Finding[]): LibraryScan {
  const pkg = packageDir(library.name);
  const nested = library.sources !== '.' && existsSync(join(pkg, library.sources, 'package.json'));
  const manifest = JSON.parse(readFileSync(join(pkg, nested ? library.sources : '', 'package.json'), 'utf8')) as { name: string; version: string };
  const version = manifest.version;
  const byId = new Map(findings.map((f) => [f.id, f]));
  const files = solidityFiles(join(pkg, library.sources), library.skip);
  const scan: LibraryScan = {
    library,
    packageName: nested ? `${manifest.name} (inside ${library.name})` : library.name,
    version,
    files: files.length,
    lines: 0,
    codeLines: 0,
    occurrences: [],
    syntaxErrors: 0,
    counts: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
  };
  // As the CLI scans: semantic filters see each file's imports (relative, and other packages in node_modules).
  const projects = new DiskProjects();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    scan.lines += text.split(/\r\n|\r|\n/).length;
    scan.codeLines += countCodeLines(text);
    const { semantic, parsed } = projects.contextFor(file, text);
    const result = scanParsed(parsed, findings, { semantic });
    scan.syntaxErrors += result.syntaxErrors.length;
    for (const occurrence of result.occurrences) {
      const finding = byId.get(occurrence.findingId);
      if (!finding) continue;
      scan.counts[finding.severity]++;
      scan.occurrences.push({ file: relative(pkg, file).split(sep).join('/'), occurrence, finding });
    }
  }
  return scan;
}

/** Medium-or-above occurrences per 1,000 code lines. */
export function mediumPerKloc(scan: LibraryScan): number {
  const atLeastMedium = scan.counts.critical + scan.counts.high + scan.counts.medium;
  return scan.codeLines === 0 ? 0 : (atLeastMedium * 1000) / scan.codeLines;
}

export const AT_LEAST_MEDIUM: ReadonlySet<Severity> = new Set(['critical', 'high', 'medium']);
