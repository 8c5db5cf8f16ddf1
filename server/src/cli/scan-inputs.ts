// What `hindsight scan` reads: the files under the paths given (project/files.ts walks folders), or the code on
// standard input (`scan -`). Nothing is left out in silence: a file named on the command line that an exclude
// drops gets a warning naming that exclude (--exclude, --include and the configuration's `exclude` apply to it
// alike), and a folder with no Solidity file to scan is an input error that names the folder.
import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { globMatcher } from '../packs/workspace-config';
import type { CliWorkspace } from '../packs/sources';
import { collectFiles, describeLeftOut, toPosix } from '../project/files';
import { displayPath, type Style } from '../report/text';
import { globTest } from '../shared/safe-glob';
import { InputError, plural, UsageError, type Io } from './io';

export interface InputOptions {
  include?: string[];
  exclude?: string[];
  'no-gitignore'?: boolean;
  'include-deps'?: boolean;
  'include-tests'?: boolean;
  'stdin-filename'?: string;
}

export interface ScanInputs {
  /** Absolute paths of the files to scan from disk. */
  files: string[];
  /** Code read from standard input, reported at `file` (absolute). */
  stdin?: { file: string; text: string };
}

/** Where `scan -` reports the code when --stdin-filename is not given. */
export const STDIN_NAME = '<stdin>';

export async function selectInputs(positionals: string[], options: InputOptions, team: CliWorkspace, io: Io, style: Style): Promise<ScanInputs> {
  const warn = (msg: string) => io.err(`hindsight: ${style.severity('warning', 'warning')}: ${msg}\n`);
  if (positionals.includes('-')) {
    if (positionals.length > 1) throw new UsageError('"-" (standard input) cannot be combined with other paths');
    if (!io.readStdin) throw new UsageError('standard input is not available here');
    const file = resolve(io.cwd, options['stdin-filename'] ?? STDIN_NAME);
    const text = await io.readStdin();
    const dropped = options['stdin-filename'] ? exclusionOf(file, options, team, io.cwd) : undefined;
    if (dropped) {
      warn(`${displayPath(file, io.cwd)} (standard input) is not scanned: ${dropped}`);
      return { files: [] };
    }
    return { files: [], stdin: { file, text } };
  }
  if (options['stdin-filename'] !== undefined)
    throw new UsageError('--stdin-filename names the code read from standard input: scan it with "hindsight scan -"');

  const paths = positionals.length ? positionals : ['.'];
  const scanConfig = team.config.config.scan;
  const { files, missing, leftOut } = collectFiles(paths, {
    cwd: io.cwd,
    include: options.include,
    exclude: options.exclude,
    gitignore: !options['no-gitignore'],
    dependencies: options['include-deps'] || scanConfig?.dependencies,
    tests: options['include-tests'] || scanConfig?.tests,
  });
  if (missing.length) {
    for (const m of missing) io.err(`hindsight: ${m}: no such file or folder\n`);
    throw new InputError('a path does not exist');
  }
  const leftOutLine = describeLeftOut(leftOut);
  if (leftOutLine) io.err(`hindsight: ${leftOutLine}\n`);

  const named = new Set(paths.map((p) => resolve(io.cwd, p)).filter((p) => isFile(p)));
  const folders = paths.filter((p) => !named.has(resolve(io.cwd, p)));
  const kept: string[] = [];
  let configExcluded = 0;
  for (const file of files) {
    if (named.has(file)) {
      const dropped = exclusionOf(file, options, team, io.cwd);
      if (dropped) warn(`${displayPath(file, io.cwd)} is not scanned: ${dropped}`);
      else kept.push(file);
    } else if (team.effective.isExcluded(file)) configExcluded++;
    else kept.push(file);
  }

  const empty = folders.filter((f) => {
    const abs = resolve(io.cwd, f);
    return !kept.some((k) => k === abs || k.startsWith(abs.endsWith(sep) ? abs : abs + sep));
  });
  if (empty.length) {
    const where = empty.join(', ');
    const why = configExcluded ? ` (${plural(configExcluded, 'file')} excluded by ${displayPath(team.config.file, io.cwd)})` : '';
    if (!kept.length) {
      io.err(`hindsight: no Solidity file to scan in ${where}${why}${leftOutLine ? '; see what was left out above' : ''}\n`);
      throw new InputError('nothing to scan');
    }
    warn(`no Solidity file to scan in ${where}${why}`);
  }
  return { files: kept };
}

/**
 * Why a file named on the command line is not scanned: the --exclude glob that matches it, an --include list that
 * does not, or the configuration's `exclude` entry (with its position); undefined when it is scanned.
 */
export function exclusionOf(file: string, options: InputOptions, team: CliWorkspace, cwd: string): string | undefined {
  const rel = toPosix(relative(cwd, file));
  for (const g of options.exclude ?? []) if (commandLineGlob(g)(rel)) return `excluded by --exclude '${g}'`;
  if (options.include?.length && !options.include.some((g) => commandLineGlob(g)(rel))) {
    return `not matched by ${options.include.map((g) => `--include '${g}'`).join(', ')}`;
  }
  const { config } = team;
  const relRoot = toPosix(relative(team.root, file));
  const globs = config.config.exclude ?? [];
  for (let i = 0; i < globs.length; i++) {
    if (!globMatcher([globs[i]])(relRoot)) continue;
    const at = config.locate(['exclude', i]);
    return `excluded by "exclude: ${globs[i]}" in ${displayPath(config.file, cwd)}:${at.start.line + 1}:${at.start.character + 1}`;
  }
  return undefined;
}

/** The command line's glob semantics (project/files.ts): no slash matches the file name, a slash the path. */
function commandLineGlob(glob: string): (rel: string) => boolean {
  if (!glob.includes('/')) {
    const test = globTest([glob]);
    return (rel) => test(rel.slice(rel.lastIndexOf('/') + 1));
  }
  const test = globTest([glob.replace(/^\.\//, '')]);
  return (rel) => test(rel);
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
