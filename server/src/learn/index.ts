// Learning findings from audit reports (`hindsight learn`, the editor's "Learn from audit report…"). Callers
// import only this index.
export { applyDecisions, firstPattern } from './decide';
export { LEARNED_PACK_DIR, learnReport, writeLearned, type LearnedReport, type LearnOptions } from './learn';
export { countPlaces, type LearnedDefinition, type LearnedFinding } from './learn-finding';
export { parseReport } from './parse-report';
export { REPORT_FORMATS, ReportError, type CodeLink, type ParsedReport, type ReportFinding, type ReportFormat } from './types';
export type { WriteOutcome, WriteResult } from './write-pack';
