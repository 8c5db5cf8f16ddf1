// Generalising: identifiers and literals become metavariables, but the pattern must stay specific, so we keep
// what gives code its meaning — member names (`.call`, `.transfer`), Solidity globals (`msg.sender`,
// `block.timestamp`), called function/event/error names, type names and library/enum qualifiers, call option and
// named-argument names, `true`/`false`, `0`, `1` and `""`. Everything else is a slot that may become a
// metavariable (metavariables.ts decides).
import { children, endOf, startOf, type AstNode } from './ast';
import type { Scope } from './scope';
import type { GeneralizedKind } from './types';

// Built-in names of Solidity: never project-specific, so always kept.
const GLOBALS = new Set([
  'msg',
  'block',
  'tx',
  'abi',
  'this',
  'super',
  'now',
  'gasleft',
  'blockhash',
  'blobhash',
  'keccak256',
  'sha256',
  'sha3',
  'ripemd160',
  'ecrecover',
  'addmod',
  'mulmod',
  'selfdestruct',
  'suicide',
  'require',
  'assert',
  'revert',
  'type',
  'address',
  'payable',
  'bytes',
  'string',
  'wei',
  'ether',
  'gwei',
]);
// Weak anchors: they occur everywhere, so a pattern held only by them is not specific.
const WEAK = new Set(['require', 'assert', 'revert', 'msg', 'block', 'tx', 'this', 'abi', 'type', 'address', 'payable']);

export type Role = 'keep' | 'state' | 'local' | 'literal' | 'ellipsis';
export interface Slot {
  start: number;
  end: number;
  text: string;
  role: Role;
  key: string;
}

export interface Candidates {
  slots: Slot[];
  /** Names kept as written (anchors). */
  kept: Set<string>;
  /** How many of the anchors are not WEAK: none means the pattern is not yet specific. */
  strong: number;
}

/** The anchors and slots of `nodes`. */
export function collectSlots(src: string, nodes: AstNode[], kind: GeneralizedKind, scope: Scope): Candidates {
  const slots: Slot[] = [];
  const kept = new Set<string>();
  let strong = 0;
  const keep = (name: string, weak = WEAK.has(name)) => {
    kept.add(name);
    if (!weak) strong++;
  };

  const visit = (n: AstNode, parent: AstNode | undefined, key: string) => {
    if (n.type === 'InlineAssemblyStatement') return; // Yul is kept verbatim
    // `msg.sender` and friends are everywhere; `block.timestamp` or `tx.origin` are worth a finding on their own.
    if (n.type === 'MemberAccess') keep(n.memberName as string, (n.expression as AstNode)?.type === 'Identifier' && (n.expression as AstNode).name === 'msg');
    if (n.type === 'ModifierInvocation') keep(n.name as string);
    if (n.type === 'UserDefinedTypeName') keep(n.namePath as string);
    if (n.type === 'Identifier') {
      const name = n.name as string;
      const text = src.slice(startOf(n), endOf(n));
      if (text !== name) return; // defensive: ranges of recovered nodes can be off
      const isCallee = parent?.type === 'FunctionCall' && key === 'expression';
      const isQualifier = parent?.type === 'MemberAccess' && key === 'expression' && (scope.types.has(name) || /^[A-Z]/.test(name));
      const isNamedArg = key === 'identifiers';
      const isTypeName = scope.types.has(name) && !scope.state.has(name);
      if (GLOBALS.has(name) || isCallee || isQualifier || isNamedArg || isTypeName) {
        if (!isNamedArg) keep(name);
        return;
      }
      const declaredHere = parent?.type === 'VariableDeclaration' && !(parent.isStateVar as boolean);
      slots.push({ start: startOf(n), end: endOf(n), text: name, role: scope.state.has(name) && !declaredHere ? 'state' : 'local', key: `id:${name}` });
      return;
    }
    if (n.type === 'BooleanLiteral') return;
    if (n.type === 'FunctionCall' && isReasonCall(n)) {
      // The reason string of require/revert says nothing about the bug: `...` also matches calls without one.
      const args = n.arguments as AstNode[];
      const last = args[args.length - 1];
      slots.push({ start: startOf(last), end: endOf(last), text: '...', role: 'ellipsis', key: `ellipsis:${startOf(last)}` });
      visit(n.expression as AstNode, n, 'expression');
      for (const a of args.slice(0, -1)) visit(a, n, 'arguments');
      return;
    }
    if (n.type === 'NumberLiteral' || n.type === 'StringLiteral' || n.type === 'HexLiteral' || n.type === 'HexNumber' || n.type === 'DecimalNumber') {
      const text = src.slice(startOf(n), endOf(n));
      if (/^(0|1)$/.test(text) || /^(""|'')$/.test(text)) return;
      slots.push({ start: startOf(n), end: endOf(n), text, role: 'literal', key: `lit:${text}` });
      return;
    }
    for (const c of children(n)) visit(c.node, n, c.key);
  };
  for (const n of nodes) {
    if (kind === 'member' && n.type === 'FunctionDefinition' && typeof n.name === 'string' && n.name) keep(n.name);
    visit(n, undefined, '');
  }
  return { slots, kept, strong };
}

function isReasonCall(n: AstNode): boolean {
  const callee = n.expression as AstNode | undefined;
  const args = (n.arguments as AstNode[]) ?? [];
  const name = callee?.type === 'Identifier' ? (callee.name as string) : '';
  const min = name === 'require' ? 2 : name === 'revert' ? 1 : Infinity;
  return args.length >= min && args[args.length - 1]?.type === 'StringLiteral' && !(n.names as string[])?.length;
}
