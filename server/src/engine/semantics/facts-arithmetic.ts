// Arithmetic as the matcher's `arithmetic:` filters see it (facts.ts hands these questions here): whether an
// operation reverts on overflow, whether it can realistically wrap or divides before it multiplies, and the value
// of state that nothing writes (code behind a test of it that always fails cannot run).
import type { Node } from './cfg-types';
import { isNode, unparen } from './cfg-ast';
import { arithmeticSites, divideBeforeMultiply, type ArithmeticSite, type DivideThenMultiply } from './arithmetic';
import { arithmeticRisk, sameCode, type ArithmeticRisk } from './arithmetic-risk';
import type { FunctionEffects } from './effects';
import { safe } from './facts-functions';
import { literalValue, unreachableUnderFrozenState, type FrozenValue } from './frozen-state';
import type { SemanticModel } from './model';
import { nodesOf } from './order';
import type { SummaryIndex } from './summaries';
import type { ContractSymbol, Declaration } from './symbols';

/** What the arithmetic questions need of the file (FileFacts). */
export interface ArithmeticHost {
  readonly model: SemanticModel;
  readonly summaryIndex: SummaryIndex;
  readonly fn: { analysis(fnNode: Node): FunctionEffects | undefined };
  /** Told of every frozen-state question, and its answer (scan-semantic-probes.ts records them). */
  readonly frozenAsked?: (x: Node, fnNode: Node, value: FrozenValue | undefined) => void;
  contractOf(node: Node): ContractSymbol | undefined;
  rootDeclaration(node: Node): Declaration | undefined;
  kinds(node: Node): string[];
}

export class ArithmeticFacts {
  private arithmetic?: Map<Node, ArithmeticSite>;
  private readonly quotients = new Map<Node, DivideThenMultiply[]>();

  constructor(private readonly file: ArithmeticHost) {}

  /**
   * The value a state variable always has when no function of the contract (inherited ones and constructors
   * included) writes it: its declared initial value (a plain literal) or the default. Undefined otherwise.
   */
  frozenValue(x: Node, fnNode: Node): FrozenValue | undefined {
    const value = this.frozen(x, fnNode);
    this.file.frozenAsked?.(x, fnNode, value);
    return value;
  }

  private frozen(x: Node, fnNode: Node): FrozenValue | undefined {
    const d = this.file.rootDeclaration(x);
    if (d?.kind !== 'stateVariable' || d.constant || d.immutable || !d.contract) return undefined;
    const type = d.typeName?.type === 'ElementaryTypeName' ? String(d.typeName.name) : '';
    const init = isNode(d.node.expression) ? unparen(d.node.expression) : undefined;
    let value: FrozenValue | undefined;
    if (type === 'bool') value = init ? (init.type === 'BooleanLiteral' ? init.value === true : undefined) : false;
    else if (/^u?int\d*$/.test(type)) value = init ? literalValue(init) : 0n;
    if (value === undefined) return undefined;
    const contract = this.file.contractOf(fnNode);
    if (!contract) return undefined;
    const key = `${d.contract.name}.${d.name}`;
    const summaries = this.file.summaryIndex.of(contract);
    for (const fn of this.file.model.functionsOf(contract)) {
      const writes = safe(() => summaries.summaryOf(fn).writes);
      if (!writes || writes.has(key) || [...writes].some((w) => w.startsWith('storage:'))) return undefined;
    }
    return value;
  }

  /** A compile-time constant: number literals, `constant` variables, and arithmetic of them (`365 days * 1e18`). */
  private isConstant(x: Node): boolean {
    const e = unparen(x);
    if (isNumber(e)) return true;
    if (e.type === 'BinaryOperation') return isNode(e.left) && isNode(e.right) && this.isConstant(e.left) && this.isConstant(e.right);
    if (e.type === 'Identifier') return this.file.kinds(e).includes('constant');
    return false;
  }

  /** Whether an arithmetic operation (or a SafeMath call) reverts on overflow; undefined when `node` is none. */
  arithmeticChecked(node: Node): boolean | undefined {
    return safe(() => {
      if (!this.arithmetic) {
        this.arithmetic = new Map();
        for (const s of arithmeticSites(this.file.model)) this.arithmetic.set(s.node, s);
      }
      return this.arithmetic.get(unparen(node))?.checked;
    });
  }

  /** Whether an operation can realistically wrap (arithmetic-risk.ts); undefined when it is not in a function's graph. */
  arithmeticRisk(node: Node, fnNode: Node | undefined): ArithmeticRisk | undefined {
    if (!fnNode) return undefined;
    return safe(() => {
      const cfg = this.file.fn.analysis(fnNode)?.cfg;
      if (!cfg) return undefined;
      const op = unparen(node);
      const risk = arithmeticRisk(cfg, op, {
        isState: (target) => {
          const d = this.file.rootDeclaration(target);
          if (d?.kind === 'stateVariable') return !d.constant && !d.immutable;
          return d?.kind === 'localVariable' && d.storageLocation === 'storage' && target.type !== 'Identifier';
        },
        reverts: (o) => this.arithmeticChecked(o) === true,
      });
      if (!risk) return undefined;
      // Code behind a test that state nobody writes always fails cannot run: nothing there can wrap.
      const dead = nodesOf(cfg, op).every((n) => unreachableUnderFrozenState(cfg, n, (x) => this.frozenValue(x, fnNode)));
      if (dead) risk.bounded = true;
      let quotients = this.quotients.get(fnNode);
      if (!quotients) this.quotients.set(fnNode, (quotients = divideBeforeMultiply(fnNode)));
      // On purpose: `x = a / lot; ... x * lot` rounds down to a multiple of `lot`; `4 * (n / 3)` counts chunks; a
      // quotient by a constant kept in a local (`perYear = rate / SECONDS_PER_YEAR`) is a chosen approximation.
      const onPurpose = (d: DivideThenMultiply) => {
        const divisor = isNode(d.division.right) ? d.division.right : undefined;
        if (!divisor) return false;
        const sides = [op.left, op.right].filter(isNode);
        if (sides.some((side) => sameCode(side, divisor))) return true;
        if (!this.isConstant(divisor)) return false;
        if (d.via) return true;
        const other = sides.find((side) => unparen(side) !== d.division);
        return !!other && this.isConstant(other);
      };
      return { ...risk, dividesFirst: quotients.some((d) => d.multiplication === op && !onPurpose(d)) };
    });
  }
}

function isNumber(x: Node): boolean {
  return /^(NumberLiteral|HexNumber|DecimalNumber)$/.test(unparen(x).type);
}
