// Preloaded (`node --require`) into the processes the benchmark times: on exit, writes this process's CPU time
// (all threads, workers included) and peak RSS to $HINDSIGHT_BENCH_REPORT. CPU time, because the machines this
// runs on are shared: wall time of a loaded 2-core box measures the neighbours as much as the work.
const { writeFileSync } = require('node:fs');

const out = process.env.HINDSIGHT_BENCH_REPORT;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMb: u.maxRSS / 1024 }));
  });
}
