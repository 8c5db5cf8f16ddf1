// Every case of the harness, in a fixed order: pack cases per finding, regression cases, exploit scenarios.
import type { Finding } from '../../server/src/engine';
import { EXPLOITS, type ExploitResult, runExploit } from './exploits';
import { type CaseResult, findingsWithFix, packCases, regressionCases, runCase } from './harness';

/**
 * Cases known to fail, by `finding file:line`, with the problem they show. The harness test checks each still
 * fails exactly so: a case that starts passing must leave this list, and docs/fixes.md lists them all.
 */
export const KNOWN_PROBLEMS: Record<string, { problem: string; why: string }> = {
  'HS-REENT-001 server/packs/hindsight-core/tests/HS-REENT-001.sol:137': {
    problem: 'the fix brings in HS-REENT-006',
    why: 'the fix gives LegacyBank a ReentrancyGuard and locks withdraw; HS-REENT-006 then points at withdrawAllCEI, which sends ETH unlocked in a guarded contract: the fix says to lock the functions sharing the state too',
  },
  'HS-DEPR-007 server/packs/hindsight-core/tests/HS-DEPR-007.sol:8': {
    problem: 'the fix brings in HS-UPG-007',
    why: 'the library address sits in an ordinary state variable (slot 0), where the delegatecalled code writes its own first variable; HS-UPG-007 does not match `callcode`, so the collision shows once the call is a `delegatecall`',
  },
  'HS-DEPR-007 test/fixes/regressions/HS-DEPR-007-dropped-result.sol:14': {
    problem: 'the fix brings in HS-UPG-007',
    why: 'as for the pack case: the library address sits in slot 0, which a `delegatecall`ed library writes; HS-UPG-007 does not match `callcode`',
  },
  'HS-REENT-001 server/packs/hindsight-core/tests/HS-REENT-001.sol:145': {
    problem: 'the fix brings in HS-REENT-006',
    why: 'as above, for withdrawAll',
  },
};

export interface AllResults {
  fixes: Finding[];
  cases: CaseResult[];
  regressions: CaseResult[];
  exploits: ExploitResult[];
}

export async function runAll(): Promise<AllResults> {
  const fixes = findingsWithFix();
  const cases: CaseResult[] = [];
  for (const f of fixes) for (const c of packCases(f)) cases.push(await runCase(f.id, c.file, c.line));
  const regressions: CaseResult[] = [];
  for (const c of regressionCases()) regressions.push(await runCase(c.finding, c.file, c.line, c.expected));
  const exploits: ExploitResult[] = [];
  for (const e of EXPLOITS) exploits.push(await runExploit(e));
  return { fixes, cases, regressions, exploits };
}
