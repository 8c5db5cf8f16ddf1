// `x.name` given the type of `x`: contract and interface members (inherited included), `super`, struct fields,
// enum values, module and library members, members of builtin types and magic variables, and functions
// attached with `using ... for ...`. Overloads are chosen by argument count, then by how well argument types fit.
import { addressMember, arrayMember, builtin, functionMember, magicMember, metaMember, typeMember } from './builtins';
import type { CallHint, Ctx, Resolver } from './context';
import type { ContractSymbol, Declaration, FunctionSymbol, UsingForSymbol, VariableSymbol } from './symbols';
import { fitness, locationOf, sameType, UNKNOWN, withLocation, type FunctionType, type SolType } from './types';

export interface Found {
  declaration?: Declaration;
  type: SolType;
}

export function memberOf(r: Resolver, base: SolType, name: string, ctx: Ctx, hint?: CallHint): Found | undefined {
  switch (base.kind) {
    case 'module': {
      const b = r.project.binder(base.file);
      return b ? pick(r, b.lookupGlobal(name), hint) : undefined;
    }
    case 'type':
      return typeMemberOf(r, base.type, name, ctx, hint);
    case 'magic':
      if (base.name === 'meta') return base.of ? toFound(metaMember(base.of, name)) : undefined;
      return toFound(magicMember(base.name, name));
    case 'contract': {
      if (base.isSuper) return superMember(r, base.contract, name, hint);
      const members = r.binder.membersOf(base.contract, name).filter((m) => m.kind === 'function' || m.kind === 'stateVariable');
      if (members.length) {
        const found = pick(r, members, hint);
        if (found?.declaration?.kind === 'stateVariable') found.type = getterType(r, found.declaration);
        else if (found?.type.kind === 'function') found.type = { ...found.type, visibility: 'external' };
        return found;
      }
      // Legacy code uses a contract as its address: `this.balance`, `c.transfer(v)`.
      return usingMember(r, base, name, ctx, hint) ?? toFound(addressMember(name, true));
    }
    case 'address':
      return toFound(addressMember(name, base.payable)) ?? usingMember(r, base, name, ctx, hint);
    case 'struct': {
      const field = base.struct.fields.find((f) => f.name === name);
      if (field) return { declaration: field, type: withLocation(r.typeOfDeclaration(field), locationOf(base)) };
      return usingMember(r, base, name, ctx, hint);
    }
    case 'array':
      return toFound(arrayMember(name, withLocation(base.base, locationOf(base)), 'array')) ?? usingMember(r, base, name, ctx, hint);
    case 'bytes':
      return toFound(arrayMember(name, { kind: 'fixedBytes', size: 1 }, 'bytes')) ?? usingMember(r, base, name, ctx, hint);
    case 'fixedBytes':
      return toFound(arrayMember(name, UNKNOWN, 'fixedBytes')) ?? usingMember(r, base, name, ctx, hint);
    case 'function':
      return toFound(functionMember(name, base)) ?? usingMember(r, base, name, ctx, hint);
    case 'unknown':
      return undefined;
    default:
      return usingMember(r, base, name, ctx, hint);
  }
}

/** `C.f`, `L.f`, `C.S`, `E.A`, `T.wrap`, `bytes.concat`. */
function typeMemberOf(r: Resolver, t: SolType, name: string, ctx: Ctx, hint?: CallHint): Found | undefined {
  switch (t.kind) {
    case 'contract': {
      const found = pick(r, r.binder.membersOf(t.contract, name), hint);
      if (found?.type.kind === 'function' && found.declaration?.kind === 'function' && t.contract.contractKind !== 'library') {
        // `Base.f()` from a derived contract is an internal call; from elsewhere it names the external function.
        const inside = ctx.contract && r.binder.linearization(ctx.contract).includes(t.contract);
        if (!inside) found.type = { ...found.type, visibility: 'external' };
      }
      return found;
    }
    case 'enum': {
      const v = t.enum.values.find((x) => x.name === name);
      return v ? { declaration: v, type: t } : undefined;
    }
    case 'userType':
      if (name === 'wrap' || name === 'unwrap') {
        const type: FunctionType =
          name === 'wrap'
            ? {
                kind: 'function',
                params: [t.underlying],
                returns: [t],
                visibility: 'internal',
                mutability: 'pure',
                builtin: 'userType.wrap',
                declaration: builtin('userType.wrap'),
              }
            : {
                kind: 'function',
                params: [t],
                returns: [t.underlying],
                visibility: 'internal',
                mutability: 'pure',
                builtin: 'userType.unwrap',
                declaration: builtin('userType.unwrap'),
              };
        return { declaration: builtin(`userType.${name}`), type };
      }
      return undefined;
    case 'bytes':
    case 'string':
      return toFound(typeMember(t.kind, name));
    default:
      return undefined;
  }
}

/** `super.f`: the next definition after the current contract in its linearization. */
function superMember(r: Resolver, contract: ContractSymbol, name: string, hint?: CallHint): Found | undefined {
  const lin = r.binder.linearization(contract);
  for (const c of lin.slice(1)) {
    const own = c.members.get(name)?.filter((m) => m.kind === 'function' || m.kind === 'modifier');
    if (own?.length) return pick(r, own, hint);
  }
  return undefined;
}

/** A public state variable called as a function from outside: mapping keys and array indexes become parameters. */
function getterType(r: Resolver, v: VariableSymbol): FunctionType {
  const params: SolType[] = [];
  let t = r.typeOfDeclaration(v);
  for (;;) {
    if (t.kind === 'mapping') {
      params.push(t.key);
      t = t.value;
    } else if (t.kind === 'array') {
      params.push({ kind: 'int', signed: false, bits: 256 });
      t = t.base;
    } else break;
  }
  const returns =
    t.kind === 'struct'
      ? t.struct.fields.map((f) => r.typeOfDeclaration(f)).filter((x) => x.kind !== 'mapping' && x.kind !== 'array')
      : [withLocation(t, 'memory')];
  return { kind: 'function', params, returns, visibility: 'external', mutability: 'view', declaration: v };
}

/** Functions attached to the value's type with `using ... for ...` in force where the access is written. */
function usingMember(r: Resolver, base: SolType, name: string, ctx: Ctx, hint?: CallHint): Found | undefined {
  const directives: UsingForSymbol[] = [...r.binder.usingFor(ctx.contract), ...globalUsings(r, base)];
  const candidates: FunctionSymbol[] = [];
  for (const u of directives) {
    const owner = r.project.binder(u.file);
    if (!owner) continue;
    if (u.typeName) {
      const target = owner.typeOfTypeName(u.typeName, u.contract);
      if (target.kind !== 'unknown' && !sameType(target, base)) continue;
    }
    if (u.library) {
      const lib = owner.lookupPath(u.library, u.contract).find((d): d is ContractSymbol => d.kind === 'contract');
      if (!lib) continue;
      for (const m of owner.membersOf(lib, name)) if (m.kind === 'function' && m.parameters.length > 0) candidates.push(m);
    } else {
      for (const path of u.functions) {
        if (path.split('.').pop()?.trim() !== name) continue;
        for (const d of owner.lookupPath(path, u.contract)) if (d.kind === 'function' && d.parameters.length > 0) candidates.push(d);
      }
    }
  }
  if (!candidates.length) return undefined;
  const unique = [...new Set(candidates)];
  const scored = unique.map((f) => {
    const t = r.typeOfDeclaration(f);
    const first = t.kind === 'function' ? t.params[0] : UNKNOWN;
    return { f, first: fitness(base, first ?? UNKNOWN, (a, b) => r.binder.linearization(a).includes(b)) };
  });
  const fitting = scored.filter((s) => s.first > 0).map((s) => s.f);
  const found = pick(r, fitting.length ? fitting : unique, hint, true);
  if (found && found.type.kind === 'function') found.type = { ...found.type, params: found.type.params.slice(1), bound: true };
  return found;
}

/** `using L for T global;` travels with T: it is found in the file that declares T. */
function globalUsings(r: Resolver, t: SolType): UsingForSymbol[] {
  const decl = t.kind === 'struct' ? t.struct : t.kind === 'enum' ? t.enum : t.kind === 'userType' ? t.type : undefined;
  if (!decl || decl.file === r.result.file) return [];
  return r.project.symbols(decl.file)?.usingFor.filter((u) => u.global) ?? [];
}

/**
 * The declaration among `candidates` that a reference with this call hint means. Without a hint (not a callee)
 * the first is taken. `bound` counts the receiver of `x.f(...)` as the first argument.
 */
export function pick(r: Resolver, candidates: Declaration[], hint?: CallHint, bound = false): Found | undefined {
  if (!candidates.length) return undefined;
  let best = candidates[0];
  if (hint && candidates.length > 1) {
    let bestScore = -1;
    for (const c of candidates) {
      const t = r.typeOfDeclaration(c);
      const params = t.kind === 'function' ? (bound ? t.params.slice(1) : t.params) : undefined;
      let score: number;
      if (!params) score = 0;
      else if (params.length !== hint.args.length) score = 0;
      else score = 1 + params.reduce((s, p, i) => s + fitness(hint.args[i], p, (a, b) => r.binder.linearization(a).includes(b)), 0);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
  }
  return { declaration: best, type: r.typeOfDeclaration(best) };
}

function toFound(x: { symbol: Declaration; type: SolType } | undefined): Found | undefined {
  return x ? { declaration: x.symbol, type: x.type } : undefined;
}
