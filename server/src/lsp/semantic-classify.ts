// What each name of a Solidity file is, for semantic highlighting: the semantic model's answer turned into LSP
// token types and modifiers, chosen for what an auditor scans for — state variables apart from locals and
// parameters, constants and immutables, storage pointers, calls that leave the contract, msg.sender and
// tx.origin. Keywords, literals and comments are the TextMate grammar's (client/syntaxes/); only names are here.
import type { ParsedSource } from '../engine/parse';
import type { Node } from '../engine/pattern/ast';
import { isNode } from '../engine/pattern/ast';
import type { Declaration, SemanticModel, VariableSymbol } from '../engine/semantics';

/** Standard LSP types first; `error` is ours (package.json maps it to a TextMate scope). */
export const TOKEN_TYPES = [
  'namespace',
  'class',
  'interface',
  'struct',
  'enum',
  'enumMember',
  'event',
  'function',
  'method',
  'property',
  'variable',
  'parameter',
  'type',
  'decorator',
  'error',
] as const;

/**
 * Standard modifiers first. Ours: `storage` (a local or parameter that points into storage), `external` (a message
 * call to another contract, or to `this`), `lowLevel` (`call`, `delegatecall`, `staticcall`, `send`, `transfer`),
 * `sender` (`msg.sender`), `origin` (`tx.origin`).
 */
export const TOKEN_MODIFIERS = [
  'declaration',
  'readonly',
  'static',
  'abstract',
  'defaultLibrary',
  'storage',
  'external',
  'lowLevel',
  'sender',
  'origin',
] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

/** A name in the text: UTF-16 offset and length, index into TOKEN_TYPES, bit set over TOKEN_MODIFIERS. */
export interface RawToken {
  offset: number;
  length: number;
  type: number;
  modifiers: number;
}

const TYPE_INDEX = new Map<string, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const MODIFIER_BIT = new Map<string, number>(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i]));

function token(offset: number, length: number, type: TokenType, modifiers: TokenModifier[]): RawToken {
  let bits = 0;
  for (const m of modifiers) bits |= MODIFIER_BIT.get(m)!;
  return { offset, length, type: TYPE_INDEX.get(type)!, modifiers: bits };
}

/** Names the grammar colours as keywords: the model resolves them, but they are not names a reader tracks. */
const KEYWORD_NAMES = new Set(['this', 'super', '_']);

/** The type and modifiers of a name that refers to `d` (or declares it); `called`: the name is followed by `(`. */
export function kindOf(d: Declaration, called = false): [TokenType, TokenModifier[]] | undefined {
  switch (d.kind) {
    case 'contract':
      if (d.contractKind === 'interface') return ['interface', []];
      if (d.contractKind === 'library') return ['namespace', []];
      return ['class', d.contractKind === 'abstract' ? ['abstract'] : []];
    case 'module':
      return ['namespace', []];
    case 'struct':
      return ['struct', []];
    case 'enum':
      return ['enum', []];
    case 'enumValue':
      return ['enumMember', ['readonly']];
    case 'userType':
      return ['type', []];
    case 'event':
      return ['event', []];
    case 'error':
      return ['error', []];
    case 'modifier':
      return ['decorator', []];
    case 'function':
      return ['function', d.contract?.contractKind === 'library' ? ['static'] : []];
    case 'builtin':
      return builtinKind(d.name, called);
    default:
      return variableKind(d);
  }
}

function variableKind(v: VariableSymbol): [TokenType, TokenModifier[]] {
  const mods: TokenModifier[] = [];
  if (v.constant) mods.push('readonly', 'static');
  else if (v.immutable) mods.push('readonly');
  if (v.storageLocation === 'storage' && v.kind !== 'stateVariable') mods.push('storage');
  switch (v.kind) {
    case 'stateVariable':
    case 'structField':
      return ['property', mods];
    case 'parameter':
    case 'returnParameter':
    case 'eventParameter':
    case 'errorParameter':
      return ['parameter', mods];
    default:
      return ['variable', mods];
  }
}

function builtinKind(name: string, called: boolean): [TokenType, TokenModifier[]] | undefined {
  if (KEYWORD_NAMES.has(name)) return undefined;
  if (name === 'msg.sender') return ['variable', ['defaultLibrary', 'readonly', 'sender']];
  if (name === 'tx.origin') return ['variable', ['defaultLibrary', 'readonly', 'origin']];
  const member = name.slice(name.indexOf('.') + 1);
  if (name.startsWith('address.') && LOW_LEVEL.has(member)) return ['method', ['defaultLibrary', 'lowLevel']];
  return [called ? 'function' : 'variable', ['defaultLibrary']];
}

const LOW_LEVEL = new Set(['call', 'delegatecall', 'staticcall', 'callcode', 'send', 'transfer']);

/**
 * Every name of the model's file that the model knows: declarations (with `declaration`), references, and the
 * callee names of calls that leave the contract. Sorted by offset, no two at one offset.
 */
export function classify(model: SemanticModel, parsed: ParsedSource): RawToken[] {
  const text = parsed.text;
  const byOffset = new Map<number, RawToken>();
  const put = (offset: number | undefined, name: string, kind: [TokenType, TokenModifier[]] | undefined) => {
    if (offset === undefined || !kind || !name) return;
    // A name the model placed where the text says otherwise (a recovered tree, a loose reference) is left out.
    if (text.startsWith(name, offset) === false) return;
    byOffset.set(offset, token(offset, name.length, kind[0], kind[1]));
  };

  for (const r of model.references())
    put(r.offset, r.name, kindOf(r.declaration, r.declaration.kind === 'builtin' && isCalled(text, r.offset + r.name.length)));

  const symbols = model.project.symbols(model.file);
  const seen = new Set<Declaration>();
  const declare = (d: Declaration) => {
    if (seen.has(d) || d.kind === 'builtin' || d.file !== model.file) return;
    seen.add(d);
    const kind = kindOf(d);
    if (kind) put(model.nameOffset(d), d.name, [kind[0], ['declaration', ...kind[1]]]);
  };
  for (const d of symbols?.byNode.values() ?? []) declare(d);
  for (const d of model.project.resolution(model.file)?.locals.values() ?? []) declare(d);

  // What a call does, from the call: a message call or a low-level call is marked on the callee's name.
  for (const node of model.project.resolution(model.file)?.owners.keys() ?? []) {
    if (node.type !== 'FunctionCall') continue;
    const target = model.resolveCall(node);
    if (target.kind !== 'external' && target.kind !== 'lowLevel' && target.kind !== 'library') continue;
    const name = calleeName(node);
    if (!name) continue;
    const mods: TokenModifier[] = target.kind === 'external' ? ['external'] : target.kind === 'lowLevel' ? ['defaultLibrary', 'lowLevel'] : ['static'];
    put(name.offset, name.name, ['method', mods]);
  }
  return [...byOffset.values()].sort((a, b) => a.offset - b.offset);
}

/** Whether the text after a name, past spaces, opens an argument list (`keccak256(` but not `msg.value`). */
function isCalled(text: string, end: number): boolean {
  let i = end;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return text.charCodeAt(i) === 40;
}

/** The name a call is made by: `f` of `a.f{value: v}(x)`, `.value(v)` and `.gas(g)` of old code peeled off. */
function calleeName(call: Node): { offset: number; name: string } | undefined {
  let callee = call.expression;
  for (;;) {
    if (!isNode(callee)) return undefined;
    if (callee.type === 'NameValueExpression') {
      callee = callee.expression;
      continue;
    }
    if (callee.type === 'FunctionCall' && isNode(callee.expression) && callee.expression.type === 'MemberAccess') {
      const m = callee.expression.memberName;
      if (m === 'value' || m === 'gas') {
        callee = callee.expression.expression;
        continue;
      }
    }
    break;
  }
  if (!callee.range) return undefined;
  if (callee.type === 'MemberAccess' && typeof callee.memberName === 'string') {
    return { offset: callee.range[1] - callee.memberName.length + 1, name: callee.memberName };
  }
  if (callee.type === 'Identifier' && typeof callee.name === 'string') return { offset: callee.range[0], name: callee.name };
  return undefined;
}
