// Fix kinds (safe / review, `safe:` as a deprecated alias) and fix preconditions (`fix.requires`), on inline
// findings: what is offered, as what, and where the edits go. The built-in pack's fixes are verified end to end
// by the fix harness (fixes-harness.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, type FixDefinition, type Occurrence } from '../../server/src/engine';
import { validatePackData } from '../../server/src/packs/schema';
import { fixAllText } from '../../server/src/engine/fix-all';
import { scan } from './engine-helpers';

const NOW = { all: [{ pattern: 'now' }] };
const replaceNow = (extra: Partial<FixDefinition> = {}): FixDefinition => ({
  title: 'Use block.timestamp',
  edits: [{ replace: 'match', with: 'block.timestamp' }],
  ...extra,
});
const fixOf = (os: Occurrence[], line: number) => os.find((o) => o.range.start.line === line)?.fix;

describe('fix kinds', () => {
  const src = 'pragma solidity ^0.4.24;\ncontract C {\n  function f() public view returns (uint256) {\n    return now;\n  }\n}\n';
  it('default to review; safe: true is kind safe; kind wins over safe', () => {
    assert.equal(fixOf(scan(NOW, src, { fix: replaceNow() }), 3)?.kind, 'review');
    const aliased = fixOf(scan(NOW, src, { fix: replaceNow({ safe: true }) }), 3);
    assert.equal(aliased?.kind, 'safe');
    assert.equal(aliased?.safe, true);
    assert.equal(fixOf(scan(NOW, src, { fix: replaceNow({ safe: true, kind: 'review' }) }), 3)?.kind, 'review');
  });
  it('the schema takes kind, requires and the old safe flag, and rejects an unknown precondition', () => {
    const pack = (fix: unknown) => ({
      name: 'p',
      version: '1.0.0',
      findings: [
        {
          id: 'P-001',
          title: 't',
          severity: 'info',
          confidence: 'high',
          category: 'c',
          description: 'd',
          recommendation: 'r',
          references: [{ url: 'https://example.com', title: 'x' }],
          match: { pattern: 'now' },
          fix,
        },
      ],
    });
    assert.deepEqual(validatePackData(pack({ title: 't', kind: 'safe', requires: [{ builtin: 'match' }, { pragma: '>=0.4.0' }], edits: [{ with: 'x' }] })), []);
    assert.deepEqual(validatePackData(pack({ title: 't', safe: true, edits: [{ with: 'x' }] })), []);
    assert.notDeepEqual(validatePackData(pack({ title: 't', requires: [{ 'is-nice': 'match' }], edits: [{ with: 'x' }] })), []);
    assert.notDeepEqual(validatePackData(pack({ title: 't', kind: 'maybe', edits: [{ with: 'x' }] })), []);
  });
  it('a review fix shows its edit', () => {
    assert.equal(fixOf(scan(NOW, src, { fix: replaceNow() }), 3)?.preview, '`now` → `block.timestamp`');
  });
});

describe('fix preconditions', () => {
  it('builtin: a parameter or local named like the builtin gets no fix; the builtin keeps a safe one', () => {
    const src = [
      'pragma solidity ^0.4.24;',
      'contract C {',
      '  function a(uint256 now) public pure returns (uint256) { return now; }',
      '  function b() public view returns (uint256) { uint256 x = now; return x; }',
      '}',
    ].join('\n');
    const os = scan(NOW, src, { fix: replaceNow({ kind: 'safe', requires: [{ builtin: 'match' }] }) });
    assert.deepEqual(
      os.map((o) => [o.range.start.line, o.fix?.kind ?? 'none']),
      [
        [2, 'none'],
        [2, 'none'],
        [3, 'safe'],
      ],
    );
  });
  it('builtin: a base contract the file cannot see makes a safe fix a review one', () => {
    const src =
      'pragma solidity ^0.4.24;\nimport "./Base.sol";\ncontract C is Base {\n  function b() public view returns (uint256) {\n    return now;\n  }\n}\n';
    const fix = fixOf(scan(NOW, src, { fix: replaceNow({ kind: 'safe', requires: [{ builtin: 'match' }] }) }), 4);
    assert.equal(fix?.kind, 'review');
    assert.match(fix?.reviewReason ?? '', /Base/);
  });
  it('pragma: a range the pragma does not fit drops the fix; no pragma makes it review', () => {
    const body = 'contract C {\n  function b() public view returns (uint256) {\n    return now;\n  }\n}\n';
    const def = replaceNow({ kind: 'safe', requires: [{ pragma: '>=0.4.22' }] });
    assert.equal(fixOf(scan(NOW, `pragma solidity ^0.4.18;\n${body}`, { fix: def }), 3), undefined);
    assert.equal(fixOf(scan(NOW, `pragma solidity ^0.4.24;\n${body}`, { fix: def }), 3)?.kind, 'safe');
    assert.equal(fixOf(scan(NOW, `// no pragma\n${body}`, { fix: def }), 3)?.kind, 'review');
  });
  const RECOVER = { pattern: 'address $S = ecrecover(...);' };
  const requireAfter: FixDefinition = {
    title: 'Check the signer',
    kind: 'review',
    requires: [{ 'statement-context': 'block' }],
    edits: [{ 'insert-line-after': 'match', text: 'require($S != address(0));' }],
  };
  it('statement-context: code on the same line keeps the insertion inside the function', () => {
    const src =
      'pragma solidity ^0.8.0;\ncontract C {\n  function f(bytes32 h, uint8 v, bytes32 r, bytes32 s) external pure returns (address) { address a = ecrecover(h, v, r, s); return a; }\n}\n';
    const [o] = scan(RECOVER, src, { fix: requireAfter });
    assert.equal(
      applyEdits(src, o.fix!.edits).split('\n')[2],
      '  function f(bytes32 h, uint8 v, bytes32 r, bytes32 s) external pure returns (address) { address a = ecrecover(h, v, r, s); require(a != address(0)); return a; }',
    );
  });
  it('statement-context: a brace-less if body gets braces around it and the added statement', () => {
    const src =
      'pragma solidity ^0.8.0;\ncontract C {\n  address a;\n  function f(bytes32 h, uint8 v, bytes32 r, bytes32 s, bool c) external {\n    if (c) a = ecrecover(h, v, r, s);\n  }\n}\n';
    const def: FixDefinition = { ...requireAfter, edits: [{ 'insert-line-after': 'match', text: 'require($S != address(0));' }] };
    const [o] = scan({ pattern: '$S = ecrecover(...);' }, src, { fix: def });
    assert.equal(applyEdits(src, o.fix!.edits).split('\n')[4], '    if (c) { a = ecrecover(h, v, r, s); require(a != address(0)); }');
  });
  it('discarded: only where the value is thrown away; a line goes after the statement holding the target', () => {
    const src = [
      'pragma solidity ^0.8.0;',
      'contract C {',
      '  bool last;',
      '  function f(address t) external {',
      '    t.call("");',
      '    (last, ) = t.call("");',
      '  }',
      '}',
    ].join('\n');
    const def: FixDefinition = {
      title: 'check',
      requires: [{ 'statement-context': 'block' }, { discarded: 'match' }],
      edits: [
        { 'insert-before': 'match', text: '(bool success, ) = ' },
        { 'insert-line-after': 'match', text: 'require(success);' },
      ],
    };
    const os = scan({ pattern: '$T.call("")' }, src, { fix: def });
    assert.deepEqual(
      os.map((o) => [o.range.start.line, !!o.fix]),
      [
        [4, true],
        [5, false],
      ],
    );
    assert.deepEqual(applyEdits(src, os[0].fix!.edits).split('\n').slice(4, 6), ['    (bool success, ) = t.call("");', '    require(success);']);
  });
  it('may-revert: not in a loop, not in a function that answers with a bool', () => {
    const src = [
      'pragma solidity ^0.8.0;',
      'contract C {',
      '  function loop(bytes32 h, uint8 v, bytes32 r, bytes32 s) external pure { for (uint i; i < 2; i++) { address a = ecrecover(h, v, r, s); } }',
      '  function ok(bytes32 h, uint8 v, bytes32 r, bytes32 s) external pure returns (bool) { address a = ecrecover(h, v, r, s); return a != address(0); }',
      '  function f(bytes32 h, uint8 v, bytes32 r, bytes32 s) external pure returns (address) { address a = ecrecover(h, v, r, s); return a; }',
      '}',
    ].join('\n');
    const os = scan(RECOVER, src, { fix: { ...requireAfter, requires: [{ 'may-revert': 'match' }] } });
    assert.deepEqual(
      os.map((o) => [o.range.start.line, !!o.fix]),
      [
        [2, false],
        [3, false],
        [4, true],
      ],
    );
  });
  it('not-caller, result-not-ignored-on-purpose, external-call, not-called-from-constructor, using, declared', () => {
    const origin =
      'pragma solidity ^0.8.0;\ncontract C {\n  address o;\n  function f() external view { require(tx.origin == address(msg.sender)); require(tx.origin == o); }\n}\n';
    const os = scan({ pattern: 'tx.origin == $X' }, origin, { fix: { title: 't', requires: [{ 'not-caller': '$X' }], edits: [{ with: 'msg.sender == $X' }] } });
    assert.deepEqual(
      os.map((o) => !!o.fix),
      [false, true],
    );

    const send = [
      'pragma solidity ^0.8.0;',
      'contract C {',
      '  address payable best;',
      '  function refund() external { best.send(1); }',
      '  function mine(uint256 v) external { payable(msg.sender).send(v); }',
      '  function to(address payable p) external { p.send(1); }',
      '}',
    ].join('\n');
    const sends = scan({ pattern: '$TO.send($V);' }, send, {
      fix: { title: 't', requires: [{ 'result-not-ignored-on-purpose': 'match' }], edits: [{ with: 'require($TO.send($V));' }] },
    });
    assert.deepEqual(
      sends.map((o) => !!o.fix),
      [false, true, true],
    );

    const permit = [
      'pragma solidity ^0.8.0;',
      'interface IP { function permit(address, uint256) external; }',
      'library L { function permit(address, uint256) internal {} }',
      'contract C {',
      '  function a(IP t) external { t.permit(msg.sender, 1); }',
      '  function b() external { L.permit(msg.sender, 1); }',
      '}',
    ].join('\n');
    const permits = scan({ pattern: '$T.permit($A, $B);' }, permit, {
      fix: { title: 't', requires: [{ 'external-call': 'match' }], edits: [{ with: 'try $T.permit($A, $B) {} catch {}' }] },
    });
    assert.deepEqual(
      permits.map((o) => o.fix?.kind ?? 'none'),
      ['review', 'none'],
    );

    const init = [
      'pragma solidity ^0.8.0;',
      'contract C {',
      '  constructor() { _a(); }',
      '  function _a() internal initializer {}',
      '  function _b() private initializer {}',
      '}',
    ].join('\n');
    const inits = scan({ pattern: 'function $F(...) $M' }, init, {
      fix: { title: 't', kind: 'safe', requires: [{ 'not-called-from-constructor': '$F' }], edits: [{ replace: '$M', with: 'onlyInitializing' }] },
    }).filter((o) => o.bindings.$M?.text === 'initializer');
    assert.deepEqual(
      inits.map((o) => [o.function, o.fix?.kind ?? 'none']),
      [
        ['_a', 'none'],
        ['_b', 'safe'],
      ],
    );

    const transfer =
      'pragma solidity ^0.8.0;\ninterface T { function transfer(address, uint256) external returns (bool); }\ncontract C {\n  function f(T t) external { t.transfer(msg.sender, 1); }\n}\n';
    const def: FixDefinition = { title: 't', requires: [{ using: 'SafeERC20' }, { declared: 'SafeERC20' }], edits: [{ with: '$T.safeTransfer($A, $B);' }] };
    assert.equal(scan({ pattern: '$T.transfer($A, $B);' }, transfer, { fix: def })[0].fix, undefined);
    const withLib = transfer.replace(
      'contract C {',
      'library SafeERC20 { function safeTransfer(T, address, uint256) internal {} }\ncontract C {\n  using SafeERC20 for T;',
    );
    assert.equal(scan({ pattern: '$T.transfer($A, $B);' }, withLib, { fix: def })[0].fix?.kind, 'review');
  });
});

describe('fix preconditions: fresh-name', () => {
  it('a second fix declaring the same name in one function is not offered once the first is applied', () => {
    const src = [
      'pragma solidity ^0.8.0;',
      'contract C {',
      '  function f(address a, address b) external {',
      '    a.call("");',
      '    b.call("");',
      '  }',
      '}',
    ].join('\n');
    const def: FixDefinition = {
      title: 'check',
      requires: [{ 'fresh-name': 'success' }],
      edits: [
        { 'insert-before': 'match', text: '(bool success, ) = ' },
        { 'insert-line-after': 'match', text: 'require(success);' },
      ],
    };
    const first = scan({ pattern: '$A.call(...);' }, src, { fix: def });
    assert.deepEqual(
      first.map((o) => !!o.fix),
      [true, true],
    );
    const once = applyEdits(src, first[0].fix!.edits);
    const second = scan({ pattern: '$A.call(...);' }, once, { fix: def });
    assert.deepEqual(
      second.map((o) => !!o.fix),
      [false],
    );
  });
});

describe('fix-all', () => {
  it('applies safe fixes only', () => {
    const src = 'pragma solidity ^0.4.24;\ncontract C {\n  function f() public view returns (uint256) {\n    return now;\n  }\n}\n';
    const review = scan(NOW, src, { fix: replaceNow() });
    assert.equal(
      fixAllText(src, () => review),
      null,
    );
    const safe = scan(NOW, src, { fix: replaceNow({ kind: 'safe' }) });
    assert.equal(fixAllText(src, (t) => (t === src ? safe : []))?.text, src.replace('now;', 'block.timestamp;'));
  });
});
