// Runs the built-in pack's tests through the same loader and runner as `hindsight pack test`, printing one line
// per finding; `--only ID,ID` narrows the run while writing findings. Usage:
//   node --import tsx test/precision/pack-test.ts [--only HS-REENT-001,HS-SIG-001]
import { join } from 'node:path';
import { loadPack } from '../../server/src/packs/load';
import { runPackTests } from '../../server/src/packs/pack-test';

const dir = join(__dirname, '../../server/packs/hindsight-core');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? new Set(process.argv[onlyAt + 1].split(',')) : undefined;
const pack = loadPack(dir);
for (const p of pack.problems) {
  console.log(`${p.severity}: ${p.file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.findingId ?? ''} ${p.message}`);
}
if (only) pack.findings = pack.findings.filter((f) => only.has(f.id));
const report = runPackTests(pack);
for (const r of report.results) {
  if (only && !only.has(r.id)) continue;
  console.log(`${r.passed ? 'PASS' : 'FAIL'} ${r.id}${r.fixChecked ? ' (fix checked)' : ''}`);
  for (const f of r.failures) console.log(`    ${f.line ? `line ${f.line}: ` : ''}${f.message}`);
}
console.log(`${report.passed} passed, ${report.failed} failed, ${pack.findings.length} findings loaded`);
process.exitCode = report.failed ? 1 : 0;
