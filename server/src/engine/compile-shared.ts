// What compiled findings share. Findings repeat patterns (`function $F(...) { ... }` in dozens of them), regexes
// and whole conditions (`inside: { all: [function $F ..., where: ...] }`), and a pack may hold variants or copies
// of a finding: each pattern text and regex is compiled once, and every compiled node carries its definition as a
// key, under which a scan answers the node's question once per file for every finding asking it (scan-share.ts).
/** Compiled nodes (compile.ts's CompiledNode) by identity. */
const nodeKeys = new WeakMap<object, string>();
let anonymousKeys = 0;

/** Nodes with equal keys match alike. A node built elsewhere than from a definition gets a key of its own. */
export function nodeKey(node: object): string {
  let key = nodeKeys.get(node);
  if (key === undefined) nodeKeys.set(node, (key = `#${++anonymousKeys}`));
  return key;
}

/** Keys `compiled` by `definition`: plain data read from YAML or JSON, from which compiling depends on nothing else. */
export function keyByDefinition(compiled: object, definition: unknown): void {
  if (nodeKeys.has(compiled)) return;
  try {
    nodeKeys.set(compiled, JSON.stringify(definition));
  } catch {
    // not plain data after all (a cycle): the node keeps a key of its own
  }
}

/**
 * Read-only compiled values by source text (patterns: a Solidity parse each; regexes: a matcher is made per use).
 * A source that fails to compile throws (with the path of that use) and is not kept. Bounded: a server that reloads
 * an edited pack many times must not keep every version's patterns.
 */
export class SharedCompiles<T> {
  private readonly bySource = new Map<string, T>();
  constructor(private readonly max = 4096) {}

  get(source: string, compile: () => T): T {
    let compiled = this.bySource.get(source);
    if (compiled === undefined) {
      compiled = compile();
      if (this.bySource.size >= this.max) this.bySource.clear();
      this.bySource.set(source, compiled);
    }
    return compiled;
  }
}
