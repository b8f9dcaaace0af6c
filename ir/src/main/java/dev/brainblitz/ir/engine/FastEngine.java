package dev.brainblitz.ir.engine;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.DenseLayer;
import dev.brainblitz.ir.PoolLayer;
import dev.brainblitz.ir.MapShape;
import dev.brainblitz.ir.FlattenLayer;
import dev.brainblitz.ir.ConvLayer;
import dev.brainblitz.ir.InferenceResult;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.InputVector;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.faults.ActivationFaults;
import dev.brainblitz.ir.faults.FaultDraws;
import java.util.ArrayList;
import java.util.List;

/**
 * A network compiled for fast inference on the CPU, bit-exact with
 * {@link dev.brainblitz.ir.golden.GoldenModel}: the same scores and the same class for every input.
 *
 * <p>How it computes: hidden layers over bipolar vectors hold their weights as 64-bit words, row
 * after row, and compute popcount(XNOR) with {@link Long#bitCount}, comparing each accumulator with
 * its threshold and packing the bit into the next layer's input as they go. A first layer over u8
 * input splits the input into 8 bit planes and computes sum_i (w ? +x_i : -x_i) as
 * 2 sum_b 2^b popcount(plane_b AND w) - sum_i x_i, neuron-parallel so that the JIT vectorizes it.
 *
 * <p>A convolutional network first runs its conv2d, maxpool and flatten layers on packed feature
 * maps ({@link MapStage}: XNOR-popcount on whole pixel words per kernel tap, the threshold fused
 * with bit packing, OR-pooling of words), then its dense layers as above.
 *
 * <p>Contract:
 * <ul>
 *   <li>Inputs are u8 vectors as {@code byte[]} (one unsigned byte per element, exactly
 *       {@link #inputSize()} of them) or bipolar vectors packed as the IL packs them
 *       ({@code int[]} of {@code ceil(inputSize / 32)} words, element i = bit i mod 32 of word i / 32;
 *       bits past the last element are ignored). Passing the other kind, or the wrong length,
 *       throws {@link IllegalArgumentException}.
 *   <li>{@code infer} returns the class (argmax of the scores, lowest index on ties) and, when
 *       {@code scoresOut} is not null, writes the scores to {@code scoresOut[0 .. classes())}; it
 *       must then have at least {@link #classes()} entries.
 *   <li>The array forms of {@code infer} and {@code inferBatch} allocate nothing once the calling
 *       thread has its scratch: the first call on a thread creates one and keeps it in a
 *       {@link ThreadLocal}; the forms taking a {@link Scratch} use the one given.
 *   <li>The engine is immutable and thread-safe: any number of threads may call it at once, each
 *       with its own scratch.
 * </ul>
 */
public final class FastEngine {
  private final Network network;
  /** The first hidden layer when the input is u8, else null. */
  private final U8Layer u8Layer;
  /** Every hidden layer that reads a bipolar vector, in order. */
  private final BipolarLayer[] bipolarLayers;
  /** The scores layer when it reads a bipolar vector (every network but one case), else null. */
  private final BipolarScores bipolarScores;
  /** The convolutional front (conv2d, maxpool, flatten layers, ending with the flatten), empty for an MLP. */
  private final MapStage[] mapStages;
  /** The shape of the input map the first convolution reads, else null. */
  private final MapShape inputMap;
  /** The scores layer of a network with u8 input and no hidden layer, else null. */
  private final U8Scores u8Scores;
  /**
   * Marks the scratches of this engine. A scratch holds this token rather than the engine: a
   * thread-local value that referenced the engine would keep its own key, the engine's
   * {@link ThreadLocal}, reachable, and every engine a long-lived thread ever used would stay in memory.
   */
  private final Object scratchOwner = new Object();
  private final ThreadLocal<Scratch> scratchOfThread = ThreadLocal.withInitial(this::newScratch);
  /** Transient activation faults ({@link ActivationFaults#NONE}: the fault-free engine). */
  private final ActivationFaults faults;
  /**
   * The vector index of an inference without activation faults (a run's vector indices are never
   * negative).
   */
  private static final long FAULT_FREE = -1;
  /** The index in {@code network.layers()} of {@code bipolarLayers[0]} (of the u8 layer: 0). */
  private final int firstBipolarLayer;

  private FastEngine(Network network, ActivationFaults faults) {
    this.network = network;
    this.faults = faults;
    List<Layer> layers = network.layers();
    boolean u8Input = network.input().kind() == InputKind.U8;
    int front = 0;
    while (front < layers.size() && layers.get(front).kind() != Layer.Kind.DENSE) {
      front++;
    }
    this.mapStages = new MapStage[front];
    for (int k = 0; k < front; k++) {
      Layer layer = layers.get(k);
      mapStages[k] = switch (layer.kind()) {
        case CONV2D -> layer.inputKind() == InputKind.U8 ? new MapStage.ByteConv((ConvLayer) layer)
            : new MapStage.BitConv((ConvLayer) layer);
        case MAXPOOL -> new MapStage.OrPool((PoolLayer) layer);
        case FLATTEN -> new MapStage.Flatten(((FlattenLayer) layer).in());
        case DENSE -> throw new IllegalStateException("a dense layer in the convolutional front");
      };
    }
    this.inputMap = front > 0 ? ((ConvLayer) layers.get(0)).in() : null;
    this.u8Layer = u8Input && front == 0 && !layers.isEmpty() ? U8Layer.of(dense(layers.get(0))) : null;
    List<BipolarLayer> bipolar = new ArrayList<>();
    for (int k = u8Layer == null ? front : 1; k < layers.size(); k++) {
      bipolar.add(BipolarLayer.of(dense(layers.get(k))));
    }
    this.bipolarLayers = bipolar.toArray(new BipolarLayer[0]);
    boolean scoresReadU8 = network.scoresInputKind() == InputKind.U8;
    this.bipolarScores = scoresReadU8 ? null : BipolarScores.of(network.scores());
    this.u8Scores = scoresReadU8 ? U8Scores.of(network.scores()) : null;
    this.firstBipolarLayer = u8Layer != null ? 1 : front;
  }

  /** The dense layers after the convolutional front; a new kind of layer does not compile until it is handled here. */
  private static DenseLayer dense(Layer layer) {
    return switch (layer.kind()) {
      case DENSE -> (DenseLayer) layer;
      case CONV2D, MAXPOOL, FLATTEN -> throw new IllegalStateException(
          layer.kind() + " layer '" + layer.name() + "' after the first dense layer");
    };
  }

  /** Compiles {@code network}: packs its weights and thresholds once, for every later inference. */
  public static FastEngine compile(Network network) {
    return new FastEngine(network, ActivationFaults.NONE);
  }

  /**
   * Compiles {@code network} with transient activation faults: the {@code infer} and
   * {@code inferBatch} forms that take a vector index invert the activation bits
   * {@code faults} draws for that index (docs/faults.md), exactly as
   * {@code GoldenModel(network, faults)} does. The other forms run fault-free.
   */
  public static FastEngine compile(Network network, ActivationFaults faults) {
    return new FastEngine(network, faults);
  }

  /** The activation faults the vector-index forms apply. */
  public ActivationFaults faults() {
    return faults;
  }

  public Network network() {
    return network;
  }

  public InputKind inputKind() {
    return network.input().kind();
  }

  public int inputSize() {
    return network.inputSize();
  }

  public int classes() {
    return network.classes();
  }

  /** New working memory for this engine, for callers who manage one per thread themselves. */
  public Scratch newScratch() {
    int[] outputs = new int[bipolarLayers.length];
    for (int k = 0; k < outputs.length; k++) {
      outputs[k] = bipolarLayers[k].outputs();
    }
    boolean u8Input = inputKind() == InputKind.U8;
    int accumulators = u8Layer != null ? u8Layer.outputs() : 0;
    for (int n : outputs) {
      accumulators = Math.max(accumulators, n);
    }
    if (mapStages.length > 0) {
      int[] mapLongs = new int[mapStages.length];
      mapLongs[0] = u8Input ? 0 : MapStage.longsOf(inputMap);
      int window = 0;
      for (int k = 0; k < mapStages.length; k++) {
        if (k + 1 < mapStages.length) {
          mapLongs[k + 1] = mapStages[k].outputLongs();
        }
        if (mapStages[k] instanceof MapStage.ByteConv byteConv) {
          window = byteConv.fanIn();
        }
      }
      for (Layer layer : network.layers()) {
        if (layer instanceof ConvLayer conv) {
          accumulators = Math.max(accumulators, conv.out().channels());
        }
      }
      int flattened = network.layers().get(mapStages.length - 1).outputs();
      return new Scratch(scratchOwner, 0, accumulators, flattened, outputs, classes(), mapLongs,
          u8Input ? inputSize() : 0, window);
    }
    int firstVectorBits = u8Layer != null ? u8Layer.outputs() : u8Input ? 0 : inputSize();
    return new Scratch(scratchOwner, u8Input ? BitPlanes.words(inputSize()) : 0, accumulators,
        firstVectorBits, outputs, classes());
  }

  /** Infers a u8 input with this thread's scratch; see the class comment for the contract. */
  public int infer(byte[] pixels, int[] scoresOut) {
    return infer(pixels, scoresOut, scratchOfThread.get());
  }

  /** Infers a u8 input with the given scratch; see the class comment for the contract. */
  public int infer(byte[] pixels, int[] scoresOut, Scratch scratch) {
    return run(pixels, scoresOut, scratch, FAULT_FREE);
  }

  /**
   * Infers a u8 input as the vector of index {@code vector} of a run: with the activation faults
   * drawn for that index, applied to each thresholded layer's packed output bits as soon as it is
   * written (one XOR per flipped bit, no pass over the data). Without faults, the plain form.
   */
  public int infer(byte[] pixels, int[] scoresOut, Scratch scratch, long vector) {
    return run(pixels, scoresOut, scratch, faultIndex(vector));
  }

  /** As {@link #infer(byte[], int[], Scratch, long)}, for a packed bipolar input. */
  public int infer(int[] packedBipolar, int[] scoresOut, Scratch scratch, long vector) {
    return run(packedBipolar, scoresOut, scratch, faultIndex(vector));
  }

  /** The index whose faults an inference of vector {@code vector} applies: {@link #FAULT_FREE} without faults. */
  private long faultIndex(long vector) {
    if (vector < 0) {
      throw new IllegalArgumentException("a vector index is never negative, got " + vector);
    }
    return faults.any() ? vector : FAULT_FREE;
  }

  /** A u8 input through every layer; {@code vector} the index whose faults apply, or {@link #FAULT_FREE}. */
  private int run(byte[] pixels, int[] scoresOut, Scratch scratch, long vector) {
    requireInput(InputKind.U8, pixels.length, inputSize(), "bytes");
    int[] scores = scoresOrScratch(scoresOut, scratch);
    if (mapStages.length > 0) {
      for (int i = 0; i < pixels.length; i++) {
        scratch.image[i] = pixels[i] & 0xFF;
      }
      runMaps(scratch, vector);
      return runBipolar(scratch, scores, vector);
    }
    int elementSum = BitPlanes.decompose(pixels, scratch.tail, scratch.planes);
    if (u8Layer == null) {
      return u8Scores.score(scratch.planes, elementSum, scores);
    }
    u8Layer.forward(scratch.planes, elementSum, scratch.accumulators, scratch.firstVector);
    if (vector != FAULT_FREE) {
      flipVector(scratch.firstVector, 0, vector, u8Layer.outputs());
    }
    return runBipolar(scratch, scores, vector);
  }

  /** A packed bipolar input through every layer, as {@link #run(byte[], int[], Scratch, long)}. */
  private int run(int[] packedBipolar, int[] scoresOut, Scratch scratch, long vector) {
    requireInput(InputKind.BIPOLAR, packedBipolar.length, BitMatrix.wordsFor(inputSize()), "words");
    int[] scores = scoresOrScratch(scoresOut, scratch);
    if (mapStages.length > 0) {
      toMap(packedBipolar, inputMap, scratch.maps[0]);
      runMaps(scratch, vector);
      return runBipolar(scratch, scores, vector);
    }
    widen(packedBipolar, inputSize(), scratch.firstVector);
    return runBipolar(scratch, scores, vector);
  }

  /** Infers a packed bipolar input with this thread's scratch; see the class comment for the contract. */
  public int infer(int[] packedBipolar, int[] scoresOut) {
    return infer(packedBipolar, scoresOut, scratchOfThread.get());
  }

  /** Infers a packed bipolar input with the given scratch; see the class comment for the contract. */
  public int infer(int[] packedBipolar, int[] scoresOut, Scratch scratch) {
    return run(packedBipolar, scoresOut, scratch, FAULT_FREE);
  }

  /** Infers one input vector of either kind. Convenient, but it allocates its result and a packed copy. */
  public InferenceResult infer(InputVector input) {
    requireInput(input);
    int[] scores = new int[classes()];
    int predicted = input.kind() == InputKind.U8 ? infer(input.bytes(), scores) : infer(input.packedWords(), scores);
    return InferenceResult.reported(scores, predicted);
  }

  /**
   * Infers {@code inputs[i]} into {@code classesOut[i]} and, when {@code scoresOut} is not null,
   * {@code scoresOut[i]}, with this thread's scratch. Allocates nothing.
   */
  public void inferBatch(byte[][] inputs, int[] classesOut, int[][] scoresOut) {
    inferBatch(inputs, classesOut, scoresOut, 1);
  }

  /** As {@link #inferBatch(byte[][], int[], int[][])}, for packed bipolar inputs. */
  public void inferBatch(int[][] inputs, int[] classesOut, int[][] scoresOut) {
    inferBatch(inputs, classesOut, scoresOut, 1);
  }

  /**
   * As {@link #inferBatch(byte[][], int[], int[][])}, on {@code threads} threads (the calling one
   * and pool threads), each taking a contiguous share of the batch; every result is computed exactly
   * as on one thread, so the outputs do not depend on {@code threads}.
   */
  public void inferBatch(byte[][] inputs, int[] classesOut, int[][] scoresOut, int threads) {
    requireBatch(inputs.length, classesOut, scoresOut);
    for (byte[] input : inputs) {
      requireInput(InputKind.U8, input.length, inputSize(), "bytes");
    }
    if (requireThreads(threads) == 1 || inputs.length <= BLOCK) {
      inferRange(inputs, null, classesOut, scoresOut, 0, inputs.length); // no lambda: the one-thread path allocates nothing
    } else {
      inParallel(inputs.length, threads, (from, to) -> inferRange(inputs, null, classesOut, scoresOut, from, to));
    }
  }

  /** As {@link #inferBatch(byte[][], int[], int[][], int)}, for packed bipolar inputs. */
  public void inferBatch(int[][] inputs, int[] classesOut, int[][] scoresOut, int threads) {
    requireBatch(inputs.length, classesOut, scoresOut);
    for (int[] input : inputs) {
      requireInput(InputKind.BIPOLAR, input.length, BitMatrix.wordsFor(inputSize()), "words");
    }
    if (requireThreads(threads) == 1 || inputs.length <= BLOCK) {
      inferRange(null, inputs, classesOut, scoresOut, 0, inputs.length); // no lambda: the one-thread path allocates nothing
    } else {
      inParallel(inputs.length, threads, (from, to) -> inferRange(null, inputs, classesOut, scoresOut, from, to));
    }
  }

  /**
   * Inputs per block of the batch path: the dense layers load each weight word once for a whole
   * block while it is in the L1 cache (weight reuse).
   */
  static final int BLOCK = 4;

  /** The working memory of one block: a scratch per input, and per-layer views of their arrays. */
  private static final class Block {
    final Scratch[] scratches;
    final int[][] planes = new int[BLOCK][];
    final int[] elementSums = new int[BLOCK];
    final int[][] accumulators = new int[BLOCK][];
    final long[][] in = new long[BLOCK][];
    final long[][] out = new long[BLOCK][];

    Block(Scratch[] scratches) {
      this.scratches = scratches;
      for (int b = 0; b < BLOCK; b++) {
        planes[b] = scratches[b].planes;
        accumulators[b] = scratches[b].accumulators;
      }
    }
  }

  private final ThreadLocal<Block> blockOfThread = ThreadLocal.withInitial(() -> {
    Scratch[] scratches = new Scratch[BLOCK];
    for (int b = 0; b < BLOCK; b++) {
      scratches[b] = newScratch();
    }
    return new Block(scratches);
  });

  /** Inputs {@code from .. to} of a checked batch (u8 {@code bytes} or bipolar {@code words}), on this thread. */
  private void inferRange(byte[][] bytes, int[][] words, int[] classesOut, int[][] scoresOut, int from, int to) {
    Block block = blockOfThread.get();
    int i = from;
    // Blocks need a dense layer to share (a network with no hidden layer over u8 input has none) and
    // start at the dense layers: convolutional fronts (map stages) run one input at a time.
    if (mapStages.length == 0 && (u8Layer != null || bytes == null)) {
      for (; i + BLOCK <= to; i += BLOCK) {
        inferBlock(bytes, words, i, classesOut, scoresOut, block);
      }
    }
    Scratch scratch = block.scratches[0];
    for (; i < to; i++) {
      int[] scores = scoresOut == null ? null : scoresOut[i];
      classesOut[i] = bytes != null ? infer(bytes[i], scores, scratch) : infer(words[i], scores, scratch);
    }
  }

  /** Inputs {@code i .. i + BLOCK} through every layer, a block at a time. */
  private void inferBlock(byte[][] bytes, int[][] words, int i, int[] classesOut, int[][] scoresOut, Block block) {
    Scratch[] s = block.scratches;
    for (int b = 0; b < BLOCK; b++) {
      block.out[b] = s[b].firstVector;
    }
    if (bytes != null) {
      for (int b = 0; b < BLOCK; b++) {
        block.elementSums[b] = BitPlanes.decompose(bytes[i + b], s[b].tail, s[b].planes);
      }
      u8Layer.forwardBlock(block.planes, block.elementSums, block.accumulators, block.out);
    } else {
      for (int b = 0; b < BLOCK; b++) {
        widen(words[i + b], inputSize(), s[b].firstVector);
      }
    }
    for (int k = 0; k < bipolarLayers.length; k++) {
      for (int b = 0; b < BLOCK; b++) {
        block.in[b] = block.out[b];
        block.out[b] = s[b].activations[k];
      }
      bipolarLayers[k].forwardBlock(block.in, block.accumulators, block.out);
    }
    for (int b = 0; b < BLOCK; b++) {
      int[] scores = scoresOrScratch(scoresOut == null ? null : scoresOut[i + b], s[b]);
      classesOut[i + b] = bipolarScores.score(block.out[b], scores);
    }
  }

  /** A share of a batch: inputs {@code from} (inclusive) to {@code to} (exclusive). */
  private interface Range {
    void run(int from, int to);
  }

  /** Pool threads for batches on several threads; daemons, so an idle pool never keeps the JVM alive. */
  private static final java.util.concurrent.ExecutorService POOL =
      java.util.concurrent.Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "fast-engine-batch");
        t.setDaemon(true);
        return t;
      });

  /**
   * Splits {@code 0 .. count} into at most {@code threads} contiguous shares of whole blocks, runs
   * all but the first on pool threads and the first on this one, and waits for all.
   */
  private static int requireThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    return threads;
  }

  private static void inParallel(int count, int threads, Range range) {
    int blocks = (count + BLOCK - 1) / BLOCK;
    int shares = Math.min(threads, blocks);
    if (shares <= 1) {
      range.run(0, count);
      return;
    }
    var futures = new ArrayList<java.util.concurrent.Future<?>>();
    for (int t = 1; t < shares; t++) {
      int from = Math.min(count, (int) ((long) blocks * t / shares) * BLOCK);
      int to = Math.min(count, (int) ((long) blocks * (t + 1) / shares) * BLOCK);
      futures.add(POOL.submit(() -> range.run(from, to)));
    }
    range.run(0, Math.min(count, (blocks / shares) * BLOCK));
    for (var future : futures) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the batch's threads", e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  /**
   * As {@link #inferBatch(byte[][], int[], int[][], int)}, input i being the vector of index
   * {@code firstVector + i} of a run (its activation faults are drawn for that index). Without
   * faults, the plain batch.
   */
  public void inferBatch(byte[][] inputs, int[] classesOut, int[][] scoresOut, int threads, long firstVector) {
    if (!faults.any()) {
      inferBatch(inputs, classesOut, scoresOut, threads);
      return;
    }
    requireBatch(inputs.length, classesOut, scoresOut);
    for (byte[] input : inputs) {
      requireInput(InputKind.U8, input.length, inputSize(), "bytes");
    }
    inParallel(inputs.length, requireThreads(threads), (from, to) -> {
      Scratch scratch = scratchOfThread.get();
      for (int i = from; i < to; i++) {
        classesOut[i] = infer(inputs[i], scoresOut == null ? null : scoresOut[i], scratch, firstVector + i);
      }
    });
  }

  /** As {@link #inferBatch(byte[][], int[], int[][], int, long)}, for packed bipolar inputs. */
  public void inferBatch(int[][] inputs, int[] classesOut, int[][] scoresOut, int threads, long firstVector) {
    if (!faults.any()) {
      inferBatch(inputs, classesOut, scoresOut, threads);
      return;
    }
    requireBatch(inputs.length, classesOut, scoresOut);
    for (int[] input : inputs) {
      requireInput(InputKind.BIPOLAR, input.length, BitMatrix.wordsFor(inputSize()), "words");
    }
    inParallel(inputs.length, requireThreads(threads), (from, to) -> {
      Scratch scratch = scratchOfThread.get();
      for (int i = from; i < to; i++) {
        classesOut[i] = infer(inputs[i], scoresOut == null ? null : scoresOut[i], scratch, firstVector + i);
      }
    });
  }

  /** One result per input vector, in order. Allocates its results. */
  public List<InferenceResult> inferAll(List<InputVector> inputs) {
    List<InferenceResult> results = new ArrayList<>(inputs.size());
    for (InputVector input : inputs) {
      results.add(infer(input));
    }
    return results;
  }

  /**
   * Runs the hidden layers that read bits, from {@code scratch.firstVector}, then the scores; with
   * the activation faults of {@code vector} after each layer's packing unless it is {@link #FAULT_FREE}.
   */
  private int runBipolar(Scratch scratch, int[] scores, long vector) {
    long[] in = scratch.firstVector;
    for (int k = 0; k < bipolarLayers.length; k++) {
      bipolarLayers[k].forward(in, scratch.accumulators, scratch.activations[k]);
      if (vector != FAULT_FREE) {
        flipVector(scratch.activations[k], firstBipolarLayer + k, vector, bipolarLayers[k].outputs());
      }
      in = scratch.activations[k];
    }
    return bipolarScores.score(in, scores);
  }

  /**
   * Runs the convolutional front: map to map, the flatten writing {@code scratch.firstVector}; with
   * the activation faults of {@code vector} after each convolution's packing unless it is {@link #FAULT_FREE}.
   */
  private void runMaps(Scratch scratch, long vector) {
    long[] in = scratch.maps[0];
    for (int k = 0; k < mapStages.length; k++) {
      long[] out = k + 1 == mapStages.length ? scratch.firstVector : scratch.maps[k + 1];
      mapStages[k].run(in, out, scratch);
      if (vector != FAULT_FREE && network.layers().get(k) instanceof ConvLayer conv) {
        flipMap(out, k, vector, conv.out());
      }
      in = out;
    }
  }

  /** Inverts the drawn bits of layer {@code layer}'s packed output vector of {@code size} bits. */
  private void flipVector(long[] bits, int layer, long vector, int size) {
    FaultDraws draws = faults.draws(layer, vector, size);
    for (long p = draws.next(); p >= 0; p = draws.next()) {
      bits[(int) (p >>> 6)] ^= 1L << p;
    }
  }

  /** Inverts the drawn bits of a packed map: element (pixel, c) is bit c mod 64 of the pixel's word c / 64. */
  private void flipMap(long[] map, int layer, long vector, MapShape shape) {
    int c = shape.channels();
    int perPixel = MapStage.wordsPerPixel(c);
    FaultDraws draws = faults.draws(layer, vector, shape.size());
    for (long p = draws.next(); p >= 0; p = draws.next()) {
      int pixel = (int) (p / c);
      int channel = (int) (p % c);
      map[pixel * perPixel + (channel >>> 6)] ^= 1L << channel;
    }
  }

  /** An IL-packed bipolar vector, element (y * W + x) * C + c, as a packed map (one pixel's channels per word group). */
  private static void toMap(int[] words, MapShape map, long[] out) {
    java.util.Arrays.fill(out, 0L);
    int perPixel = MapStage.wordsPerPixel(map.channels());
    int c = map.channels();
    for (int p = 0, i = 0; p < map.pixels(); p++) {
      for (int ch = 0; ch < c; ch++, i++) {
        long bit = (words[i >>> 5] >>> (i & 31)) & 1;
        out[p * perPixel + (ch >>> 6)] |= bit << ch;
      }
    }
  }

  /** Copies IL-packed 32-bit words into 64-bit words, clearing the caller's padding bits. */
  private static void widen(int[] words, int bits, long[] longs) {
    for (int i = 0; i < longs.length; i++) {
      long low = words[2 * i] & 0xFFFF_FFFFL;
      long high = 2 * i + 1 < words.length ? (long) words[2 * i + 1] << 32 : 0L;
      longs[i] = low | high;
    }
    int used = bits & 63;
    if (used != 0) {
      longs[longs.length - 1] &= (1L << used) - 1;
    }
  }

  /** Throws {@link IllegalArgumentException} unless the network takes {@code input}: its kind and size. */
  void requireInput(InputVector input) {
    if (input.kind() != inputKind() || input.size() != inputSize()) {
      throw new IllegalArgumentException(
          "network '" + network.name() + "' takes " + inputSize() + " " + inputKind().keyword()
              + " elements, got " + input.size() + " " + input.kind().keyword());
    }
  }

  private void requireInput(InputKind kind, int length, int expectedLength, String unit) {
    if (inputKind() != kind) {
      throw new IllegalArgumentException(
          "network '" + network.name() + "' takes " + inputKind().keyword() + " input, not " + kind.keyword());
    }
    if (length != expectedLength) {
      throw new IllegalArgumentException("network '" + network.name() + "' takes " + inputSize() + " "
          + kind.keyword() + " elements as " + expectedLength + " " + unit + ", got " + length + " " + unit);
    }
  }

  private int[] scoresOrScratch(int[] scoresOut, Scratch scratch) {
    if (scratch.owner != scratchOwner) {
      throw new IllegalArgumentException("this scratch belongs to another engine");
    }
    if (scoresOut == null) {
      return scratch.scores;
    }
    if (scoresOut.length < classes()) {
      throw new IllegalArgumentException("scoresOut has " + scoresOut.length + " entries for " + classes() + " classes");
    }
    return scoresOut;
  }

  private static void requireBatch(int inputs, int[] classesOut, int[][] scoresOut) {
    if (classesOut.length < inputs || (scoresOut != null && scoresOut.length < inputs)) {
      throw new IllegalArgumentException("output arrays are shorter than the batch of " + inputs);
    }
  }
}
