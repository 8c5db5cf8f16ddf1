// A project root's build configuration (foundry.toml, hardhat.config.*) as the engine's `project` filter reads
// it: the files are read as text from disk and parsed as data by the engine (engine/project-settings.ts); nothing
// in them runs.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readProjectSettings, type ProjectSettings } from '../engine/project-settings';

/** Config files larger than this are not read (no real configuration is that big). */
const MAX_CONFIG_BYTES = 512 * 1024;

/** The settings of the project at `root`; undefined when it has no configuration file or cannot be read. */
export function readBuildSettings(root: string): ProjectSettings | undefined {
  try {
    return readProjectSettings((name) => readSmall(join(root, name)));
  } catch {
    return undefined;
  }
}

function readSmall(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_CONFIG_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
