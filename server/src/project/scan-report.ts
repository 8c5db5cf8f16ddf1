// What a scan of files on disk returns: per file, its occurrences, syntax errors and suppressed occurrences.
// Its own module so that the result cache (scan-cache.ts), which the scan (run-scan.ts) uses, can name it.
import type { Finding, Occurrence, SyntaxProblem } from '../engine';
import type { LoadedPack } from '../packs/types';

export interface FileResult {
  /** Absolute path. */
  file: string;
  occurrences: Occurrence[];
  syntaxErrors: SyntaxProblem[];
  /** Occurrences silenced by hindsight-ignore comments. */
  suppressed: Array<{ occurrence: Occurrence; reason: string }>;
  /** Set when the file could not be read or the engine failed on it. */
  error?: string;
  /** Set when the file was deliberately not scanned (too large); a warning, not an error. */
  skipped?: string;
  /** Other files the result depends on (imports the semantic model read); the result cache checks them. */
  dependencies?: string[];
}

export interface ScanReport {
  packs: LoadedPack[];
  findings: Finding[];
  files: FileResult[];
  durationMs: number;
}
