// The semantic model across files: every import form, relative paths, remappings, node_modules and lib/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importCandidates, parseRemappings, resolveImportPath } from '../../server/src/engine/semantics';
import { find, modelOf, project, where } from './semantics-helpers';

const TOKEN = `pragma solidity ^0.8.0;
interface IToken { function transfer(address to, uint256 amount) external returns (bool); }
struct Note { uint256 amount; address from; }
uint256 constant FEE = 30;
function half(uint256 x) pure returns (uint256) { return x / 2; }`;

test('plain, aliased-symbol and module imports resolve to the declarations of the imported file', () => {
  const m = modelOf(
    {
      '/p/src/Token.sol': TOKEN,
      '/p/src/A.sol': `import "./Token.sol";
import {IToken as T, Note} from "./Token.sol";
import * as Tok from "./Token.sol";
contract A {
  function f(T t, Note memory n) external returns (uint256) {
    IToken(address(t)).transfer(n.from, FEE);
    Tok.IToken u = Tok.IToken(address(0));
    u.transfer(address(1), Tok.half(n.amount));
    return half(n.amount);
  }
}`,
    },
    '/p/src/A.sol',
  );
  assert.equal(where(m.declarationOf(find(m, 'UserDefinedTypeName', 'T'))), 'contract:Token.sol:IToken');
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'FEE'))), 'fileConstant:Token.sol:FEE');
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 'n.from'))), 'structField:Token.sol:from');
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 'IToken(address(t)).transfer'))), 'function:Token.sol:IToken.transfer');
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 'u.transfer'))), 'function:Token.sol:IToken.transfer');
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 'Tok.half'))), 'function:Token.sol:half');
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'half'))), 'function:Token.sol:half');
  assert.equal(where(m.declarationOf(find(m, 'UserDefinedTypeName', 'Tok.IToken'))), 'contract:Token.sol:IToken');
  assert.equal(m.declarationOf(find(m, 'MemberAccess', 'Tok.half').expression as never)?.kind, 'module');
});

test('a plain import re-exports what the imported file imported', () => {
  const m = modelOf(
    {
      '/p/src/Token.sol': TOKEN,
      '/p/src/Mid.sol': 'import "./Token.sol"; contract Mid {}',
      '/p/src/Top.sol': 'import "./Mid.sol"; contract Top is Mid { function f(IToken t) external { t.transfer(msg.sender, FEE); } }',
    },
    '/p/src/Top.sol',
  );
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 't.transfer'))), 'function:Token.sol:IToken.transfer');
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'FEE'))), 'fileConstant:Token.sol:FEE');
});

test('remapped, node_modules and lib/ imports are found; relative ones are relative to the importing file', () => {
  const files = {
    '/p/lib/openzeppelin-contracts/contracts/access/Ownable.sol':
      'contract Ownable { address public owner; modifier onlyOwner() { require(msg.sender == owner); _; } }',
    '/p/node_modules/@solmate/auth/Owned.sol': 'contract Owned { address public owner; }',
    '/p/lib/forge-std/src/Test.sol': 'contract Test { function assertTrue(bool) internal {} }',
    '/p/src/deep/B.sol': `import "@openzeppelin/contracts/access/Ownable.sol";
import {Owned} from "@solmate/auth/Owned.sol";
import {Test} from "forge-std/Test.sol";
import "../Token.sol";
contract B is Ownable, Test { function f(IToken t) external onlyOwner { assertTrue(true); } }`,
    '/p/src/Token.sol': TOKEN,
  };
  const m = modelOf(files, '/p/src/deep/B.sol', { remappings: ['@openzeppelin/contracts/=lib/openzeppelin-contracts/contracts/'] });
  assert.equal(where(m.declarationOf(find(m, 'ModifierInvocation', 'onlyOwner'))), 'modifier:Ownable.sol:Ownable.onlyOwner');
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'assertTrue'))), 'function:Test.sol:Test.assertTrue');
  assert.equal(where(m.declarationOf(find(m, 'UserDefinedTypeName', 'IToken'))), 'contract:Token.sol:IToken');
  assert.deepEqual(m.project.unitFiles('/p/src/deep/B.sol').sort(), [
    '/p/lib/forge-std/src/Test.sol',
    '/p/lib/openzeppelin-contracts/contracts/access/Ownable.sol',
    '/p/node_modules/@solmate/auth/Owned.sol',
    '/p/src/Token.sol',
    '/p/src/deep/B.sol',
  ]);
});

test('remappings: the longest matching prefix wins, a context limits a remapping to files under it', () => {
  const rs = parseRemappings(['# comment', '', '@oz/=lib/oz/', '@oz/token/=lib/oz-token/', 'src/legacy:@oz/=lib/oz-old/', 'bad']);
  assert.equal(rs.length, 3);
  const exists = (p: string) => p.startsWith('/p/lib/');
  assert.equal(resolveImportPath('@oz/token/ERC20.sol', '/p/src/A.sol', { root: '/p', remappings: rs, exists }), '/p/lib/oz-token/ERC20.sol');
  assert.equal(resolveImportPath('@oz/access/Ownable.sol', '/p/src/A.sol', { root: '/p', remappings: rs, exists }), '/p/lib/oz/access/Ownable.sol');
  assert.equal(resolveImportPath('@oz/access/Ownable.sol', '/p/src/legacy/A.sol', { root: '/p', remappings: rs, exists }), '/p/lib/oz-old/access/Ownable.sol');
  assert.equal(resolveImportPath('./X.sol', '/p/src/A.sol', { root: '/p', remappings: rs, exists: () => true }), '/p/src/X.sol');
  assert.equal(resolveImportPath('../../X.sol', 'C:\\w\\p\\src\\A.sol', { exists: () => true }), 'C:/w/X.sol');
  assert.ok(importCandidates('pkg/A.sol', '/p/src/x/B.sol', { root: '/p', exists: () => false }).includes('/p/src/x/node_modules/pkg/A.sol'));
});

test('an import that leads nowhere leaves its names unknown and the rest resolved', () => {
  const m = modelOf(
    { '/p/A.sol': 'import "./Missing.sol"; import {X} from "nope/X.sol"; contract A { uint256 n; function f() external { n = X.y(); Gone g; } }' },
    '/p/A.sol',
  );
  assert.equal(m.declarationOf(find(m, 'Identifier', 'X')), undefined);
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'n', 1))), 'stateVariable:A.sol:A.n');
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'n', 0))), 'stateVariable:A.sol:A.n', 'the declaring name is the declaration');
});

test('editing one file drops what depends on it and nothing else', () => {
  const files: Record<string, string> = {
    '/p/Base.sol': 'contract Base { uint256 public x; }',
    '/p/Other.sol': 'contract Other { uint256 public y; }',
    '/p/A.sol': 'import "./Base.sol"; import "./Other.sol"; contract A is Base { function f() external { x = 1; } }',
  };
  const p = project(files);
  const m = p.model('/p/A.sol');
  const x = find(m, 'Identifier', 'x');
  assert.equal(where(m.declarationOf(x)), 'stateVariable:Base.sol:Base.x');
  const other = p.resolution('/p/Other.sol');
  p.update('/p/Base.sol', 'contract Base { uint256 public z; uint256 public x; }');
  assert.equal(p.resolved('/p/A.sol'), undefined, 'A imports Base: its resolution is dropped');
  assert.equal(p.resolved('/p/Other.sol'), other, 'Other does not: kept');
  assert.equal(where(p.model('/p/A.sol').declarationOf(x)), 'stateVariable:Base.sol:Base.x');
  p.update('/p/A.sol', files['/p/A.sol'].replace('x = 1', 'x = 2'));
  assert.equal(p.resolved('/p/Other.sol'), other);
});
