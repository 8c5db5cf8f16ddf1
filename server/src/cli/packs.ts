// The packs a command runs with: built-in and --pack packs, then the workspace's team packs with
// .hindsight/config.yaml applied (packs/sources.ts, the resolution the editor uses). Any error in a pack the user
// can fix, or in the configuration, stops the command with exit code 2 and every problem as file:line:col: a
// broken pack or a typo in the configuration must never pass CI silently, and neither must a run with no rule.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findExtensionRoot, loadBuiltinPacks, loadPack, type LoadedPack } from '../packs/load';
import { resolveCliWorkspace, type CliWorkspace } from '../packs/sources';
import { activeFindings, type ScanOptions } from '../project/run-scan';
import { displayPath, type Style } from '../report/text';
import { formatProblem, InputError, plural, type Io } from './io';

export interface PackOptions {
  pack?: string[];
  'no-builtin'?: boolean;
  'no-config'?: boolean;
  'allow-network'?: boolean;
}

/**
 * Built-in packs plus --pack ones; undefined (after printing why) when a --pack pack is broken. A problem in a
 * built-in pack is shown as a warning and its other findings still run: the user cannot fix it, and one bad
 * finding must not switch the tool off in their CI.
 */
export function loadGivenPacks(extra: string[], builtin: boolean, io: Io, style: Style): LoadedPack[] | undefined {
  const builtins = builtin ? loadBuiltinPacks() : [];
  const packs = [...builtins, ...extra.map((p) => loadPack(packPath(p, io.cwd)))];
  let broken = false;
  const names = new Map<string, string>();
  for (const p of packs) {
    const isBuiltin = builtins.includes(p);
    for (const prob of p.problems) io.err(formatProblem(isBuiltin ? { ...prob, severity: 'warning' } : prob, io.cwd, style) + '\n');
    if (!isBuiltin && p.problems.some((x) => x.severity === 'error')) broken = true;
    const other = names.get(p.info.name);
    if (other) {
      io.err(
        `${displayPath(p.info.file, io.cwd)}: ${style.severity('error', 'error')}: pack name "${p.info.name}" is already used by ${displayPath(other, io.cwd)}\n`,
      );
      broken = true;
    }
    names.set(p.info.name, p.info.file);
  }
  if (broken) {
    io.err('hindsight: a findings pack has errors (above); fix it or check it with "hindsight pack validate <pack>"\n');
    return undefined;
  }
  return packs;
}

/**
 * The packs and configuration of the workspace the command runs in. Throws InputError (after printing every
 * problem) when a team pack or .hindsight/config.yaml has an error; warnings are printed and the command goes on.
 */
export async function resolveWorkspace(options: PackOptions, io: Io, style: Style): Promise<CliWorkspace> {
  const given = loadGivenPacks(options.pack ?? [], !options['no-builtin'], io, style);
  if (!given) throw new InputError('a --pack pack has errors');
  const team = await resolveCliWorkspace(io.cwd, given, { allowNetwork: options['allow-network'], useConfig: !options['no-config'] });
  for (const prob of team.problems) io.err(formatProblem(prob, io.cwd, style) + '\n');
  const errors = team.problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    const inConfig = errors.some((p) => p.file && p.file === team.config.file);
    const what = inConfig ? `${displayPath(team.config.file, io.cwd)} has errors` : 'a pack of the workspace has errors';
    const hint = inConfig ? 'or run with --no-config to ignore the configuration' : '"hindsight pack validate <pack>" checks a pack';
    io.err(`hindsight: ${what} (above); fix ${errors.length === 1 ? 'it' : 'them'}, ${hint}\n`);
    throw new InputError(what);
  }
  return team;
}

/**
 * No rule to run is never a pass: says why (nothing loaded, the configuration) and throws InputError. Thresholds
 * that leave no rule are only warned about: the user chose them (a gate on criticals with no critical rule).
 */
export function checkRules(
  team: CliWorkspace,
  thresholds: Pick<ScanOptions, 'minSeverity' | 'minConfidence'>,
  options: Pick<PackOptions, 'pack' | 'no-builtin'>,
  io: Io,
): void {
  const enabled = team.packs.reduce((n, p) => n + p.findings.length, 0);
  let why: string | undefined;
  if (team.packs.length === 0) why = options['no-builtin'] && !options.pack?.length ? '--no-builtin was given without --pack' : 'no pack is loaded';
  else if (enabled === 0) {
    const off = team.effective.packs.filter((p) => !p.enabled);
    why = off.length
      ? `${displayPath(team.config.file, io.cwd)} switches every pack off (${off.map((p) => `${p.name}: ${p.reason}`).join('; ')})`
      : `every finding is disabled${team.config.file ? ` in ${displayPath(team.config.file, io.cwd)}` : ''}`;
  } else if (activeFindings(team.packs, thresholds).length === 0) {
    io.err(
      `hindsight: warning: none of the ${plural(enabled, 'rule')} is at or above severity ${thresholds.minSeverity} and confidence ${thresholds.minConfidence}: nothing can be found\n`,
    );
  }
  if (!why) return;
  io.err(`hindsight: no rule to scan with: ${why}\n`);
  throw new InputError('no rule enabled');
}

/** A pack argument: an existing path, else the name of a built-in pack (`hindsight pack docs hindsight-core`). */
export function packPath(arg: string, cwd: string): string {
  const abs = resolve(cwd, arg);
  if (existsSync(abs) || arg.includes('/') || arg.includes('\\')) return abs;
  const root = findExtensionRoot();
  const builtin = root && /^[a-z0-9-]+$/.test(arg) ? join(root, 'server', 'packs', arg) : undefined;
  return builtin && existsSync(builtin) ? builtin : abs;
}
