import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadPackText, type LoadedPack } from '../../server/src/packs/load';
import { resolvePackSources } from '../../server/src/packs/sources';
import {
  applyWorkspaceConfig,
  editWorkspaceConfig,
  globMatcher,
  loadWorkspaceConfig,
  parseWorkspaceConfig,
  settingsWithConfig,
} from '../../server/src/packs/workspace-config';
import { DEFAULT_SETTINGS } from '../../server/src/shared/protocol';
import { packYaml, tempDir, write } from './team-helpers';

const CONFIG = '/ws/.hindsight/config.yaml';

function packs(): LoadedPack[] {
  return [
    loadPackText(packYaml('core', '1.0.0', ['CORE-001', { id: 'CORE-002', severity: 'low' }, 'SHARED-001']), '/p/core/pack.yaml'),
    loadPackText(packYaml('team', '1.0.0', ['TEAM-001', 'SHARED-001']), '/p/team/pack.yaml'),
    loadPackText(packYaml('noisy', '1.0.0', ['NOISY-001']), '/p/noisy/pack.yaml'),
  ];
}

const ids = (fs: Array<{ id: string; pack: { name: string } }>) => fs.map((f) => `${f.pack.name}/${f.id}`);

test('no config: every finding of every pack runs, nothing is excluded', () => {
  const eff = applyWorkspaceConfig(packs(), loadWorkspaceConfig(tempDir()));
  assert.equal(eff.findings.length, 6);
  assert.equal(eff.isExcluded('src/A.sol'), false);
  assert.deepEqual(eff.problems, []);
});

test('disable packs and single findings, override severities (by id or pack/id), exclude paths', () => {
  const cfg = parseWorkspaceConfig(
    [
      '# team decisions',
      'packs:',
      '  disabled: [noisy]',
      'findings:',
      '  CORE-001:',
      '    enabled: false   # too noisy on our proxies',
      '  CORE-002:',
      '    severity: critical',
      '  SHARED-001:',
      '    severity: high',
      '  team/SHARED-001:',
      '    severity: info',
      '    exclude: ["test/**"]',
      'exclude:',
      '  - lib/**',
      '  - "*.t.sol"',
      '  - node_modules',
      '',
    ].join('\n'),
    CONFIG,
  );
  assert.deepEqual(cfg.problems, []);
  const eff = applyWorkspaceConfig(packs(), cfg);
  assert.deepEqual(ids(eff.findings), ['core/CORE-002', 'core/SHARED-001', 'team/TEAM-001', 'team/SHARED-001']);
  assert.deepEqual(
    eff.findings.map((f) => f.severity),
    ['critical', 'high', 'medium', 'info'],
  );
  assert.deepEqual(eff.disabledFindings, ['core/CORE-001']);
  assert.deepEqual(
    eff.packs.map((p) => [p.name, p.enabled]),
    [
      ['core', true],
      ['team', true],
      ['noisy', false],
    ],
  );
  assert.match(eff.packs[2].reason!, /packs\.disabled/);

  assert.equal(eff.isExcluded('lib/forge-std/Test.sol'), true);
  assert.equal(eff.isExcluded('/ws/lib/x.sol'), true, 'absolute paths are made relative to the workspace');
  assert.equal(eff.isExcluded('src/Token.t.sol'), true, 'a glob without / matches the file name at any depth');
  assert.equal(eff.isExcluded('node_modules/@oz/A.sol'), true, 'a bare folder excludes everything under it');
  assert.equal(eff.isExcluded('src/Token.sol'), false);
  assert.equal(eff.isExcluded('src/lib/Token.sol'), false, '`lib/**` is anchored at the workspace folder');
  assert.deepEqual(eff.findingsFor('lib/A.sol'), []);
  assert.deepEqual(ids(eff.findingsFor('test/A.sol')), ['core/CORE-002', 'core/SHARED-001', 'team/TEAM-001']);
  assert.equal(eff.findingsFor('src/A.sol').length, 4);
});

test('packs.enabled keeps only the listed packs; disabled wins over enabled', () => {
  const cfg = parseWorkspaceConfig('packs:\n  enabled: [team, noisy]\n  disabled: [noisy]\n', CONFIG);
  const eff = applyWorkspaceConfig(packs(), cfg);
  assert.deepEqual(ids(eff.findings), ['team/TEAM-001', 'team/SHARED-001']);
  assert.match(eff.packs[0].reason!, /packs\.enabled/);
});

test('minSeverity applies after overrides', () => {
  const cfg = parseWorkspaceConfig('minSeverity: medium\nfindings:\n  TEAM-001: { severity: low }\n', CONFIG);
  const eff = applyWorkspaceConfig(packs(), cfg);
  assert.deepEqual(ids(eff.findingsFor('a.sol')), ['core/CORE-001', 'core/SHARED-001', 'team/SHARED-001', 'noisy/NOISY-001']);
});

test('names that match no loaded pack or finding are warnings at their line, with a suggestion', () => {
  const cfg = parseWorkspaceConfig('packs:\n  disabled: [team, nosiy]\nfindings:\n  CORE-01:\n    enabled: false\n', CONFIG);
  const eff = applyWorkspaceConfig(packs(), cfg);
  assert.deepEqual(
    eff.problems.map((p) => [p.severity, p.range.start.line, p.range.start.character, p.message]),
    [
      ['warning', 1, 19, 'No loaded pack is named "nosiy" (did you mean "noisy"?)'],
      ['warning', 3, 2, 'No loaded finding has the id "CORE-01" (did you mean "CORE-001"?)'],
    ],
  );
});

test('schema errors: file, line and column; the bad section is dropped, the rest still applies', () => {
  const cfg = parseWorkspaceConfig(
    [
      'exclude: [lib/**]',
      'findings:',
      '  CORE-001:',
      '    severity: urgent',
      'packz:',
      '  disabled: [team]',
      'sources:',
      '  - url: http://x.example/p.yaml',
      '    sha256: abc',
      '',
    ].join('\n'),
    CONFIG,
  );
  const got = cfg.problems.map((p) => [p.file, p.range.start.line, p.range.start.character, p.message]);
  assert.deepEqual(got, [
    [CONFIG, 3, 14, 'findings.CORE-001.severity must be one of critical, high, medium, low, info'],
    [CONFIG, 4, 0, 'Unknown key "packz" (did you mean "packs"?)'],
    [CONFIG, 7, 4, 'sources[0] must be one of {npm: name}, {path: folder} or {url: https://..., sha256: <64 hex>}'],
  ]);
  assert.deepEqual(cfg.config, { exclude: ['lib/**'] });
  assert.ok(cfg.problems.every((p) => p.severity === 'error'));
});

test('a finding key that is not an id, and invalid YAML, are reported with positions and never throw', () => {
  const a = parseWorkspaceConfig('findings:\n  not an id:\n    enabled: false\n', CONFIG);
  assert.equal(a.problems.length, 1);
  assert.match(a.problems[0].message, /"not an id" is not a finding id/);
  assert.equal(a.problems[0].range.start.line, 1);

  const b = parseWorkspaceConfig('exclude: [lib/**\nfindings: {\n', CONFIG);
  assert.ok(b.problems.length > 0);
  assert.match(b.problems[0].message, /^Invalid YAML: /);
  assert.deepEqual(b.config, {});

  const c = parseWorkspaceConfig('- just\n- a list\n', CONFIG);
  assert.match(c.problems[0].message, /must be a mapping/);
});

test('the config file is read from .hindsight/config.yaml and its sources feed resolvePackSources', async () => {
  const ws = tempDir();
  write(path.join(ws, 'vendor', 'pack.yaml'), packYaml('vendor', '1.0.0', ['VEN-001']));
  write(path.join(ws, '.hindsight', 'config.yaml'), 'sources:\n  - path: vendor\nfindings:\n  VEN-001: { severity: critical }\n');
  const r = await resolvePackSources({ workspaceFolder: ws, trusted: true, includeBuiltin: false });
  assert.equal(r.config.file, path.join(ws, '.hindsight', 'config.yaml'));
  const eff = applyWorkspaceConfig(r.packs, r.config);
  assert.deepEqual(
    eff.findings.map((f) => [f.id, f.severity]),
    [['VEN-001', 'critical']],
  );
});

test('editWorkspaceConfig keeps comments and layout, creates the file when missing, writes atomically', () => {
  const ws = tempDir();
  const file = editWorkspaceConfig(ws, [{ disableFinding: 'CORE-001' }, { addExclude: 'lib/**' }]);
  assert.equal(file, path.join(ws, '.hindsight', 'config.yaml'));
  assert.deepEqual(loadWorkspaceConfig(ws).config, { findings: { 'CORE-001': { enabled: false } }, exclude: ['lib/**'] });

  fs.writeFileSync(file, '# Our Hindsight setup\nexclude:\n  - lib/**   # vendored\nfindings:\n  CORE-001:\n    enabled: false\n');
  editWorkspaceConfig(ws, [
    { severity: { finding: 'TEAM-001', severity: 'high' } },
    { enableFinding: 'CORE-001' },
    { disablePack: 'noisy' },
    { addExclude: 'lib/**' },
    { addSource: { url: 'https://example.com/p.yaml', sha256: 'a'.repeat(64) } },
  ]);
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text, /^# Our Hindsight setup\n/);
  assert.match(text, /- lib\/\*\*\s+# vendored/);
  assert.equal(text.match(/lib\/\*\*/g)!.length, 1);
  const cfg = loadWorkspaceConfig(ws);
  assert.deepEqual(cfg.problems, []);
  assert.deepEqual(cfg.config.findings, { 'TEAM-001': { severity: 'high' } });
  assert.deepEqual(cfg.config.packs, { disabled: ['noisy'] });
  assert.equal(cfg.config.sources?.length, 1);
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['config.yaml'], 'no temporary file is left behind');
});

test('globMatcher: gitignore-like globs', () => {
  const m = globMatcher(['./out/', '**/mocks/**', 'test/*.sol']);
  assert.equal(m('out/A.sol'), true);
  assert.equal(m('src/mocks/M.sol'), true);
  assert.equal(m('test/A.sol'), true);
  assert.equal(m('test/deep/A.sol'), false);
  assert.equal(m('../outside/out/A.sol'), false);
  assert.equal(m('.hidden/mocks/A.sol'), true);
});

test('settingsWithConfig: editor settings can only be stricter than the committed config', () => {
  const base = { ...DEFAULT_SETTINGS, exclude: ['out/**'], minSeverity: 'info' as const, packs: { enabled: [], disabled: ['a'], paths: ['p'] } };
  const merged = settingsWithConfig(base, { exclude: ['lib', '*.t.sol'], packs: { enabled: ['core', 'team'], disabled: ['b'] }, minSeverity: 'low' });
  assert.deepEqual(merged.exclude, ['out/**', '**/lib', '**/lib/**', '**/*.t.sol', '**/*.t.sol/**']);
  assert.deepEqual(merged.packs, { enabled: ['core', 'team'], disabled: ['a', 'b'], paths: ['p'] });
  assert.equal(merged.minSeverity, 'low');
  const narrowed = settingsWithConfig(
    { ...base, minSeverity: 'high', packs: { ...base.packs, enabled: ['team', 'x'] } },
    { packs: { enabled: ['core', 'team'] }, minSeverity: 'low' },
  );
  assert.deepEqual(narrowed.packs.enabled, ['team']);
  assert.equal(narrowed.minSeverity, 'high');
});
