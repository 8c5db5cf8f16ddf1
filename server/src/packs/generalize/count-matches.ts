// Counting matches before saving: the reviewer sees how many places the pattern reports, with the same engine
// that will run the saved finding.
import * as fs from 'node:fs';
import { compileFinding, PatternError, scanParsed, scanSource, type Finding, type FindingDefinition, type PackInfo, type Range } from '../../engine';
import type { ParsedSource } from '../../engine/parse';

export interface MatchCount {
  total: number;
  files: Array<{ file: string; ranges: Range[] }>;
  /** The pattern does not compile: message and offset inside the pattern text. */
  error?: { message: string; offset?: number };
  /** Files that could not be read. */
  unreadable: string[];
}

export const PREVIEW_PACK: PackInfo = { name: 'record-preview', version: '0.0.0', dir: '', file: '' };

export function previewFinding(pattern: string, id = 'RECORD-PREVIEW'): FindingDefinition {
  return {
    id,
    title: 'preview',
    severity: 'info',
    confidence: 'medium',
    category: 'preview',
    description: 'preview',
    recommendation: 'preview',
    references: [{ url: 'https://example.invalid' }],
    match: { pattern },
  };
}

/**
 * How many places the pattern matches, with the same engine that will run the saved finding. `files` are paths
 * (read from disk), `{ file, text }` (e.g. unsaved editor contents) or `{ file, parsed }` (already parsed: a
 * caller counting while the user edits the pattern parses the workspace once).
 */
export function countMatches(pattern: string, files: Array<string | { file: string; text: string } | { file: string; parsed: ParsedSource }>): MatchCount {
  const result: MatchCount = { total: 0, files: [], unreadable: [] };
  let finding: Finding;
  try {
    finding = compileFinding(previewFinding(pattern), PREVIEW_PACK);
  } catch (err) {
    if (err instanceof PatternError) result.error = { message: err.message, offset: err.offset };
    else result.error = { message: (err as Error).message ?? String(err) };
    return result;
  }
  for (const f of files) {
    const file = typeof f === 'string' ? f : f.file;
    let scanned;
    try {
      if (typeof f !== 'string' && 'parsed' in f) scanned = scanParsed(f.parsed, [finding]);
      else scanned = scanSource(typeof f === 'string' ? fs.readFileSync(f, 'utf8') : f.text, [finding]);
    } catch {
      result.unreadable.push(file);
      continue;
    }
    const ranges = scanned.occurrences.map((o) => o.matchRange);
    if (ranges.length) {
      result.files.push({ file, ranges });
      result.total += ranges.length;
    }
  }
  return result;
}
