// What loading a pack gives: its findings and its problems. Apart from load.ts so that the compile cache
// (compile-verdicts.ts), which load.ts calls, can speak of them without importing its caller.
import type { Finding, PackInfo } from '../engine/finding';
import type { Range } from '../engine/types';

export interface PackProblem {
  file: string;
  /** 0-based, end exclusive. */
  range: Range;
  severity: 'error' | 'warning';
  message: string;
  findingId?: string;
}

export interface LoadedPack {
  info: PackInfo;
  findings: Finding[];
  problems: PackProblem[];
  /** The pack's `monitors:` section as validated by the schema (read by `hindsight monitor`); absent when none. */
  monitors?: unknown[];
  /** Findings marked `draft: <reason>`: kept in the pack, never compiled or run. */
  drafts?: Array<{ id: string; reason: string }>;
}
