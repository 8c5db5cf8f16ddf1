// Fixes that carry what they need (`fix.needs`, `add-modifier`): the import comes from where the project keeps
// OpenZeppelin (its imports, its remappings, node_modules), through the semantic project's host; nothing is added
// that is there already; and without OpenZeppelin to import from, the fix is not offered. The built-in pack's
// HS-REENT-001 and HS-TOKEN-001 fixes are compiled and attacked by the fix harness (fixes-harness.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, compileFinding, scanParsed, type FixDefinition, type Occurrence } from '../../server/src/engine';
import { parseSource } from '../../server/src/engine/parse';
import { SemanticProject } from '../../server/src/engine/semantics';
import { finding, PACK } from './engine-helpers';

const LOCK: FixDefinition = { title: 'Lock it', needs: [{ openzeppelin: 'ReentrancyGuard' }], edits: [{ 'add-modifier': 'nonReentrant' }] };
const SEND = { pattern: '$A.call{value: $V}("")' };

/** Scans `/p/src/A.sol` in a project whose files are `files` (absolute paths), with `remappings`. */
function scanIn(source: string, files: Record<string, string>, remappings: string[] = [], fix: FixDefinition = LOCK): Occurrence[] {
  const all: Record<string, string> = { '/p/src/A.sol': source, ...files };
  const project = new SemanticProject({ host: { readFile: (p) => all[p], exists: (p) => p in all }, root: '/p', remappings });
  const parsed = parseSource(source);
  return scanParsed(parsed, [compileFinding(finding(SEND, { fix }), PACK)], { semantic: { project, path: '/p/src/A.sol' } }).occurrences;
}

const GUARD_V5 = 'pragma solidity ^0.8.20;\nabstract contract ReentrancyGuard { modifier nonReentrant() { _; } }\n';
const GUARD_V4 = 'pragma solidity ^0.8.0;\nabstract contract ReentrancyGuard { modifier nonReentrant() { _; } }\n';
const TRANSIENT = 'pragma solidity ^0.8.24;\nabstract contract ReentrancyGuardTransient { modifier nonReentrant() { _; } }\n';

const bank = (pragma: string, head = 'contract Bank', imports = '') =>
  `pragma solidity ${pragma};\n${imports}\n${head} {\n    mapping(address => uint256) b;\n\n    function withdraw() external returns (bool) {\n        (bool ok, ) = msg.sender.call{value: b[msg.sender]}("");\n        b[msg.sender] = 0;\n        return ok;\n    }\n}\n`;

function fixed(source: string, os: Occurrence[]): string {
  assert.equal(os.length, 1);
  assert.ok(os[0].fix, 'a fix is offered');
  return applyEdits(source, os[0].fix.edits);
}

describe('fix needs: ReentrancyGuard', () => {
  it('imports it through the remapping the project has, adds the base and the modifier before returns', () => {
    const src = bank('^0.8.20');
    const out = fixed(
      src,
      scanIn(src, { '/p/lib/openzeppelin-contracts/contracts/utils/ReentrancyGuard.sol': GUARD_V5 }, ['oz/=lib/openzeppelin-contracts/contracts/']),
    );
    assert.match(out, /^pragma solidity \^0\.8\.20;\nimport \{ReentrancyGuard\} from "oz\/utils\/ReentrancyGuard\.sol";\n/);
    assert.match(out, /contract Bank is ReentrancyGuard \{/);
    assert.match(out, /function withdraw\(\) external nonReentrant returns \(bool\) \{/);
  });

  it('follows the prefix of the OpenZeppelin imports the file already has, and the 4.x layout', () => {
    const src = bank('^0.8.20', 'contract Bank is Ownable', 'import {Ownable} from "@openzeppelin-v4/contracts/access/Ownable.sol";');
    const files = {
      '/p/node_modules/@openzeppelin-v4/contracts/access/Ownable.sol': 'pragma solidity ^0.8.0;\nabstract contract Ownable {}\n',
      '/p/node_modules/@openzeppelin-v4/contracts/security/ReentrancyGuard.sol': GUARD_V4,
      '/p/node_modules/@openzeppelin/contracts/utils/ReentrancyGuard.sol': GUARD_V5,
    };
    const out = fixed(src, scanIn(src, files));
    assert.match(
      out,
      /import \{Ownable\} from "@openzeppelin-v4\/contracts\/access\/Ownable\.sol";\nimport \{ReentrancyGuard\} from "@openzeppelin-v4\/contracts\/security\/ReentrancyGuard\.sol";/,
    );
    assert.match(out, /contract Bank is Ownable, ReentrancyGuard \{/);
  });

  it('uses ReentrancyGuardTransient where every allowed compiler targets Cancun by default', () => {
    const files = {
      '/p/node_modules/@openzeppelin/contracts/utils/ReentrancyGuard.sol': GUARD_V5,
      '/p/node_modules/@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol': TRANSIENT,
    };
    const recent = bank('^0.8.26');
    assert.match(fixed(recent, scanIn(recent, files)), /is ReentrancyGuardTransient \{/);
    const older = bank('^0.8.24');
    assert.match(fixed(older, scanIn(older, files)), /is ReentrancyGuard \{/);
  });

  it('adds nothing the contract already has', () => {
    const src = bank('^0.8.20', 'contract Bank is ReentrancyGuard', 'import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";');
    const out = fixed(src, scanIn(src, { '/p/node_modules/@openzeppelin/contracts/utils/ReentrancyGuard.sol': GUARD_V5 }));
    assert.equal(out, src.replace('external returns', 'external nonReentrant returns'));
  });

  it('is not offered without OpenZeppelin to import from, or when the pragma rules its file out', () => {
    const src = bank('^0.8.20');
    assert.equal(scanIn(src, {})[0].fix, undefined);
    const old = bank('^0.7.6');
    assert.equal(scanIn(old, { '/p/node_modules/@openzeppelin/contracts/utils/ReentrancyGuard.sol': GUARD_V5 })[0].fix, undefined);
  });
});

describe('fix needs: SafeERC20', () => {
  const TRANSFER = { pattern: '$T.transfer($TO, $AMT);' };
  const FIX: FixDefinition = {
    title: 'Use safeTransfer',
    needs: [{ openzeppelin: 'SafeERC20', for: '$T' }],
    edits: [{ replace: 'match', with: '$T.safeTransfer($TO, $AMT);' }],
  };
  const OZ = {
    '/p/node_modules/@openzeppelin/contracts/token/ERC20/IERC20.sol':
      'pragma solidity ^0.8.20;\ninterface IERC20 { function transfer(address, uint256) external returns (bool); }\n',
    '/p/node_modules/@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol': 'pragma solidity ^0.8.20;\nlibrary SafeERC20 {}\n',
  };
  function scanToken(source: string): Occurrence[] {
    const all: Record<string, string> = { '/p/src/A.sol': source, ...OZ };
    const project = new SemanticProject({ host: { readFile: (p) => all[p], exists: (p) => p in all }, root: '/p' });
    return scanParsed(parseSource(source), [compileFinding(finding(TRANSFER, { fix: FIX }), PACK)], { semantic: { project, path: '/p/src/A.sol' } })
      .occurrences;
  }
  const pay = (imports: string) =>
    `pragma solidity ^0.8.20;\n${imports}\n\ncontract Pay {\n    IERC20 token;\n\n    function pay(address to) external {\n        token.transfer(to, 1);\n    }\n}\n`;

  it('imports SafeERC20 (and IERC20 when unseen) and adds the using line as the first member', () => {
    const src = pay('import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";');
    const out = fixed(src, scanToken(src));
    assert.match(out, /IERC20\.sol";\nimport \{SafeERC20\} from "@openzeppelin\/contracts\/token\/ERC20\/utils\/SafeERC20\.sol";\n/);
    assert.match(out, /contract Pay \{\n {4}using SafeERC20 for IERC20;\n {4}IERC20 token;/);
    assert.match(out, /token\.safeTransfer\(to, 1\);/);
  });

  it('is not offered on a file whose own IERC20 is not OpenZeppelin’s', () => {
    const src = pay('interface IERC20 { function transfer(address, uint256) external returns (bool); }');
    assert.equal(scanToken(src)[0].fix, undefined);
  });
});
