// One stand-in and one browser per class; the machine may be small, so classes run one at a time.
[assembly: DoNotParallelize]
