// Fix preconditions (`fix.requires`), checked on the code when a fix is built. Each requirement says, for one
// match, whether the fix may be offered as written, only for review (it could not be established), or not at
// all (it does not hold: the edit would not compile, or would change what the code means in a way the fix does
// not intend). docs/pack-format.md, "Fix preconditions", lists them with what each failure does.
import * as semver from 'semver';
import type { EditTarget, FixRequirement } from './finding';
import {
  ancestorsOf,
  calledNames,
  childrenOf,
  enclosingContract,
  enclosingFunction,
  inLoop,
  isConstructor,
  nodeAtSpan,
  reachedFromConstructors,
  statementPlace,
  type Span,
  type StatementPlace,
} from './fix-ast';
import type { ParsedSource } from './parse';
import { isNode, spanOf, type Node } from './pattern/ast';
import { SemanticProject, type SemanticModel } from './semantics';

export type Verdict = { offer: 'as-is' } | { offer: 'review'; reason: string } | { offer: 'no'; reason: string };

export interface RequireContext {
  parsed: ParsedSource;
  /** `pragma solidity` of the file, null when absent or unreadable. */
  pragma: semver.Range | null;
  match: Span;
  focus?: Span;
  bindings: Record<string, Span>;
  /** The scan's model of the file, when it has one (it sees imports); else one of the file alone is built. */
  model?: () => SemanticModel | undefined;
}

const OK: Verdict = { offer: 'as-is' };

/** The verdict of all requirements: the worst one wins (no > review > as-is); reasons of the same rank are joined. */
export function checkRequirements(requires: readonly FixRequirement[] | undefined, cx: RequireContext): Verdict {
  if (!requires?.length) return OK;
  const q = new Questions(cx);
  const no: string[] = [];
  const review: string[] = [];
  for (const r of requires) {
    let v: Verdict;
    try {
      v = q.check(r);
    } catch (err) {
      v = { offer: 'review', reason: `a precondition could not be checked (${(err as Error).message})` };
    }
    if (v.offer === 'no') no.push(v.reason);
    else if (v.offer === 'review') review.push(v.reason);
  }
  if (no.length) return { offer: 'no', reason: no.join('; ') };
  if (review.length) return { offer: 'review', reason: review.join('; ') };
  return OK;
}

/** Where the statements a `statement-context: block` fix adds go; undefined when the match is not in a statement. */
export function statementOf(cx: RequireContext): StatementPlace | undefined {
  const root = cx.parsed.ast as unknown as Node | null;
  return root ? statementPlace(ancestorsOf(root, cx.match)) : undefined;
}

const models = new WeakMap<ParsedSource, SemanticModel>();
const NO_FILES = { readFile: () => undefined };

/** The semantic model of this file alone: imported names stay unknown. */
function fileModel(parsed: ParsedSource): SemanticModel {
  let m = models.get(parsed);
  if (!m) {
    m = new SemanticProject({ host: NO_FILES }).model('/hindsight/fix.sol', parsed);
    models.set(parsed, m);
  }
  return m;
}

const CALLER = /^(?:payable\()?(?:address\()?(?:msg\.sender|_msgSender\(\))\)?\)?$/;

class Questions {
  private readonly root: Node | null;
  private known?: SemanticModel;
  constructor(private readonly cx: RequireContext) {
    this.root = cx.parsed.ast as unknown as Node | null;
  }

  private get model(): SemanticModel {
    this.known ??= this.cx.model?.() ?? fileModel(this.cx.parsed);
    return this.known;
  }

  check(r: FixRequirement): Verdict {
    if ('pragma' in r) return this.pragma(r.pragma);
    if ('builtin' in r) return this.builtin(r.builtin);
    if ('external-call' in r) return this.externalCall(r['external-call']);
    if ('statement-context' in r) return statementOf(this.cx) ? OK : { offer: 'no', reason: 'the code it edits is not a statement in a function body' };
    if ('not-called-from-constructor' in r) return this.notFromConstructor(r['not-called-from-constructor']);
    if ('result-not-ignored-on-purpose' in r) return this.notIgnoredOnPurpose(r['result-not-ignored-on-purpose']);
    if ('may-revert' in r) return this.mayRevert(r['may-revert']);
    if ('not-caller' in r) return this.notCaller(r['not-caller']);
    if ('discarded' in r) return this.discarded(r.discarded);
    if ('using' in r) return this.using(r.using);
    if ('declared' in r) return this.declared(r.declared);
    if ('fresh-name' in r) return this.freshName(r['fresh-name']);
    if ('outermost-product' in r) return this.outermostProduct(r['outermost-product']);
    if ('result-used' in r) return this.resultUsed(r['result-used']);
    if ('not-called-internally' in r) return this.notCalledInternally(r['not-called-internally']);
    if ('uint8-literal' in r) return this.uint8Literal(r['uint8-literal']);
    return { offer: 'no', reason: `unknown precondition ${JSON.stringify(r)}` };
  }

  private span(target: EditTarget): Span | undefined {
    if (target === 'match') return this.cx.match;
    if (target === 'focus') return this.cx.focus;
    return this.cx.bindings[target];
  }

  private chain(target: EditTarget): Node[] {
    const span = this.span(target);
    return span && this.root ? ancestorsOf(this.root, span) : [];
  }

  private node(target: EditTarget): Node | undefined {
    const span = this.span(target);
    return span ? nodeAtSpan(this.chain(target), span) : undefined;
  }

  private text(target: EditTarget): string {
    const span = this.span(target);
    return span ? this.cx.parsed.text.slice(span[0], span[1]) : '';
  }

  private pragma(range: string): Verdict {
    const needed = new semver.Range(range);
    if (!this.cx.pragma) return { offer: 'review', reason: `the file has no pragma: the fix needs solidity ${range}` };
    if (semver.subset(this.cx.pragma, needed)) return OK;
    return { offer: 'no', reason: `the fix needs solidity ${range}; the pragma allows older compilers` };
  }

  private builtin(target: EditTarget): Verdict {
    const node = this.node(target);
    const name = this.text(target);
    if (!node || (node.type !== 'Identifier' && node.type !== 'VariableDeclaration')) return { offer: 'no', reason: `\`${name}\` here is not a name` };
    const chain = this.chain(target);
    if (chain.some((n) => n.type === 'VariableDeclaration' && (n.identifier === node || n === node)))
      return { offer: 'no', reason: `\`${name}\` here declares a variable of that name` };
    const model = this.model;
    const d = model.declarationOf(node);
    if (!d) return { offer: 'review', reason: `could not tell whether \`${name}\` is the builtin` };
    if (d.kind !== 'builtin') return { offer: 'no', reason: `\`${name}\` here is a ${describeKind(d.kind)} of the code's own, not the builtin` };
    const unseen = this.unseenBases(chain);
    if (unseen.length) return { offer: 'review', reason: `\`${name}\` may be declared in ${unseen.join(', ')}, which is not in this file` };
    if (this.importsEverything() && this.allowsFreeFunctions())
      return { offer: 'review', reason: `an import brings in names this file does not list: \`${name}\` may be one` };
    return OK;
  }

  /** Bases of the enclosing contract that the file does not declare (imported or missing). */
  private unseenBases(chain: Node[]): string[] {
    const contract = enclosingContract(chain);
    if (!contract || !this.root) return [];
    const declared = new Set((this.root.children as Node[]).filter((c) => c.type === 'ContractDefinition').map((c) => String(c.name)));
    const out: string[] = [];
    const seen = new Set<string>();
    const visit = (c: Node) => {
      for (const b of (c.baseContracts as Node[] | undefined) ?? []) {
        const name = String((b.baseName as Node).namePath);
        if (seen.has(name)) continue;
        seen.add(name);
        const def = (this.root!.children as Node[]).find((x) => x.type === 'ContractDefinition' && x.name === name);
        if (def) visit(def);
        else if (!declared.has(name) && !this.model.contract(name)) out.push(name);
      }
    };
    visit(contract);
    return out;
  }

  private importsEverything(): boolean {
    return ((this.root?.children as Node[] | undefined) ?? []).some(
      (c) => c.type === 'ImportDirective' && !(Array.isArray(c.symbolAliases) && c.symbolAliases.length) && !c.unitAlias,
    );
  }

  private allowsFreeFunctions(): boolean {
    return this.cx.pragma === null || semver.intersects(this.cx.pragma, new semver.Range('>=0.7.1'));
  }

  private externalCall(target: EditTarget): Verdict {
    let call = this.node(target);
    if (call?.type === 'ExpressionStatement' && isNode(call.expression)) call = call.expression;
    if (call?.type !== 'FunctionCall') return { offer: 'no', reason: 'the code is not a call' };
    const t = this.model.resolveCall(call);
    switch (t.kind) {
      case 'external':
        return OK;
      case 'unknown':
        return { offer: 'review', reason: 'could not tell whether the call is external (`try` needs a call to another contract)' };
      default:
        return { offer: 'no', reason: `\`try\` needs a call to another contract; this one is ${t.kind === 'internal' ? 'an internal' : `a ${t.kind}`} call` };
    }
  }

  private notFromConstructor(target: EditTarget): Verdict {
    const chain = this.chain(target);
    const fn = enclosingFunction(chain);
    if (!fn || !this.root) return { offer: 'no', reason: 'the code is not in a function' };
    const name = String(fn.name ?? '');
    if (isConstructor(fn, enclosingContract(chain))) return { offer: 'no', reason: 'the function is a constructor' };
    if (reachedFromConstructors(this.root).has(name)) return { offer: 'no', reason: `\`${name}\` is called from a constructor, where it would now revert` };
    if (fn.visibility !== 'private')
      return { offer: 'review', reason: `a contract deriving from this one elsewhere may call \`${name}\` from its constructor` };
    return OK;
  }

  private notIgnoredOnPurpose(target: EditTarget): Verdict {
    const chain = this.chain(target);
    if (inLoop(chain))
      return { offer: 'no', reason: 'a payment in a loop is often left unchecked on purpose, so that one failing payee cannot block the others' };
    let call = this.node(target);
    if (call?.type === 'ExpressionStatement' && isNode(call.expression)) call = call.expression;
    const callee = call?.type === 'FunctionCall' && isNode(call.expression) ? call.expression : undefined;
    const receiver = callee?.type === 'MemberAccess' && isNode(callee.expression) ? callee.expression : undefined;
    if (!receiver) return { offer: 'no', reason: 'could not find who is paid' };
    const who = this.cx.parsed.text.slice(...(spanOf(receiver) ?? [0, 0])).replace(/\s+/g, '');
    if (CALLER.test(who) || this.isParameter(receiver, enclosingFunction(chain))) return OK;
    return {
      offer: 'no',
      reason: `\`${who}\` is not the caller: reverting when paying it fails lets it block this function (SWC-113), which ignoring the result may be there to avoid`,
    };
  }

  /** `x`, `payable(x)` or `address(x)` where `x` is a parameter of `fn`. */
  private isParameter(expr: Node, fn: Node | undefined): boolean {
    let e = expr;
    while (e.type === 'FunctionCall' && Array.isArray(e.arguments) && e.arguments.length === 1 && isNode(e.expression)) {
      const callee = e.expression;
      const conversion = (callee.type === 'Identifier' && callee.name === 'payable') || callee.type === 'ElementaryTypeName';
      if (!conversion) break;
      e = e.arguments[0] as Node;
    }
    if (e.type !== 'Identifier' || !fn) return false;
    const d = this.model.declarationOf(e);
    if (d) return d.kind === 'parameter';
    return ((fn.parameters as Node[] | undefined) ?? []).some((p) => p.name === e.name);
  }

  private mayRevert(target: EditTarget): Verdict {
    const chain = this.chain(target);
    if (inLoop(chain)) return { offer: 'no', reason: 'in a loop, reverting stops the whole batch where the loop may mean to skip one item' };
    const fn = enclosingFunction(chain);
    const returns = fn && Array.isArray(fn.returnParameters) ? (fn.returnParameters as Node[]) : [];
    const returnsBool = returns.length === 1 && isNode(returns[0].typeName) && (returns[0].typeName as Node).name === 'bool';
    if (returnsBool) return { offer: 'no', reason: 'the function reports failure by returning false; reverting changes what callers see' };
    return OK;
  }

  private discarded(target: EditTarget): Verdict {
    const node = this.node(target);
    if (node?.type === 'ExpressionStatement') return OK;
    const chain = this.chain(target);
    const parent = node ? chain[chain.indexOf(node) - 1] : undefined;
    if (parent?.type === 'ExpressionStatement' && parent.expression === node) return OK;
    return { offer: 'no', reason: 'its value is kept or used here, so the rewrite would not compile or would change what uses it' };
  }

  /** The parent of the target's node, past parentheses; and the node as its parent holds it. */
  private parentOf(target: EditTarget): { parent?: Node; child?: Node } {
    const chain = this.chain(target);
    let i = chain.length - 1;
    const span = this.span(target);
    while (i >= 0 && span && !sameSpan(chain[i], span)) i--;
    if (i < 0) return {};
    let child = chain[i];
    let parent = chain[i - 1];
    while (parent && parent.type === 'TupleExpression' && ((parent.components as unknown[]) ?? []).length === 1) {
      child = parent;
      parent = chain[chain.indexOf(parent) - 1];
    }
    return { parent, child };
  }

  private outermostProduct(target: EditTarget): Verdict {
    const { parent, child } = this.parentOf(target);
    if (parent?.type === 'BinaryOperation' && parent.operator === '*' && parent.left === child)
      return { offer: 'no', reason: 'the product is multiplied further: moving this division alone would leave it before that multiplication' };
    return OK;
  }

  private resultUsed(target: EditTarget): Verdict {
    const { parent } = this.parentOf(target);
    if (!parent) return { offer: 'review', reason: 'could not tell whether the result of the call is used' };
    if (parent.type === 'ExpressionStatement')
      return { offer: 'no', reason: 'the result of the call is dropped: the rewritten call would go unchecked too; check it as you rewrite it' };
    return OK;
  }

  private notCalledInternally(target: EditTarget): Verdict {
    const fn = enclosingFunction(this.chain(target));
    const name = typeof fn?.name === 'string' ? fn.name : '';
    if (!fn || !name || !this.root) return { offer: 'no', reason: 'the code is not a named function' };
    if (calledNames(this.root).has(name))
      return { offer: 'no', reason: `the code calls \`${name}\` itself: it may be a helper meant to be internal, which only you can tell` };
    return OK;
  }

  private uint8Literal(target: EditTarget): Verdict {
    const text = this.text(target).trim();
    const value = /^(?:[0-9]+|0[xX][0-9a-fA-F]+)$/.test(text) ? BigInt(text) : undefined;
    if (value === undefined || value > 255n) return { offer: 'no', reason: `\`${text}\` is not an integer literal from 0 to 255` };
    return OK;
  }

  private notCaller(target: EditTarget): Verdict {
    const text = this.text(target).replace(/\s+/g, '');
    if (CALLER.test(text))
      return { offer: 'no', reason: `\`${text}\` is the caller: comparing tx.origin with it is an EOA check, which the rewrite would make always true` };
    return OK;
  }

  private using(library: string): Verdict {
    const contract = enclosingContract(this.chain('match'));
    const places = [...((contract?.subNodes as Node[] | undefined) ?? []), ...((this.root?.children as Node[] | undefined) ?? [])];
    const has = places.some((n) => n.type === 'UsingForDeclaration' && (n.libraryName === library || hasFunctionFrom(n, library)));
    return has ? OK : { offer: 'no', reason: `it needs \`using ${library} for ...;\` in the contract` };
  }

  private freshName(name: string): Verdict {
    const fn = enclosingFunction(this.chain('match'));
    if (!fn) return { offer: 'no', reason: 'the code is not in a function' };
    return declaresVariable(fn, name) ? { offer: 'no', reason: `the function already declares \`${name}\`, which the fix declares too` } : OK;
  }

  private declared(name: string): Verdict {
    const units = (this.root?.children as Node[] | undefined) ?? [];
    if (units.some((u) => 'name' in u && u.name === name && u.type !== 'ImportDirective')) return OK;
    for (const u of units) {
      if (u.type !== 'ImportDirective') continue;
      const aliases = Array.isArray(u.symbolAliases) ? (u.symbolAliases as Array<[string, string | null]>) : [];
      if (aliases.some(([sym, alias]) => (alias ?? sym) === name) || u.unitAlias === name) return OK;
    }
    if (this.importsEverything()) return { offer: 'review', reason: `could not tell whether an import brings in \`${name}\`` };
    return { offer: 'no', reason: `it needs \`${name}\`, which the file neither declares nor imports` };
  }
}

function sameSpan(n: Node, span: Span): boolean {
  const r = spanOf(n);
  return !!r && r[0] === span[0] && r[1] === span[1];
}

function declaresVariable(n: Node, name: string): boolean {
  if (n.type === 'VariableDeclaration' && n.name === name) return true;
  return childrenOf(n).some((c) => declaresVariable(c, name));
}

function hasFunctionFrom(usingFor: Node, library: string): boolean {
  const fns = Array.isArray(usingFor.functions) ? (usingFor.functions as string[]) : [];
  return fns.some((f) => f.startsWith(`${library}.`));
}

function describeKind(kind: string): string {
  return kind.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
}
