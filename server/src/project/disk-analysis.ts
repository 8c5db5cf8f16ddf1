// A closed file analysed as `hindsight scan` scans it (run-scan.ts): inside its project on disk (semantic-host.ts),
// so semantic filters see its imports through the project's remappings (an imported library's result check, an
// inherited base's guard). Alone, a file's model knows none of them and a filter that needs one answers wrongly.
// Such an analysis holds only while the files it drew on keep their text: it comes with their hashes, which a
// cache checks before reusing it (as scan-cache.ts does for the CLI).
import type { Finding } from '../engine/finding';
import { analyzeParsed, type Analysis } from './analysis';
import { hashed, type Dependencies } from './dependencies';
import type { DiskProjects } from './semantic-host';

export interface DiskAnalysis {
  analysis: Analysis;
  /** Absent when the analysis drew on nothing but the file's own text. */
  dependencies?: Dependencies;
}

/** `text` of `file` matched with `findings` in its project. Imports are read (once per `projects`) as needed. */
export function analyseOnDisk(file: string, text: string, findings: readonly Finding[], projects: DiskProjects): DiskAnalysis {
  const { semantic, parsed } = projects.contextFor(file, text);
  const { dependencies: paths, ...analysis } = analyzeParsed(parsed, findings, undefined, undefined, () => semantic, true);
  projects.settle(file, paths);
  if (!paths?.length) return { analysis };
  return { analysis, dependencies: hashed(paths, (p) => projects.hashOf(p)) };
}
