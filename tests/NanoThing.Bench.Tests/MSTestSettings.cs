// Benchmarks share 2 cores with everything else: one at a time.
[assembly: DoNotParallelize]
