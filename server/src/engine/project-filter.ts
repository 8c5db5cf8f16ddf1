// The `project` filter: what the project's build configuration says (project-settings.ts), for findings whose
// risk depends on where the code is deployed rather than on the code (PUSH0 on chains without Shanghai). It
// holds only when a configuration was read: a file without a project (an untitled document, a pack test without
// a fixture) knows nothing about it, and a finding that asks is then quiet.
import * as semver from 'semver';
import { PatternError, type ProjectFilter } from './finding';
import { EVM_VERSIONS, networkIs, type ProjectSettings } from './project-settings';

type Path = Array<string | number>;

export interface CompiledProjectFilter {
  /** Allowed EVM versions; `unpinned` stands for "the configuration sets none". */
  evm?: Set<string>;
  networks?: string[];
  solc?: semver.Range;
}

const EVM_VALUES = ['unpinned', ...EVM_VERSIONS];

export function compileProjectFilter(f: ProjectFilter, path: Path): CompiledProjectFilter {
  if (!f || typeof f !== 'object' || Array.isArray(f)) throw new PatternError('`project` filter must be an object', path);
  const out: CompiledProjectFilter = {};
  for (const key of Object.keys(f)) {
    if (key !== 'evm-version' && key !== 'networks' && key !== 'solc')
      throw new PatternError(`unknown key '${key}' (expected evm-version, networks or solc)`, [...path, key]);
  }
  const evm = f['evm-version'];
  if (evm !== undefined) {
    const values = Array.isArray(evm) ? evm : [evm];
    values.forEach((v, i) => {
      if (typeof v !== 'string' || !EVM_VALUES.includes(v.toLowerCase()))
        throw new PatternError(`'${String(v)}' is not one of: ${EVM_VALUES.join(', ')}`, [...path, 'evm-version', ...(Array.isArray(evm) ? [i] : [])]);
    });
    out.evm = new Set(values.map((v) => String(v).toLowerCase()));
  }
  if (f.networks !== undefined) {
    if (!Array.isArray(f.networks) || f.networks.length === 0 || f.networks.some((n) => typeof n !== 'string' || !n.trim()))
      throw new PatternError('`networks` takes a non-empty list of network names', [...path, 'networks']);
    out.networks = f.networks;
  }
  if (f.solc !== undefined) {
    const range = typeof f.solc === 'string' ? semver.validRange(f.solc) : null;
    if (!range) throw new PatternError(`'${String(f.solc)}' is not a semver range (e.g. '>=0.8.20')`, [...path, 'solc']);
    out.solc = new semver.Range(range);
  }
  return out;
}

/**
 * Whether the settings meet the filter: every EVM version the configuration sets is allowed (or none is set and
 * `unpinned` is allowed); some configured network is one of `networks`; no compiler is pinned, or one that is
 * pinned is in the `solc` range. Unknown settings (no configuration read) meet nothing.
 */
export function projectHolds(f: CompiledProjectFilter, s: ProjectSettings | undefined): boolean {
  if (!s) return false;
  if (f.evm) {
    const set = s.evmVersions.length ? s.evmVersions : ['unpinned'];
    if (!set.every((v) => f.evm!.has(v))) return false;
  }
  if (f.networks && !s.networks.some((n) => networkIs(n, f.networks!))) return false;
  if (f.solc && s.solc.length && !s.solc.some((v) => semver.satisfies(v, f.solc!))) return false;
  return true;
}
