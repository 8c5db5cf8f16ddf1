// Inheritance in the semantic model: C3 linearization (Solidity's order), inherited members, overrides, `super`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linearize } from '../../server/src/engine/semantics';
import { find, modelOf, where } from './semantics-helpers';

test('C3 linearization of a diamond follows Solidity: bases listed most base-like first, merged right to left', () => {
  const m = modelOf(
    {
      '/p/D.sol': `contract A { function who() public virtual returns (string memory) { return "A"; } }
contract B is A { function who() public virtual override returns (string memory) { return super.who(); } }
contract C is A { function who() public virtual override returns (string memory) { return super.who(); } }
contract D is B, C { function who() public override(B, C) returns (string memory) { return super.who(); } }`,
    },
    '/p/D.sol',
  );
  const d = m.contract('D')!;
  assert.deepEqual(
    m.linearization(d).map((c) => c.name),
    ['D', 'C', 'B', 'A'],
  );
  // `super` in D is C's; in C it is B's (D's linearization is not C's: statically C's own order, C → A).
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 'super.who', 2))), 'function:D.sol:C.who');
  assert.equal(where(m.declarationOf(find(m, 'MemberAccess', 'super.who', 1))), 'function:D.sol:A.who');
  assert.equal(where(m.declarationOf(find(m, 'UserDefinedTypeName', 'B', 1))), 'contract:D.sol:B');
  assert.deepEqual(
    m.functionsOf(d).map((f) => where(f)),
    ['function:D.sol:D.who'],
  );
  const aWho = m.contract('A')!.functions[0];
  assert.equal(where(m.dispatch(aWho, d)), 'function:D.sol:D.who', 'a call of who() in A runs D.who on a D');
});

test('linearize() gives an order even for hierarchies C3 rejects, and for cycles', () => {
  const bases: Record<string, string[]> = { X: ['A', 'B'], Y: ['B', 'A'], Z: ['X', 'Y'], A: [], B: [] };
  const order = linearize('Z', (c) => bases[c]);
  assert.equal(order[0], 'Z');
  assert.deepEqual([...order].sort(), ['A', 'B', 'X', 'Y', 'Z']);
  const cyclic: Record<string, string[]> = { P: ['Q'], Q: ['P'] };
  assert.deepEqual(
    linearize('P', (c) => cyclic[c]),
    ['P', 'Q'],
  );
});

test("an imported Ownable's onlyOwner is resolved, with its body reachable, and inherited state is visible", () => {
  const m = modelOf(
    {
      '/p/lib/Ownable.sol': `abstract contract Context { function _msgSender() internal view virtual returns (address) { return msg.sender; } }
abstract contract Ownable is Context {
  address private _owner;
  error OwnableUnauthorizedAccount(address account);
  modifier onlyOwner() { _checkOwner(); _; }
  function owner() public view virtual returns (address) { return _owner; }
  function _checkOwner() internal view virtual { if (owner() != _msgSender()) revert OwnableUnauthorizedAccount(_msgSender()); }
}`,
      '/p/src/Vault.sol': `import {Ownable} from "../lib/Ownable.sol";
contract Vault is Ownable {
  uint256 public rate;
  function setRate(uint256 r) external onlyOwner { rate = r; }
  function sweep(address to) external { require(_msgSender() == owner(), "owner"); payable(to).transfer(address(this).balance); }
}`,
    },
    '/p/src/Vault.sol',
  );
  const vault = m.contract('Vault')!;
  assert.deepEqual(
    m.linearization(vault).map((c) => c.name),
    ['Vault', 'Ownable', 'Context'],
  );
  const mod = m.lookupModifier(vault, 'onlyOwner')!;
  assert.equal(where(mod), 'modifier:Ownable.sol:Ownable.onlyOwner');
  assert.ok(mod.body, 'the modifier body is there to analyse');
  assert.equal(m.declarationOf(find(m, 'ModifierInvocation', 'onlyOwner')), mod);
  assert.equal(where(m.declarationOf(find(m, 'Identifier', '_msgSender'))), 'function:Ownable.sol:Context._msgSender');
  assert.equal(where(m.declarationOf(find(m, 'Identifier', 'owner'))), 'function:Ownable.sol:Ownable.owner');
  // Nodes of the imported file are answered too: the body of onlyOwner calls _checkOwner.
  const call = (mod.body!.statements as never[])[0] as { expression: never };
  const target = m.resolveCall(call.expression);
  assert.equal(target.kind, 'internal');
  assert.equal(target.kind === 'internal' && where(target.function), 'function:Ownable.sol:Ownable._checkOwner');
  assert.equal(m.contractOf(call.expression)?.name, 'Ownable');
  assert.equal(m.functionOf(call.expression)?.name, 'onlyOwner');
  assert.deepEqual(
    m.stateVariablesOf(vault).map((v) => v.name),
    ['_owner', 'rate'],
  );
  assert.deepEqual(
    m
      .functionsOf(vault)
      .map((f) => f.name)
      .sort(),
    ['_checkOwner', '_msgSender', 'owner', 'setRate', 'sweep'],
  );
});

test('an override is what the derived contract sees; Base.f() and super.f() reach the base definition', () => {
  const m = modelOf(
    {
      '/p/T.sol': `contract Base {
  uint256 internal total;
  function _update(uint256 v) internal virtual { total += v; }
  function _update(uint256 v, uint256 w) internal virtual { total += v + w; }
}
contract Child is Base {
  function _update(uint256 v) internal override { Base._update(v); super._update(v, 1); }
  function run() external { _update(1); _update(1, 2); this.run(); }
}`,
    },
    '/p/T.sol',
  );
  const calls = ['_update(1)', '_update(1, 2)', 'Base._update(v)', 'super._update(v, 1)', 'this.run()'];
  const got = calls.map((c) => {
    const t = m.resolveCall(find(m, 'FunctionCall', c));
    return `${t.kind}${'via' in t ? `/${t.via}` : ''} ${'function' in t && t.function ? where(t.function) : ''} ${t.kind === 'internal' ? t.function.parameters.length : ''}`.trim();
  });
  assert.deepEqual(got, [
    'internal/name function:T.sol:Child._update 1',
    'internal/name function:T.sol:Base._update 2',
    'internal/base function:T.sol:Base._update 1',
    'internal/super function:T.sol:Base._update 2',
    'external function:T.sol:Child.run',
  ]);
});
