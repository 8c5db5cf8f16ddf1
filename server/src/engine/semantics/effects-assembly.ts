// Effects of inline assembly: `sstore`/`sload` and `tstore`/`tload` (on `x.slot` of a named variable, else an
// unknown slot), `call`/`callcode`/`delegatecall`/`staticcall`, `create`/`create2`, `log0..4`, `selfdestruct`,
// `revert`. The statement stays one opaque node of the graph; every effect is tied to it.
import { forEachChild, isNode, nodeList } from './cfg-ast';
import type { Node } from './cfg-types';
import type { Effect, StateRef } from './effects-types';
import type { Places } from './effects-places';

type Add = (e: Omit<Effect, 'node'>) => void;

export function assemblyEffects(statement: Node, places: Places, add: Add): void {
  const visit = (y: Node) => {
    if (y.type === 'AssemblyCall') {
      for (const a of nodeList(y.arguments)) visit(a);
      assemblyCall(y, places, add);
      return;
    }
    forEachChild(y, visit);
  };
  if (isNode(statement.body)) visit(statement.body);
}

function assemblyCall(y: Node, places: Places, add: Add): void {
  const name = String(y.functionName);
  const args = nodeList(y.arguments);
  const slot = (transient: boolean): StateRef => {
    const ref = args[0] ? places.slotRef(args[0]) : undefined;
    if (ref) return { ...ref, transient: ref.transient || transient, through: 'assembly' };
    return { key: transient ? 'transient:?' : 'storage:?', path: '', transient, through: 'assembly' };
  };
  const base = { legacy: false, token: false, resolved: true, self: false };
  switch (name) {
    case 'sstore':
    case 'tstore':
      add({ kind: 'write', ast: y, state: slot(name === 'tstore'), how: 'assembly' });
      return;
    case 'sload':
    case 'tload':
      add({ kind: 'read', ast: y, state: slot(name === 'tload') });
      return;
    case 'call':
    case 'callcode':
      add({
        kind: 'call',
        ast: y,
        call: {
          ...base,
          kind: 'assembly',
          name,
          value: args[2] ? (isZeroAsm(args[2]) ? 'no' : 'unknown') : 'unknown',
          valueExpr: args[2],
          // No input (`call(gas(), to, v, 0, 0, 0, 0)`): a plain payment.
          payment: !!args[4] && isZeroAsm(args[4]),
          delegate: name === 'callcode',
          static: false,
          receiver: args[1],
        },
      });
      return;
    case 'delegatecall':
    case 'staticcall':
      add({
        kind: 'call',
        ast: y,
        call: { ...base, kind: 'assembly', name, value: 'no', delegate: name === 'delegatecall', static: name === 'staticcall', receiver: args[1] },
      });
      return;
    case 'create':
    case 'create2':
      add({
        kind: 'call',
        ast: y,
        call: { ...base, kind: 'create', name, value: args[0] && isZeroAsm(args[0]) ? 'no' : 'unknown', valueExpr: args[0], delegate: false, static: false },
      });
      return;
    case 'selfdestruct':
      add({ kind: 'selfdestruct', ast: y });
      return;
    case 'revert':
      add({ kind: 'revert', ast: y, conditional: false });
      return;
    default:
      if (/^log[0-4]$/.test(name)) add({ kind: 'event', ast: y, event: '?' });
  }
}

function isZeroAsm(e: Node): boolean {
  const v = e.type === 'DecimalNumber' || e.type === 'HexNumber' ? e.value : e.type === 'NumberLiteral' ? e.number : undefined;
  return typeof v === 'string' && /^(0x0*|0+)$/i.test(v);
}
