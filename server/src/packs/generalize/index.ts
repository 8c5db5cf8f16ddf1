// "Record finding from selection": turn the code a reviewer selected into a pattern, count where it matches,
// and write it into a workspace pack with the selection as its first test case.
//
// Generalising: identifiers and literals become metavariables, but the pattern must stay specific, so we keep
// what gives code its meaning — member names (`.call`, `.transfer`), Solidity globals (`msg.sender`,
// `block.timestamp`), called function/event/error names, type names and library/enum qualifiers, call option and
// named-argument names, `true`/`false`, `0`, `1` and `""`. If nothing anchoring would be left, state variable
// names (then literals, then the first name) are kept as well. The same identifier always gets the same
// metavariable, so `a = b; ... b = a;` stays a swap.
import type { Range } from '../../engine';
import { parseSource, type ParsedSource } from '../../engine/parse';
import { children, endOf, MEMBER_TYPES, pathTo, startOf, type AstNode } from './ast';

export { appendFindingToPack, LOCAL_PACK_DIR, type AppendResult, type RecordedTestCase } from './append-to-pack';
export { countMatches, previewFinding, type MatchCount } from './count-matches';
export { nextFindingId, recordedFinding, type RecordInput } from './recorded-finding';
export { buildTestCase } from './test-case';

export type GeneralizedKind = 'statements' | 'expression' | 'member' | 'state-variable';

export interface Metavariable {
  /** `$AMOUNT` */
  name: string;
  /** The code it replaced (first occurrence). */
  text: string;
  kind: 'identifier' | 'literal';
  occurrences: number;
}

export interface GeneralizedPattern {
  pattern: string;
  kind: GeneralizedKind;
  metavariables: Metavariable[];
  /** Names kept as written (anchors), for the UI ("keeps: call, msg.sender"). */
  kept: string[];
  /** The code the pattern was built from: the selection widened to whole statements / expression / member. */
  range: Range;
  /** The same code without generalisation (comments stripped), for reviewers who want an exact pattern. */
  exact: string;
  /** Enclosing contract and function ('' when none). */
  contract: string;
  function: string;
}

export type GeneralizeResult = GeneralizedPattern | { error: string };

// Built-in names of Solidity: never project-specific, so always kept.
const GLOBALS = new Set([
  'msg', 'block', 'tx', 'abi', 'this', 'super', 'now', 'gasleft', 'blockhash', 'blobhash', 'keccak256', 'sha256', 'sha3',
  'ripemd160', 'ecrecover', 'addmod', 'mulmod', 'selfdestruct', 'suicide', 'require', 'assert', 'revert', 'type',
  'address', 'payable', 'bytes', 'string', 'wei', 'ether', 'gwei',
]);
// Weak anchors: they occur everywhere, so a pattern held only by them is not specific.
const WEAK = new Set(['require', 'assert', 'revert', 'msg', 'block', 'tx', 'this', 'abi', 'type', 'address', 'payable']);

const STATEMENT_TYPES = new Set([
  'ExpressionStatement', 'VariableDeclarationStatement', 'IfStatement', 'ForStatement', 'WhileStatement', 'DoWhileStatement',
  'ReturnStatement', 'EmitStatement', 'RevertStatement', 'Block', 'UncheckedStatement', 'TryStatement', 'BreakStatement',
  'ContinueStatement', 'ThrowStatement', 'InlineAssemblyStatement',
]);

/**
 * Proposes a pattern for the selected code. `selection` may be empty (the cursor): then the statement under the
 * cursor is used. Never throws: a selection that cannot become a pattern returns `{ error }` saying what to select.
 */
export function generalizeSelection(fileText: string, selection: Range, parsed: ParsedSource = parseSource(fileText)): GeneralizeResult {
  const ast = parsed.ast as unknown as AstNode | null;
  if (!ast) return { error: 'The file could not be parsed; fix its syntax errors and try again.' };
  const lines = parsed.lines;
  let s = lines.offset(selection.start);
  let e = lines.offset(selection.end);
  if (e < s) [s, e] = [e, s];
  while (s < e && /\s/.test(fileText[s])) s++;
  while (e > s && /\s/.test(fileText[e - 1])) e--;
  const empty = s === e;

  const chain = pathTo(ast, s, Math.max(e, s + (empty ? 0 : 1)));
  const contract = chain.find((n) => n.type === 'ContractDefinition');
  const member = chain.find((n) => MEMBER_TYPES.has(n.type));
  const inner = chain[chain.length - 1];
  const bodyIndex = chain.findIndex((n) => n.type === 'Block' && member && chain.indexOf(member) < chain.indexOf(n));

  let nodes: AstNode[] = [];
  let kind: GeneralizedKind;
  if (bodyIndex >= 0) {
    // Inside a function body: statements, or an expression within one statement.
    const innerIdx = chain.length - 1;
    const block = [...chain].reverse().find((n) => n.type === 'Block' || n.type === 'UncheckedStatement');
    const blockIdx = chain.lastIndexOf(block!);
    const stmts = (block!.type === 'UncheckedStatement' ? ((block!.block as AstNode).statements as AstNode[]) : (block!.statements as AstNode[])) ?? [];
    if (blockIdx === innerIdx || (block!.type === 'UncheckedStatement' && blockIdx === innerIdx - 1 && inner.type === 'Block')) {
      nodes = stmts.filter((st) => st && endOf(st) > s && startOf(st) < Math.max(e, s + 1));
      if (!nodes.length && empty) return { error: 'Put the cursor on a statement, or select the vulnerable code.' };
      if (!nodes.length) return { error: 'The selection holds no statement.' };
      kind = 'statements';
    } else {
      const stmt = chain[blockIdx + 1];
      const wholeStatement = empty || (s <= startOf(stmt) && e >= endOf(stmt) - 1) || stmt.type !== 'ExpressionStatement' && !isExpression(inner);
      let expr = [...chain.slice(blockIdx + 2)].reverse().find(isExpression);
      if (expr) expr = widenExpression(chain, expr);
      if (wholeStatement || !expr || (stmt.type === 'ExpressionStatement' && stmt.expression === expr)) {
        nodes = [stmt];
        kind = 'statements';
      } else {
        nodes = [expr];
        kind = 'expression';
      }
    }
  } else if (member) {
    nodes = [member];
    kind = 'member';
  } else if (contract) {
    const inContract = ((contract.subNodes as AstNode[]) ?? []).filter((m) => endOf(m) > s && startOf(m) < Math.max(e, s + 1));
    if (inContract.length === 1 && inContract[0].type === 'StateVariableDeclaration') {
      nodes = inContract;
      kind = 'state-variable';
    } else if (inContract.length === 1 && MEMBER_TYPES.has(inContract[0].type)) {
      nodes = inContract;
      kind = 'member';
    } else {
      return { error: 'Select statements or an expression inside a function, or one function, modifier or state variable.' };
    }
  } else {
    return { error: 'Select code inside a contract.' };
  }

  const from = startOf(nodes[0]);
  const to = endOf(nodes[nodes.length - 1]);
  const enclosingFn = kind === 'member' ? nodes[0] : member;
  const scope = collectScope(ast, contract, enclosingFn);
  const { text, metavariables, kept } = rewrite(fileText, nodes, from, to, kind, scope);
  const fnName = enclosingFn ? fnNameOf(enclosingFn) : '';
  return {
    pattern: tidy(text, fileText, from),
    kind,
    metavariables,
    kept,
    range: lines.range(from, to),
    exact: tidy(fileText.slice(from, to), fileText, from),
    contract: (contract?.name as string) ?? '',
    function: fnName,
  };
}

function fnNameOf(n: AstNode): string {
  if (n.type !== 'FunctionDefinition') return (n.name as string) ?? '';
  if (n.isConstructor) return 'constructor';
  if (n.isReceiveEther) return 'receive';
  if (n.isFallback) return 'fallback';
  return (n.name as string) ?? '';
}

function isExpression(n: AstNode): boolean {
  return !STATEMENT_TYPES.has(n.type) && !MEMBER_TYPES.has(n.type) && n.type !== 'VariableDeclaration' && n.type !== 'NameValueList' &&
    !/TypeName$|^Mapping$/.test(n.type);
}

/**
 * A lone name or a callee is too little to be a useful pattern: selecting `transfer` in `t.transfer(a, b)` means
 * the call, and selecting `x` means the expression around it.
 */
function widenExpression(chain: AstNode[], expr: AstNode): AstNode {
  let i = chain.indexOf(expr);
  while (i > 0) {
    const n = chain[i];
    const parent = chain[i - 1];
    const leaf = n.type === 'Identifier' || /Literal$/.test(n.type);
    const callee = (parent.type === 'FunctionCall' && parent.expression === n) || parent.type === 'NameValueExpression';
    if ((leaf || callee || n.type === 'MemberAccess' && parent.type === 'FunctionCall') && isExpression(parent)) i--;
    else break;
  }
  return chain[i];
}

interface Scope {
  /** State variables of the enclosing contract. */
  state: Set<string>;
  /** Contract, interface, library, struct, enum, event, error and user type names of the file. */
  types: Set<string>;
  /** Functions and modifiers of the file's contracts. */
  functions: Set<string>;
}

function collectScope(ast: AstNode, contract: AstNode | undefined, _fn: AstNode | undefined): Scope {
  const state = new Set<string>();
  const types = new Set<string>();
  const functions = new Set<string>();
  const visit = (n: AstNode) => {
    switch (n.type) {
      case 'ContractDefinition':
      case 'StructDefinition':
      case 'EnumDefinition':
      case 'EventDefinition':
      case 'CustomErrorDefinition':
      case 'TypeDefinition':
        if (typeof n.name === 'string') types.add(n.name);
        break;
      case 'FunctionDefinition':
      case 'ModifierDefinition':
        if (typeof n.name === 'string') functions.add(n.name);
        break;
      case 'ImportDirective':
        for (const [name, alias] of (n.symbolAliases as Array<[string, string | null]>) ?? []) types.add(alias ?? name);
        if (typeof n.unitAlias === 'string') types.add(n.unitAlias);
        break;
    }
    for (const c of children(n)) if (c.node.type !== 'Block') visit(c.node);
  };
  visit(ast);
  for (const m of (contract?.subNodes as AstNode[]) ?? []) {
    if (m.type === 'StateVariableDeclaration') for (const v of (m.variables as AstNode[]) ?? []) if (v && typeof v.name === 'string') state.add(v.name);
  }
  return { state, types, functions };
}

type Role = 'keep' | 'state' | 'local' | 'literal' | 'ellipsis';
interface Slot { start: number; end: number; text: string; role: Role; key: string }

function rewrite(src: string, nodes: AstNode[], from: number, to: number, kind: GeneralizedKind, scope: Scope) {
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

  // Specificity: without a strong anchor, keep state variables, then literals, then the first name.
  const generalize = new Set<Role>(['state', 'local', 'literal']);
  if (strong === 0) {
    if (slots.some((x) => x.role === 'state')) generalize.delete('state');
    else if (slots.some((x) => x.role === 'literal')) generalize.delete('literal');
  }
  const named = slots.filter((x) => x.role !== 'ellipsis');
  const forcedKeep = strong === 0 && named.length && named.every((x) => generalize.has(x.role)) ? named[0].key : undefined;

  const names = new Map<string, string>();
  const used = new Set<string>();
  const metas = new Map<string, Metavariable>();
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const slot of slots.sort((a, b) => a.start - b.start)) {
    if (slot.role === 'ellipsis') {
      edits.push({ start: slot.start, end: slot.end, text: '...' });
      continue;
    }
    if (!generalize.has(slot.role) || slot.key === forcedKeep) {
      kept.add(slot.text);
      continue;
    }
    let name = names.get(slot.key);
    if (!name) {
      name = uniqueName(metaName(slot), used);
      used.add(name);
      names.set(slot.key, name);
      metas.set(name, { name, text: slot.text, kind: slot.role === 'literal' ? 'literal' : 'identifier', occurrences: 0 });
    }
    metas.get(name)!.occurrences++;
    edits.push({ start: slot.start, end: slot.end, text: name });
  }
  let out = '';
  let at = from;
  for (const ed of edits) {
    if (ed.start < at || ed.end > to) continue;
    out += src.slice(at, ed.start) + ed.text;
    at = ed.end;
  }
  out += src.slice(at, to);
  return { text: out, metavariables: [...metas.values()], kept: [...kept] };
}

function isReasonCall(n: AstNode): boolean {
  const callee = n.expression as AstNode | undefined;
  const args = (n.arguments as AstNode[]) ?? [];
  const name = callee?.type === 'Identifier' ? (callee.name as string) : '';
  const min = name === 'require' ? 2 : name === 'revert' ? 1 : Infinity;
  return args.length >= min && args[args.length - 1]?.type === 'StringLiteral' && !(n.names as string[])?.length;
}

function metaName(slot: Slot): string {
  if (slot.role === 'literal') {
    if (/^["']/.test(slot.text) || /^(unicode|hex)["']/.test(slot.text)) return '$STR';
    return '$N';
  }
  const words = slot.text
    .replace(/^_+|_+$/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase()
    .replace(/[^A-Z0-9_]/g, '');
  return `$${/^[A-Z]/.test(words) ? words : `V${words}`}`;
}

function uniqueName(base: string, used: Set<string>): string {
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

/** Strips comments (a `//` left in a pattern would swallow the rest of its line once reflowed) and dedents. */
function tidy(text: string, src: string, from: number): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const j = text.indexOf('*/', i + 2);
      i = j < 0 ? text.length : j + 2;
    } else {
      out += c;
      i++;
    }
  }
  // The first line starts at the selection, so its indentation is the one of its source line.
  const lineStart = src.lastIndexOf('\n', from - 1) + 1;
  const firstIndent = /^[ \t]*/.exec(src.slice(lineStart, from))?.[0] ?? '';
  const rawLines = (firstIndent + out).split(/\r?\n/).map((l) => l.replace(/\s+$/, ''));
  const indents = rawLines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return rawLines
    .map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)![0].length)))
    .filter((l, idx, all) => l.trim() || (idx > 0 && idx < all.length - 1 && all[idx - 1].trim()))
    .join('\n')
    .trim();
}
