// The semantic model keeps answers across edits (summaries, guard facts, lock behaviours, unit matches) while
// what they were computed from stays the same. What a function does depends on its callees, its modifiers, its
// bases and the files they sit in: an edit there, and only there, must still change the function's answers. Each
// edit below touches one such dependency of Main.sol in an imported file (a modifier's body, a helper's body, a
// revert helper, a lock, a state variable's declaration, a library function or a new overload of it), and the
// importer's findings must equal those of a project built from scratch, with the unit memory and without.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanParsed, UnitMemory, type Finding, type ScanResult } from '../../server/src/engine';
import { parseSource, type ParsedSource } from '../../server/src/engine/parse';
import type { SemanticProject } from '../../server/src/engine/semantics';
import { loadBuiltinPacks } from '../../server/src/packs/load';
import { projectOfTexts } from './scan-semantic-harness';

const FINDINGS: Finding[] = loadBuiltinPacks().flatMap((p) => p.findings);

const LIB = '/p/Lib.sol';
const BASE = '/p/Base.sol';
const MAIN = '/p/Main.sol';
const EXTRA = '/p/Extra.sol';
const ROOT = '/p/Root.sol';

// A base of the base: the flag of a lock that Base's modifier checks and sets.
const ROOT_TEXT = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

abstract contract Root {
    uint256 internal status;
}
`;

// Not imported at first: Main's call of Extra.pay resolves once an import brings it in.
const EXTRA_TEXT = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

library Extra {
    function pay(address to, uint256 amount) internal {
        (bool ok, ) = to.call{value: amount}("");
        require(ok);
    }
}
`;

const LIB_TEXT = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

library Lib {
    function scale(uint256 a, uint256 b) internal pure returns (uint256) {
        return a / b;
    }

    function pay(address to, uint256 amount) internal {
        (bool ok, ) = to.call{value: amount}("");
        require(ok);
    }

    function payTo(uint256 amount, address to) internal {
        (bool ok, ) = to.call{value: amount}("");
        require(ok);
    }
}
`;

const BASE_TEXT = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Lib.sol";
import "./Root.sol";

abstract contract Base is Root {
    address public owner;
    uint256 internal locked;
    mapping(address => uint256) public balances;
    uint256 public total;

    modifier onlyOwner() {
        require(msg.sender == owner, "owner");
        _;
    }

    modifier lock() {
        require(locked == 0, "locked");
        locked = 1;
        _;
        locked = 0;
    }

    modifier rootLock() {
        require(status == 0, "locked");
        status = 1;
        _;
        status = 0;
    }

    modifier onlyAdmin() {
        _checkAdmin();
        _;
    }

    function _checkOwner() internal view {
        require(msg.sender == owner, "owner");
    }

    function _checkAdmin() internal view {
        _requireOwner();
    }

    function _requireOwner() internal view {
        require(msg.sender == owner, "owner");
    }

    function _fail() internal pure {
        revert("no");
    }

    function _send(address to, uint256 amount) internal {
        (bool ok, ) = to.call{value: amount}("");
        require(ok);
    }

    function _credit(address to, uint256 amount) internal {
        balances[to] += amount;
    }
}
`;

/** A withdrawal that pays through `pay` (a helper, a library) before it debits: reentrant unless `modifier` locks. */
function withdraw(name: string, modifier: string, pay: string): string {
  return `    function ${name}(uint256 amount) external${modifier ? ` ${modifier}` : ''} {
        require(balances[msg.sender] >= amount);
        ${pay}(msg.sender, amount);
        balances[msg.sender] -= amount;
    }
`;
}

const MAIN_TEXT = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Base.sol";

contract Main is Base {
    address public implementation;
    bool public paused;

    function setOwner(address o) external onlyOwner {
        owner = o;
    }

    function upgrade(address impl) external {
        _checkOwner();
        implementation = impl;
    }

    function setImplementation(address impl) external onlyAdmin {
        implementation = impl;
    }

    function setImplementation2(address impl) external {
        _checkAdmin();
        implementation = impl;
    }

    function pause() external {
        _gate();
        paused = true;
    }

    function _gate() internal view {
        _gateInner();
    }

    function _gateInner() internal view {
        if (msg.sender != owner) revert("owner");
    }

    function sweep(address to) external onlyOwner {
        _send(to, address(this).balance);
    }

${withdraw('withdraw', 'lock', '_send')}
${withdraw('withdrawLib', '', 'Lib.pay')}
${withdraw('withdrawRoot', 'rootLock', '_send')}
${withdraw('withdrawPlain', '', '_send')}
${withdraw('withdrawLater', '', 'Lib.pay2')}
${withdraw('withdrawVia', '', '_payLater')}
    function _payLater(address to, uint256 amount) internal {
        Lib.pay2(to, amount);
    }

${withdraw('withdrawUsing', '', '_payUsing')}
    function _payUsing(address to, uint256 amount) internal {
        amount.payTo(to);
    }

${withdraw('withdrawExtra', '', '_payExtra')}
    function _payExtra(address to, uint256 amount) internal {
        Extra.pay(to, amount);
    }

${withdraw('withdrawHook', '', '_hook')}
    function kill() external {
        _checkOwner();
        selfdestruct(payable(owner));
    }

    function price(uint256 a, uint256 b, uint256 c) external pure returns (uint256) {
        uint256 q = Lib.scale(a, b);
        return q * c;
    }

    function deny(address o) external {
        _fail();
        owner = o;
    }

    function deposit() external payable {
        _credit(msg.sender, msg.value);
        total += msg.value;
    }
}
`;

/** One edit of an imported file: what it replaces, and with what. */
interface Edit {
  file: string;
  from: string;
  to: string;
}

const EDITS: Edit[] = [
  // A modifier's body loses its check, or its lock.
  { file: BASE, from: 'require(msg.sender == owner, "owner");\n        _;', to: '_;' },
  { file: BASE, from: 'locked = 1;\n        _;', to: '_;' },
  // A guard helper stops guarding; a revert helper returns; a payment helper stops paying; a credit goes.
  { file: BASE, from: 'function _checkOwner() internal view {\n        require(msg.sender == owner, "owner");', to: 'function _checkOwner() internal view {' },
  { file: BASE, from: 'revert("no");', to: 'return;' },
  // Two levels down: a helper of a helper (called by a modifier and by a function), in the base and in the file.
  {
    file: BASE,
    from: 'function _requireOwner() internal view {\n        require(msg.sender == owner, "owner");',
    to: 'function _requireOwner() internal view {',
  },
  { file: MAIN, from: 'if (msg.sender != owner) revert("owner");', to: '' },
  {
    file: BASE,
    from: '(bool ok, ) = to.call{value: amount}("");\n        require(ok);\n    }\n\n    function _credit',
    to: 'total = amount;\n    }\n\n    function _credit',
  },
  { file: BASE, from: 'balances[to] += amount;', to: 'total = 0;' },
  // Declarations: a state variable's type, one more state variable.
  { file: BASE, from: 'uint256 public total;', to: 'uint8 public total;' },
  { file: BASE, from: 'uint256 internal locked;', to: 'uint256 internal constant locked = 0;' },
  { file: BASE, from: 'uint256 internal locked;', to: '' },
  // The flag of a modifier's lock declared in another file: no longer storage, or gone.
  { file: ROOT, from: 'uint256 internal status;', to: 'uint256 internal constant status = 0;' },
  { file: ROOT, from: 'uint256 internal status;', to: '' },
  { file: BASE, from: 'address public owner;', to: 'address public owner;\n    address public admin;' },
  { file: BASE, from: 'address public owner;', to: 'address public immutable owner;' },
  // Functions that appear where a call of the importer was looking for them: a base's helper, a library's.
  {
    file: BASE,
    from: '    function _fail()',
    to: '    function _hook(address to, uint256 amount) internal {\n        (bool ok, ) = to.call{value: amount}("");\n        require(ok);\n    }\n\n    function _fail()',
  },
  {
    file: LIB,
    from: 'library Lib {',
    to: 'library Lib {\n    function pay2(address to, uint256 amount) internal {\n        (bool ok, ) = to.call{value: amount}("");\n        require(ok);\n    }\n',
  },
  // An import that brings in the library a call was looking for.
  { file: MAIN, from: 'import "./Base.sol";', to: 'import "./Base.sol";\nimport "./Extra.sol";' },
  // A file-level `using` that binds a call that had no target.
  { file: MAIN, from: 'import "./Base.sol";', to: 'import "./Base.sol";\n\nusing Lib for uint256;' },
  // The library: a body that pays no more, a division that goes, an overload that appears.
  { file: LIB, from: '(bool ok, ) = to.call{value: amount}("");\n        require(ok);', to: '' },
  { file: LIB, from: 'return a / b;', to: 'return a * b;' },
  { file: LIB, from: 'library Lib {', to: 'library Lib {\n    function pay(address to, uint128 amount) internal {}\n' },
];

function scanOf(texts: Map<string, ParsedSource>, project: SemanticProject, memory?: UnitMemory): ScanResult {
  return scanParsed(texts.get(MAIN)!, FINDINGS, { memory, semantic: () => ({ project, path: MAIN }) });
}

function initial(): Map<string, ParsedSource> {
  return new Map([
    [LIB, parseSource(LIB_TEXT)],
    [BASE, parseSource(BASE_TEXT)],
    [MAIN, parseSource(MAIN_TEXT)],
    [EXTRA, parseSource(EXTRA_TEXT)],
    [ROOT, parseSource(ROOT_TEXT)],
  ]);
}

test('most edits change what a fresh project reports on the importer', () => {
  const show = (t: Map<string, ParsedSource>) => scanOf(t, projectOfTexts(t)).occurrences.map((o) => `${o.findingId}@${o.range.start.line}`);
  const base = show(initial());
  const changing = EDITS.filter((e) => {
    const t = initial();
    t.set(e.file, parseSource(t.get(e.file)!.text.replace(e.from, e.to)));
    return show(t).join() !== base.join();
  });
  assert.ok(changing.length >= 10, `${changing.length} of ${EDITS.length}`);
});

test('each edit of a callee, modifier, base or library: the importer answers as a fresh project does', () => {
  for (const e of EDITS) {
    const texts = initial();
    const project = projectOfTexts(texts);
    const memory = new UnitMemory();
    scanOf(texts, project, memory);
    scanOf(texts, project);
    for (const [from, to] of [
      [e.from, e.to],
      [e.to, e.from],
    ]) {
      const before = texts.get(e.file)!;
      assert.ok(before.text.includes(from), from);
      const next = parseSource(before.text.replace(from, to), before);
      texts.set(e.file, next);
      project.update(e.file, next);
      const want = scanOf(texts, projectOfTexts(texts));
      assert.deepEqual(scanOf(texts, project), want, `${e.file}: ${from} -> ${to}`);
      assert.deepEqual(scanOf(texts, project, memory), want, `${e.file}: ${from} -> ${to} (unit memory)`);
    }
  }
});

test('random sequences of those edits: the importer answers as a fresh project does', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(EDITS.length * 2 - 1), { minLength: 1, maxLength: 6 }), (steps) => {
      const texts = initial();
      const project = projectOfTexts(texts);
      const memory = new UnitMemory();
      scanOf(texts, project, memory);
      for (const s of steps) {
        const e = EDITS[s >> 1];
        const [from, to] = s & 1 ? [e.to, e.from] : [e.from, e.to];
        const before = texts.get(e.file)!;
        // An edit whose text is not there (already applied, or undone) is skipped.
        if (!from || !before.text.includes(from)) continue;
        const next = parseSource(before.text.replace(from, to), before);
        texts.set(e.file, next);
        project.update(e.file, next);
        assert.deepEqual(scanOf(texts, project, memory), scanOf(texts, projectOfTexts(texts)), steps.join());
      }
    }),
    { seed: 20261207, numRuns: 40 },
  );
});
