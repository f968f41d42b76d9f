using BenchmarkDotNet.Running;
using TemporalBridge.Benchmarks;

// Not typeof(Program): the bridge's own Program is referenced too (the webhook benchmarks call its parser).
BenchmarkSwitcher.FromAssembly(typeof(KitBenchmarks).Assembly).Run(args);
