// Arithmetic context: whether an arithmetic expression reverts on overflow. Solidity checks since 0.8.0, except
// inside `unchecked { }`; a file whose `pragma solidity` admits a version below 0.8.0 is taken as unchecked
// (the compiler a deployer picks may be the old one). SafeMath-style calls (`a.add(b)`, `SafeMath.add(a, b)`)
// are checked whatever the version. Also: division before multiplication, directly or through a local
// (`uint x = a / b; ... x * c`), which loses precision in any version.
import semver from 'semver';
import { buildCfg } from './cfg';
import { forEachChild, isNode, nodeList, unparen } from './cfg-ast';
import type { Node } from './cfg-types';
import { reachingDefinitions } from './dataflow-defs';
import { callEffect } from './effects-calls';
import type { SemanticModel } from './model';
import { nodesOf } from './order';
import type { ContractSymbol } from './symbols';

export type ArithmeticReason =
  | 'checked' // Solidity 0.8 or later, outside `unchecked`
  | 'unchecked-block' // inside `unchecked { }`
  | 'pre-0.8' // the file's pragma admits a compiler below 0.8.0
  | 'safemath' // a SafeMath-style call
  | 'unknown-version'; // no pragma: not claimed unchecked

export interface ArithmeticSite {
  /** BinaryOperation, UnaryOperation (`++`, `--`, `-x`) or the FunctionCall of a SafeMath function. */
  node: Node;
  /** `+`, `-=`, `++`, ... or the SafeMath function's name (`add`). */
  operator: string;
  checked: boolean;
  reason: ArithmeticReason;
  /** `using SafeMath for ...` is in force where the expression is (the contract, its bases, or the file). */
  safeMathInScope: boolean;
  /** The FunctionDefinition or ModifierDefinition it is in (undefined in a state variable's initialiser). */
  function?: Node;
  contract?: Node;
}

export interface SolidityVersion {
  /** The `pragma solidity` ranges, joined with a space (all must hold); null when there is none. */
  range: string | null;
  /** Whether a compiler below 0.8.0 satisfies the pragma; null when unknown. */
  admitsPre08: boolean | null;
}

const BINARY = new Set(['+', '-', '*', '/', '%', '**', '+=', '-=', '*=', '/=', '%=']);
const SAFE_LIBRARY = /SafeMath|SafeCast|SafeInt/i;
const SAFE_FUNCTIONS = new Set(['add', 'sub', 'mul', 'div', 'mod', 'pow', 'exp', 'tryAdd', 'trySub', 'tryMul', 'tryDiv', 'tryMod']);

const versions = new WeakMap<object, SolidityVersion>();

/** The version constraint of a source unit. */
export function solidityVersion(sourceUnit: Node): SolidityVersion {
  const known = versions.get(sourceUnit);
  if (known) return known;
  const ranges = nodeList(sourceUnit.children)
    .filter((c) => c.type === 'PragmaDirective' && c.name === 'solidity' && typeof c.value === 'string')
    .map((c) => String(c.value).trim());
  let admitsPre08: boolean | null = null;
  if (ranges.length) {
    try {
      admitsPre08 = ranges.every((r) => {
        const valid = semver.validRange(normaliseRange(r), { loose: true });
        return valid === null ? true : semver.intersects(valid, '<0.8.0', { loose: true });
      });
    } catch {
      admitsPre08 = null;
    }
  }
  const v: SolidityVersion = { range: ranges.length ? ranges.join(' ') : null, admitsPre08 };
  versions.set(sourceUnit, v);
  return v;
}

/** `>=0.4.22<0.6.0` (written without a space) reads as two comparators; `0.4` as `0.4.x`. */
function normaliseRange(r: string): string {
  return r.replace(/([0-9x*])\s*(?=[<>=^~])/g, '$1 ');
}

/** Every arithmetic expression of a file, with its context. */
export function arithmeticSites(model: SemanticModel): ArithmeticSite[] {
  const ast = model.ast;
  if (!ast) return [];
  const version = solidityVersion(ast);
  const out: ArithmeticSite[] = [];
  for (const unit of nodeList(ast.children)) {
    if (unit.type === 'ContractDefinition') {
      const scope = safeMathInScope(model, unit);
      for (const member of nodeList(unit.subNodes)) {
        const where: Where = { version, scope, contract: unit, fn: member, unchecked: false };
        // A state variable's initialiser is held twice (on the declaration and on its variable): walk it once.
        if (member.type === 'StateVariableDeclaration') {
          for (const v of nodeList(member.variables)) if (isNode(v.expression)) collect(model, v.expression, { ...where, fn: undefined }, out);
        } else collect(model, member, where, out);
      }
    } else if (unit.type === 'FunctionDefinition') {
      collect(model, unit, { version, scope: safeMathInScope(model, undefined), fn: unit, unchecked: false }, out);
    }
  }
  return out;
}

interface Where {
  version: SolidityVersion;
  scope: boolean;
  contract?: Node;
  fn?: Node;
  unchecked: boolean;
}

function collect(model: SemanticModel, x: Node, where: Where, out: ArithmeticSite[]): void {
  if (x.type === 'UncheckedStatement') {
    if (isNode(x.block)) collect(model, x.block, { ...where, unchecked: true }, out);
    return;
  }
  if (x.type === 'InlineAssemblyStatement') return; // Yul arithmetic wraps; it is not Solidity's to check
  const op = String(x.operator ?? '');
  const native = (x.type === 'BinaryOperation' && BINARY.has(op)) || (x.type === 'UnaryOperation' && (op === '++' || op === '--' || op === '-'));
  if (native) out.push(site(x, op, where));
  else if (x.type === 'FunctionCall') {
    const name = safeMathName(model, x, where.scope);
    if (name) out.push({ ...base(x, where), operator: name, checked: true, reason: 'safemath' });
  }
  forEachChild(x, (c) => collect(model, c, where, out));
}

function base(x: Node, where: Where) {
  return { node: x, safeMathInScope: where.scope, function: where.fn, contract: where.contract };
}

function site(x: Node, operator: string, where: Where): ArithmeticSite {
  if (where.unchecked) return { ...base(x, where), operator, checked: false, reason: 'unchecked-block' };
  if (where.version.admitsPre08 === true) return { ...base(x, where), operator, checked: false, reason: 'pre-0.8' };
  if (where.version.admitsPre08 === null) return { ...base(x, where), operator, checked: true, reason: 'unknown-version' };
  return { ...base(x, where), operator, checked: true, reason: 'checked' };
}

/** The name of a SafeMath-style function a call runs (`add` of `a.add(b)` or `SafeMath.add(a, b)`), if it is one. */
function safeMathName(model: SemanticModel, call: Node, inScope: boolean): string | undefined {
  const c = isNode(call.expression) ? call.expression : undefined;
  if (c?.type !== 'MemberAccess' || typeof c.memberName !== 'string' || !SAFE_FUNCTIONS.has(c.memberName)) return undefined;
  const e = callEffect(model, call);
  if (e.kind === 'internal') {
    const lib = e.callee.contract;
    return lib?.contractKind === 'library' && (SAFE_LIBRARY.test(lib.name) || inScope) ? c.memberName : undefined;
  }
  // Unresolved (the library's file is missing): `SafeMath.add(a, b)`, or `a.add(b)` under `using SafeMath`.
  const receiver = isNode(c.expression) ? unparen(c.expression) : undefined;
  if (receiver?.type === 'Identifier' && SAFE_LIBRARY.test(String(receiver.name))) return c.memberName;
  return e.kind === 'opaque' && inScope ? c.memberName : undefined;
}

/** `using SafeMath for ...` (any library named like SafeMath) in force in the contract or its file. */
export function safeMathInScope(model: SemanticModel, contract: Node | undefined): boolean {
  const file = model.file;
  const sym = contract ? model.project.symbols(file)?.byNode.get(contract) : undefined;
  const usings = model.project.binder(file)?.usingFor(sym?.kind === 'contract' ? (sym as ContractSymbol) : undefined) ?? [];
  return usings.some((u) => !!u.library && SAFE_LIBRARY.test(u.library.split('.').pop() ?? ''));
}

/** The context of one arithmetic expression (undefined when `node` is not one in this file). */
export function arithmeticAt(model: SemanticModel, node: Node): ArithmeticSite | undefined {
  return arithmeticSites(model).find((s) => s.node === node);
}

export interface DivideThenMultiply {
  division: Node;
  multiplication: Node;
  /** The local the quotient went through, when it did. */
  via?: string;
}

/** Multiplications of a quotient in one function: `(a / b) * c`, and `x * c` where `x = a / b` may reach. */
export function divideBeforeMultiply(fn: Node): DivideThenMultiply[] {
  if (!isNode(fn.body)) return [];
  const cfg = buildCfg(fn);
  let rd: ReturnType<typeof reachingDefinitions> | undefined;
  const out: DivideThenMultiply[] = [];
  const visit = (x: Node) => {
    if (x.type === 'BinaryOperation' && (x.operator === '*' || x.operator === '*=')) {
      for (const side of [x.left, x.right]) {
        if (!isNode(side)) continue;
        const operand = unparen(side);
        if (isDivision(operand)) out.push({ division: operand, multiplication: x });
        else if (operand.type === 'Identifier') {
          rd ??= reachingDefinitions(cfg);
          for (const n of nodesOf(cfg, x)) {
            for (const d of rd.reaching(n)) {
              const v = d.value ? unparen(d.value) : undefined;
              if (d.variable === operand.name && v && isDivision(v) && !out.some((o) => o.division === v && o.multiplication === x)) {
                out.push({ division: v, multiplication: x, via: String(operand.name) });
              }
            }
          }
        }
      }
    }
    forEachChild(x, visit);
  };
  visit(fn.body);
  return out;
}

function isDivision(x: Node): boolean {
  return x.type === 'BinaryOperation' && x.operator === '/';
}
