// Restricted Mode in the pack resolution both the editor and the Pack Sources view use: only the built-in packs and
// absolute settings paths are read; the workspace's packs, npm packages, config file and relative paths are listed
// as `restricted` and never opened (a broken config file raises no problem, a URL is not even seen).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadBuiltinPacks } from '../../server/src/packs/load';
import { resolvePackSources } from '../../server/src/packs/sources';
import { packYaml, tempDir, write } from './team-helpers';

test('Restricted Mode: built-in packs and absolute settings paths run; the workspace is listed, not read', async () => {
  const ws = tempDir('hindsight-restricted-');
  write(path.join(ws, '.hindsight', 'packs', 'team', 'pack.yaml'), packYaml('team', '1.0.0', ['TEAM-001']));
  write(path.join(ws, 'node_modules', 'hindsight-pack-acme', 'pack.yaml'), packYaml('acme', '1.0.0', ['ACME-001']));
  write(path.join(ws, 'node_modules', 'hindsight-pack-acme', 'package.json'), '{"name":"hindsight-pack-acme"}');
  // Not even valid YAML: in Restricted Mode it is not parsed, so it raises nothing.
  write(path.join(ws, '.hindsight', 'config.yaml'), 'sources: [ { url: https://example.com/p.yaml, sha256: 00 }\n  : : :\n');
  write(path.join(ws, 'local-pack', 'pack.yaml'), packYaml('local', '1.0.0', ['LOCAL-001']));
  const outside = tempDir('hindsight-user-pack-');
  write(path.join(outside, 'pack.yaml'), packYaml('user', '1.0.0', ['USER-001']));

  const builtins = loadBuiltinPacks();
  const r = await resolvePackSources({ workspaceFolder: ws, trusted: false, restricted: true, builtinPacks: builtins, settingsPaths: ['local-pack', outside] });

  assert.deepEqual(
    r.packs.map((p) => p.info.name),
    [...builtins.map((p) => p.info.name), 'user'],
  );
  assert.equal(r.config.file, '', 'the config file is not read');
  assert.deepEqual(
    r.problems.filter((p) => p.file.includes(ws)),
    [],
  );
  const status = (location: string) => r.sources.find((s) => s.location === location)?.status;
  assert.equal(status(path.join(ws, '.hindsight', 'packs', 'team')), 'restricted');
  assert.equal(status('hindsight-pack-acme'), 'restricted');
  assert.equal(status(path.join(ws, '.hindsight', 'config.yaml')), 'restricted');
  assert.equal(status(path.join(ws, 'local-pack')), 'restricted');
  assert.equal(status(outside), 'loaded');
  assert.ok(!r.sources.some((s) => s.kind === 'url'), 'URL sources of the config are not even seen');

  // The same workspace, trusted: everything is read (the broken config is reported).
  const trusted = await resolvePackSources({
    workspaceFolder: ws,
    trusted: true,
    allowNetwork: false,
    builtinPacks: builtins,
    settingsPaths: ['local-pack', outside],
  });
  for (const name of ['team', 'acme', 'local', 'user'])
    assert.ok(
      trusted.packs.some((p) => p.info.name === name),
      name,
    );
  assert.ok(!trusted.sources.some((s) => s.status === 'restricted'));
  assert.ok(
    trusted.problems.some((p) => p.file.endsWith('config.yaml')),
    'the config file is read when trusted',
  );
});
