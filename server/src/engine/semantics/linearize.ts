// C3 linearization as Solidity does it: bases are listed most base-like first (`contract X is A, B`), so the
// merge takes them right to left: L(X) = X + merge(L(B), L(A), [B, A]). Half-written hierarchies (a base that
// does not resolve, a cycle, an order C3 rejects) still give an order: the consistent prefix, then whatever is
// left in depth-first order, so lookups keep working while the user types.

/**
 * The linearization of `start`, most derived first. `basesOf` gives a contract's resolved direct bases in source
 * order (unresolved ones left out).
 */
export function linearize<T>(start: T, basesOf: (c: T) => T[], memo = new Map<T, T[]>()): T[] {
  const visiting = new Set<T>();
  const go = (c: T): T[] => {
    const known = memo.get(c);
    if (known) return known;
    if (visiting.has(c)) return [c];
    visiting.add(c);
    const bases = unique(basesOf(c)).filter((b) => b !== c);
    const reversed = [...bases].reverse();
    const sequences = [...reversed.map((b) => [...go(b)]), [...reversed]];
    const merged = merge(sequences);
    const result = unique([c, ...(merged ?? fallback(sequences))]);
    visiting.delete(c);
    memo.set(c, result);
    return result;
  };
  return go(start);
}

/** The C3 merge; null when no order satisfies every sequence. */
function merge<T>(sequences: T[][]): T[] | null {
  const out: T[] = [];
  const seqs = sequences.map((s) => [...s]).filter((s) => s.length > 0);
  while (seqs.length) {
    let head: T | undefined;
    for (const s of seqs) {
      const candidate = s[0];
      if (!seqs.some((o) => o.indexOf(candidate) > 0)) {
        head = candidate;
        break;
      }
    }
    if (head === undefined) return null;
    out.push(head);
    for (let i = seqs.length - 1; i >= 0; i--) {
      if (seqs[i][0] === head) seqs[i].shift();
      if (seqs[i].length === 0) seqs.splice(i, 1);
    }
  }
  return out;
}

function fallback<T>(sequences: T[][]): T[] {
  return unique(sequences.flat());
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
