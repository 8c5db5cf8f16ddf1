// Where an `import "..."` leads, as solc, Foundry and Hardhat would find it, without touching the disk: the host
// says which files exist. Relative paths (`./`, `../`) are relative to the importing file; anything else goes
// through the remappings (longest prefix, context-specific ones first), then the project root, include
// paths, `node_modules` of the importing file's folders and the root, and Foundry's `lib/`.
import { posix } from 'node:path';

/** What the engine needs from the outside world; it does no I/O of its own. */
export interface SourceHost {
  /** The file's text, or undefined when there is no such file. */
  readFile(path: string): string | undefined;
  /** Cheaper than reading, when the host can tell; defaults to `readFile(path) !== undefined`. */
  exists?(path: string): boolean;
}

/** `[context:]prefix=target` as solc reads it. */
export interface Remapping {
  context: string;
  prefix: string;
  target: string;
}

export interface ImportContext {
  /** Absolute folder that non-relative imports and relative remapping targets are taken against. */
  root?: string;
  remappings?: Remapping[];
  /** Further folders to try non-relative imports in (solc's --include-path). */
  includePaths?: string[];
  exists(path: string): boolean;
}

/** Parses remapping lines (`remappings.txt`, foundry.toml's list); blank lines and `#` comments are skipped. */
export function parseRemappings(lines: Iterable<string>): Remapping[] {
  const out: Remapping[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const left = line.slice(0, eq);
    const colon = left.indexOf(':');
    const context = colon >= 0 ? left.slice(0, colon) : '';
    const prefix = colon >= 0 ? left.slice(colon + 1) : left;
    if (!prefix) continue;
    out.push({ context, prefix, target: line.slice(eq + 1) });
  }
  return out;
}

/** Forward slashes, no `.` or `..` segments, no trailing slash. */
export function normalizePath(p: string): string {
  // The models ask it of the same few hundred paths on every question about another file's node.
  let n = normalized.get(p);
  if (n === undefined) {
    n = posix.normalize(p.replace(/\\/g, '/'));
    if (n.length > 1 && n.endsWith('/')) n = n.slice(0, -1);
    if (normalized.size >= MAX_NORMALIZED) normalized.clear();
    normalized.set(p, n);
  }
  return n;
}

/** Paths remembered by normalizePath; past this it starts over (a server runs for days over many files). */
const MAX_NORMALIZED = 4096;
const normalized = new Map<string, string>();

/** The file an import path leads to, or undefined when none of the candidates exists. */
export function resolveImportPath(importPath: string, fromFile: string, ctx: ImportContext): string | undefined {
  for (const candidate of importCandidates(importPath, fromFile, ctx)) if (ctx.exists(candidate)) return candidate;
  return undefined;
}

/** Every place the import could be, most likely first. */
export function importCandidates(importPath: string, fromFile: string, ctx: ImportContext): string[] {
  const path = importPath.replace(/\\/g, '/');
  const from = normalizePath(fromFile);
  const dir = posix.dirname(from);
  if (path.startsWith('./') || path.startsWith('../')) return [normalizePath(posix.join(dir, path))];
  const out: string[] = [];
  const root = ctx.root ? normalizePath(ctx.root) : undefined;
  const absolute = (p: string) => normalizePath(posix.isAbsolute(p) || /^[A-Za-z]:\//.test(p) || !root ? p : posix.join(root, p));
  const remapped = remap(path, from, root, ctx.remappings ?? []);
  if (remapped !== undefined) out.push(absolute(remapped));
  if (posix.isAbsolute(path)) out.push(normalizePath(path));
  if (root) out.push(normalizePath(posix.join(root, path)));
  for (const inc of ctx.includePaths ?? []) out.push(absolute(posix.join(inc, path)));
  for (let d = dir; ; d = posix.dirname(d)) {
    out.push(normalizePath(posix.join(d, 'node_modules', path)));
    if (d === posix.dirname(d) || d === root || d === '.') break;
  }
  if (root) {
    out.push(normalizePath(posix.join(root, 'node_modules', path)));
    out.push(normalizePath(posix.join(root, 'lib', path)));
    // Foundry's automatic remapping `<lib>/=lib/<lib>/src/` for a dependency that keeps its sources in src/.
    const slash = path.indexOf('/');
    if (slash > 0) {
      const lib = posix.join(root, 'lib', path.slice(0, slash));
      out.push(normalizePath(posix.join(lib, 'src', path.slice(slash + 1))), normalizePath(posix.join(lib, 'contracts', path.slice(slash + 1))));
    }
  }
  return [...new Set(out)];
}

/**
 * solc's rule: among remappings whose context is a prefix of the importing file's name, the longest context
 * wins, then the longest prefix. Contexts and the file are compared relative to the root.
 */
function remap(path: string, from: string, root: string | undefined, remappings: Remapping[]): string | undefined {
  const fromRel = root && from.startsWith(root + '/') ? from.slice(root.length + 1) : from;
  let best: Remapping | undefined;
  for (const r of remappings) {
    if (!path.startsWith(r.prefix)) continue;
    if (r.context && !fromRel.startsWith(r.context) && !from.startsWith(r.context)) continue;
    if (!best || r.context.length > best.context.length || (r.context.length === best.context.length && r.prefix.length > best.prefix.length)) best = r;
  }
  return best ? best.target + path.slice(best.prefix.length) : undefined;
}
