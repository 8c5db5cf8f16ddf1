// A file edited in place and matched unit by unit, each scan checked against a whole-file scan of a fresh project
// (scan-semantic-units.test.ts, scan-semantic-cutoff.test.ts); while a member does not parse, against that of the
// last good text (scan-kept-oracle.ts).
import assert from 'node:assert/strict';
import { scanParsed, UnitMemory, type Finding, type ScanResult } from '../../server/src/engine';
import { parseSource } from '../../server/src/engine/parse';
import { SemanticProject } from '../../server/src/engine/semantics';
import { loadBuiltinPacks } from '../../server/src/packs/load';
import { assertKept } from './scan-kept-oracle';

const FINDINGS: Finding[] = loadBuiltinPacks().flatMap((p) => p.findings);

/**
 * A file edited in place and matched unit by unit, each scan checked against a whole-file scan of a fresh project.
 * `scan` returns what `report` picks from the result; `edit` replaces text and reparses incrementally.
 */
export function editedFile(path: string, initial: string, report: (r: ScanResult) => string[]) {
  const state = { text: initial, parsed: parseSource(initial) };
  let good = state.parsed;
  const project = new SemanticProject({ host: { readFile: () => undefined, exists: () => false } });
  const memory = new UnitMemory();
  const semantic = () => {
    project.update(path, state.parsed);
    return { project, path };
  };
  return {
    memory,
    text: () => state.text,
    scan: () => {
      const units = scanParsed(state.parsed, FINDINGS, { memory, semantic });
      const whole = (parsed: typeof good) => {
        const project = new SemanticProject({ host: { readFile: () => undefined, exists: () => false } });
        project.update(path, parsed);
        return scanParsed(parsed, FINDINGS, { semantic: { project, path } });
      };
      if (memory.last.kept === 'broken') assertKept(units, good, state.parsed, whole(good));
      else {
        assert.deepEqual(units, whole(state.parsed));
        good = state.parsed;
      }
      return report(units);
    },
    edit: (from: string, to: string) => {
      assert.ok(state.text.includes(from), from);
      state.text = state.text.replace(from, to);
      state.parsed = parseSource(state.text, state.parsed);
    },
    /** `remove` characters at `at` replaced by `insert`, as a keystroke or a paste does. */
    splice: (at: number, remove: number, insert: string) => {
      state.text = state.text.slice(0, at) + insert + state.text.slice(Math.min(state.text.length, at + remove));
      state.parsed = parseSource(state.text, state.parsed);
    },
  };
}
