// The transitive part of the summaries (summaries.ts): a function's summary is its local effects joined with its
// callees' summaries. The call graph is walked in strongly connected components (Tarjan), callees first, and each
// component joined until nothing changes, so recursion terminates.
import { type Draft, fromLocal, join, type Local, type Summary } from './summaries-facts';

/** A function of the call graph: its key, and its summary once known. */
export interface GraphEntry {
  key: string;
  summary?: Summary;
}

export interface CallGraph<E extends GraphEntry> {
  /** The function's own effects and call sites. */
  localOf(e: E): Local;
  entry(key: string): E | undefined;
  /** A summary was computed (for the counters of ContractSummaries.refresh). */
  solved(e: E): void;
}

/** The summary of `root`, computing the missing summaries of everything it reaches, callees first. */
export function summarise<E extends GraphEntry>(root: E, graph: CallGraph<E>): Summary {
  if (root.summary) return root.summary;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: E[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  const visit = (e: E) => {
    index.set(e.key, counter);
    low.set(e.key, counter++);
    stack.push(e);
    onStack.add(e.key);
    const sites = graph.localOf(e).sites;
    for (let i = 0; i < sites.length; i++) {
      const callee = graph.entry(sites[i].key);
      if (!callee || callee.summary) continue;
      if (!index.has(callee.key)) {
        visit(callee);
        low.set(e.key, Math.min(low.get(e.key)!, low.get(callee.key)!));
      } else if (onStack.has(callee.key)) low.set(e.key, Math.min(low.get(e.key)!, index.get(callee.key)!));
    }
    if (low.get(e.key) === index.get(e.key)) {
      const scc: E[] = [];
      let x: E;
      do {
        x = stack.pop()!;
        onStack.delete(x.key);
        scc.push(x);
      } while (x !== e);
      solve(scc, graph);
    }
  };
  visit(root);
  return root.summary!;
}

/** The summaries of one component: its members' local effects joined with their callees', until nothing changes. */
function solve<E extends GraphEntry>(scc: E[], graph: CallGraph<E>): void {
  const draft = new Map<string, Draft>();
  // Indexed loops: this runs for every function of every contract, mostly before V8 optimises it.
  for (let i = 0; i < scc.length; i++) draft.set(scc[i].key, fromLocal(scc[i].key, graph.localOf(scc[i])));
  for (let round = 0; round < 64; round++) {
    let changed = false;
    for (let i = 0; i < scc.length; i++) {
      const e = scc[i];
      const d = draft.get(e.key)!;
      const sites = graph.localOf(e).sites;
      for (let j = 0; j < sites.length; j++) {
        const s = sites[j];
        const callee = draft.get(s.key) ?? graph.entry(s.key)?.summary;
        if (callee && join(d, callee, s)) changed = true;
      }
    }
    if (!changed || scc.length === 1) break;
  }
  for (let i = 0; i < scc.length; i++) {
    const e = scc[i];
    e.summary = draft.get(e.key)!;
    graph.solved(e);
  }
}
