// Which externally callable functions a finding makes worth watching on chain, and their ABI selectors, from the
// deployed source alone (no compiler, no ABI file). A finding inside a public or external function flags that
// function; one inside an internal function or a modifier flags every public or external function of the
// deployed contract that reaches it (by name, through internal calls and modifiers).
import type {
  ASTNode,
  ContractDefinition,
  FunctionDefinition,
  ModifierDefinition,
  TypeName,
  VariableDeclaration,
} from '@solidity-parser/parser/dist/src/ast-types';
import { toFunctionSelector } from 'viem';
import { rawParse } from '../engine/parse/piece';
import type { Node } from '../engine/pattern/ast';
import { LineIndex } from '../engine/positions';
import { walk as walkTree } from '../engine/semantics/cfg-ast';

export interface SourceFile {
  /** Workspace-relative path, `/`-separated. */
  file: string;
  text: string;
}

export interface FlagSite {
  file: string;
  /** 0-based line and character of the finding's start. */
  line: number;
  character: number;
}

export interface EntryPoint {
  contract: string;
  name: string;
  /** Canonical signature, `withdraw(uint256)`; `receive()` for the receive function (called with empty input). */
  signature: string;
  /** `0x` + 8 hex digits; `0x` for receive. */
  selector: string;
}

interface Declared {
  contract: ContractDefinition;
  file: string;
}

type Callable = FunctionDefinition | ModifierDefinition;

export class SourceIndex {
  private readonly contracts = new Map<string, Declared>();
  private readonly structs = new Map<string, VariableDeclaration[]>();
  private readonly enums = new Set<string>();
  private readonly aliases = new Map<string, TypeName>();
  private readonly asts = new Map<string, ASTNode>();
  private readonly lines = new Map<string, LineIndex>();

  constructor(files: readonly SourceFile[]) {
    for (const f of files) {
      const parsed = rawParse(f.text);
      if (!parsed.ast) continue;
      this.asts.set(f.file, parsed.ast);
      this.lines.set(f.file, new LineIndex(f.text));
      walk(parsed.ast, (n) => {
        if (n.type === 'ContractDefinition') this.contracts.set(n.name, { contract: n, file: f.file });
        else if (n.type === 'StructDefinition') this.structs.set(n.name, n.members);
        else if (n.type === 'EnumDefinition') this.enums.add(n.name);
        else if (n.type === 'TypeDefinition') this.aliases.set(n.name, n.definition);
      });
    }
  }

  /** The contracts that nothing in the sources inherits from and that can be deployed: the likely deployed ones. */
  deployedContracts(preferred?: string): string[] {
    if (preferred) return this.contracts.has(preferred) ? [preferred] : [];
    const inherited = new Set<string>();
    for (const { contract } of this.contracts.values()) for (const b of contract.baseContracts) inherited.add(b.baseName.namePath.split('.').pop()!);
    return [...this.contracts.values()]
      .filter(({ contract: c }) => c.kind === 'contract' && !inherited.has(c.name))
      .map(({ contract }) => contract.name)
      .sort();
  }

  /** The entry points of `deployed` that reach the code at `site`. */
  entryPointsFor(site: FlagSite, deployed: string): EntryPoint[] {
    const lines = this.lines.get(site.file);
    const ast = this.asts.get(site.file);
    if (!lines || !ast) return [];
    const offset = lines.offset({ line: site.line, character: site.character });
    let enclosing: Callable | undefined;
    walk(ast, (n) => {
      if ((n.type === 'FunctionDefinition' || n.type === 'ModifierDefinition') && n.range && n.range[0] <= offset && offset <= n.range[1]) enclosing = n;
    });
    if (!enclosing) return [];
    const members = this.membersOf(deployed);
    const byName = new Map<string, Callable[]>();
    for (const m of members) {
      const n = m.type === 'ModifierDefinition' ? m.name : (m.name ?? '');
      byName.set(n, [...(byName.get(n) ?? []), m]);
    }
    const out: EntryPoint[] = [];
    for (const fn of members) {
      if (!isExternal(fn)) continue;
      if (fn === enclosing || this.reaches(fn, enclosing, byName)) {
        const ep = this.entryPoint(deployed, fn);
        if (ep && !out.some((o) => o.selector === ep.selector)) out.push(ep);
      }
    }
    return out;
  }

  /** Functions and modifiers of `name` and its bases, most derived first (an override hides its base's function). */
  private membersOf(name: string): Callable[] {
    const order: ContractDefinition[] = [];
    const visit = (n: string) => {
      const d = this.contracts.get(n);
      if (!d || order.includes(d.contract)) return;
      order.push(d.contract);
      for (const b of [...d.contract.baseContracts].reverse()) visit(b.baseName.namePath.split('.').pop()!);
    };
    visit(name);
    const seen = new Set<string>();
    const out: Callable[] = [];
    for (const c of order) {
      for (const node of c.subNodes) {
        const s = node as ASTNode;
        if (s.type !== 'FunctionDefinition' && s.type !== 'ModifierDefinition') continue;
        const key = s.type === 'ModifierDefinition' ? `modifier ${s.name}` : `${s.name ?? (s.isReceiveEther ? 'receive' : 'fallback')}(${s.parameters.length})`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(s);
      }
    }
    return out;
  }

  /** Whether `from` runs `target`, through the functions and modifiers it names (`byName`: the contract's members). */
  private reaches(from: Callable, target: Callable, byName: ReadonlyMap<string, readonly Callable[]>): boolean {
    const seen = new Set<Callable>();
    const stack: Callable[] = [from];
    while (stack.length) {
      const cur = stack.pop()!;
      if (cur === target) return true;
      if (seen.has(cur)) continue;
      seen.add(cur);
      const next: string[] = [];
      if (cur.type === 'FunctionDefinition') for (const m of cur.modifiers ?? []) next.push(m.name);
      walk(cur.body ?? null, (n) => {
        if (n.type === 'FunctionCall' && n.expression.type === 'Identifier') next.push(n.expression.name);
        if (
          n.type === 'FunctionCall' &&
          n.expression.type === 'MemberAccess' &&
          n.expression.expression.type === 'Identifier' &&
          n.expression.expression.name === 'super'
        )
          next.push(n.expression.memberName);
      });
      for (const name of next) for (const m of byName.get(name) ?? []) if (m !== cur || m === target) stack.push(m);
    }
    return false;
  }

  private entryPoint(contract: string, fn: Callable): EntryPoint | undefined {
    if (fn.type !== 'FunctionDefinition') return undefined;
    if (fn.isReceiveEther) return { contract, name: 'receive', signature: 'receive()', selector: '0x' };
    if (!fn.name || fn.isFallback || fn.isConstructor) return undefined;
    const types = fn.parameters.map((p) => (p.typeName ? this.canonical(p.typeName) : undefined));
    if (types.some((t) => t === undefined)) return undefined;
    const signature = `${fn.name}(${types.join(',')})`;
    return { contract, name: fn.name, signature, selector: toFunctionSelector(signature) };
  }

  /** The ABI spelling of a Solidity type; undefined when it is not known from the sources. */
  private canonical(t: TypeName, depth = 0): string | undefined {
    if (depth > 16) return undefined;
    if (t.type === 'ElementaryTypeName') return elementary(t.name);
    if (t.type === 'ArrayTypeName') {
      const inner = this.canonical(t.baseTypeName, depth + 1);
      const len = t.length && 'number' in t.length ? (t.length as { number: string }).number : '';
      return inner && `${inner}[${len}]`;
    }
    if (t.type === 'UserDefinedTypeName') {
      const name = t.namePath.split('.').pop()!;
      if (this.contracts.has(name)) return 'address';
      if (this.enums.has(name)) return 'uint8';
      const alias = this.aliases.get(name);
      if (alias) return this.canonical(alias, depth + 1);
      const members = this.structs.get(name);
      if (members) {
        const parts = members.map((m) => (m.typeName ? this.canonical(m.typeName, depth + 1) : undefined));
        return parts.some((p) => p === undefined) ? undefined : `(${parts.join(',')})`;
      }
      return undefined;
    }
    if (t.type === 'FunctionTypeName') return 'function';
    return undefined;
  }
}

function elementary(name: string): string {
  if (name === 'uint') return 'uint256';
  if (name === 'int') return 'int256';
  if (name === 'byte') return 'bytes1';
  if (name === 'address payable') return 'address';
  if (name === 'fixed') return 'fixed128x18';
  if (name === 'ufixed') return 'ufixed128x18';
  return name;
}

function isExternal(fn: Callable): boolean {
  if (fn.type !== 'FunctionDefinition' || fn.isConstructor) return false;
  // Before 0.5 a function without visibility is public.
  return fn.visibility === 'public' || fn.visibility === 'external' || fn.visibility === 'default';
}

/** The engine's tree walk (cfg-ast.ts) over the parser's own node types; `null` (a missing body) visits nothing. */
function walk(node: ASTNode | null | undefined, visit: (n: ASTNode) => void): void {
  if (node) walkTree(node as unknown as Node, (n) => visit(n as unknown as ASTNode));
}
