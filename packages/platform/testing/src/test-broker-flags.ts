/**
 * The JVM flags of every broker the test suite starts (the shared one and the fault tests' own):
 * C1 only, with the serial collector. On two cores the default tiered JIT and G1 cost the broker
 * twice the CPU for its start and a test file's work (measured: 11.2 against 5.7 CPU-s for a start
 * plus two e2e files), CPU the suite's other processes wait for; a test never needs peak
 * throughput. `KAFKA_JVM_FLAGS` in the environment still wins. The benchmarks keep the defaults.
 */
export const testBrokerJvmFlags = '-XX:+UseSerialGC -XX:TieredStopAtLevel=1';
