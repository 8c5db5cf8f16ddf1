// A Foundry project on disk: foundry.toml and remappings.txt are read as data, dependencies under lib/ bring
// their own remappings, and the semantic model follows them to the imported declarations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SemanticProject } from '../../server/src/engine/semantics';
import { diskHost, foundryConfig, readImportSettings } from '../../server/src/project/remappings';
import { find, where } from './semantics-helpers';
import { temporaryTrees } from './tree-helpers';

const tree = temporaryTrees();

test('foundry.toml: remappings and libs of [profile.default] (and the top level); bad TOML gives nothing', () => {
  assert.deepEqual(foundryConfig('[profile.default]\nsrc = "src"\nlibs = ["deps"]\nremappings = ["a/=deps/a/", "b/=deps/b/src/"]\n'), {
    remappings: ['a/=deps/a/', 'b/=deps/b/src/'],
    libs: ['deps'],
  });
  assert.deepEqual(foundryConfig('remappings = ["x/=y/"]'), { remappings: ['x/=y/'], libs: [] });
  assert.deepEqual(foundryConfig('[profile.default\nremappings = '), { remappings: [], libs: [] });
});

test('a Foundry project: own remappings, a dependency’s remappings.txt and automatic src/ remappings all resolve', () => {
  const root = tree({
    'foundry.toml': '[profile.default]\nremappings = ["@solmate/=lib/solmate/src/"]\n',
    'remappings.txt': 'forge-std/=lib/forge-std/src/\n',
    'lib/openzeppelin-contracts/remappings.txt': '@openzeppelin/contracts/=contracts/\n',
    'lib/openzeppelin-contracts/contracts/access/Ownable.sol':
      'pragma solidity ^0.8.0; abstract contract Ownable { address public owner; modifier onlyOwner() { require(msg.sender == owner); _; } }',
    'lib/solmate/src/tokens/ERC20.sol': 'pragma solidity ^0.8.0; abstract contract ERC20 { mapping(address => uint256) public balanceOf; }',
    'lib/forge-std/src/Test.sol': 'pragma solidity ^0.8.0; contract Test {}',
    'lib/auto-dep/src/Math.sol':
      'pragma solidity ^0.8.0; library Math { function max(uint256 a, uint256 b) internal pure returns (uint256) { return a > b ? a : b; } }',
    'src/Vault.sol': `pragma solidity ^0.8.0;
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@solmate/tokens/ERC20.sol";
import {Test} from "forge-std/Test.sol";
import {Math} from "auto-dep/Math.sol";
abstract contract Vault is Ownable, ERC20 {
  function f(address a) external onlyOwner returns (uint256) { return Math.max(balanceOf[a], 1); }
}`,
  });
  const settings = readImportSettings(root);
  const project = new SemanticProject({ host: diskHost(), root: settings.root, remappings: settings.remappings });
  const m = project.model(join(root, 'src/Vault.sol'));
  assert.equal(where(m.declarationOf(find(m, 'ModifierInvocation', 'onlyOwner'))), 'modifier:Ownable.sol:Ownable.onlyOwner');
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'balanceOf'))), 'stateVariable:ERC20.sol:ERC20.balanceOf');
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 'Math.max'))), 'function:Math.sol:Math.max');
  assert.equal(project.unitFiles(join(root, 'src/Vault.sol')).length, 5);
});
