import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { compileFinding, scanSource } from '/work/main/server/src/engine';
const [,, yamlFile, solFile] = process.argv;
const def = parse(readFileSync(yamlFile, 'utf8'));
const f = compileFinding({ id: 'X-1', title: 't', severity: 'low', confidence: 'low', category: 'c', description: 'd', recommendation: 'r', references: [{ title: 'x', url: 'https://x' }], ...def }, { name: 'p', version: '1.0.0', dir: '', file: '' });
const r = scanSource(readFileSync(solFile, 'utf8'), [f]);
for (const o of r.occurrences) console.log(o.range.start.line + 1, JSON.stringify(Object.fromEntries(Object.entries(o.bindings).map(([k, v]) => [k, v.text]))));
for (const e of r.syntaxErrors) console.log('syntax', e.message);
