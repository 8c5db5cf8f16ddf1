// What an analysis drew on besides the file's own text (imports read for the semantic model), with the hash each
// file had then. A cached result holds only while every one of them keeps its text: the CLI's scan cache and the
// server's analysis cache both check it the same way.

/** [path, SHA-256 of its text, or null when it could not be read] for each file an analysis drew on. */
export type Dependencies = Array<[string, string | null]>;

/** The hash of a file's current text (null: unreadable), as the scan reads it. */
export type HashOf = (path: string) => string | null;

/** The files an analysis drew on, each with its hash now. */
export function hashed(paths: readonly string[], hashOf: HashOf): Dependencies {
  return paths.map((p): [string, string | null] => [p, hashOf(p)]);
}

/** Whether every file an analysis drew on still has the text it had then. */
export function dependenciesHold(dependencies: Dependencies | undefined, hashOf: HashOf): boolean {
  return !dependencies?.length || dependencies.every(([p, h]) => hashOf(p) === h);
}
