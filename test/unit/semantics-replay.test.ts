// The `signature:` filter's `replay-protected` (facts-replay.ts): a consumed nonce or a lasting mark of the signed
// data protects a signature check; a nonce nobody advances, or a mark another function can clear, does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFinding, PatternError, type MatchNode } from '../../server/src/engine';
import { finding, PACK, scan, texts } from './engine-helpers';

const SOURCE = `pragma solidity ^0.8.20;
contract S {
  address signer;
  mapping(address => uint256) nonces;
  mapping(bytes32 => bool) used;
  mapping(address => bool) banned;
  mapping(address => uint256) balances;
  function plain(address to, uint256 a, uint8 v, bytes32 r, bytes32 s) external {
    bytes32 h = keccak256(abi.encode(to, a));
    require(ecrecover(h, v, r, s) == signer);
    balances[to] += a;
  }
  function stale(address to, uint256 a, uint8 v, bytes32 r, bytes32 s) external {
    require(ecrecover(keccak256(abi.encode(to, a, nonces[to])), v, r, s) == signer);
    balances[to] += a;
  }
  function consumed(address to, uint256 a, uint8 v, bytes32 r, bytes32 s) external {
    uint256 n = nonces[to];
    bytes32 h = keccak256(abi.encode(to, a, n));
    require(ecrecover(h, v, r, s) == signer);
    nonces[to] = n + 1;
    balances[to] += a;
  }
  function marked(address to, uint256 a, uint8 v, bytes32 r, bytes32 s) external {
    bytes32 h = keccak256(abi.encode(to, a));
    require(ecrecover(h, v, r, s) == signer && !used[h]);
    used[h] = true;
    balances[to] += a;
  }
  function lift(address to, uint8 v, bytes32 r, bytes32 s) external {
    bytes32 h = keccak256(abi.encode(to));
    require(ecrecover(h, v, r, s) == signer && banned[to]);
    banned[to] = false;
  }
  function ban(address to) external { require(msg.sender == signer); banned[to] = true; }
  function _check(bytes32 h, uint8 v, bytes32 r, bytes32 s) internal view returns (bool) {
    return ecrecover(h, v, r, s) == signer;
  }
}`;

const match = (protectedToo: boolean): MatchNode => ({
  all: [{ pattern: '$R(...)' }, { where: [{ signature: 'match', 'replay-protected': protectedToo }] }],
});

test('replay-protected: a consumed nonce or a lasting mark; not a stale nonce, a clearable mark, or a helper', () => {
  assert.deepEqual(texts(SOURCE, scan(match(false), SOURCE)), [
    'ecrecover(h, v, r, s)',
    'ecrecover(keccak256(abi.encode(to, a, nonces[to])), v, r, s)',
    'ecrecover(h, v, r, s)',
  ]);
  const unprotected = scan(match(false), SOURCE).map((o) => o.range.start.line + 1);
  assert.deepEqual(unprotected, [10, 14, 32], 'plain, stale and lift');
  assert.deepEqual(
    scan(match(true), SOURCE).map((o) => o.range.start.line + 1),
    [20, 26],
    'consumed and marked; the helper _check is answered neither way',
  );
});

// A base in a file the model has not read (the editor's first pass over a file, a workspace scan worker): its
// internal functions may hash with a nonce or consume one, so the check is answered neither way.
const UNSEEN_BASE = `pragma solidity ^0.8.20;
import {Base} from "./Base.sol";
contract V is Base {
  address signer;
  mapping(address => uint256) balances;
  function byHash(address to, uint256 a, uint8 v, bytes32 r, bytes32 s) external {
    bytes32 h = _hashTyped(keccak256(abi.encode(to, a)));
    require(ecrecover(h, v, r, s) == signer);
    balances[to] += a;
  }
  function byCheck(address to, uint256 a, uint256 nonce, uint8 v, bytes32 r, bytes32 s) external {
    bytes32 h = keccak256(abi.encode(to, a, nonce));
    require(ecrecover(h, v, r, s) == signer);
    _useCheckedNonce(to, nonce);
    balances[to] += a;
  }
  function byLibrary(address to, uint256 a, uint8 v, bytes32 r, bytes32 s) external {
    bytes32 h = Hashing.typed(keccak256(abi.encode(to, a)));
    require(ecrecover(h, v, r, s) == signer);
    balances[to] += a;
  }
}`;

test('replay-protected: a call into an unread base is no answer; a library call is no state change', () => {
  assert.deepEqual(scan(match(true), UNSEEN_BASE), []);
  assert.deepEqual(
    scan(match(false), UNSEEN_BASE).map((o) => o.range.start.line + 1),
    [19],
    'only byLibrary: Hashing.typed cannot consume a nonce of V',
  );
});

test('signature: needs replay-protected as a boolean', () => {
  let err: unknown;
  try {
    compileFinding(finding({ all: [{ pattern: '$R(...)' }, { where: [{ signature: 'match' }] }] } as MatchNode), PACK);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof PatternError);
  assert.match(err.message, /`signature` needs `replay-protected: true` or `replay-protected: false`/);
});

// Set-once flags keyed by the signed data: a mark when the function checks that entry, or when setting such flags
// is all the function does (a replay sets what is set); not when it checks another entry and does more besides.
const FLAGS = `pragma solidity ^0.8.20;
contract G {
  mapping(address => bool) isAdmin;
  mapping(address => bool) isViewer;
  mapping(address => uint256) points;
  function enroll(address u, bool asAdmin, uint8 v, bytes32 r, bytes32 s) external {
    bytes32 h = keccak256(abi.encodePacked(u));
    require(isAdmin[ecrecover(h, v, r, s)]);
    if (asAdmin) isAdmin[u] = true; else isViewer[u] = true;
  }
  function bonus(address u, uint8 v, bytes32 r, bytes32 s) external {
    bytes32 h = keccak256(abi.encodePacked("bonus", u));
    require(isAdmin[ecrecover(h, v, r, s)]);
    isAdmin[u] = true;
    points[u] += 1;
  }
  function gift(address payable u, uint8 v, bytes32 r, bytes32 s) external {
    bytes32 h = keccak256(abi.encodePacked("gift", u));
    require(isAdmin[ecrecover(h, v, r, s)]);
    isAdmin[u] = true;
    u.transfer(1);
  }
  function once(address u, uint8 v, bytes32 r, bytes32 s) external {
    bytes32 h = keccak256(abi.encodePacked("once", u));
    require(isAdmin[ecrecover(h, v, r, s)] && !isViewer[u]);
    isViewer[u] = true;
    points[u] += 1;
  }
  function viaHelper(address u, uint8 v, bytes32 r, bytes32 s) external {
    bytes32 h = keccak256(abi.encodePacked("helper", u));
    require(isAdmin[ecrecover(h, v, r, s)]);
    _grant(u);
    points[u] += 1;
  }
  function _grant(address u) internal { isViewer[u] = true; }
  function byLibrary(address u, bytes calldata sig) external {
    bytes32 h = keccak256(abi.encodePacked("lib", u));
    require(isAdmin[Sig.recover(h, sig)]);
    isViewer[u] = true;
  }
}`;

test('replay-protected: set-once flags protect when checked at that entry or when they are all the function does', () => {
  const fnAt = (line: number): string => {
    const lines = FLAGS.split('\n').slice(0, line);
    const decl = lines.reverse().find((l) => l.includes('function '));
    return /function (\w+)/.exec(decl ?? '')?.[1] ?? '?';
  };
  const names = (protectedToo: boolean) => scan(match(protectedToo), FLAGS).map((o) => fnAt(o.range.start.line + 1));
  assert.deepEqual(names(false), ['bonus', 'gift', 'viaHelper']);
  assert.deepEqual(names(true), ['enroll', 'once', 'byLibrary']);
});
