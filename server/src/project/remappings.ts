// Where a project's imports lead, read from its configuration without running anything: foundry.toml's
// `remappings` and `libs` (TOML, parsed as data), remappings.txt, each Foundry dependency's own remappings.txt,
// and Foundry's automatic `<dep>/=lib/<dep>/src/` for dependencies that have no remapping. Hardhat needs
// nothing here: its `@scope/pkg/...` imports are node_modules paths, which the engine tries itself.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { normalizePath, parseRemappings, type Remapping, type SourceHost } from '../engine/semantics';

export interface ImportSettings {
  root: string;
  remappings: Remapping[];
  /** Folders holding dependencies (foundry.toml `libs`, default `lib`). */
  libs: string[];
}

/** The remappings of the project at `root`, most specific sources first: foundry.toml, remappings.txt, libs. */
export function readImportSettings(root: string): ImportSettings {
  const base = normalizePath(root);
  const foundry = readFoundryToml(join(root, 'foundry.toml'));
  const libs = foundry.libs.length ? foundry.libs : ['lib'];
  const own = [...parseRemappings(foundry.remappings), ...parseRemappings(lines(join(root, 'remappings.txt')))];
  const fromLibs: Remapping[] = [];
  for (const lib of libs) {
    const libDir = join(root, lib);
    for (const dep of listDirs(libDir)) {
      const depDir = `${lib}/${dep}`;
      // A dependency's own remappings are relative to it: `@oz/=contracts/` in lib/oz becomes `@oz/=lib/oz/contracts/`.
      for (const r of parseRemappings(lines(join(libDir, dep, 'remappings.txt')))) {
        if (!r.target.startsWith('/')) fromLibs.push({ ...r, target: `${depDir}/${r.target.replace(/^\.\//, '')}` });
      }
      const src = ['src', 'contracts'].find((d) => isDir(join(libDir, dep, d)));
      fromLibs.push({ context: '', prefix: `${dep}/`, target: `${depDir}/${src ? `${src}/` : ''}` });
    }
  }
  // The project's own remappings win over any a dependency brings for the same prefix.
  const seen = new Set(own.map((r) => `${r.context}:${r.prefix}`));
  const remappings = [...own];
  for (const r of fromLibs) {
    const key = `${r.context}:${r.prefix}`;
    if (seen.has(key)) continue;
    seen.add(key);
    remappings.push(r);
  }
  return { root: base, remappings, libs };
}

interface FoundryConfig {
  remappings: string[];
  libs: string[];
}

/** The keys of one foundry.toml profile that say where things are; unset keys are undefined (Foundry's defaults apply). */
export interface FoundryProfile extends FoundryConfig {
  /** The profile read: FOUNDRY_PROFILE, else `default`. */
  profile: string;
  src?: string;
  test?: string;
  script?: string;
}

/** The selected profile's remappings and libs. Never executes anything. */
export function readFoundryToml(path: string): FoundryConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { remappings: [], libs: [] };
  }
  return foundryConfig(text);
}

export function foundryConfig(text: string, profile?: string): FoundryConfig {
  const { remappings, libs } = foundryProfile(text, profile);
  return { remappings, libs };
}

/**
 * One profile of a foundry.toml, as Foundry reads it: the profile named by FOUNDRY_PROFILE (default `default`)
 * inherits every key it does not set from `[profile.default]`; keys at the top level (older files) come last.
 * A file that is not valid TOML reads as empty.
 */
export function foundryProfile(text: string, profile = process.env.FOUNDRY_PROFILE || 'default'): FoundryProfile {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch {
    return { profile, remappings: [], libs: [] };
  }
  const profiles = (isRecord(doc.profile) ? doc.profile : {}) as Record<string, unknown>;
  const base = isRecord(profiles.default) ? profiles.default : {};
  const chosen = isRecord(profiles[profile]) ? (profiles[profile] as Record<string, unknown>) : {};
  const pick = (key: string): unknown => (key in chosen ? chosen[key] : key in base ? base[key] : undefined);
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const folder = (key: string): string | undefined => {
    const v = pick(key) ?? doc[key];
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  return {
    profile,
    remappings: [...strings(pick('remappings')), ...strings(doc.remappings)],
    libs: [...strings(pick('libs')), ...strings(doc.libs)],
    src: folder('src'),
    test: folder('test'),
    script: folder('script'),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A host that reads the disk, for the CLI and tests; the server gives open documents' text on top of it. */
export function diskHost(): SourceHost {
  return {
    readFile(path: string): string | undefined {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists: (path: string) => existsSync(path),
  };
}

function lines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split(/\r?\n/);
  } catch {
    return [];
  }
}

function listDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() || d.isSymbolicLink())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
