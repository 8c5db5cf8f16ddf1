// Child process for reliability-triage-lock.test.ts: adds `count` entries to a triage file through the real code.
import { updateTriageFile } from '../../client/src/triage/triageFile';

async function main(): Promise<void> {
  const [file, tag, count] = process.argv.slice(2);
  for (let i = 0; i < Number(count); i++) {
    await updateTriageFile(
      file,
      { findingId: 'HS-TEST-1', file: 'A.sol', fingerprint: `${tag}-${i}` },
      { status: 'confirmed', comment: `${tag} ${i}`, author: tag, date: '2026-11-25T00:00:00Z' },
    );
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
