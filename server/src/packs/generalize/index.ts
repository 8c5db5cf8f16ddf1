// "Record finding from selection": turn the code a reviewer selected into a pattern, count where it matches,
// and write it into a workspace pack with the selection as its first test case.
//
// Generalising: identifiers and literals become metavariables, but the pattern must stay specific, so we keep
// what gives code its meaning — member names (`.call`, `.transfer`), Solidity globals (`msg.sender`,
// `block.timestamp`), called function/event/error names, type names and library/enum qualifiers, call option and
// named-argument names, `true`/`false`, `0`, `1` and `""`. If nothing anchoring would be left, state variable
// names (then literals, then the first name) are kept as well. The same identifier always gets the same
// metavariable, so `a = b; ... b = a;` stays a swap.
import * as fs from 'node:fs';
import * as path from 'node:path';
import semver from 'semver';
import { isMap, isScalar, isSeq, parseDocument, visit, type YAMLMap, type YAMLSeq } from 'yaml';
import { compileFinding, scanSource, type FindingDefinition, type Range } from '../../engine';
import { parseSource, type ParsedSource } from '../../engine/parse';
import { writeFileAtomic } from '../../shared/atomic-write';
import { children, endOf, isAstNode, MEMBER_TYPES, pathTo, startOf, type AstNode } from './ast';
import { PREVIEW_PACK } from './count-matches';

export { countMatches, previewFinding, type MatchCount } from './count-matches';

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

// ---------------------------------------------------------------------------------------------------------
// Writing the finding into a workspace pack.

export const LOCAL_PACK_DIR = path.join('.hindsight', 'packs', 'local');

export interface RecordedTestCase {
  /** The file the selection came from, and the code the pattern was generalised from (GeneralizedPattern.range). */
  source: string;
  range: Range;
}

export interface AppendResult {
  packFile: string;
  testFile: string;
  /** The pack's version after the change (minor bump, with a changelog entry). */
  version: string;
  /** Whether the finding, as saved, reports the selected code in its test file. */
  selectionMatched: boolean;
  /** Lines (0-based) of the test file annotated `// expect:`. */
  expectLines: number[];
  /**
   * Whether the test file got an `// ok:` case (a near miss found in the same file). When false, tell the reviewer
   * to add one: `hindsight pack test` requires a place where the finding must stay quiet.
   */
  hasOkCase: boolean;
}

export interface RecordInput {
  id: string;
  title: string;
  severity: FindingDefinition['severity'];
  description: string;
  recommendation: string;
  pattern: string;
  /** Where the lesson comes from (audit report, issue, PR). The pack format requires at least one reference. */
  reference: { url: string; title?: string };
  confidence?: FindingDefinition['confidence'];
  category?: string;
}

/** The finding a reviewer described in the record dialog, in pack form. */
export function recordedFinding(input: RecordInput): FindingDefinition {
  return {
    id: input.id,
    title: input.title.trim(),
    severity: input.severity,
    confidence: input.confidence ?? 'medium',
    category: input.category?.trim() || 'recorded',
    description: input.description.trim(),
    recommendation: input.recommendation.trim(),
    references: [{ title: input.reference.title?.trim() || 'Review finding', url: input.reference.url.trim() }],
    match: { pattern: input.pattern },
  };
}

/** The next free `<PREFIX>-NNN` id of a pack (prefix: the one most ids in the pack use, else `LOCAL`). */
export function nextFindingId(packFile: string, prefix?: string): string {
  const ids = readIds(packFile);
  const counts = new Map<string, number>();
  for (const id of ids) {
    const m = /^(.*)-(\d+)$/.exec(id);
    if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  const p = prefix ?? ([...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'LOCAL');
  let n = 1;
  for (const id of ids) {
    const m = new RegExp(`^${p.replace(/[-]/g, '\\-')}-(\\d+)$`).exec(id);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return `${p}-${String(n).padStart(3, '0')}`;
}

function readIds(packFile: string): string[] {
  try {
    const data = parseDocument(fs.readFileSync(packFile, 'utf8')).toJS() as { findings?: Array<{ id?: unknown }> };
    return (data?.findings ?? []).map((f) => f?.id).filter((x): x is string => typeof x === 'string');
  } catch {
    return [];
  }
}

/**
 * Adds `finding` to the pack file (created when missing, as pack "local" or the folder's name), keeping every
 * comment and the layout of what is there, bumps the pack's minor version with a changelog entry, and writes
 * tests/<ID>.sol built from the selection. Both writes are atomic; nothing is written if the id is taken or the
 * test file already exists. Throws an Error with a clear message in those cases and on I/O errors.
 */
export function appendFindingToPack(packFile: string, finding: FindingDefinition, testCase: RecordedTestCase | string): AppendResult {
  const dir = path.dirname(packFile);
  const exists = fs.existsSync(packFile);
  const text = exists ? fs.readFileSync(packFile, 'utf8') : newPackText(dir);
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`${packFile}: not valid YAML, fix it first (${doc.errors[0].message.split('\n')[0]})`);
  if (!isMap(doc.contents)) throw new Error(`${packFile}: a pack must be a mapping with name, version and findings`);
  if (readIdsFromDoc(doc).includes(finding.id)) throw new Error(`${packFile}: a finding with id ${finding.id} already exists`);
  const testRel = finding.tests ?? `tests/${finding.id}.sol`;
  const testFile = path.resolve(dir, testRel);
  if (fs.existsSync(testFile)) throw new Error(`${testFile} already exists; choose another id`);

  const node = doc.createNode(cleanDefinition(finding));
  // Multi-line text (patterns, descriptions) reads best as `|` blocks, as a person would write it.
  visit(node, { Scalar(_, sc) { if (typeof sc.value === 'string' && sc.value.includes('\n')) sc.type = 'BLOCK_LITERAL'; } });
  const findings = doc.get('findings', true);
  if (isSeq(findings)) {
    if (findings.flow && findings.items.length === 0) findings.flow = false;
    (findings as YAMLSeq).add(node);
  } else doc.set('findings', doc.createNode([node]));

  const current = String(doc.get('version') ?? '0.0.0');
  const version = semver.valid(current) ? semver.inc(current, 'minor')! : '0.1.0';
  doc.set('version', version);
  const entry = doc.createNode({ version, added: [finding.id] });
  const log = doc.get('changelog', true);
  if (isSeq(log)) (log as YAMLSeq).items.unshift(entry);
  else {
    // A new changelog goes above the findings, where readers look for it.
    const root = doc.contents as YAMLMap;
    const at = root.items.findIndex((p) => isScalar(p.key) && p.key.value === 'findings');
    const pair = doc.createPair('changelog', doc.createNode([{ version, added: [finding.id] }]));
    if (at >= 0) root.items.splice(at, 0, pair as (typeof root.items)[number]);
    else root.items.push(pair as (typeof root.items)[number]);
  }

  const { text: testText, selectionLine, okLine } =
    typeof testCase === 'string' ? { text: testCase, selectionLine: -1, okLine: -1 } : buildTestCase(testCase.source, testCase.range, finding.id, finding);
  const annotated = annotateMatches(testText, finding, selectionLine);

  writeFileAtomic(testFile, annotated.text);
  writeFileAtomic(packFile, doc.toString({ lineWidth: 0 }));
  return {
    packFile,
    testFile,
    version,
    selectionMatched: annotated.selectionMatched,
    expectLines: annotated.expectLines,
    hasOkCase: typeof testCase === 'string' ? /\/\/\s*ok\s*:/.test(testCase) : okLine >= 0,
  };
}

function readIdsFromDoc(doc: ReturnType<typeof parseDocument>): string[] {
  const data = doc.toJS() as { findings?: Array<{ id?: unknown }> };
  return (data?.findings ?? []).map((f) => f?.id).filter((x): x is string => typeof x === 'string');
}

function newPackText(dir: string): string {
  const base = path.basename(dir).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'local';
  return [
    '# Findings recorded in this workspace. Commit this folder to share them with the team.',
    '# Format: docs/pack-format.md of Hindsight; check with `hindsight pack validate` and `hindsight pack test`.',
    `name: ${base}`,
    'version: 0.0.0',
    'description: Findings recorded from this codebase\'s reviews.',
    'findings:',
    '',
  ].join('\n');
}

/** Drops undefined fields and the compiled form if a loaded Finding was passed. */
function cleanDefinition(f: FindingDefinition): Record<string, unknown> {
  const order: Array<keyof FindingDefinition> = [
    'id', 'title', 'severity', 'confidence', 'category', 'description', 'recommendation', 'references', 'match', 'focus', 'fix', 'tests',
  ];
  const out: Record<string, unknown> = {};
  for (const k of order) if (f[k] !== undefined && f[k] !== '') out[k] = f[k];
  return out;
}

/**
 * A self-contained test file: the file's pragma, the enclosing contract's header (so `contract` filters still
 * apply), the enclosing function or member whole (so `function` filters apply), and `// expect:` above the
 * selection. When `finding` is given, a near miss from the same file — the function most like the selection that
 * the finding does not report — is added as the `// ok:` case `hindsight pack test` requires.
 * `selectionLine` is the 0-based line of the selected code in the test file; `okLine` -1 when no ok case was found.
 */
export function buildTestCase(
  source: string,
  range: Range,
  id: string,
  finding?: FindingDefinition,
): { text: string; selectionLine: number; okLine: number } {
  const parsed = parseSource(source);
  const ast = parsed.ast as unknown as AstNode | null;
  const s = parsed.lines.offset(range.start);
  const e = parsed.lines.offset(range.end);
  const out: string[] = ['// SPDX-License-Identifier: UNLICENSED'];
  const pragma = /^\s*pragma\s+solidity\s+[^;]+;/m.exec(source);
  if (pragma) out.push(pragma[0].trim());
  out.push(`// Recorded from a review: code under an "expect" comment must be reported by ${id}, code under "ok" must not.`);
  out.push('');

  const chain = ast ? pathTo(ast, s, Math.max(e, s + 1)) : [];
  const contract = chain.find((n) => n.type === 'ContractDefinition');
  const unit = chain.find((n) => MEMBER_TYPES.has(n.type) || n.type === 'StateVariableDeclaration') ?? (contract ? undefined : chain[1]);
  const recorded = sliceLines(source, unit ? startOf(unit) : s, unit ? endOf(unit) : e, s, `// expect: ${id}`);

  const ok = finding && ast ? pickOkCase(source, ast, unit, s, e, finding) : undefined;
  const okContract = ok ? (pathTo(ast!, startOf(ok.member), endOf(ok.member)).find((n) => n.type === 'ContractDefinition')) : undefined;
  const okLines = ok ? sliceLines(source, startOf(ok.member), endOf(ok.member), ok.at, `// ok: ${id}`) : undefined;

  let selectionLine = -1;
  let okLine = -1;
  const emit = (c: AstNode | undefined, parts: Array<{ lines: string[]; marker: number; kind: 'expect' | 'ok' }>) => {
    if (c) out.push(contractHeader(source, c));
    parts.forEach((part, i) => {
      if (i > 0) out.push('');
      const base = out.length;
      out.push(...part.lines);
      if (part.kind === 'expect') selectionLine = base + part.marker + 1;
      else okLine = base + part.marker + 1;
    });
    if (c) out.push('}');
  };
  const rec = { lines: recorded.lines, marker: recorded.marker, kind: 'expect' as const };
  if (okLines && okContract === contract) emit(contract, [rec, { lines: okLines.lines, marker: okLines.marker, kind: 'ok' }]);
  else {
    emit(contract, [rec]);
    if (okLines) {
      out.push('');
      emit(okContract, [{ lines: okLines.lines, marker: okLines.marker, kind: 'ok' }]);
    }
  }
  out.push('');
  return { text: out.join('\n'), selectionLine, okLine };
}

/** The source lines of [from, to) (from the start of from's line), with `marker` inserted above `at`'s line. */
function sliceLines(source: string, from: number, to: number, at: number, marker: string): { lines: string[]; marker: number } {
  const lineStart = source.lastIndexOf('\n', from - 1) + 1;
  const lines = source.slice(lineStart, to).replace(/\r\n/g, '\n').split('\n');
  const idx = source.slice(lineStart, at).split('\n').length - 1;
  const indent = /^[ \t]*/.exec(lines[idx] ?? '')?.[0] ?? '';
  lines.splice(idx, 0, `${indent}${marker}`);
  return { lines, marker: idx };
}

function contractHeader(source: string, contract: AstNode): string {
  const bases = (contract.baseContracts as AstNode[]) ?? [];
  const afterBases = bases.length ? endOf(bases[bases.length - 1]) : startOf(contract);
  const brace = source.indexOf('{', afterBases);
  return source.slice(startOf(contract), brace + 1).replace(/\s+/g, ' ');
}

/**
 * The near miss: among the file's other functions and modifiers that the finding does not report, the one whose
 * words overlap most with the selection; inside it, the statement most like the selection's first line.
 */
function pickOkCase(source: string, ast: AstNode, unit: AstNode | undefined, s: number, e: number, def: FindingDefinition): { member: AstNode; at: number } | undefined {
  let reported: Array<[number, number]>;
  try {
    const lines = parseSource(source).lines;
    const finding = compileFinding(def, { ...PREVIEW_PACK, name: 'record' });
    reported = scanSource(source, [finding]).occurrences.map((o) => [lines.offset(o.matchRange.start), lines.offset(o.matchRange.end)]);
  } catch {
    return undefined;
  }
  const words = (t: string) => new Set(t.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  const similarity = (a: Set<string>, b: Set<string>) => {
    let common = 0;
    for (const w of a) if (b.has(w)) common++;
    return common / (a.size + b.size - common || 1);
  };
  const selection = words(source.slice(s, e));
  const firstLine = words(source.slice(s, source.indexOf('\n', s) < 0 ? e : Math.min(e, source.indexOf('\n', s))));
  let best: { member: AstNode; score: number } | undefined;
  const visit = (n: AstNode) => {
    if ((n.type === 'FunctionDefinition' || n.type === 'ModifierDefinition') && n !== unit && isAstNode(n.body)) {
      const [a, b] = [startOf(n), endOf(n)];
      const stmts = ((n.body as AstNode).statements as AstNode[]) ?? [];
      if (stmts.length && !reported.some(([x, y]) => x < b && y > a)) {
        const score = similarity(selection, words(source.slice(a, b)));
        if (!best || score > best.score) best = { member: n, score };
      }
      return;
    }
    for (const c of children(n)) visit(c.node);
  };
  visit(ast);
  if (!best || best.score === 0) return undefined;
  const member: AstNode = best.member;
  const stmts = flattenStatements(((member.body as AstNode).statements as AstNode[]) ?? []);
  let at = stmts[0];
  let atScore = -1;
  for (const st of stmts) {
    const score = similarity(firstLine, words(source.slice(startOf(st), endOf(st))));
    if (score > atScore) [at, atScore] = [st, score];
  }
  return { member, at: startOf(at) };
}

/** Statements of a body, including those nested in blocks, ifs and loops (each starts its own line, usually). */
function flattenStatements(stmts: AstNode[]): AstNode[] {
  const out: AstNode[] = [];
  for (const st of stmts) {
    if (!st) continue;
    if (st.type === 'Block') out.push(...flattenStatements((st.statements as AstNode[]) ?? []));
    else {
      out.push(st);
      for (const c of children(st)) if (c.node.type === 'Block') out.push(...flattenStatements((c.node.statements as AstNode[]) ?? []));
    }
  }
  return out;
}

/**
 * Runs the finding on its new test file: every line it reports gets `// expect:` (the pack test then passes and
 * documents the current behaviour), and we learn whether the selection itself is reported.
 */
function annotateMatches(text: string, def: FindingDefinition, selectionLine: number): { text: string; selectionMatched: boolean; expectLines: number[] } {
  let lines: number[] = [];
  try {
    const finding = compileFinding(def, { ...PREVIEW_PACK, name: 'record' });
    lines = [...new Set(scanSource(text, [finding]).occurrences.map((o) => o.range.start.line))].sort((a, b) => a - b);
  } catch {
    // A pattern that does not compile is reported by the pack loader with its position; the test stays as built.
  }
  const expectRe = new RegExp(`^\\s*//\\s*(expect|ruleid):.*\\b${def.id.replace(/-/g, '\\-')}\\b`);
  const src = text.split('\n');
  const selectionMatched = selectionLine < 0 ? lines.length > 0 : lines.includes(selectionLine);
  for (const l of [...lines].reverse()) {
    if (l > 0 && expectRe.test(src[l - 1])) continue;
    const indent = /^[ \t]*/.exec(src[l])![0];
    src.splice(l, 0, `${indent}// expect: ${def.id}`);
  }
  const expectLines = src.flatMap((l, i) => (expectRe.test(l) ? [i + 1] : []));
  return { text: src.join('\n'), selectionMatched, expectLines };
}
