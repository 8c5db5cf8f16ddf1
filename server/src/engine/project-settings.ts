// What a project's build configuration says about where and how its code is compiled and deployed: the EVM
// version, the pinned compiler, and the networks it names. The files are read as TEXT and never executed:
// foundry.toml is parsed as TOML data; a Hardhat config is a program, so only conservative regexes look at it
// (a value computed at run time is simply not seen, which reads as "not set"). The engine does no I/O: the caller
// hands the files' text in (project/semantic-host.ts for files on disk, packs/pack-test.ts for test fixtures).
import { parse as parseToml } from 'smol-toml';

export interface ProjectSettings {
  /** Every EVM version the configuration sets (any Foundry profile, any Hardhat compiler), lower case; empty: none. */
  evmVersions: string[];
  /** Every compiler version the configuration pins (`solc`, `solc_version`, Hardhat `version:`). */
  solc: string[];
  /** Network names the configuration names (Foundry `[rpc_endpoints]` / `[etherscan]` keys, Hardhat `networks`). */
  networks: string[];
  /** Names of the configuration files read (relative to the project root). */
  files: string[];
}

/** The configuration files looked for in a project root, in the order they are read. */
export const SETTINGS_FILES = ['foundry.toml', 'hardhat.config.ts', 'hardhat.config.js', 'hardhat.config.cjs', 'hardhat.config.mjs'];

/** EVM versions in release order (solc's names); those up to `paris` have no PUSH0. */
export const EVM_VERSIONS = [
  'homestead',
  'tangerinewhistle',
  'spuriousdragon',
  'byzantium',
  'constantinople',
  'petersburg',
  'istanbul',
  'berlin',
  'london',
  'paris',
  'shanghai',
  'cancun',
  'prague',
  'osaka',
];

/**
 * The settings of a project whose root holds the files `read` returns (undefined: no such file). Undefined when
 * the root has none of the configuration files: nothing is known, which is not the same as "nothing set".
 */
export function readProjectSettings(read: (name: string) => string | undefined): ProjectSettings | undefined {
  const s: ProjectSettings = { evmVersions: [], solc: [], networks: [], files: [] };
  for (const name of SETTINGS_FILES) {
    const text = read(name);
    if (text === undefined) continue;
    s.files.push(name);
    const part = name === 'foundry.toml' ? foundrySettings(text) : hardhatSettings(text);
    s.evmVersions.push(...part.evmVersions);
    s.solc.push(...part.solc);
    s.networks.push(...part.networks);
  }
  if (s.files.length === 0) return undefined;
  return { evmVersions: unique(s.evmVersions), solc: unique(s.solc), networks: unique(s.networks), files: s.files };
}

type Part = Pick<ProjectSettings, 'evmVersions' | 'solc' | 'networks'>;

/** foundry.toml: `evm_version` and `solc`/`solc_version` at the top level or in any profile; the networks it names. */
export function foundrySettings(text: string): Part {
  const out: Part = { evmVersions: [], solc: [], networks: [] };
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch {
    return out;
  }
  const profiles = isRecord(doc.profile) ? Object.values(doc.profile).filter(isRecord) : [];
  for (const table of [doc, ...profiles]) {
    if (typeof table.evm_version === 'string') out.evmVersions.push(table.evm_version.trim().toLowerCase());
    for (const key of ['solc', 'solc_version']) {
      const v = table[key];
      // `solc` may also be a path to a binary: only a version number is a version.
      if (typeof v === 'string' && /^\d+\.\d+\.\d+$/.test(v.trim())) out.solc.push(v.trim());
    }
  }
  for (const key of ['rpc_endpoints', 'etherscan']) {
    const table = doc[key];
    if (isRecord(table)) out.networks.push(...Object.keys(table));
  }
  return out;
}

/**
 * A Hardhat config, by conservative regexes over its text (comments removed first): `evmVersion: "…"`,
 * `version: "x.y.z"` (the compilers), and the keys of the object literal after `networks:`.
 */
export function hardhatSettings(text: string): Part {
  const code = stripComments(text);
  const out: Part = { evmVersions: [], solc: [], networks: [] };
  for (const m of code.matchAll(/\bevmVersion\s*:\s*["'`]([A-Za-z]+)["'`]/g)) out.evmVersions.push(m[1].toLowerCase());
  for (const m of code.matchAll(/\bversion\s*:\s*["'`](\d+\.\d+\.\d+)["'`]/g)) out.solc.push(m[1]);
  for (const m of code.matchAll(/\bnetworks\s*:\s*\{/g)) out.networks.push(...topLevelKeys(code, m.index + m[0].length));
  return out;
}

/** The keys at depth one of the object literal whose body starts at `from` (just after its `{`). */
function topLevelKeys(code: string, from: number): string[] {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = true;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === "'" || c === '`') {
      const end = code.indexOf(c, i + 1);
      if (end < 0) break;
      if (depth === 0 && expectKey && /^\s*:/.test(code.slice(end + 1))) keys.push(code.slice(i + 1, end));
      expectKey = false;
      i = end;
    } else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      if (depth === 0) break;
      depth--;
    } else if (c === ',' && depth === 0) expectKey = true;
    else if (depth === 0 && expectKey && /[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$]*(?=\s*:)/.exec(code.slice(i));
      if (m) keys.push(m[0]);
      expectKey = false;
      if (m) i += m[0].length - 1;
    }
  }
  return keys;
}

/** The text without `//` and block comments (string contents kept), so a commented-out setting is not read. */
function stripComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      out += ' ';
    } else out += c;
  }
  return out;
}

/** Whether a configured network name is one of `names`: case and `-`/`_` ignored, and a suffix (`lineaSepolia`) allowed. */
export function networkIs(configured: string, names: readonly string[]): boolean {
  const n = configured.toLowerCase().replace(/[-_\s]/g, '');
  return names.some((name) => n.startsWith(name.toLowerCase().replace(/[-_\s]/g, '')));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
