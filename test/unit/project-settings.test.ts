// The `project` filter's facts: a project's build configuration read as text (engine/project-settings.ts), from
// disk (project/build-settings.ts), and HS-L2-003 over fixture projects scanned the way the CLI scans them.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { scanParsed } from '../../server/src/engine';
import { lazyFacts } from '../../server/src/engine/scan-semantic';
import { foundrySettings, hardhatSettings, networkIs, readProjectSettings } from '../../server/src/engine/project-settings';
import { compileProjectFilter, projectHolds } from '../../server/src/engine/project-filter';
import { PatternError } from '../../server/src/engine/finding';
import { loadPack } from '../../server/src/packs/load';
import { readBuildSettings } from '../../server/src/project/build-settings';
import { DiskProjects } from '../../server/src/project/semantic-host';
import { PACK_DIR } from '../precision/libraries';

describe('project settings: foundry.toml', () => {
  it('reads evm_version and solc from every profile, networks from rpc_endpoints and etherscan', () => {
    const s = foundrySettings(
      [
        'solc = "0.8.19"',
        '[profile.default]',
        'solc_version = "0.8.24"',
        '[profile.linea]',
        'evm_version = "Paris"',
        '[rpc_endpoints]',
        'linea_sepolia = "https://rpc.sepolia.linea.example"',
        '[etherscan]',
        'mainnet = { key = "KEY" }',
      ].join('\n'),
    );
    assert.deepEqual(s.evmVersions, ['paris']);
    assert.deepEqual(s.solc.sort(), ['0.8.19', '0.8.24']);
    assert.deepEqual(s.networks, ['linea_sepolia', 'mainnet']);
  });
  it('takes a solc path for no version, and invalid TOML for nothing', () => {
    assert.deepEqual(foundrySettings('[profile.default]\nsolc = "/usr/bin/solc"').solc, []);
    assert.deepEqual(foundrySettings('[profile.default\nevm_version = "paris"'), { evmVersions: [], solc: [], networks: [] });
  });
});

describe('project settings: hardhat.config', () => {
  it('reads evmVersion, compiler versions and the keys of networks, not comments', () => {
    const s = hardhatSettings(`
      import { HardhatUserConfig } from "hardhat/config";
      // evmVersion: "london",
      const config: HardhatUserConfig = {
        solidity: { compilers: [{ version: "0.8.24", settings: { evmVersion: 'cancun', optimizer: { enabled: true } } }] },
        networks: {
          hardhat: {},
          lineaMainnet: { url: process.env.LINEA_URL ?? "", accounts: [key] },
          "fantom-testnet": { url: \`https://x/\${id}\` },
          /* avalanche: {}, */
          ...extra,
        },
        etherscan: { apiKey: { linea: "k" } },
      };
      export default config;`);
    assert.deepEqual(s.evmVersions, ['cancun']);
    assert.deepEqual(s.solc, ['0.8.24']);
    assert.deepEqual(s.networks, ['hardhat', 'lineaMainnet', 'fantom-testnet']);
  });
  it('finds nothing where nothing is written literally', () => {
    assert.deepEqual(hardhatSettings('module.exports = require("./shared-config");'), { evmVersions: [], solc: [], networks: [] });
  });
});

describe('project settings: a project root', () => {
  it('is unknown without a configuration file, and merges the files it has', () => {
    assert.equal(
      readProjectSettings(() => undefined),
      undefined,
    );
    const files: Record<string, string> = {
      'foundry.toml': '[rpc_endpoints]\nlinea = "x"',
      'hardhat.config.js': 'module.exports = { solidity: { version: "0.8.20" }, networks: { fantom: {} } };',
    };
    const s = readProjectSettings((n) => files[n]);
    assert.deepEqual(s, { evmVersions: [], solc: ['0.8.20'], networks: ['linea', 'fantom'], files: ['foundry.toml', 'hardhat.config.js'] });
  });
  it('matches network names ignoring case, separators and suffixes', () => {
    assert.ok(networkIs('Linea_Sepolia', ['linea']));
    assert.ok(networkIs('ftmTestnet', ['ftm']));
    assert.ok(!networkIs('mainnet', ['linea', 'fantom']));
  });
});

describe('project filter', () => {
  const f = compileProjectFilter({ networks: ['linea'], 'evm-version': ['unpinned', 'shanghai'], solc: '>=0.8.20' }, []);
  const s = (over: object) => ({ evmVersions: [], solc: [], networks: ['linea'], files: ['foundry.toml'], ...over });
  it('holds when the network is named and nothing pins an older EVM or compiler', () => {
    assert.ok(projectHolds(f, s({})));
    assert.ok(projectHolds(f, s({ evmVersions: ['shanghai'], solc: ['0.8.24'] })));
  });
  it('fails on unknown settings, another network, any older EVM version or an older pinned compiler', () => {
    assert.ok(!projectHolds(f, undefined));
    assert.ok(!projectHolds(f, s({ networks: ['mainnet'] })));
    assert.ok(!projectHolds(f, s({ evmVersions: ['shanghai', 'paris'] })));
    assert.ok(!projectHolds(f, s({ solc: ['0.8.19'] })));
  });
  it('rejects unknown keys and EVM versions with a path', () => {
    assert.throws(() => compileProjectFilter({ 'evm-version': 'frontier' } as never, ['x']), PatternError);
    assert.throws(() => compileProjectFilter({ chains: ['linea'] } as never, ['x']), /unknown key 'chains'/);
    assert.throws(() => compileProjectFilter({ networks: [] }, ['x']), /non-empty list/);
  });
});

describe('HS-L2-003 over fixture projects on disk', () => {
  const finding = loadPack(PACK_DIR).findings.find((x) => x.id === 'HS-L2-003');
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const SOURCE = 'pragma solidity ^0.8.24;\ncontract Vault {\n    uint256 public total;\n}\n';
  function scanIn(config: Record<string, string>, source = SOURCE): number[] {
    const root = mkdtempSync(join(tmpdir(), 'hs-push0-'));
    dirs.push(root);
    for (const [name, text] of Object.entries(config)) writeFileSync(join(root, name), text);
    mkdirSync(join(root, 'src'));
    const file = join(root, 'src', 'Vault.sol');
    writeFileSync(file, source);
    const { semantic, parsed } = new DiskProjects().contextFor(file, source);
    const result = scanParsed(parsed, [finding!], { semantic, dependencies: true });
    return result.occurrences.map((o) => o.range.start.line + 1);
  }
  it('reports a deployable contract of a project that names Linea and pins no EVM version', () => {
    assert.ok(finding);
    assert.deepEqual(scanIn({ 'foundry.toml': '[rpc_endpoints]\nlinea = "https://rpc.linea.example"\n' }), [2]);
    assert.deepEqual(scanIn({ 'hardhat.config.ts': 'export default { networks: { lineaSepolia: { url: "" } } };' }), [2]);
  });
  it('stays quiet when the EVM version is paris, the network is another, the compiler is older, or no config', () => {
    assert.deepEqual(scanIn({ 'foundry.toml': '[profile.default]\nevm_version = "paris"\n[rpc_endpoints]\nlinea = "x"\n' }), []);
    assert.deepEqual(
      scanIn({ 'hardhat.config.js': 'module.exports = { solidity: { version: "0.8.24", settings: { evmVersion: "london" } }, networks: { linea: {} } };' }),
      [],
    );
    assert.deepEqual(scanIn({ 'foundry.toml': '[rpc_endpoints]\narbitrum = "x"\n' }), []);
    assert.deepEqual(scanIn({ 'foundry.toml': '[profile.default]\nsolc = "0.8.19"\n[rpc_endpoints]\nlinea = "x"\n' }), []);
    assert.deepEqual(scanIn({ 'foundry.toml': '[rpc_endpoints]\nlinea = "x"\n' }, 'pragma solidity ^0.8.24;\nabstract contract Base {}\ninterface I {}\n'), []);
    assert.deepEqual(scanIn({ 'package.json': '{}' }), []);
  });
  /** A Foundry project naming Linea, holding SOURCE as A.sol, opened as the CLI opens a file. */
  const lineaProject = () => {
    const root = mkdtempSync(join(tmpdir(), 'hs-push0-'));
    dirs.push(root);
    writeFileSync(join(root, 'foundry.toml'), '[rpc_endpoints]\nlinea = "x"\n');
    const file = join(root, 'A.sol');
    writeFileSync(file, SOURCE);
    return { root, ...new DiskProjects().contextFor(file, SOURCE) };
  };
  it('makes a result depend on the configuration file it read', () => {
    const { root, semantic, parsed } = lineaProject();
    const result = scanParsed(parsed, [finding!], { semantic, dependencies: true });
    assert.ok(result.dependencies?.some((d) => d.endsWith('/foundry.toml')));
    assert.ok(readBuildSettings(root)?.networks.includes('linea'));
  });
  it('reads the settings without building the semantic model', () => {
    const { semantic, parsed } = lineaProject();
    const lazy = lazyFacts(parsed, semantic);
    assert.equal(lazy.dependencies(), undefined, 'nothing asked yet');
    assert.ok(lazy.settings()?.networks.includes('linea'));
    assert.equal(lazy.built(), undefined, 'no model was built');
    assert.deepEqual(
      lazy.dependencies()?.map((d) => d.slice(d.lastIndexOf('/'))),
      ['/foundry.toml'],
    );
    const alone = lazyFacts(parsed);
    assert.equal(alone.settings(), undefined, 'a file without a project has no configuration');
    assert.equal(alone.dependencies(), undefined);
  });
});
