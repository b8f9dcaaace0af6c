package dev.brainblitz.bench;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.engine.FastEngine;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
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
 * The fast engine on a u8-input model, by default the 784-256-256-10 MLP of the {@code mlp784}
 * example: latency of one inference, and the cost per inference in a batch of 256, on one thread;
 * the golden model at batch 1 for comparison. Inputs cycle through a fixed pool of random vectors
 * so that the branch predictor cannot learn one input.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar -f 1 -wi 3 -i 5 -w 1s -r 1s}; another model
 * file (a CNN, say) from the repository root: {@code java -jar bench/target/benchmarks.jar
 * EngineBenchmark.engine -p model=examples/models/fashion-cnn.bil -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineBenchmark {
  private static final int BATCH = 256;
  private static final int POOL = 1024;
  private static final String MLP784 = "mlp784";

  /** {@value #MLP784} (that example's random network, generated here) or the path of a model file. */
  @Param(MLP784)
  public String model;

  private FastEngine engine;
  private GoldenModel golden;
  private List<InputVector> vectors;
  private byte[][] pool;
  private byte[][][] batches;
  private int[] scores;
  private int[] classes;
  private int[][] batchScores;
  private int next;

  @Setup
  public void setUp() {
    Network network = model.equals(MLP784)
        ? RandomNetworks.mlp(MLP784, new Random(2026), InputKind.U8, new int[] {784, 256, 256, 10}, true)
        : ModelFiles.read(Path.of(model));
    if (network.input().kind() != InputKind.U8) {
      throw new IllegalArgumentException(model + ": this benchmark feeds bytes; the model reads " + network.input().kind());
    }
    engine = FastEngine.compile(network);
    golden = new GoldenModel(network);
    vectors = RandomNetworks.vectors(1, network, POOL);
    pool = vectors.stream().map(InputVector::bytes).toArray(byte[][]::new);
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

  /** 256 inferences in one call, scores included; reported per inference. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int[] engineBatch256() {
    next = (next + 1) & (POOL / BATCH - 1);
    engine.inferBatch(batches[next], classes, batchScores);
    return classes;
  }

  /** The same batch as a throughput in inferences per second. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public int[] engineBatch256Throughput() {
    return engineBatch256();
  }

  /** The golden model, one inference, for comparison. */
  @Benchmark
  public int goldenBatch1() {
    next = (next + 1) & (POOL - 1);
    return golden.infer(vectors.get(next)).predictedClass();
  }
}
