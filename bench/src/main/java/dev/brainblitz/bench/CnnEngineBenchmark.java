package dev.brainblitz.bench;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.engine.FastEngine;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fast engine on a convolutional model (by default the bundled {@code fashion-cnn}, a
 * c32-c32-p-c64-c64-p-f256-10 binary CNN over 28x28 bytes): latency of one inference and the cost
 * per inference in a batch of 256, on one thread. The PyTorch figure to compare with comes from
 * {@code bench/torch/engine_vs_torch.py} on the same model (README, "Benchmarks").
 *
 * <p>Run from the repository root: {@code java -jar bench/target/benchmarks.jar CnnEngineBenchmark
 * -f 1 -wi 3 -i 5}; {@code -p model=PATH} for another model file.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CnnEngineBenchmark {
  private static final int BATCH = 256;
  private static final int POOL = 1024;

  @Param("examples/models/fashion-cnn.bil")
  public String model;

  private FastEngine engine;
  private byte[][] pool;
  private byte[][][] batches;
  private int[] scores;
  private int[] classes;
  private int[][] batchScores;
  private int next;

  @Setup
  public void setUp() {
    Network network = ModelFiles.read(Path.of(model));
    if (network.input().kind() != InputKind.U8) {
      throw new IllegalArgumentException(model + ": this benchmark feeds bytes; the model reads " + network.input().kind());
    }
    engine = FastEngine.compile(network);
    pool = RandomNetworks.vectors(1, network, POOL).stream().map(InputVector::bytes).toArray(byte[][]::new);
    batches = new byte[POOL / BATCH][BATCH][];
    for (int i = 0; i < POOL; i++) {
      batches[i / BATCH][i % BATCH] = pool[i];
    }
    scores = new int[network.classes()];
    classes = new int[BATCH];
    batchScores = new int[BATCH][network.classes()];
  }

  /** One inference, scores included: the latency of a single request. */
  @Benchmark
  public int engineBatch1() {
    next = (next + 1) & (POOL - 1);
    return engine.infer(pool[next], scores);
  }

  /** 256 inferences in one call on one thread, scores included; reported per inference. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int[] engineBatch256() {
    next = (next + 1) & (POOL / BATCH - 1);
    engine.inferBatch(batches[next], classes, batchScores);
    return classes;
  }
}
