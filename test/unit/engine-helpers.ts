// Shared helpers for the engine tests: compile inline findings and scan inline Solidity.
import { compileFinding, scanSource, type FindingDefinition, type MatchNode, type Occurrence, type PackInfo } from '../../server/src/engine';

export const PACK: PackInfo = { name: 'test', version: '1.0.0', dir: '', file: '' };

export function finding(match: MatchNode, extra: Partial<FindingDefinition> = {}): FindingDefinition {
  return {
    id: 'TEST-001',
    title: 'test finding',
    severity: 'medium',
    confidence: 'high',
    category: 'test',
    description: 'd',
    recommendation: 'r',
    references: [{ url: 'https://example.com' }],
    match,
    ...extra,
  };
}

export function scan(match: MatchNode | string, source: string, extra: Partial<FindingDefinition> = {}): Occurrence[] {
  const m = typeof match === 'string' ? { pattern: match } : match;
  return scanSource(source, [compileFinding(finding(m, extra), PACK)]).occurrences;
}

/** The text of each occurrence's reported range. */
export function texts(source: string, occurrences: Occurrence[]): string[] {
  const lines = source.split(/(?<=\n)/);
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).join('').length + p.character;
  return occurrences.map((o) => source.slice(offset(o.range.start), offset(o.range.end)));
}

/** Wraps statements in a contract and function. */
export function inFunction(body: string, header = 'function f() public'): string {
  return `pragma solidity ^0.8.0;\ncontract C {\n  ${header} {\n${body}\n  }\n}\n`;
}
