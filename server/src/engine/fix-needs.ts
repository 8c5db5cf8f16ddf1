// What a fix's edits use that the code may not have yet (`fix.needs`): OpenZeppelin's SafeERC20 (a `using
// SafeERC20 for IERC20;` in the contract) or ReentrancyGuard (inherited; ReentrancyGuardTransient where every
// compiler the pragma allows defaults to an EVM with transient storage). The fix adds the import, from where the
// project already keeps OpenZeppelin (its own imports, then its remappings, then node_modules, all resolved
// through the scan's semantic project), the `using` and the inheritance; when that cannot be done it is not offered.
import * as semver from 'semver';
import type { FixNeed } from './finding';
import { ancestorsOf, enclosingContract, nodeAtSpan } from './fix-ast';
import type { RequireContext } from './fix-requires';
import { lineEnding } from './edits';
import type { Node } from './pattern/ast';
import type { LineIndex } from './positions';
import { pragmaRange } from './scan-index';
import type { SemanticModel } from './semantics';
import type { TextEdit } from './types';

/** What the preconditions see (fix-requires.ts), and the file's text to write the edits against. */
export interface NeedsContext extends RequireContext {
  text: string;
  lines: LineIndex;
}

export type NeedsVerdict = { offer: 'no'; reason: string } | { offer: 'yes'; edits: TextEdit[]; added: string[]; review?: string };

/** Where each OpenZeppelin name lives under the package's `contracts/` folder, newest layout first (4.x moved some). */
const OZ_FILES: Record<string, string[]> = {
  SafeERC20: ['token/ERC20/utils/SafeERC20.sol'],
  IERC20: ['token/ERC20/IERC20.sol'],
  ReentrancyGuard: ['utils/ReentrancyGuard.sol', 'security/ReentrancyGuard.sol'],
  ReentrancyGuardTransient: ['utils/ReentrancyGuardTransient.sol'],
};
/** Top folders of OpenZeppelin's `contracts/`: what follows the prefix in an import the project already has. */
const OZ_TOP = /^(.*?\/)(?:token|utils|access|security|interfaces|proxy|governance|metatx|finance|account|vendor)\//;
/** solc defaults to Cancun, whose transient storage ReentrancyGuardTransient uses, from 0.8.25 on. */
const TRANSIENT_DEFAULT = new semver.Range('>=0.8.25');
const GUARDS = new Set(['ReentrancyGuard', 'ReentrancyGuardTransient', 'ReentrancyGuardUpgradeable', 'ReentrancyGuardTransientUpgradeable']);

export function resolveNeeds(needs: readonly FixNeed[] | undefined, cx: NeedsContext): NeedsVerdict {
  if (!needs?.length) return { offer: 'yes', edits: [], added: [] };
  const root = cx.parsed.ast as unknown as Node | null;
  const contract = root ? enclosingContract(ancestorsOf(root, cx.match)) : undefined;
  if (!root || !contract) return { offer: 'no', reason: 'the code is not in a contract' };
  if (contract.kind !== 'contract' && contract.kind !== 'abstract')
    return { offer: 'no', reason: `it is in ${String(contract.kind)} ${String(contract.name)}` };
  const plan = new Plan(cx, root, contract);
  for (const n of needs) {
    const why =
      n.openzeppelin === 'SafeERC20'
        ? plan.safeErc20(n.for)
        : n.openzeppelin === 'Ownable'
          ? plan.inherits(/^Ownable(2Step)?(Upgradeable)?$/, 'Ownable: adding an owner means choosing one at deployment')
          : n.openzeppelin === 'Initializable'
            ? plan.inherits(/^Initializable$|Upgradeable$/, 'Initializable: the contract is not deployed behind a proxy')
            : plan.reentrancyGuard();
    if (why) return { offer: 'no', reason: why };
  }
  return plan.result();
}

class Plan {
  private readonly imports = new Map<string, string>();
  private usingLine?: string;
  private base?: string;
  private review: string[] = [];
  private modelCache?: SemanticModel | null;

  constructor(
    private readonly cx: NeedsContext,
    private readonly root: Node,
    private readonly contract: Node,
  ) {}

  private get model(): SemanticModel | undefined {
    if (this.modelCache === undefined) this.modelCache = this.cx.model?.() ?? null;
    return this.modelCache ?? undefined;
  }

  /** `using SafeERC20 for IERC20;` in the contract (or the file), and the receiver an IERC20; undefined when it can be done. */
  safeErc20(receiver: string | undefined): string | undefined {
    const ierc20 = this.model?.contract('IERC20');
    if (receiver) {
      const span = receiver === 'match' ? this.cx.match : receiver === 'focus' ? this.cx.focus : this.cx.bindings[receiver];
      const node = span && nodeAtSpan(ancestorsOf(this.root, span), span);
      const type = node && this.model ? this.model.typeOf(node) : undefined;
      if (type?.kind === 'contract' && type.contract.name !== 'IERC20')
        return `\`${this.cx.text.slice(span![0], span![1])}\` is a ${type.contract.name}: SafeERC20's functions attach to IERC20 only`;
      if (type?.kind !== 'contract') this.review.push(`could not tell whether \`${span ? this.cx.text.slice(span[0], span[1]) : receiver}\` is an IERC20`);
    }
    if (this.hasUsing('SafeERC20')) return undefined;
    if (ierc20 && !/openzeppelin/i.test(ierc20.file)) return 'the IERC20 this file sees is not OpenZeppelin’s, which SafeERC20 is for';
    for (const name of ['SafeERC20', 'IERC20']) {
      if (this.visible(name)) continue;
      const why = this.importFromOpenZeppelin(name);
      if (why) return why;
    }
    this.usingLine = 'using SafeERC20 for IERC20;';
    return undefined;
  }

  /**
   * The contract inherits a base whose name matches (Ownable and its forms, whose `onlyOwner` the fix adds;
   * Initializable or an upgradeable base, whose `initializer`). Never added: an owner is chosen at deployment.
   */
  inherits(name: RegExp, missing: string): string | undefined {
    return this.baseNames().some((b) => name.test(b)) ? undefined : `the contract does not inherit ${missing}`;
  }

  /** The contract inherits a ReentrancyGuard (imported if need be); undefined when it does or can. */
  reentrancyGuard(): string | undefined {
    const bases = this.baseNames();
    if (bases.some((b) => GUARDS.has(b))) return undefined;
    // Its own `nonReentrant` was not taken for a lock by the finding (or it would not be reported): adding a base
    // would clash with it, and using it would not lock.
    if (this.hasModifier('nonReentrant')) return 'the contract has a nonReentrant of its own that is not a reentrancy lock';
    if (bases.some((b) => /Upgradeable$|^Initializable$/.test(b)))
      return 'the contract is upgradeable: it needs ReentrancyGuardUpgradeable, initialised in its initializer';
    const unseen = this.unseenBases();
    if (unseen.length) this.review.push(`could not see whether ${unseen.join(', ')} already inherits a reentrancy guard`);
    const transient = this.cx.pragma !== null && semver.subset(this.cx.pragma, TRANSIENT_DEFAULT);
    const names = transient ? ['ReentrancyGuardTransient', 'ReentrancyGuard'] : ['ReentrancyGuard'];
    let last: string | undefined;
    for (const name of names) {
      if (this.visible(name)) {
        this.base = name;
        return undefined;
      }
      last = this.importFromOpenZeppelin(name);
      if (!last) {
        this.base = name;
        return undefined;
      }
    }
    return last;
  }

  result(): NeedsVerdict {
    const edits: TextEdit[] = [];
    const added: string[] = [];
    const eol = lineEnding(this.cx.text);
    if (this.imports.size) {
      const at = this.importPlace();
      const lines = [...this.imports].map(([name, path]) => `import {${name}} from "${path}";`);
      edits.push({ range: this.cx.lines.range(at, at), newText: lines.map((l) => eol + l).join('') });
      added.push(...this.imports.keys());
    }
    if (this.base) {
      const bases = (this.contract.baseContracts as Node[] | undefined) ?? [];
      const last = bases[bases.length - 1]?.range as [number, number] | undefined;
      const at = last ? last[1] + 1 : this.afterContractName();
      if (at === undefined) return { offer: 'no', reason: 'could not find where the contract lists its bases' };
      edits.push({ range: this.cx.lines.range(at, at), newText: last ? `, ${this.base}` : ` is ${this.base}` });
      added.push(`is ${this.base}`);
    }
    if (this.usingLine) {
      const open = this.contractBodyStart();
      if (open === undefined) return { offer: 'no', reason: 'could not find the contract body' };
      edits.push({ range: this.cx.lines.range(open, open), newText: `${eol}${this.memberIndent()}${this.usingLine}` });
      added.push(this.usingLine);
    }
    return { offer: 'yes', edits, added, ...(this.review.length ? { review: this.review.join('; ') } : {}) };
  }

  private hasUsing(library: string): boolean {
    const places = [...((this.contract.subNodes as Node[] | undefined) ?? []), ...((this.root.children as Node[] | undefined) ?? [])];
    return places.some(
      (n) =>
        n.type === 'UsingForDeclaration' &&
        (n.libraryName === library || (Array.isArray(n.functions) && (n.functions as string[]).some((f) => f.startsWith(`${library}.`)))),
    );
  }

  /** Declared in the file or imported by name (or visible through the model's imports). */
  private visible(name: string): boolean {
    const units = (this.root.children as Node[] | undefined) ?? [];
    if (units.some((u) => u.type !== 'ImportDirective' && u.name === name)) return true;
    for (const u of units) {
      if (u.type !== 'ImportDirective') continue;
      const aliases = Array.isArray(u.symbolAliases) ? (u.symbolAliases as Array<[string, string | null]>) : [];
      if (aliases.some(([sym, alias]) => (alias ?? sym) === name)) return true;
    }
    return this.model?.contract(name) !== undefined;
  }

  /** The contract declares (or inherits) a modifier of this name. */
  private hasModifier(name: string): boolean {
    const own = ((this.contract.subNodes as Node[] | undefined) ?? []).some((n) => n.type === 'ModifierDefinition' && n.name === name);
    const symbol = this.model?.contracts().find((c) => c.name === this.contract.name);
    return own || (!!symbol && !!this.model?.lookupModifier(symbol, name));
  }

  /** Names of the contract's bases, direct and (where the model sees them) inherited. */
  private baseNames(): string[] {
    const direct = ((this.contract.baseContracts as Node[] | undefined) ?? []).map((b) => String((b.baseName as Node | undefined)?.namePath ?? ''));
    const symbol = this.model?.contracts().find((c) => c.name === this.contract.name);
    const inherited = symbol && this.model ? this.model.linearization(symbol).map((c) => c.name) : [];
    return [...new Set([...direct, ...inherited])];
  }

  private unseenBases(): string[] {
    const direct = ((this.contract.baseContracts as Node[] | undefined) ?? []).map((b) => String((b.baseName as Node | undefined)?.namePath ?? ''));
    const declared = new Set(((this.root.children as Node[] | undefined) ?? []).filter((c) => c.type === 'ContractDefinition').map((c) => String(c.name)));
    return direct.filter((b) => !declared.has(b) && !this.model?.contract(b));
  }

  /** Records an import of `name` from the project's OpenZeppelin; the reason when there is none to import from. */
  private importFromOpenZeppelin(name: string): string | undefined {
    const project = this.model?.project;
    const file = this.model?.file;
    if (!project?.resolveImport || !file) return `it needs ${name}, and the project's OpenZeppelin cannot be looked up here`;
    for (const prefix of this.openZeppelinPrefixes()) {
      for (const rel of OZ_FILES[name] ?? []) {
        const target = project.resolveImport(prefix + rel, file);
        if (!target) continue;
        const theirs = pragmaOf(project.text(target));
        if (theirs && this.cx.pragma && !semver.intersects(theirs, this.cx.pragma))
          return `the project's ${name} (${prefix + rel}) needs solidity ${theirs.raw}, which the file's pragma does not allow`;
        this.imports.set(name, prefix + rel);
        return undefined;
      }
    }
    return `it needs OpenZeppelin's ${name}, which the project does not have (no @openzeppelin/contracts in node_modules or the remappings)`;
  }

  /** The prefixes under which `contracts/` of OpenZeppelin may be imported, the file's own habit first. */
  private openZeppelinPrefixes(): string[] {
    const out: string[] = [];
    for (const u of (this.root.children as Node[] | undefined) ?? []) {
      const path = u.type === 'ImportDirective' && typeof u.path === 'string' ? u.path : '';
      const m = /openzeppelin/i.test(path) && !/upgradeable/i.test(path) ? OZ_TOP.exec(path) : null;
      if (m) out.push(m[1]);
    }
    for (const r of this.model?.project.remappingList?.() ?? []) {
      if (!/openzeppelin-contracts\/?(contracts\/?)?$/i.test(r.target) || /upgradeable/i.test(r.target)) continue;
      const prefix = r.prefix.endsWith('/') ? r.prefix : `${r.prefix}/`;
      out.push(/contracts\/?$/.test(r.target) ? prefix : `${prefix}contracts/`);
    }
    out.push('@openzeppelin/contracts/');
    return [...new Set(out)];
  }

  /** After the last import, else after the last pragma, else at the start of the file: at a line's end. */
  private importPlace(): number {
    const units = (this.root.children as Node[] | undefined) ?? [];
    const anchor = [...units].reverse().find((u) => u.type === 'ImportDirective') ?? [...units].reverse().find((u) => u.type === 'PragmaDirective');
    if (!anchor) return 0;
    const end = (anchor.range as [number, number])[1] + 1;
    const nl = this.cx.text.indexOf('\n', end);
    const lineEnd = nl < 0 ? this.cx.text.length : this.cx.text[nl - 1] === '\r' ? nl - 1 : nl;
    return lineEnd;
  }

  private afterContractName(): number | undefined {
    const start = (this.contract.range as [number, number])[0];
    const m = /^(?:abstract\s+)?contract\s+[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.cx.text.slice(start));
    return m ? start + m[0].length : undefined;
  }

  /** Just after the `{` that opens the contract body. */
  private contractBodyStart(): number | undefined {
    const start = (this.contract.range as [number, number])[0];
    const members = (this.contract.subNodes as Node[] | undefined) ?? [];
    const limit = members.length ? (members[0].range as [number, number])[0] : (this.contract.range as [number, number])[1];
    const open = this.cx.text.lastIndexOf('{', limit);
    return open >= start ? open + 1 : undefined;
  }

  private memberIndent(): string {
    const members = (this.contract.subNodes as Node[] | undefined) ?? [];
    const start = (this.contract.range as [number, number])[0];
    const lineOf = (at: number) => this.cx.text.slice(this.cx.text.lastIndexOf('\n', at - 1) + 1, at);
    if (members.length) {
      const before = lineOf((members[0].range as [number, number])[0]);
      if (/^\s*$/.test(before)) return before;
    }
    return `${/^\s*/.exec(lineOf(start))?.[0] ?? ''}    `;
  }
}

function pragmaOf(text: string | undefined): semver.Range | null {
  const m = text ? /pragma\s+solidity\s+([^;]+);/.exec(text) : null;
  return m ? pragmaRange(m[1]) : null;
}
