package dev.brainblitz.ir.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.ir.random.RandomNetworks;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The promises of the {@link FastEngine} class comment, one by one. */
class FastEngineContractTest {
  private static Network network(InputKind kind, int... sizes) {
    return RandomNetworks.mlp("contract", new Random(sizes.length * 1000L + sizes[0]), kind, sizes, true);
  }

  @Test
  void paddingBitsOfAPackedBipolarInputAreIgnored() {
    Network network = network(InputKind.BIPOLAR, 70, 33, 5);
    FastEngine engine = FastEngine.compile(network);
    for (InputVector vector : RandomNetworks.vectors(3, network, 20)) {
      int[] clean = vector.packedWords();
      int[] dirty = clean.clone();
      dirty[dirty.length - 1] |= ~((1 << (70 % 32)) - 1); // 70 elements: bits 6..31 of word 2 are padding
      int[] cleanScores = new int[5];
      int[] dirtyScores = new int[5];
      assertEquals(engine.infer(clean, cleanScores), engine.infer(dirty, dirtyScores));
      assertArrayEquals(cleanScores, dirtyScores);
      assertEquals(new GoldenModel(network).infer(vector), InferenceResult.reported(dirtyScores, engine.infer(dirty, null)));
    }
  }

  @Test
  void inputsOfTheWrongKindOrLengthAreRejected() {
    FastEngine u8 = FastEngine.compile(network(InputKind.U8, 40, 8, 3));
    FastEngine bipolar = FastEngine.compile(network(InputKind.BIPOLAR, 40, 8, 3));
    var wrongKind = assertThrows(IllegalArgumentException.class, () -> u8.infer(new int[2], null));
    assertTrue(wrongKind.getMessage().contains("takes u8 input, not bipolar"), wrongKind.getMessage());
    assertThrows(IllegalArgumentException.class, () -> bipolar.infer(new byte[40], null));
    var wrongLength = assertThrows(IllegalArgumentException.class, () -> u8.infer(new byte[39], null));
    assertTrue(wrongLength.getMessage().contains("got 39 bytes"), wrongLength.getMessage());
    assertThrows(IllegalArgumentException.class, () -> bipolar.infer(new int[1], null)); // 40 bits need 2 words
    assertThrows(IllegalArgumentException.class, () -> u8.infer(new byte[40], new int[2])); // 3 classes
  }

  @Test
  void aScratchWorksOnlyWithItsOwnEngine() {
    FastEngine one = FastEngine.compile(network(InputKind.U8, 40, 8, 3));
    FastEngine other = FastEngine.compile(network(InputKind.U8, 40, 8, 3));
    var thrown = assertThrows(IllegalArgumentException.class, () -> one.infer(new byte[40], null, other.newScratch()));
    assertTrue(thrown.getMessage().contains("another engine"), thrown.getMessage());
  }

  @Test
  void scoresOutMayBeNullOrLongerThanTheClasses() {
    Network network = network(InputKind.U8, 50, 20, 4);
    FastEngine engine = FastEngine.compile(network);
    InputVector vector = RandomNetworks.vectors(1, network, 1).get(0);
    InferenceResult expected = new GoldenModel(network).infer(vector);
    assertEquals(expected.predictedClass(), engine.infer(vector.bytes(), null));
    int[] longer = {-1, -1, -1, -1, 99, 99};
    engine.infer(vector.bytes(), longer);
    assertArrayEquals(expected.scores(), java.util.Arrays.copyOf(longer, 4));
    assertArrayEquals(new int[] {99, 99}, java.util.Arrays.copyOfRange(longer, 4, 6));
  }

  @Test
  void batchesWithoutScoresGiveTheClasses() {
    Network network = network(InputKind.BIPOLAR, 90, 64, 7);
    FastEngine engine = FastEngine.compile(network);
    List<InputVector> vectors = RandomNetworks.vectors(2, network, 30);
    int[] classes = new int[30];
    engine.inferBatch(vectors.stream().map(InputVector::packedWords).toArray(int[][]::new), classes, null);
    GoldenModel golden = new GoldenModel(network);
    for (int i = 0; i < vectors.size(); i++) {
      assertEquals(golden.infer(vectors.get(i)).predictedClass(), classes[i], "vector " + i);
    }
    assertEquals(vectors.stream().map(golden::infer).toList(), engine.inferAll(vectors));
    assertThrows(IllegalArgumentException.class, () -> engine.inferBatch(new int[3][], new int[2], null));
  }

  /** Once the thread has its scratch, an inference allocates nothing (checked with HotSpot's per-thread counter). */
  @Test
  void inferenceAllocatesNothing() {
    var threads = ManagementFactory.getThreadMXBean();
    if (!(threads instanceof com.sun.management.ThreadMXBean counting) || !counting.isThreadAllocatedMemorySupported()) {
      return; // not HotSpot: nothing to measure with
    }
    counting.setThreadAllocatedMemoryEnabled(true);
    Network network = network(InputKind.U8, 784, 256, 256, 10);
    FastEngine engine = FastEngine.compile(network);
    byte[][] inputs = RandomNetworks.vectors(4, network, 16).stream().map(InputVector::bytes).toArray(byte[][]::new);
    int[] scores = new int[10];
    int[] classes = new int[inputs.length];
    for (int warm = 0; warm < 2000; warm++) { // let the JIT compile, so no interpreter or profiling allocation remains
      engine.infer(inputs[warm & 15], scores);
      engine.inferBatch(inputs, classes, null);
    }
    long thread = Thread.currentThread().getId();
    long before = counting.getThreadAllocatedBytes(thread);
    int sum = 0;
    for (int i = 0; i < 1000; i++) {
      sum += engine.infer(inputs[i & 15], scores);
      engine.inferBatch(inputs, classes, null);
    }
    long allocated = counting.getThreadAllocatedBytes(thread) - before;
    assertTrue(sum >= 0);
    // The counter itself may allocate a little; 17,000 inferences that allocated would show megabytes.
    assertTrue(allocated < 1024, allocated + " bytes allocated by 17,000 inferences");
  }

  /** A thread's scratch must not keep its engine alive once nobody else refers to the engine. */
  @Test
  void anEngineUsedOnAThreadCanBeCollected() throws InterruptedException {
    java.lang.ref.WeakReference<FastEngine> reference = useAnEngineOnThisThread();
    for (int attempt = 0; attempt < 50 && reference.get() != null; attempt++) {
      System.gc();
      Thread.sleep(10);
    }
    assertEquals(null, reference.get(), "the engine is still reachable, through this thread's scratch");
  }

  private static java.lang.ref.WeakReference<FastEngine> useAnEngineOnThisThread() {
    FastEngine engine = FastEngine.compile(network(InputKind.U8, 40, 8, 3));
    engine.infer(new byte[40], null);
    return new java.lang.ref.WeakReference<>(engine);
  }
}
