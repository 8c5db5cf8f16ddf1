// Findings with semantic filters are matched unit by unit in open documents, and a unit's matches are kept while
// nothing its semantic answers may depend on changed (scan-semantic-units.ts). Whatever is kept, the result must
// be exactly a whole-file scan with a project built from scratch, after any edit: in a function body, in a
// header, one that breaks a function or removes a modifier, one that adds a call to another function of the file,
// and edits of an imported file. And the keeping must be real: typing in one function re-matches few units.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { scanParsed, UnitMemory, type Finding, type ScanResult } from '../../server/src/engine';
import { parseSource, type ParsedSource } from '../../server/src/engine/parse';
import { normalizePath, SemanticProject } from '../../server/src/engine/semantics';
import { loadBuiltinPacks } from '../../server/src/packs/load';
import { assertKept } from './scan-kept-oracle';
import { editedFile } from './scan-semantic-harness';

const require_ = createRequire(__filename);
const OZ = dirname(require_.resolve('@openzeppelin/contracts/package.json'));
const NODE_MODULES = dirname(dirname(OZ));
const PACK_TESTS = join(__dirname, '../../server/packs/hindsight-core/tests');
const FINDINGS: Finding[] = loadBuiltinPacks().flatMap((p) => p.findings);

const FILES = [
  join(OZ, 'access/Ownable2Step.sol'),
  join(OZ, 'token/ERC20/ERC20.sol'),
  join(OZ, 'governance/TimelockController.sol'),
  join(OZ, 'access/manager/AccessManager.sol'),
  // Libraries full of overloads: a unit is matched again by what its calls resolve to (scan-semantic-overloads.ts).
  join(OZ, 'utils/structs/EnumerableMap.sol'),
  join(OZ, 'utils/Arrays.sol'),
  ...readdirSync(PACK_TESTS)
    .filter((f) => /^HS-(ACCESS|REENT|CALL|ETH|MATH|DOS)-\d+\.sol$/.test(f))
    .map((f) => join(PACK_TESTS, f)),
].map(normalizePath);

function readDisk(f: string): string | undefined {
  return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
}

/** A project as the server keeps one: reads the disk except for the texts it was given. */
function projectOver(edited: Map<string, ParsedSource>): SemanticProject {
  const p = new SemanticProject({
    host: { readFile: (f) => edited.get(f)?.text ?? readDisk(f), exists: (f) => edited.has(f) || existsSync(f) },
    root: NODE_MODULES,
    remappings: [],
  });
  return p;
}

/** A whole-file scan with a project built from scratch on the same trees (imports share their parses). */
function fresh(path: string, parsed: ParsedSource, from: SemanticProject, edited: Map<string, ParsedSource>): ScanResult {
  const project = projectOver(edited);
  for (const f of from.unitFiles(path)) {
    const p = f === path ? parsed : from.parsed(f);
    if (p) project.update(f, p);
  }
  project.update(path, parsed);
  return scanParsed(parsed, FINDINGS, { semantic: { project, path } });
}

/** Offsets inside function bodies, and the names of the file's functions (for edits that add calls). */
function bodiesAndNames(text: string): { spots: number[]; names: string[] } {
  const spots: number[] = [];
  const names = new Set<string>();
  const re = /\b(function|modifier)\s+(\w+)\s*\([^)]*\)[^{;]*\{/g;
  for (let m; (m = re.exec(text)); ) {
    spots.push(m.index + m[0].length);
    names.add(m[2]);
  }
  return { spots, names: [...names] };
}

/** Checks (of the caller or else) in a text: statements a body can lose whole. */
const GUARDS = /require\([^;]*\);|if \([^;{]*\) (\{\s*revert[^;]*;\s*\}|revert[^;]*;)/gi;

const IMPORT_EDITS = ['write', 'check', 'uncheck'] as const;

/**
 * An edit of an imported file's body (an open base in the editor): a write of `owner`, a check of the caller
 * added, or a check taken out (the `n`th; a write when there is none), so what the importer's functions inherit
 * or call changes what it guards.
 */
function importEdit(text: string, kind: (typeof IMPORT_EDITS)[number], n: number): string {
  const guards = kind === 'uncheck' ? [...text.matchAll(GUARDS)] : [];
  if (guards.length) {
    const g = guards[n % guards.length];
    return text.slice(0, g.index) + text.slice(g.index + g[0].length);
  }
  const { spots } = bodiesAndNames(text);
  const at = spots.length ? spots[n % spots.length] : 0;
  return `${text.slice(0, at)}${kind === 'check' ? ' require(msg.sender == owner()); ' : ' owner = msg.sender; '}${text.slice(at)}`;
}

test('semantic findings unit by unit equal a fresh whole-file scan after random edits', () => {
  const edit = fc.record({
    inBody: fc.boolean(),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat(12),
    insert: fc.constantFrom(
      '',
      'x',
      ';',
      '(',
      '}',
      'uint256 a = b + 1; ',
      'require(msg.sender == owner); ',
      'if (msg.sender != admin) revert(); ',
      'payable(msg.sender).transfer(1); ',
      '(bool ok, ) = msg.sender.call{value: 1}(""); ',
      'owner = msg.sender; ',
      'total += 1; ',
      'CALL',
    ),
    callee: fc.nat(),
    importEdit: fc.boolean(),
  });
  fc.assert(
    fc.property(fc.nat(FILES.length - 1), fc.array(edit, { minLength: 1, maxLength: 6 }), (which, edits) => {
      const path = FILES[which];
      let text = readFileSync(path, 'utf8');
      let parsed = parseSource(text);
      const edited = new Map<string, ParsedSource>();
      const project = projectOver(edited);
      const memory = new UnitMemory();
      const semantic = () => {
        project.update(path, parsed);
        return { project, path };
      };
      scanParsed(parsed, FINDINGS, { memory, semantic });
      // The text of the last scan that was not kept for a member that stopped parsing, and its imports.
      let good = { parsed, edited: new Map(edited) };
      for (const e of edits) {
        // Now and then an imported file changes instead (an open base in the editor).
        const imports = project.unitFiles(path).filter((f) => f !== path);
        if (e.importEdit && imports.length && e.callee % 3 === 0) {
          const target = imports[e.callee % imports.length];
          const before = project.parsed(target);
          if (before) {
            const next = parseSource(importEdit(before.text, IMPORT_EDITS[Math.floor(e.callee / 3) % 3], e.callee), before);
            edited.set(target, next);
            project.update(target, next);
          }
        } else {
          const { spots, names } = bodiesAndNames(text);
          const at = e.inBody && spots.length ? spots[Math.floor(e.at * spots.length)] : Math.floor(e.at * text.length);
          const insert = e.insert === 'CALL' ? (names.length ? `${names[e.callee % names.length]}(); ` : '') : e.insert;
          text = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + e.remove));
          parsed = parseSource(text, parsed);
        }
        const units = scanParsed(parsed, FINDINGS, { memory, semantic });
        if (memory.last.kept === 'broken') assertKept(units, good.parsed, parsed, fresh(path, good.parsed, project, good.edited));
        else {
          assert.deepEqual(units, fresh(path, parsed, project, edited));
          good = { parsed, edited: new Map(edited) };
        }
      }
    }),
    { seed: 20261206, numRuns: 40 },
  );
});

// Files whose functions are guarded by what they import (Ownable's `onlyOwner`, AccessControl's `onlyRole`).
const IMPORTERS = FILES.filter((f) => /^import .*\b(Ownable|AccessControl)\b/m.test(readFileSync(f, 'utf8')));

test("an imported file's checks come and go: the importer's semantic findings equal a fresh scan", () => {
  assert.ok(IMPORTERS.length >= 4, IMPORTERS.join());
  fc.assert(
    fc.property(fc.nat(IMPORTERS.length - 1), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (which, edits) => {
      const path = IMPORTERS[which];
      const parsed = parseSource(readFileSync(path, 'utf8'));
      const edited = new Map<string, ParsedSource>();
      const project = projectOver(edited);
      const memory = new UnitMemory();
      const semantic = () => ({ project, path });
      scanParsed(parsed, FINDINGS, { memory, semantic });
      for (const n of edits) {
        const imports = project.unitFiles(path).filter((f) => f !== path && (project.text(f) ?? '').search(GUARDS) >= 0);
        const target = imports[n % imports.length];
        const before = target ? project.parsed(target) : undefined;
        if (!before) continue;
        // A check taken out of an imported body: the edit the guard answers must see through the import.
        const next = parseSource(importEdit(before.text, 'uncheck', n), before);
        edited.set(target, next);
        project.update(target, next);
        assert.deepEqual(scanParsed(parsed, FINDINGS, { memory, semantic }), fresh(path, parsed, project, edited));
      }
    }),
    { seed: 20261207, numRuns: 25 },
  );
});

test('typing in one function re-matches a few units for the semantic findings', () => {
  const path = normalizePath(join(OZ, 'governance/TimelockController.sol'));
  let text = readFileSync(path, 'utf8');
  let parsed = parseSource(text);
  const project = projectOver(new Map());
  const memory = new UnitMemory();
  const semantic = () => {
    project.update(path, parsed);
    return { project, path };
  };
  scanParsed(parsed, FINDINGS, { memory, semantic });
  const units = memory.last.semantic.matched;
  assert.ok(units > 30, `the first scan matches every unit (${units})`);
  const at = text.indexOf('{', text.indexOf('function getMinDelay')) + 1;
  for (const [i, ch] of [...' uint256 x = 1;'].entries()) {
    text = text.slice(0, at + i) + ch + text.slice(at + i);
    parsed = parseSource(text, parsed);
    scanParsed(parsed, FINDINGS, { memory, semantic });
    // A keystroke that breaks or mends the function changes the file's functions: only what names it (and what
    // asks about the whole contract) is matched again; while it stays broken, nothing is.
    assert.ok(memory.last.semantic.matched < units / 3, `keystroke ${i}: ${memory.last.semantic.matched} of ${units} units matched`);
  }
});

// A guard in a helper that a modifier calls, a value transfer in a helper that a function calls: editing the
// helper changes what is reported in other functions, which must be matched again.
const VAULT = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Vault {
    address public owner;
    address public implementation;
    uint256 public fee;
    mapping(address => uint256) public balances;

    modifier onlyOwner() {
        _checkOwner();
        _;
    }

    function _checkOwner() internal view {
        require(msg.sender == owner, "owner");
    }

    function upgradeTo(address impl) external onlyOwner {
        implementation = impl;
    }

    function setFee(uint256 f) external onlyOwner {
        require(f <= 1_000, "fee");
        fee = f;
    }

    function _send(address to, uint256 amount) internal {
        (bool ok, ) = to.call{value: amount}("");
        require(ok);
    }

    address public keeper;

    function _checkKeeper() internal view {
        require(msg.sender == keeper, "keeper");
    }

    function act() external {
        _checkKeeper();
        fee = 0;
    }

    function setKeeper(address k) external {
        keeper = k;
    }

    function _destroy() internal {
        selfdestruct(payable(owner));
    }

    function close() external onlyOwner {
        _destroy();
    }

    function withdraw() external {
        uint256 b = balances[msg.sender];
        _send(msg.sender, b);
        balances[msg.sender] = 0;
    }
}
`;

test('editing a helper re-matches the functions that reach it, and only what can depend on it', () => {
  const f = editedFile('/hindsight-test/Vault.sol', VAULT, (r) => r.occurrences.map((o) => `${o.findingId}@${o.range.start.line}`).sort());
  const { memory, scan, edit } = f;
  const guarded = scan();
  assert.ok(
    guarded.some((o) => o.startsWith('HS-REENT-001@')),
    `the helper's call is reentrant: ${guarded}`,
  );
  edit('require(msg.sender == owner, "owner");', '// no check');
  const unguarded = scan();
  assert.ok(
    unguarded.some((o) => o.startsWith('HS-ACCESS-004@')),
    `upgradeTo is unguarded once the helper checks nothing: ${unguarded}`,
  );
  edit('// no check', 'require(msg.sender == owner, "owner");');
  assert.deepEqual(scan(), guarded);
  edit('(bool ok, ) = to.call{value: amount}("");\n        require(ok);', 'payable(to).transfer(amount);');
  const stipend = scan();
  assert.ok(!stipend.some((o) => o.startsWith('HS-REENT-001@')), `a transfer forwards no gas to re-enter: ${stipend}`);
  // Which state is privileged is read from every function's checks: here from act()'s, through a helper.
  assert.ok(
    stipend.some((o) => o.startsWith('HS-ACCESS-007@')),
    `the keeper is privileged: ${stipend}`,
  );
  edit('require(msg.sender == keeper, "keeper");', 'require(msg.sender != address(0), "keeper");');
  assert.ok(!scan().some((o) => o.startsWith('HS-ACCESS-007@')), 'the keeper is no longer privileged');
  edit('require(msg.sender != address(0), "keeper");', 'require(msg.sender == keeper, "keeper");');
  assert.ok(
    scan().some((o) => o.startsWith('HS-ACCESS-007@')),
    'the keeper is privileged again',
  );
  // Whether an internal function can be reached unguarded depends on its callers, which it does not name.
  assert.ok(!stipend.some((o) => o.startsWith('HS-ACCESS-002@')), `close() is guarded: ${stipend}`);
  edit('function close() external onlyOwner {', 'function close() external {');
  assert.ok(
    scan().some((o) => o.startsWith('HS-ACCESS-002@')),
    'selfdestruct is reachable once close() is not guarded',
  );
  edit('function close() external {', 'function close() external onlyOwner {');
  // Typing in the body of a function nothing calls re-matches it, and the units that ask about the whole contract.
  const before = scan();
  edit('        fee = f;', '        fee = f + 0;');
  assert.deepEqual(scan(), before);
  assert.ok(memory.last.semantic.matched < 18 / 2, `${memory.last.semantic.matched} of 18 units matched`);
});

// HS-CODE-005 (unused variable) is cut in two: unused locals and parameters are matched unit by unit, and whether
// one is used depends on its own function alone; unused private state variables are matched over the whole file.
const LEDGER = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

contract Ledger {
    uint256 private spare;
    uint256 private total;

    function add(uint256 amount, uint256 memo) external {
        uint256 before = total;
        total += amount;
    }

    function reset() external {
        total = 0;
    }

    function peek() external view returns (uint256) {
        return total;
    }
}
`;

test('unused locals are matched unit by unit, unused state over the whole file', () => {
  const f = editedFile('/hindsight-test/Ledger.sol', LEDGER, (r) => r.occurrences.filter((o) => o.findingId === 'HS-CODE-005').map((o) => o.bindings.$V.text));
  const { memory, scan, edit } = f;
  assert.deepEqual(scan().sort(), ['before', 'memo', 'spare']);
  // Using a local in its own function: that unit is matched again and the local is no longer reported.
  edit('total += amount;', 'total += amount + before;');
  assert.deepEqual(scan().sort(), ['memo', 'spare']);
  // Using the private state variable in another function: the whole-file part sees it.
  edit('total = 0;', 'total = spare;');
  assert.deepEqual(scan().sort(), ['memo']);
  // Typing in a function that declares nothing others use does not re-match add(), whose locals are its own.
  edit('return total;', 'return total + 0;');
  assert.deepEqual(scan().sort(), ['memo']);
  assert.ok(memory.last.semantic.matched <= 2, `${memory.last.semantic.matched} units matched`);
  edit('uint256 memo)', 'uint256)');
  assert.deepEqual(scan(), []);
});

// Overloads share a name, so every unit naming `pay` would be matched again when one overload changed. A library
// function, or a contract's function whose name nothing else declares, is never overridden: a unit depends on the
// overload its call resolves to, and on every overload when a reference does not resolve (scan-semantic-overloads.ts).
const OVERLOADS = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

library Fees {
    function cut(uint256 x) internal pure returns (uint256) {
        return x / 100;
    }

    function cut(address) internal pure returns (uint256) {
        return 1;
    }
}

contract Bank {
    mapping(address => uint256) public balances;
    uint256 public total;

    function pay(address to, uint256 amount) internal {
        (bool ok, ) = to.call{value: amount}("");
        require(ok);
    }

    function pay(uint256 amount, uint256 fee) internal pure returns (uint256) {
        require(amount > fee, "fee");
        return amount - fee;
    }

    function withdrawTo() external {
        uint256 b = balances[msg.sender];
        pay(msg.sender, b);
        balances[msg.sender] = 0;
    }

    function withdrawAmount(uint256 b) external view returns (uint256) {
        return pay(b, 1);
    }

    function withdrawHalf(uint256 b) external view returns (uint256) {
        return pay(b / 2, 1);
    }

    function withdrawFee(uint256 b) external view returns (uint256) {
        return pay(b, Fees.cut(b));
    }

    function withdrawSomehow(uint256 b) external view returns (uint256) {
        return pay(Unknown.amount(), b);
    }
}
`;

test('editing one overload re-matches the callers of that overload, and those whose call cannot be resolved', () => {
  const f = editedFile('/hindsight-test/Bank.sol', OVERLOADS, (r) => r.occurrences.map((o) => `${o.findingId}@${o.range.start.line}`).sort());
  const { memory, scan, edit } = f;
  const lineOf = (s: string) => f.text().slice(0, f.text().indexOf(s)).split('\n').length - 1;
  const matched = () => memory.last.semantic.at.map((at) => /function\s+(\w+)\s*\(([^)]*)\)/.exec(f.text().slice(at))?.slice(1).join(':') ?? `@${at}`);
  const has = (list: string[], fn: string) => list.some((x) => x.startsWith(`${fn}:`));
  const reentrant = (found: string[]) => found.includes(`HS-REENT-001@${lineOf('pay(msg.sender, b);')}`);
  const start = scan();
  assert.ok(reentrant(start), `the address overload forwards gas to re-enter: ${start}`);
  // The address overload stops forwarding gas: its caller's report changes, the amount overload's callers stay.
  edit('(bool ok, ) = to.call{value: amount}("");\n        require(ok);', 'payable(to).transfer(amount);');
  const stipend = scan();
  assert.ok(!reentrant(stipend), `the address overload sends with a stipend now: ${stipend}`);
  const again = matched();
  assert.ok(has(again, 'withdrawTo'), `the caller of the edited overload is matched again: ${again}`);
  assert.ok(has(again, 'withdrawSomehow'), `a call whose argument does not resolve falls back to the name: ${again}`);
  for (const other of ['withdrawAmount', 'withdrawHalf', 'withdrawFee']) assert.ok(!has(again, other), `${other} calls the other overload: ${again}`);
  // Breaking the overload keeps its last good version (nothing is matched); mending it changes what the caller reaches.
  const overload = [lineOf('function pay(address'), lineOf('function pay(uint256 amount, uint256 fee)')];
  edit('payable(to).transfer(amount);', 'payable(to).transfer(amount');
  const broken = scan();
  assert.equal(memory.last.kept, 'broken');
  // The overload's own findings are the analysis's to carry (project/analysis.ts); the others are the last good ones.
  const outside = (x: string) => {
    const line = Number(x.split('@')[1]);
    return line < overload[0] || line >= overload[1];
  };
  assert.deepEqual(broken, stipend.filter(outside));
  edit('payable(to).transfer(amount', '(bool ok, ) = to.call{value: amount}("");\n        require(ok);');
  assert.deepEqual(scan(), start);
  assert.ok(has(matched(), 'withdrawTo'), `${matched()}`);
  // A library overload reached through an argument: its caller is matched again, the other overload's are not.
  edit('return x / 100;', 'return x / 10;');
  scan();
  const viaLibrary = matched();
  assert.ok(has(viaLibrary, 'withdrawFee'), `${viaLibrary}`);
  assert.ok(!has(viaLibrary, 'withdrawAmount') && !has(viaLibrary, 'withdrawHalf'), `${viaLibrary}`);
});

test('random edits around overloads equal a fresh whole-file scan', () => {
  const path = '/hindsight-test/Bank.sol';
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    remove: fc.nat(8),
    insert: fc.constantFrom(
      '',
      'x',
      ';',
      ')',
      'pay(msg.sender, 1); ',
      'pay(1, 2); ',
      'pay(Unknown.x(), 2); ',
      'Fees.cut(msg.sender); ',
      'Fees.cut(3); ',
      '(bool ok, ) = msg.sender.call{value: 1}(""); ',
      'balances[msg.sender] = 0; ',
      'function pay(bool) internal pure {} ',
      '}\ncontract Sub is Bank {\n    function pay(uint256 a, uint256) internal pure override returns (uint256) {\n        return a;\n    }\n',
      'function cut(uint256 x) internal pure returns (uint256) { return x; } ',
    ),
  });
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
      const f = editedFile(path, OVERLOADS, () => []);
      f.scan();
      for (const e of edits) {
        const { spots } = bodiesAndNames(f.text());
        const at = spots.length && e.at < 0.8 ? spots[Math.floor((e.at / 0.8) * spots.length)] : Math.floor(e.at * f.text().length);
        f.splice(at, e.remove, e.insert);
        f.scan();
      }
    }),
    { seed: 20261206, numRuns: 60 },
  );
});
