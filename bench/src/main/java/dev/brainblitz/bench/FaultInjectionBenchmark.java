package dev.brainblitz.bench;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.engine.FastEngine;
import dev.brainblitz.ir.engine.Scratch;
import dev.brainblitz.ir.faults.ActivationFaults;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's cost of transient activation faults on the 784-256-256-10 u8 MLP, one inference on
 * one thread: {@code faultFree} is the plain engine ({@code FastEngine.compile(network)}),
 * {@code withFaults} the engine compiled with activation faults at {@code rate}, each call a new
 * vector index (rate 0 takes the plain path: the fault-free cost must not change). Static faults
 * cost nothing per inference (they are a different network).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar FaultInjection -f 1 -wi 3 -i 5 -w 1s -r 1s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FaultInjectionBenchmark {
  private static final int POOL = 1024;

  @Param({"0", "1e-4", "1e-3", "1e-2"})
  public double rate;

  private FastEngine plain;
  private FastEngine faulty;
  private Scratch plainScratch;
  private Scratch faultyScratch;
  private byte[][] pool;
  private int[] scores;
  private int next;
  private long vector;

  @Setup
  public void setUp() {
    Network network = RandomNetworks.mlp(
        "mlp784", new Random(2026), InputKind.U8, new int[] {784, 256, 256, 10}, true);
    plain = FastEngine.compile(network);
    faulty = FastEngine.compile(network, new ActivationFaults(rate, 1));
    plainScratch = plain.newScratch();
    faultyScratch = faulty.newScratch();
    pool = RandomNetworks.vectors(1, network, POOL).stream().map(InputVector::bytes).toArray(byte[][]::new);
    scores = new int[network.classes()];
  }

  /** The fault-free engine: one inference, scores included. */
  @Benchmark
  public int faultFree() {
    next = (next + 1) & (POOL - 1);
    return plain.infer(pool[next], scores, plainScratch);
  }

  /** The engine with activation faults at {@code rate}: one inference as vector {@code vector++}. */
  @Benchmark
  public int withFaults() {
    next = (next + 1) & (POOL - 1);
    return faulty.infer(pool[next], scores, faultyScratch, vector++);
  }
}
