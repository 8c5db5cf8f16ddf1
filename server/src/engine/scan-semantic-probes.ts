// The questions about the whole contract that a unit's semantic filters ask (privileged state, reachability,
// payable batches, loops through callers, takeover of guards, guarded peers, feasibility, used signatures, bounds,
// who grows or sets a variable, whether a declaration is used), recorded with their answers so that the unit's
// matches can be kept across an edit elsewhere when every one of them still gets the same answer.
//
// A unit asking them used to be matched again after any change to any function. Its matches are a function of its
// text, of the answers about the functions it names (scan-semantic-units.ts keeps those by the name closure) and of
// these answers: asked again on the current model about the same nodes (found again in the unit's new tree by
// their place in its unchanged text) and all equal, the unit's evaluation would ask the same questions in the same
// order and find the same matches. A question that cannot be asked again (a node outside the unit, a question left
// unanswered by an error) leaves the unit to be matched again, as before.
import type { Node } from './pattern/ast';
import type { FileFacts } from './semantics/facts';
import type { DeclarationFacts } from './compile-semantic';
import { inPayableBatch } from './semantics/facts-batch';
import { inLoop } from './semantics/facts-loops';
import { replayProtected } from './semantics/facts-replay';

type Ask = (facts: FileFacts, nodes: Array<Node | undefined>, offsets: number[], key: string) => unknown;

const ASK: Record<string, Ask> = {
  decl: (facts, [node], [start], key) => facts.declarationFact(node, start, key as keyof DeclarationFacts),
  privileged: (facts, [node]) => facts.fn.privileged(node!),
  growable: (facts, [node]) => facts.growable(node!),
  setByGuarded: (facts, [node]) => facts.setByGuarded(node!),
  frozen: (facts, [x, fn]) => facts.frozenValue(x!, fn!),
  replay: (facts, [fn, call]) => replayOf(facts, fn!, call!),
  reachable: (facts, [fn]) => facts.fn.reachableExternally(fn!),
  batch: (facts, [fn]) => safeCall(() => inPayableBatch(facts, fn!)),
  loop: (facts, [fn, node]) => safeCall(() => inLoop(facts.fn, fn!, node!)),
  takeover: (facts, [fn]) => facts.fn.guardTakeover(fn!),
  peers: (facts, [fn]) => facts.fn.peersGuarded(fn!),
  feasible: (facts, [fn, node]) => facts.fn.feasible(fn!, node!),
};

export type ProbeKind = keyof typeof ASK;

/** One question and its answer, as asked. */
export interface WideProbe {
  kind: ProbeKind;
  nodes: Array<Node | undefined>;
  /** Offsets in the file the question takes (a binding's start). */
  offsets: number[];
  key: string;
  answer: string;
}

/**
 * Called before a question is asked (`'asking'`) and with what its answer rests on once answered (the question
 * itself, or the narrower questions it asked); no argument: cannot be recorded.
 */
export type WideSink = (probes?: WideProbe[] | 'asking') => void;

function answerKey(v: unknown): string {
  if (v === undefined) return 'u';
  return typeof v === 'bigint' ? `n${v}` : JSON.stringify(v);
}

/** Asks a question about the whole contract, telling `wide` (scan-units.ts records it). */
export function wideAsk<T>(wide: WideSink | undefined, facts: FileFacts, kind: ProbeKind, nodes: Array<Node | undefined>, offsets: number[] = [], key = ''): T {
  wide?.('asking');
  const answer = ASK[kind](facts, nodes, offsets, key);
  wide?.([{ kind, nodes, offsets, key, answer: answerKey(answer) }]);
  return answer as T;
}

/**
 * `arithmeticRisk` with `bounded`: its only look at the whole contract is whether some function writes a state
 * variable a test reads (facts.ts `frozenValue`), so those questions are recorded rather than the whole answer.
 */
export function riskAsk(wide: WideSink | undefined, facts: FileFacts, op: Node, fn: Node | undefined): ReturnType<FileFacts['arithmeticRisk']> {
  if (!wide) return facts.arithmeticRisk(op, fn);
  wide('asking');
  const asked: WideProbe[] = [];
  const outer = facts.frozenAsked;
  facts.frozenAsked = (x, f, value) => {
    asked.push({ kind: 'frozen', nodes: [x, f], offsets: [], key: '', answer: answerKey(value) });
    outer?.(x, f, value);
  };
  let risk: ReturnType<FileFacts['arithmeticRisk']>;
  try {
    risk = facts.arithmeticRisk(op, fn);
  } finally {
    facts.frozenAsked = outer;
  }
  wide(asked);
  return risk;
}

/** A probe in a unit's coordinates: nodes by their span and type, offsets from the unit's start. */
export interface UnitProbe {
  kind: ProbeKind;
  nodes: Array<[number, number, string] | null>;
  offsets: number[];
  key: string;
  answer: string;
}

/** What one unit's match asked: undefined once something could not be recorded. */
export class WideRecorder {
  wide = false;
  probes: UnitProbe[] | undefined = [];
  private pending = 0;

  constructor(
    private readonly start: number,
    private readonly end: number,
  ) {}

  readonly sink: WideSink = (probes) => {
    this.wide = true;
    if (probes === 'asking') {
      this.pending++;
      return;
    }
    if (!probes) {
      this.probes = undefined;
      return;
    }
    this.pending--;
    for (const p of probes) this.record(p);
  };

  private record(probe: WideProbe): void {
    if (!this.probes) return;
    const nodes: UnitProbe['nodes'] = [];
    for (const n of probe.nodes) {
      if (!n) {
        nodes.push(null);
        continue;
      }
      const r = n.range;
      if (!r || r[0] < this.start || r[1] >= this.end) {
        this.probes = undefined;
        return;
      }
      nodes.push([r[0] - this.start, r[1] - this.start, n.type]);
    }
    const offsets: number[] = [];
    for (const o of probe.offsets) {
      if (o < this.start || o > this.end) {
        this.probes = undefined;
        return;
      }
      offsets.push(o - this.start);
    }
    this.probes.push({ kind: probe.kind, nodes, offsets, key: probe.key, answer: probe.answer });
  }

  /** The probes, when every question asked was recorded and answered. */
  done(): UnitProbe[] | undefined {
    return this.pending === 0 ? this.probes : undefined;
  }
}

/** Whether every recorded question gets the same answer on the current model, about the unit now at `start`. */
export function probesHold(probes: UnitProbe[], roots: Node[], start: number, facts: FileFacts | undefined): boolean {
  if (!facts) return false;
  const found = new Map<string, Node | null>();
  const locate = (s: number, e: number, type: string): Node | undefined => {
    const id = `${s}:${e}:${type}`;
    if (!found.has(id)) found.set(id, find(roots, start + s, start + e, type) ?? null);
    return found.get(id) ?? undefined;
  };
  try {
    for (const p of probes) {
      const nodes: Array<Node | undefined> = [];
      for (const n of p.nodes) {
        if (!n) {
          nodes.push(undefined);
          continue;
        }
        const node = locate(n[0], n[1], n[2]);
        if (!node) return false;
        nodes.push(node);
      }
      const answer = ASK[p.kind](
        facts,
        nodes,
        p.offsets.map((o) => start + o),
        p.key,
      );
      if (answerKey(answer) !== p.answer) return false;
    }
  } catch {
    return false;
  }
  return true;
}

/** The one node of `type` spanning [s, e] under `roots`; undefined when there is none or more than one. */
function find(roots: Node[], s: number, e: number, type: string): Node | undefined {
  let hit: Node | undefined;
  let many = false;
  const seen = new Set<Node>();
  const visit = (n: Node) => {
    if (seen.has(n)) return;
    seen.add(n);
    const r = n.range;
    if (r && (r[1] < s || r[0] > e)) return;
    if (r && r[0] === s && r[1] === e && n.type === type) {
      if (hit && hit !== n) many = true;
      hit = n;
    }
    for (const k in n) {
      if (k === 'range' || k === 'loc') continue;
      const v = n[k];
      if (Array.isArray(v)) {
        for (const x of v) if (x && typeof x === 'object' && typeof (x as Node).type === 'string') visit(x as Node);
      } else if (v && typeof v === 'object' && typeof (v as Node).type === 'string') visit(v as Node);
    }
  };
  for (const r of roots) visit(r);
  return many ? undefined : hit;
}

/** `signature` + `replay-protected`, unanswered outside a contract's function or when the model fails. */
function replayOf(facts: FileFacts, fnNode: Node, call: Node): boolean | undefined {
  try {
    const fn = facts.functionSymbol(fnNode);
    const analysis = facts.fn.analysis(fnNode);
    if (!fn?.contract || !analysis) return undefined;
    return replayProtected({ model: facts.model, analysis, summaries: facts.summaryIndex.of(fn.contract), fn, callSites: (g) => facts.fn.callSites(g) }, call);
  } catch {
    return undefined;
  }
}

/** The answer, or none when the model cannot give one (`in-loop` when the file's internal calls cannot be read). */
function safeCall<T>(ask: () => T | undefined): T | undefined {
  try {
    return ask();
  } catch {
    return undefined;
  }
}
