// Project-aware defaults: what a scan covers on a Foundry and a Hardhat layout, read from their configuration
// (never executed), and the opt-ins that bring tests, scripts, mocks and dependencies back.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { collectFiles, describeLeftOut } from '../../server/src/project/files';
import { FileClassifier, findProjectRoot, hardhatPaths, readLayout } from '../../server/src/project/layout';
import { foundryProfile } from '../../server/src/project/remappings';
import { makeTree, ROOT, runCli, removeBundle } from './cli-helpers';

const FOUNDRY = join(ROOT, 'test', 'fixtures', 'layouts', 'foundry');
const HARDHAT = join(ROOT, 'test', 'fixtures', 'layouts', 'hardhat');
after(removeBundle);

function rel(root: string, files: string[]): string[] {
  return files.map((f) => relative(root, f).split('\\').join('/'));
}

function withProfile<T>(profile: string | undefined, fn: () => T): T {
  const before = process.env.FOUNDRY_PROFILE;
  if (profile === undefined) delete process.env.FOUNDRY_PROFILE;
  else process.env.FOUNDRY_PROFILE = profile;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.FOUNDRY_PROFILE;
    else process.env.FOUNDRY_PROFILE = before;
  }
}

test('foundry.toml profiles: the selected profile inherits what it does not set from [profile.default]', () => {
  const text = '[profile.default]\nsrc = "src"\ntest = "tests"\nlibs = ["lib"]\n[profile.ci]\nsrc = "contracts"\n';
  assert.deepEqual(foundryProfile(text, 'default'), { profile: 'default', remappings: [], libs: ['lib'], src: 'src', test: 'tests', script: undefined });
  assert.deepEqual(foundryProfile(text, 'ci'), { profile: 'ci', remappings: [], libs: ['lib'], src: 'contracts', test: 'tests', script: undefined });
  assert.equal(
    withProfile('ci', () => foundryProfile(text).src),
    'contracts',
  );
  assert.equal(foundryProfile('src = [broken', 'default').src, undefined);
});

test('the Foundry layout: sources, tests, scripts, libs, Soldeer dependencies/ and remapped vendor folders', () => {
  const layout = withProfile(undefined, () => readLayout(FOUNDRY));
  assert.equal(layout.kind, 'foundry');
  assert.equal(layout.sources, 'src');
  assert.deepEqual(layout.tests, ['test']);
  assert.deepEqual(layout.scripts, ['script']);
  for (const d of ['lib', 'dependencies', 'node_modules', 'vendor/solady/src', 'dependencies/forge-std-1.9.4/src'])
    assert.ok(layout.dependencies.includes(d), d);
});

test('a default scan of a Foundry project covers only its product sources, and says what it left out', () => {
  const r = withProfile(undefined, () => collectFiles(['.'], { cwd: FOUNDRY }));
  assert.deepEqual(rel(FOUNDRY, r.files), ['src/Vault.sol', 'src/tokens/Token.sol']);
  // src/test/... is solmate's layout: tests inside the sources folder.
  assert.deepEqual({ ...r.leftOut, sourceFolders: undefined }, { test: 4, script: 1, mock: 1, dependency: 3, outside: 1, sourceFolders: undefined });
  assert.deepEqual(r.leftOut.sourceFolders, ['src/ of foundry.toml']);
  assert.equal(
    describeLeftOut(r.leftOut),
    'left out 6 test, script and mock files (--include-tests), 3 dependency files (--include-deps) and 1 file outside the sources folder src/ of foundry.toml (name a folder to scan it); or in .hindsight/config.yaml: scan: { tests: true, dependencies: true }',
  );
});

test('--include-tests and --include-deps bring back what the defaults leave out', () => {
  const tests = withProfile(undefined, () => collectFiles(['.'], { cwd: FOUNDRY, tests: true }));
  assert.deepEqual(rel(FOUNDRY, tests.files), [
    'script/Deploy.s.sol',
    'src/Vault.sol',
    'src/mocks/PriceFeed.sol',
    'src/test/VaultInvariants.sol',
    'src/test/utils/mocks/MockERC20.sol',
    'src/tokens/Token.sol',
    'test/Vault.t.sol',
    'test/helpers/Setup.sol',
  ]);
  const deps = withProfile(undefined, () => collectFiles(['.'], { cwd: FOUNDRY, dependencies: true }));
  assert.deepEqual(rel(FOUNDRY, deps.files), [
    'dependencies/forge-std-1.9.4/src/Vm.sol',
    'lib/forge-std/src/Test.sol',
    'src/Vault.sol',
    'src/tokens/Token.sol',
    'vendor/solady/src/SafeTransferLib.sol',
  ]);
  assert.equal(describeLeftOut({ ...deps.leftOut, test: 0, script: 0, mock: 0, outside: 0 }), undefined);
});

test('FOUNDRY_PROFILE selects the profile whose src is scanned', () => {
  const r = withProfile('legacy', () => collectFiles(['.'], { cwd: FOUNDRY }));
  assert.deepEqual(rel(FOUNDRY, r.files), ['contracts/LegacyVault.sol']);
  assert.deepEqual(r.leftOut.sourceFolders, ['contracts/ of foundry.toml']);
});

test('a folder named on the command line is scanned for what it is; inside it the other defaults apply', () => {
  withProfile(undefined, () => {
    assert.deepEqual(rel(FOUNDRY, collectFiles(['test'], { cwd: FOUNDRY }).files), ['test/Vault.t.sol', 'test/helpers/Setup.sol']);
    // solmate's src/test: its tests are asked for, the mocks below it are still left out.
    const srcTest = collectFiles(['src/test'], { cwd: FOUNDRY });
    assert.deepEqual(rel(FOUNDRY, srcTest.files), ['src/test/VaultInvariants.sol']);
    assert.equal(srcTest.leftOut.mock, 1);
    assert.deepEqual(rel(FOUNDRY, collectFiles(['contracts'], { cwd: FOUNDRY }).files), ['contracts/LegacyVault.sol']);
    assert.deepEqual(rel(FOUNDRY, collectFiles(['src/tokens'], { cwd: FOUNDRY }).files), ['src/tokens/Token.sol']);
    // A file named explicitly is always scanned.
    assert.deepEqual(rel(FOUNDRY, collectFiles(['test/Vault.t.sol'], { cwd: FOUNDRY }).files), ['test/Vault.t.sol']);
  });
});

test('the Hardhat layout: paths.sources and paths.tests read from the config text', () => {
  const layout = readLayout(HARDHAT);
  assert.equal(layout.kind, 'hardhat');
  assert.equal(layout.configFile, 'hardhat.config.ts');
  assert.equal(layout.sources, 'src');
  assert.deepEqual(layout.tests, ['test']);
  const r = collectFiles(['.'], { cwd: HARDHAT });
  assert.deepEqual(rel(HARDHAT, r.files), ['src/Pool.sol']);
  assert.deepEqual({ ...r.leftOut, sourceFolders: undefined }, { test: 2, script: 1, mock: 1, dependency: 0, outside: 1, sourceFolders: undefined });
});

test('Hardhat configs are read conservatively: string literals in paths only, comments and computed values ignored', () => {
  assert.deepEqual(hardhatPaths('module.exports = { paths: { sources: "./src", tests: \'./t\' } };'), { sources: './src', tests: './t' });
  assert.deepEqual(hardhatPaths('// paths: { sources: "./wrong" }\nmodule.exports = { solidity: "0.8.0" };'), {});
  assert.deepEqual(hardhatPaths('/* paths: { sources: "x" } */ export default { paths: { sources: path.join(__dirname, "src") } };'), {
    sources: undefined,
    tests: undefined,
  });
  // Hardhat 3: tests is an object per test runner; sources nested under it are not the product folder.
  assert.deepEqual(hardhatPaths('export default { paths: { tests: { solidity: "./test/sol" }, sources: "./contracts" } };'), {
    sources: './contracts',
    tests: undefined,
  });
  assert.deepEqual(hardhatPaths('export default { solidity: "0.8.0" };'), {});
});

test('the project root of a folder: nearest foundry.toml, Hardhat config or package.json', () => {
  assert.equal(findProjectRoot(join(FOUNDRY, 'src', 'tokens')), FOUNDRY);
  assert.equal(findProjectRoot(join(ROOT, 'node_modules', 'solmate', 'src')), join(ROOT, 'node_modules', 'solmate'));
  // An npm package is a project of its own: its tests and mocks are left out, though it sits in node_modules.
  const solmate = new FileClassifier(join(ROOT, 'node_modules', 'solmate'));
  assert.equal(solmate.roleOf(join(ROOT, 'node_modules', 'solmate', 'src', 'tokens', 'ERC20.sol')), 'source');
  assert.equal(solmate.roleOf(join(ROOT, 'node_modules', 'solmate', 'src', 'test', 'ERC20.t.sol')), 'test');
  assert.equal(solmate.roleOf(join(ROOT, 'node_modules', 'solmate', 'src', 'test', 'utils', 'mocks', 'MockERC20.sol')), 'test');
});

test('the CLI reports findings only in product sources by default, and says on standard error what it left out', async () => {
  const def = await runCli(['scan', '.', '--no-config', '--no-cache', '--format', 'json'], { cwd: FOUNDRY, env: { FOUNDRY_PROFILE: undefined } });
  assert.equal(def.code, 1, def.stderr);
  const files = (r: string) => [...new Set((JSON.parse(r) as { findings: Array<{ file: string }> }).findings.map((f) => f.file))].sort();
  assert.deepEqual(files(def.stdout), ['src/Vault.sol', 'src/tokens/Token.sol']);
  assert.match(def.stderr, /left out 6 test, script and mock files \(--include-tests\), 3 dependency files \(--include-deps\)/);
  assert.equal(def.stderr.split('\n').filter((l) => l.includes('left out')).length, 1);

  const all = await runCli(['scan', '.', '--no-config', '--no-cache', '--format', 'json', '--include-tests', '--include-deps'], {
    cwd: FOUNDRY,
    env: { FOUNDRY_PROFILE: undefined },
  });
  assert.equal(files(all.stdout).length, 11);
  assert.match(all.stderr, /left out 1 file outside the sources folder src\//);

  const hardhat = await runCli(['scan', '--no-config', '--no-cache', '--format', 'json'], { cwd: HARDHAT });
  assert.deepEqual(files(hardhat.stdout), ['src/Pool.sol']);
});

test('.hindsight/config.yaml scan: { tests, dependencies } asks for the same as the flags', async () => {
  const dir = makeTree({
    'foundry.toml': '[profile.default]\nsrc = "src"\n',
    'src/A.sol': 'contract A { function f() external { require(tx.origin == address(0)); } }\n',
    'test/A.t.sol': 'contract T { function f() external { require(tx.origin == address(0)); } }\n',
    'lib/dep/src/D.sol': 'contract D { function f() external { require(tx.origin == address(0)); } }\n',
    '.hindsight/config.yaml': 'scan:\n  tests: true\n  dependencies: true\n',
  });
  try {
    const r = await runCli(['scan', '--no-cache', '--format', 'json'], { cwd: dir });
    assert.doesNotMatch(r.stderr, /left out|error/, r.stderr);
    const files = [...new Set((JSON.parse(r.stdout) as { findings: Array<{ file: string }> }).findings.map((f) => f.file))].sort();
    assert.deepEqual(files, ['lib/dep/src/D.sol', 'src/A.sol', 'test/A.t.sol']);
    const bad = await runCli(['scan', '--no-cache'], { cwd: makeTreeIn(dir, { '.hindsight/config.yaml': 'scan:\n  test: true\n' }) });
    assert.match(bad.stderr, /Unknown key "test" in scan \(did you mean "tests"\?\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function makeTreeIn(dir: string, files: Record<string, string>): string {
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(dir, rel), text);
  return dir;
}
