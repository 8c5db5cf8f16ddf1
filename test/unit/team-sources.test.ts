import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadPackText } from '../../server/src/packs/load';
import { discoverNpmPacks, resolvePackSources } from '../../server/src/packs/sources';
import { FIXTURES, packYaml, tempDir, write } from './team-helpers';

function workspace(): string {
  return tempDir('hindsight-ws-');
}

function installNpm(ws: string, name: string, from: string): string {
  const dest = path.join(ws, 'node_modules', ...name.split('/'));
  fs.cpSync(from, dest, { recursive: true });
  return dest;
}

test('npm: hindsight-pack-* and @scope/hindsight-pack-* in node_modules are loaded as data, never executed', async () => {
  const ws = workspace();
  installNpm(ws, 'hindsight-pack-acme', path.join(FIXTURES, 'npm-pack'));
  const scoped = path.join(ws, 'node_modules', '@corp', 'hindsight-pack-rules');
  write(path.join(scoped, 'package.json'), JSON.stringify({ name: '@corp/hindsight-pack-rules', version: '1.0.0', main: 'index.js' }));
  write(path.join(scoped, 'index.js'), 'globalThis.__hindsightPackExecuted = true;');
  write(path.join(scoped, 'pack.yaml'), packYaml('corp-rules', '1.0.0', ['CORP-001']));
  // Not a pack by name: ignored even though it holds a pack file.
  write(path.join(ws, 'node_modules', 'lodash', 'package.json'), '{"name":"lodash"}');
  write(path.join(ws, 'node_modules', 'lodash', 'pack.yaml'), packYaml('lodash', '1.0.0', ['LO-001']));

  assert.deepEqual(discoverNpmPacks(ws), ['@corp/hindsight-pack-rules', 'hindsight-pack-acme']);
  const r = await resolvePackSources({ workspaceFolder: ws, trusted: true, includeBuiltin: false });
  assert.deepEqual(
    r.packs.map((p) => p.info.name),
    ['corp-rules', 'acme'],
  );
  assert.deepEqual(
    r.packs[1].findings.map((f) => f.id),
    ['ACME-001', 'ACME-002'],
  );
  assert.deepEqual(
    r.sources.map((s) => [s.kind, s.location, s.declaredIn, s.status, s.pack?.name, s.pack?.version]),
    [
      ['npm', '@corp/hindsight-pack-rules', 'node_modules', 'loaded', 'corp-rules', '1.0.0'],
      ['npm', 'hindsight-pack-acme', 'node_modules', 'loaded', 'acme', '2.1.0'],
    ],
  );
  assert.deepEqual(r.problems, []);
  assert.equal((globalThis as { __hindsightPackExecuted?: boolean }).__hindsightPackExecuted, undefined);
  assert.equal(fs.existsSync(path.join(ws, 'node_modules', 'hindsight-pack-acme', 'PWNED')), false);
});

test('npm: packages named in settings or config load from node_modules (also a parent folder), missing ones are reported where declared', async () => {
  const root = workspace();
  const ws = path.join(root, 'packages', 'contracts');
  fs.mkdirSync(ws, { recursive: true });
  // Hoisted install in a monorepo root; the name does not follow the hindsight-pack-* convention.
  const pkg = path.join(root, 'node_modules', 'audit-lessons');
  write(path.join(pkg, 'package.json'), JSON.stringify({ name: 'audit-lessons', hindsight: { pack: 'pack/pack.yaml' } }));
  write(path.join(pkg, 'pack', 'pack.yaml'), packYaml('audit-lessons', '3.0.0', ['AL-001']));
  write(path.join(ws, '.hindsight', 'config.yaml'), 'sources:\n  - npm: not-installed-pack\n');

  const r = await resolvePackSources({ workspaceFolder: ws, trusted: true, includeBuiltin: false, npmPackages: ['audit-lessons'] });
  assert.deepEqual(
    r.packs.map((p) => p.info.name),
    ['audit-lessons'],
  );
  const missing = r.sources.find((s) => s.location === 'not-installed-pack')!;
  assert.equal(missing.status, 'error');
  assert.match(missing.message!, /not installed/);
  const problem = r.problems.find((p) => /not-installed-pack/.test(p.message))!;
  assert.equal(problem.file, path.join(ws, '.hindsight', 'config.yaml'));
  assert.equal(problem.range.start.line, 1);
  assert.equal(problem.range.start.character, 4);
});

test('npm: "hindsight.pack" may not point outside its package', async () => {
  const ws = workspace();
  write(path.join(ws, 'secret', 'pack.yaml'), packYaml('secret', '1.0.0', ['SEC-001']));
  const pkg = path.join(ws, 'node_modules', 'hindsight-pack-evil');
  write(path.join(pkg, 'package.json'), JSON.stringify({ name: 'hindsight-pack-evil', hindsight: { pack: '../../secret' } }));
  const r = await resolvePackSources({ workspaceFolder: ws, trusted: true, includeBuiltin: false });
  assert.deepEqual(r.packs, []);
  assert.match(r.sources[0].message!, /points outside the package/);
});

test('workspace folders: .hindsight/packs/*/ and config paths; settings paths (relative, absolute)', async () => {
  const ws = workspace();
  fs.cpSync(path.join(FIXTURES, 'folder-pack'), path.join(ws, '.hindsight', 'packs', 'team'), { recursive: true });
  write(path.join(ws, '.hindsight', 'packs', 'notes', 'README.md'), 'not a pack: no pack file');
  write(path.join(ws, 'audits', 'shared', 'pack.yaml'), packYaml('shared', '1.0.0', ['SH-001']));
  write(path.join(ws, '.hindsight', 'config.yaml'), 'sources:\n  - path: audits/shared\n');
  const elsewhere = tempDir('hindsight-user-');
  write(path.join(elsewhere, 'pack.json'), JSON.stringify({ name: 'user-abs', version: '1.0.0', findings: [] }));
  write(path.join(ws, 'mine', 'pack.yaml'), packYaml('user-rel', '0.1.0', ['MY-001']));

  const r = await resolvePackSources({ workspaceFolder: ws, trusted: true, includeBuiltin: false, settingsPaths: ['mine', elsewhere] });
  assert.deepEqual(
    r.sources.map((s) => [s.kind, s.declaredIn, s.pack?.name, s.status]),
    [
      ['workspace', '.hindsight/packs', 'team-lessons', 'loaded'],
      ['workspace', '.hindsight/config.yaml', 'shared', 'loaded'],
      ['settings', 'settings', 'user-rel', 'loaded'],
      ['settings', 'settings', 'user-abs', 'loaded'],
    ],
  );
  assert.deepEqual(
    r.packs.map((p) => p.info.name),
    ['team-lessons', 'shared', 'user-rel', 'user-abs'],
  );
});

test('a settings path that does not exist is an error source, the others still load', async () => {
  const ws = workspace();
  write(path.join(ws, '.hindsight', 'packs', 'a', 'pack.yaml'), packYaml('a', '1.0.0', ['A-001']));
  const r = await resolvePackSources({ workspaceFolder: ws, trusted: true, includeBuiltin: false, settingsPaths: ['nope/pack'] });
  assert.deepEqual(
    r.packs.map((p) => p.info.name),
    ['a'],
  );
  assert.equal(r.sources[1].status, 'error');
  assert.match(r.sources[1].message!, /Pack path not found: .*nope/);
});

test('precedence: built-in > npm > workspace > settings; a shadowed pack is named in a warning in its own file', async () => {
  const ws = workspace();
  const builtin = loadPackText(packYaml('core', '1.0.0', ['CORE-001']), '/builtin/core/pack.yaml');
  installNpm(ws, 'hindsight-pack-acme', path.join(FIXTURES, 'npm-pack'));
  const wsCore = write(path.join(ws, '.hindsight', 'packs', 'core', 'pack.yaml'), packYaml('core', '9.0.0', ['CORE-001']));
  const wsAcme = write(path.join(ws, '.hindsight', 'packs', 'acme', 'pack.yaml'), packYaml('acme', '9.0.0', ['ACME-009']));
  write(path.join(ws, '.hindsight', 'packs', 'team', 'pack.yaml'), packYaml('team', '1.0.0', ['TEAM-001']));
  const userTeam = write(path.join(ws, 'user', 'pack.yaml'), packYaml('team', '2.0.0', ['TEAM-002']));

  const r = await resolvePackSources({ workspaceFolder: ws, trusted: true, builtinPacks: [builtin], settingsPaths: ['user'] });
  assert.deepEqual(
    r.packs.map((p) => `${p.info.name}@${p.info.version}`),
    ['core@1.0.0', 'acme@2.1.0', 'team@1.0.0'],
  );
  const shadowed = r.sources.filter((s) => s.status === 'shadowed').map((s) => [s.kind, s.file]);
  assert.deepEqual(shadowed, [
    ['workspace', wsAcme],
    ['workspace', wsCore],
    ['settings', userTeam],
  ]);
  const warning = r.problems.find((p) => p.file === wsCore)!;
  assert.equal(warning.severity, 'warning');
  assert.match(warning.message, /Pack "core" from .* is not used: the built-in pack core@1\.0\.0 has the same name/);
  assert.match(r.problems.find((p) => p.file === wsAcme)!.message, /npm package hindsight-pack-acme \(acme@2\.1\.0\)/);
});

test('the same pack reached twice (folder and settings path) loads once', async () => {
  const ws = workspace();
  write(path.join(ws, '.hindsight', 'packs', 'a', 'pack.yaml'), packYaml('a', '1.0.0', ['A-001']));
  const r = await resolvePackSources({ workspaceFolder: ws, trusted: true, includeBuiltin: false, settingsPaths: ['.hindsight/packs/a/pack.yaml'] });
  assert.equal(r.packs.length, 1);
  assert.deepEqual(
    r.sources.map((s) => s.status),
    ['loaded', 'duplicate'],
  );
  assert.deepEqual(r.problems, []);
});

test('problems of a loaded pack are passed through with file and position', async () => {
  const ws = workspace();
  write(path.join(ws, '.hindsight', 'packs', 'bad', 'pack.yaml'), 'name: bad\nversion: 1.0.0\nfindings:\n  - id: nope\n');
  const r = await resolvePackSources({ workspaceFolder: ws, trusted: true, includeBuiltin: false });
  assert.ok(r.problems.length > 0);
  assert.ok(r.problems.every((p) => p.file.endsWith(path.join('bad', 'pack.yaml'))));
  assert.equal(r.problems[0].range.start.line, 3);
});

test('the real built-in pack is the first source by default', async () => {
  const r = await resolvePackSources({ trusted: false });
  assert.equal(r.sources[0].kind, 'builtin');
  assert.equal(r.packs[0].info.name, 'hindsight-core');
});
