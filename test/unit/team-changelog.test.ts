import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { diffPackVersions, formatPackChanges, readPackState, snapshotPacks, writePackState } from '../../server/src/packs/changelog';
import { loadPack, loadPackText } from '../../server/src/packs/load';
import { packYaml, tempDir, write } from './team-helpers';

const V1 = packYaml('team', '1.0.0', ['TEAM-001', 'TEAM-002', 'TEAM-003']);
const CHANGELOG = [
  'changelog:',
  '  - version: 1.1.0',
  '    added: [TEAM-004]',
  '    changed: [TEAM-002]',
  '  - version: 1.0.0',
  '    added: [TEAM-001, TEAM-002, TEAM-003]',
].join('\n');

test('first run: nothing to announce; then an upgrade names what is new, changed and removed', () => {
  const dir = tempDir();
  const file = write(path.join(dir, 'team', 'pack.yaml'), V1);
  const before = snapshotPacks([loadPack(file)]);
  assert.deepEqual(diffPackVersions(undefined, [loadPack(file)]), []);
  assert.deepEqual(diffPackVersions(before, [loadPack(file)]), [], 'unchanged pack: nothing');

  // 1.1.0: TEAM-002 is edited (its changelog says so), TEAM-003 dropped, TEAM-004 added.
  write(file, packYaml('team', '1.1.0', ['TEAM-001', { id: 'TEAM-002', severity: 'high' }, 'TEAM-004'], CHANGELOG));
  const changes = diffPackVersions(before, [loadPack(file)]);
  assert.equal(changes.length, 1);
  const c = changes[0];
  assert.deepEqual(
    [c.name, c.kind, c.previousVersion, c.version, c.added, c.changed, c.removed],
    ['team', 'upgraded', '1.0.0', '1.1.0', ['TEAM-004'], ['TEAM-002'], ['TEAM-003']],
  );
  assert.deepEqual(
    c.entries.map((e) => e.version),
    ['1.1.0'],
  );
  assert.deepEqual(formatPackChanges(changes), ['Pack team upgraded 1.0.0 → 1.1.0 — new: TEAM-004; changed: TEAM-002; removed: TEAM-003']);
});

test('an edit without a version bump is still detected (content hash)', () => {
  const a = loadPackText(V1, '/p/team/pack.yaml');
  const b = loadPackText(packYaml('team', '1.0.0', ['TEAM-001', { id: 'TEAM-002', pattern: '$X.other()' }, 'TEAM-003']), '/p/team/pack.yaml');
  const changes = diffPackVersions(snapshotPacks([a]), [b]);
  assert.deepEqual(
    changes.map((c) => [c.kind, c.changed]),
    [['modified', ['TEAM-002']]],
  );
  assert.match(formatPackChanges(changes)[0], /changed without a version bump — changed: TEAM-002/);
});

test('new and removed packs; snapshots from callers without hashes still work via the changelog', () => {
  const team = loadPackText(packYaml('team', '1.1.0', ['TEAM-001', 'TEAM-002', 'TEAM-004'], CHANGELOG), '');
  const old = [
    { name: 'team', version: '1.0.0', findingIds: ['TEAM-001', 'TEAM-002'] },
    { name: 'gone', version: '2.0.0', findingIds: ['G-001'] },
  ];
  const changes = diffPackVersions(old, [team, loadPackText(packYaml('fresh', '0.1.0', ['F-001']), '')]);
  assert.deepEqual(
    changes.map((c) => [c.name, c.kind, c.added, c.changed, c.removed]),
    [
      ['team', 'upgraded', ['TEAM-004'], [], []],
      ['fresh', 'new-pack', ['F-001'], [], []],
      ['gone', 'removed', [], [], ['G-001']],
    ],
  );
  assert.deepEqual(formatPackChanges(changes).slice(1), ['Pack fresh 0.1.0 loaded (1 finding)', 'Pack gone is no longer loaded']);
});

test('the changelog in the pack file says what changed even when hashes are unknown', () => {
  const dir = tempDir();
  const file = write(path.join(dir, 'pack.yaml'), packYaml('team', '1.1.0', ['TEAM-001', 'TEAM-002', 'TEAM-004'], CHANGELOG));
  const changes = diffPackVersions([{ name: 'team', version: '1.0.0', findingIds: ['TEAM-001', 'TEAM-002'] }], [loadPack(file)]);
  assert.deepEqual(changes[0].changed, ['TEAM-002']);
  assert.deepEqual(changes[0].entries, [{ version: '1.1.0', added: ['TEAM-004'], changed: ['TEAM-002'] }]);
});

test('pack state round-trips through .hindsight/pack-state.json; a missing or broken file reads as first run', () => {
  const dir = tempDir();
  const file = path.join(dir, '.hindsight', 'pack-state.json');
  assert.equal(readPackState(file), undefined);
  const snap = snapshotPacks([loadPackText(V1, '')]);
  writePackState(file, snap);
  assert.deepEqual(readPackState(file), snap);
  write(file, '{ not json');
  assert.equal(readPackState(file), undefined);
});

test('an upgrade names the audit reports and post-mortems its new and changed findings are traced to', () => {
  const dir = tempDir();
  const file = write(path.join(dir, 'team', 'pack.yaml'), V1);
  const before = snapshotPacks([loadPack(file)]);
  const [head, tail] = packYaml('team', '1.1.0', ['TEAM-001', { id: 'TEAM-002', severity: 'high' }, 'TEAM-003', 'TEAM-004'], CHANGELOG).split(
    '  - id: TEAM-004',
  );
  const sourced = tail.replace(
    '      - title: t\n        url: https://example.com',
    [
      '      - title: "Contest 2024 #7: spot price"',
      '        url: https://example.com/issues/7',
      '        kind: audit',
      '        finding: "#7"',
      '      - title: An audit named without its finding id',
      '        url: https://example.com/report',
      '        kind: audit',
    ].join('\n'),
  );
  write(file, `${head}  - id: TEAM-004${sourced}`);
  const changes = diffPackVersions(before, [loadPack(file)]);
  assert.deepEqual(changes[0].sources, ['Contest 2024 #7: spot price']);
  assert.deepEqual(formatPackChanges(changes), ['Pack team upgraded 1.0.0 → 1.1.0 — new: TEAM-004; changed: TEAM-002; traced to Contest 2024 #7: spot price']);
});
