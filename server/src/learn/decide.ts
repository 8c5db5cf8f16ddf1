// The reviewer's choices in the editor applied to what was learned: dropped findings are left out, accepted ones
// are written (live when they have a pattern), and edits (title, severity, pattern) are applied — while the hash
// stays that of the finding as learned, so learning from the report again treats the edited finding as the
// reviewer's and never overwrites it.
import { annotateMatches } from '../packs/generalize';
import type { FindingDefinition, MatchNode } from '../engine';
import type { LearnDecision } from '../shared/protocol-learn';
import { SEVERITIES } from '../shared/types';
import type { LearnedReport } from './learn';
import type { LearnedFinding } from './learn-finding';

export function applyDecisions(learned: LearnedReport, decisions: readonly LearnDecision[]): LearnedReport {
  const byId = new Map(decisions.map((d) => [d.id, d]));
  const findings: LearnedFinding[] = [];
  for (const f of learned.findings) {
    const d = byId.get(f.definition.id);
    if (d?.action !== 'accept') continue;
    const def = { ...f.definition };
    let testText = f.testText;
    let edited = false;
    if (typeof d.title === 'string' && d.title.trim() && d.title.trim() !== def.title) {
      def.title = d.title.trim();
      edited = true;
    }
    if (d.severity && SEVERITIES.includes(d.severity) && d.severity !== def.severity) {
      def.severity = d.severity;
      edited = true;
    }
    if (typeof d.pattern === 'string' && d.pattern.trim() && def.match && d.pattern.trim() !== firstPattern(def.match)) {
      def.match = withFirstPattern(def.match, d.pattern.trim());
      edited = true;
      if (testText !== undefined) {
        // The expect lines follow the new pattern; the ok case stays where the reviewer must check it.
        const stale = new RegExp(`^\\s*//\\s*expect:\\s*${def.id.replace(/-/g, '\\-')}\\s*$`);
        const stripped = testText
          .split('\n')
          .filter((l) => !stale.test(l))
          .join('\n');
        testText = annotateMatches(stripped, { ...def, references: def.references ?? [], match: def.match } as FindingDefinition, -1).text;
      }
    }
    // Accepting is the review a draft waited for; a finding without a pattern cannot run, so it stays a draft.
    if (def.match) delete def.draft;
    findings.push({ ...f, definition: def, ...(testText !== undefined ? { testText } : {}), ...(edited || f.definition.draft ? { asLearned: f } : {}) });
  }
  return { ...learned, findings };
}

export function firstPattern(match: MatchNode): string | undefined {
  if ('pattern' in match) return match.pattern;
  if ('all' in match) for (const item of match.all) if ('pattern' in item) return item.pattern;
  if ('any' in match) return match.any.map(firstPattern).find((p) => p !== undefined);
  return undefined;
}

function withFirstPattern(match: MatchNode, pattern: string): MatchNode {
  if ('pattern' in match) return { pattern };
  if ('all' in match) {
    const at = match.all.findIndex((item) => 'pattern' in item);
    if (at >= 0) return { all: match.all.map((item, i) => (i === at ? { pattern } : item)) };
  }
  return { pattern };
}
