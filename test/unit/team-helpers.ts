// Shared by the team-*.test.ts files: throw-away workspaces and tiny valid packs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'team');

export function tempDir(prefix = 'hindsight-team-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function write(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

export interface FindingSpec {
  id: string;
  pattern?: string;
  severity?: string;
}

/** A minimal valid pack.yaml text. */
export function packYaml(name: string, version: string, findings: Array<string | FindingSpec>, extra = ''): string {
  const items = findings.map((f) => (typeof f === 'string' ? { id: f } : f));
  return [
    `name: ${name}`,
    `version: ${version}`,
    extra,
    'findings:',
    ...items.flatMap((f) => [
      `  - id: ${f.id}`,
      `    title: ${f.id} title`,
      `    severity: ${f.severity ?? 'medium'}`,
      '    confidence: high',
      '    category: test',
      '    description: d',
      '    recommendation: r',
      '    references:',
      '      - title: t',
      '        url: https://example.com',
      '    match:',
      `      pattern: ${JSON.stringify(f.pattern ?? `$X.${f.id.toLowerCase().replace(/-/g, '_')}()`)}`,
    ]),
    '',
  ].join('\n');
}
