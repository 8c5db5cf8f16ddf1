// The npm package as users get it: `npm pack` of this checkout, then `npx` and `npm install` of the tarball in an
// empty folder with no package.json, the way a Foundry repository runs it. The package has no runtime
// dependencies (dist/cli.js bundles them), so installing it needs no registry: each install gets a fresh, empty
// npm cache and still works.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
  private?: boolean;
};
/**
 * Measured at 1.46 MB packed, 8.6 MB unpacked, 107 files (0.1.0: two bundles of ~4.2 MB each, the built-in pack
 * and its tests). The bounds leave room for growth, and fail on what must never ship: source maps (+7 MB each),
 * an inline-source-map build (13 MB server bundle) or node_modules.
 */
const MAX_PACKED = 3 * 1024 * 1024;
const MAX_UNPACKED = 12 * 1024 * 1024;
const MAX_FILES = 400;

const VULNERABLE = 'pragma solidity ^0.8.20;\ncontract H {\n    function a(address o) external view returns (bool) { return tx.origin == o; }\n}\n';

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: Array<{ path: string; size: number }>;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let temp = '';
let tarball = '';
let packed: PackResult;

function run(command: string, args: string[], cwd: string) {
  // A fresh cache per run: nothing may come from the registry or from an earlier install.
  const env = {
    ...process.env,
    npm_config_cache: join(temp, 'cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    NO_COLOR: '1',
  };
  const started = Date.now();
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', shell: process.platform === 'win32' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

before(() => {
  temp = mkdtempSync(join(tmpdir(), 'hindsight-tarball-'));
  // The release bundles, built the way `prepack` builds them (test builds elsewhere may have left others in dist/).
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const out = execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', temp], {
    cwd: ROOT,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  packed = (JSON.parse(out) as PackResult[])[0];
  tarball = join(temp, packed.filename);
});

after(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('the npm package', () => {
  test('is hindsight-solidity, publishable, with the hindsight command and no runtime dependencies', () => {
    assert.equal(manifest.name, 'hindsight-solidity', 'the npm name "hindsight" belongs to an unrelated package');
    assert.notEqual(manifest.private, true);
    // `hindsight` once installed; `hindsight-solidity` so that `npx hindsight-solidity <command>` (the documented
    // form, which never falls back to the unrelated npm package `hindsight`) finds its command by name.
    assert.deepEqual(manifest.bin, { hindsight: 'server/bin/hindsight.js', 'hindsight-solidity': 'server/bin/hindsight.js' });
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'dist/cli.js bundles everything it runs');
  });

  test('no documented command runs the unrelated npm package `hindsight`', () => {
    const docs = ['README.md', 'action.yml', '.pre-commit-hooks.yaml', ...readdirSync(join(ROOT, 'docs')).map((f) => `docs/${f}`)].filter((f) =>
      /\.(md|ya?ml)$/.test(f),
    );
    const commands = /\bnpx +(-y +|--yes +)?hindsight +(scan|rules|explain|pack|lsp|baseline|deployed|review|help|-)|'npx', *'hindsight'/;
    const offenders = docs.flatMap((f) =>
      readFileSync(join(ROOT, f), 'utf8')
        .split('\n')
        .map((line, i) => [`${f}:${i + 1}`, line] as const)
        .filter(([, line]) => commands.test(line))
        .map(([where]) => where),
    );
    assert.deepEqual(offenders, []);
  });

  test('holds the bundles, the built-in pack and its tests, and nothing else', () => {
    const paths = packed.files.map((f) => f.path).sort();
    for (const needed of [
      'package.json',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/server/server.js',
      'dist/builtin-packs.json',
      'server/bin/hindsight.js',
      'server/packs/pack.schema.json',
      'server/packs/config.schema.json',
      'server/packs/hindsight-core/pack.yaml',
    ]) {
      assert.ok(paths.includes(needed), `${needed} is in the package`);
    }
    assert.ok(
      paths.some((p) => p.startsWith('server/packs/hindsight-core/tests/')),
      'the built-in tests ship (explain shows them)',
    );
    const unwanted = paths.filter((p) => /^(test|server\/src|client|node_modules|docs)\//.test(p) || p.endsWith('.map') || p.endsWith('.ts'));
    assert.deepEqual(unwanted, []);
    assert.ok(packed.size < MAX_PACKED, `packed ${packed.size} bytes, bound ${MAX_PACKED}`);
    assert.ok(packed.unpackedSize < MAX_UNPACKED, `unpacked ${packed.unpackedSize} bytes, bound ${MAX_UNPACKED}`);
    assert.ok(packed.entryCount < MAX_FILES, `${packed.entryCount} files, bound ${MAX_FILES}`);
    console.log(`# tarball: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`);
  });

  test('runs with npx from an empty folder with no package.json', () => {
    const dir = join(temp, 'npx');
    mkdirSync(dir);
    writeFileSync(join(dir, 'Vault.sol'), VULNERABLE);
    const version = run(npx, ['--yes', '--package', tarball, 'hindsight', '--version'], dir);
    assert.equal(version.code, 0, version.stderr);
    assert.equal(version.stdout.trim(), manifest.version);
    const scan = run(npx, ['--yes', '--package', tarball, 'hindsight-solidity', 'scan', '.'], dir);
    assert.equal(scan.code, 1, scan.stderr);
    assert.match(scan.stdout, /^Vault\.sol:3:\d+ +high +HS-ACCESS-001 /m);
    console.log(`# npx: --version in ${version.ms} ms (install included), scan in ${scan.ms} ms`);
  });

  test('installs with npm (no registry needed) and runs as hindsight and hindsight-solidity', () => {
    const dir = join(temp, 'install');
    mkdirSync(dir);
    writeFileSync(join(dir, 'Vault.sol'), VULNERABLE);
    const install = run(npm, ['install', '--no-save', '--offline', tarball], dir);
    assert.equal(install.code, 0, install.stderr);
    assert.doesNotMatch(install.stderr, /install scripts/, 'nothing runs at install time');
    for (const bin of ['hindsight', 'hindsight-solidity']) {
      const version = run(npx, ['--no-install', bin, '--version'], dir);
      assert.equal(version.stdout.trim(), manifest.version, version.stderr);
    }
    const scan = run(npx, ['--no-install', 'hindsight', 'scan', 'Vault.sol', '--format', 'json'], dir);
    assert.equal(scan.code, 1, scan.stderr);
    const report = JSON.parse(scan.stdout) as { findings: Array<{ id: string; file: string }>; packs: Array<{ name: string }> };
    assert.deepEqual(
      report.findings.map((f) => [f.file, f.id]),
      [['Vault.sol', 'HS-ACCESS-001']],
    );
    assert.deepEqual(
      report.packs.map((p) => p.name),
      ['hindsight-core'],
    );
    console.log(`# npm install --offline of the tarball: ${install.ms} ms`);
  });
});
