namespace TemporalBridge.Testing;
