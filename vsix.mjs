// `npm run vsix`: packages the VS Code extension from a staging copy of what it ships (.vscodeignore), with the
// manifest renamed. package.json is the npm package `hindsight-solidity` (the CLI and language server; the npm name
// `hindsight` belongs to another project), but the extension id is `publisher.name`, and the published extension
// keeps the id `hindsight.hindsight`. vsce also refuses a `files` list next to a .vscodeignore, so the staged
// manifest drops `files` (and `bin`, which only npm reads).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';

const root = dirname(fileURLToPath(import.meta.url));
const stage = mkdtempSync(join(tmpdir(), 'hindsight-vsix-'));
const out = join(root, 'dist', 'hindsight.vsix');
const EXTENSION_NAME = 'hindsight';

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { files: _files, bin: _bin, ...rest } = manifest;
const staged = { ...rest, name: EXTENSION_NAME };

// What .vscodeignore lets through, copied file by file, read the way vsce reads it: a file is left out when a
// pattern matches it and no `!pattern` does (no gitignore parent-folder rule), and `dir` also means `dir/**`.
const lines = readFileSync(join(root, '.vscodeignore'), 'utf8')
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const withFolders = (list) => [...list, ...list.filter((p) => !/(^|\/)[^/]*\*[^/]*$/.test(p)).map((p) => (p.endsWith('/') ? `${p}**` : `${p}/**`))];
const ignored = picomatch(withFolders(lines.filter((l) => !l.startsWith('!'))), { dot: true });
const kept = picomatch(withFolders(lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1))), { dot: true });
const candidates = ['README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'dist', 'server', 'snippets', 'client'];
let copied = 0;
for (const top of candidates) {
  if (!existsSync(join(root, top))) continue;
  cpSync(join(root, top), join(stage, top), {
    recursive: true,
    filter: (src) => {
      const rel = src
        .slice(root.length + 1)
        .split('\\')
        .join('/');
      if (rel.endsWith('.vsix')) return false;
      // Folders are entered so that files re-included below them (`!dist/cli.js`) are reached.
      if (statSync(src).isDirectory()) return true;
      const keep = rel === '.vscodeignore' || !ignored(rel) || kept(rel);
      if (keep) copied++;
      return keep;
    },
  });
}
// The extension's page shows client/README.md (what the extension does, its commands and settings), not the
// developers' README (building, testing) with links to files the .vsix does not contain.
cpSync(join(root, 'client', 'README.md'), join(stage, 'README.md'));
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);

const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', out], { cwd: stage, stdio: 'inherit' });
if (r.status === 0) rmSync(stage, { recursive: true, force: true });
else console.error(`vsce failed; the staged files (${copied}) are in ${stage}`);
process.exit(r.status ?? 1);
