// What a call does, for the matcher's `call:` and `result:` filters (facts.ts hands these questions here): the
// message calls it makes, its own or through the internal function it runs; whether any file of the unit could send
// ether at all; and whether the value it returns is checked on every use.
import type { ParsedSource } from '../parse';
import { callArguments, forEachChild, isNode, unparen } from './cfg-ast';
import type { Node } from './cfg-types';
import { checkingHelpersIn, checksParameter, resultUse } from './dataflow';
import type { FunctionEffects } from './effects';
import { callEffect, TOKEN_MEMBERS, type ExternalCall } from './effects-calls';
import { safe } from './facts-functions';
import type { SemanticModel } from './model';
import type { SemanticProject } from './project';
import type { CallFact, SummaryIndex } from './summaries';
import type { ContractSymbol } from './symbols';

/** A message call as filters see it (a call's own, or one an internal function it calls makes). */
export type MessageCall = Pick<ExternalCall, 'kind' | 'value' | 'delegate' | 'static' | 'token' | 'payment'> & {
  /** The call is itself the message call (not an internal function that makes it). */
  own?: boolean;
};

/** Every way Solidity code sends ether (what the effects of a call can only find in such code). */
export const VALUE_SYNTAX =
  /[\w)\]]\s*\{[^{}]*\bvalue\s*:(?!=)|\.value\s*\(|\bsendValue\b|WithValue\b|TransferETH\b|TransferAllETH\b|\.transfer\s*\(|\.send\s*\(|\bselfdestruct\b|\bsuicide\b|\bcreate2?\s*\(/;

/**
 * VALUE_SYNTAX without what its first alternative reads before `value:` (the `[^{}]*` back to a `{`, slow where a
 * file names many things `value`, as SafeCast does): whatever VALUE_SYNTAX finds, this finds too, in one pass.
 */
const VALUE_WORDS =
  /\bvalue\s*:(?!=)|\.value\s*\(|\bsendValue\b|WithValue\b|TransferETH\b|TransferAllETH\b|\.transfer\s*\(|\.send\s*\(|\bselfdestruct\b|\bsuicide\b|\bcreate2?\s*\(/;

/** VALUE_SYNTAX.test(text), asked of the cheaper necessary condition first. */
export function hasValueSyntax(text: string): boolean {
  return VALUE_WORDS.test(text) && VALUE_SYNTAX.test(text);
}

// The regex is slow on long texts, and every file of a project asks it of the files it imports: once per parse.
const valueTexts = new WeakMap<ParsedSource, boolean>();
function sendsValueText(parsed: ParsedSource | undefined): boolean {
  if (!parsed) return false;
  let v = valueTexts.get(parsed);
  if (v === undefined) valueTexts.set(parsed, (v = hasValueSyntax(parsed.text)));
  return v;
}

/** What the call questions need of the file (FileFacts). */
export interface CallHost {
  readonly project: SemanticProject;
  readonly path: string;
  readonly model: SemanticModel;
  readonly summaryIndex: SummaryIndex;
  readonly fn: { analysis(fnNode: Node): FunctionEffects | undefined };
  contractOf(node: Node): ContractSymbol | undefined;
  /** A receiver of a contract type the model cannot see (facts-names.ts). */
  isUnseenContract(receiver: Node): boolean;
}

export class CallFacts {
  private checking?: Map<Node, Map<string, boolean>>;
  private valueText?: boolean;
  private readonly calls = new Map<Node, MessageCall[] | undefined>();
  private readonly ownCalls = new Map<Node, MessageCall | 'internal' | null>();

  constructor(private readonly file: CallHost) {}

  /**
   * The message calls a call makes: its own when it is one, those of the internal function it calls (through
   * that function's own internal calls and modifiers) otherwise. Undefined when `call` is not a call.
   */
  messageCalls(call: Node): MessageCall[] | undefined {
    if (call.type !== 'FunctionCall') return undefined;
    // Several findings ask about every call of a file (`$CALL(...)` with a `call:` filter): answered once per call.
    if (this.calls.has(call)) return this.calls.get(call);
    const answer = safe(() => {
      const own = this.ownMessageCall(call);
      if (own !== 'internal') return own ? [own] : [];
      const contract = this.file.contractOf(call);
      const calls: readonly CallFact[] = contract ? (this.file.summaryIndex.of(contract).summaryOfCall(call)?.calls ?? []) : [];
      return [...calls];
    });
    this.calls.set(call, answer);
    return answer;
  }

  /**
   * The message call a call itself is (`own`), without the summaries of the internal function it may call:
   * `internal` for such a call, undefined when it is neither. What a filter that only accepts a call's own
   * message call (`low-level: true`) needs to know.
   */
  ownMessageCall(call: Node): MessageCall | 'internal' | undefined {
    if (call.type !== 'FunctionCall') return undefined;
    let known = this.ownCalls.get(call);
    if (known === undefined) {
      known =
        safe((): MessageCall | 'internal' | null => {
          const e = callEffect(this.file.model, call);
          if (e.kind === 'external') return { ...e.call, own: true };
          if (e.kind === 'opaque') {
            const unseen = this.unseenContractCall(call);
            return unseen ? { ...unseen, own: true } : null;
          }
          return e.kind === 'internal' ? 'internal' : null;
        }) ?? null;
      this.ownCalls.set(call, known);
    }
    return known ?? undefined;
  }

  /**
   * `token.transfer(to, amount)` where `token`'s type is a contract the model cannot see (its import is missing):
   * a member called on a variable declared with an unknown type name, or on `IFoo(x)`, can only be a message call.
   */
  private unseenContractCall(call: Node): MessageCall | undefined {
    let c = isNode(call.expression) ? call.expression : undefined;
    let value = false;
    if (c?.type === 'NameValueExpression') {
      const list = isNode(c.arguments) ? c.arguments : undefined;
      value = Array.isArray(list?.names) && (list.names as string[]).includes('value');
      c = isNode(c.expression) ? c.expression : undefined;
    }
    if (c?.type !== 'MemberAccess' || !isNode(c.expression) || typeof c.memberName !== 'string') return undefined;
    const receiver = unparen(c.expression);
    if (!this.file.isUnseenContract(receiver)) return undefined;
    return { kind: 'high-level', value: value ? 'yes' : 'no', delegate: false, static: false, token: TOKEN_MEMBERS.has(c.memberName) };
  }

  /**
   * Whether any file of the unit could send ether, by a look at its text: when none can, no call here sends value,
   * and the summaries need not be asked.
   */
  mayTransferValue(): boolean {
    if (this.valueText === undefined) {
      const { project, path } = this.file;
      const files = safe(() => project.unitFiles(path)) ?? [path];
      this.valueText = files.some((f) => sendsValueText(project.parsed(f))) || !files.length;
    }
    return this.valueText;
  }

  /** Whether the value a call returns is checked on every use; undefined when the call is not in a function's graph. */
  resultChecked(call: Node, fnNode: Node | undefined): boolean | undefined {
    if (!fnNode) return undefined;
    return safe(() => {
      // A function known to return nothing (ERC721 `transferFrom`) has no result to check.
      const e = callEffect(this.file.model, call);
      if (e.kind === 'external' && e.call.kind === 'high-level' && e.call.function && !e.call.function.returns.length) return undefined;
      const cfg = this.file.fn.analysis(fnNode)?.cfg;
      if (!cfg) return undefined;
      const contractNode = this.file.contractOf(fnNode)?.node;
      const own = checkingHelpersIn(contractNode);
      const use = resultUse(cfg, call, { checksArgument: (c, i) => own(c, i) || this.calleeChecks(c, i) });
      return use.how === 'unknown' ? undefined : use.checked;
    });
  }

  /**
   * Whether the internal function a call runs, wherever the model finds it (a base contract, a library such as
   * OpenZeppelin's `Address.verifyCallResult`, another file), reverts unless the argument at `index` holds, or
   * tests it (`if (success) return data; else <bubble the revert>`, a mode that reports failure): handed to code
   * that decides what a failure means.
   */
  private calleeChecks(call: Node, index: number): boolean {
    const memo = (this.checking ??= new Map());
    const arg = callArguments(call)[index];
    const e = arg ? callEffect(this.file.model, call) : undefined;
    if (!arg || e?.kind !== 'internal' || !e.callee.node) return false;
    const at = e.args.indexOf(arg);
    if (at < 0) return false;
    const key = `${at}`;
    let known = memo.get(e.callee.node);
    if (!known) memo.set(e.callee.node, (known = new Map()));
    let answer = known.get(key);
    if (answer === undefined) {
      known.set(key, false);
      answer = checksParameter(e.callee.node, at) || testsParameter(e.callee.node, at);
      known.set(key, answer);
    }
    return answer;
  }
}

/** Whether some condition of `fn` (an `if`, a loop, a `?:`, a require) reads its parameter `index`. */
function testsParameter(fn: Node, index: number): boolean {
  const p = Array.isArray(fn.parameters) ? (fn.parameters as Node[])[index] : undefined;
  const name = p?.name;
  if (typeof name !== 'string' || !name || !isNode(fn.body)) return false;
  let found = false;
  const reads = (x: unknown): boolean => {
    if (!isNode(x)) return false;
    if (x.type === 'Identifier' && x.name === name) return true;
    let hit = false;
    forEachChild(x, (c) => {
      hit ||= reads(c);
    });
    return hit;
  };
  const visit = (x: Node) => {
    if (found) return;
    if ((x.type === 'IfStatement' || x.type === 'WhileStatement' || x.type === 'Conditional') && reads(x.condition)) found = true;
    else if (x.type === 'FunctionCall' && isNode(x.expression) && x.expression.type === 'Identifier' && /^(require|assert)$/.test(String(x.expression.name))) {
      if (reads(callArguments(x)[0])) found = true;
    }
    forEachChild(x, visit);
  };
  visit(fn.body);
  return found;
}
