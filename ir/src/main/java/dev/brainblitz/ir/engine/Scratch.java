package dev.brainblitz.ir.engine;

/**
 * The working memory of one {@link FastEngine} for one thread at a time: input bit planes, the
 * bipolar vectors between layers and the accumulators of the hidden layers. Reusing a scratch is
 * what lets an inference run without allocating. Get one from {@link FastEngine#newScratch()}; it
 * works only with that engine, and must not be used by two threads at once.
 */
public final class Scratch {
  /** The token of the engine this scratch was made for. */
  final Object owner;
  /** u8 input: 8 bit planes per 32-element word, see {@link BitPlanes}. */
  final int[] planes;
  /** u8 input: the last, partial block of the input; zero past the input, and it stays so. */
  final byte[] tail;
  /** The accumulators of the hidden layer being computed: as many ints as the widest layer. */
  final int[] accumulators;
  /** The first bipolar vector of the chain: the input itself, or the u8 first layer's activations. */
  final long[] firstVector;
  /** {@code activations[k]}: the output of the k-th hidden layer that reads a bipolar vector. */
  final long[][] activations;
  /** Scores of callers who do not want them. */
  final int[] scores;
  /**
   * Convolutional networks: {@code maps[0]} the bipolar input as a packed map, {@code maps[k + 1]}
   * the output of map stage k (the last stage, the flatten, writes {@link #firstVector}).
   */
  final long[][] maps;
  /** A u8 convolutional network's input bytes as ints. */
  final int[] image;
  /** A u8 first convolution's window of bytes at one output pixel. */
  final int[] window;

  Scratch(Object owner, int inputWords, int accumulators, int firstVectorBits, int[] layerOutputs, int classes) {
    this(owner, inputWords, accumulators, firstVectorBits, layerOutputs, classes, new int[0], 0, 0);
  }

  Scratch(Object owner, int inputWords, int accumulators, int firstVectorBits, int[] layerOutputs, int classes,
      int[] mapLongs, int imageSize, int windowSize) {
    this.owner = owner;
    this.planes = new int[8 * inputWords];
    this.tail = new byte[BitPlanes.BLOCK];
    this.accumulators = new int[accumulators];
    this.firstVector = new long[XnorRows.longsFor(firstVectorBits)];
    this.activations = new long[layerOutputs.length][];
    for (int k = 0; k < layerOutputs.length; k++) {
      activations[k] = new long[XnorRows.longsFor(layerOutputs[k])];
    }
    this.scores = new int[classes];
    this.maps = new long[mapLongs.length][];
    for (int k = 0; k < mapLongs.length; k++) {
      maps[k] = new long[mapLongs[k]];
    }
    this.image = new int[imageSize];
    this.window = new int[windowSize];
  }
}
