// Where a process allocates, garbage included: preload it (node --require test/bench/heap-sampling.cjs ...) and V8's
// sampling heap profiler runs from start to exit, counting objects the young and the old collections freed too (a
// scavenge costs what survives it, but how often one comes depends on everything allocated). The profile is written
// at exit to $HEAP_SAMPLING_OUT (default heap-sampling.heapprofile in the working folder); heap-summary.mjs reads it.
const inspector = require('node:inspector');
const fs = require('node:fs');

const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.enable');
session.post('HeapProfiler.startSampling', { samplingInterval: 8192, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }, (e) => {
  if (e) console.error(`heap-sampling: ${e.message}`);
});
process.on('exit', () => {
  session.post('HeapProfiler.stopSampling', (err, r) => {
    if (err) return console.error(`heap-sampling: ${err.message}`);
    fs.writeFileSync(process.env.HEAP_SAMPLING_OUT || 'heap-sampling.heapprofile', JSON.stringify(r.profile));
  });
});
