package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.InputKind;

/**
 * The numbers one engine's Verilog is built from, derived once from its {@link Engine}, its
 * {@link Fold} and the adder-tree pipelining: folds, widths of its buffers, counters and results.
 * The engine's pieces ({@link EngineFrontEnd}, {@link EngineControl}, {@link EngineMemory},
 * {@link EngineDatapath}) all read them from here. {@code beats} is the number of beats of
 * {@link InputPort#BEAT_BITS} bits in which a dense first engine behind an {@link InputPort#STREAM}
 * port takes its vector into its input buffer, 0 for an engine that takes a whole vector per beat;
 * {@code bufferInRam} says that this buffer is a block RAM of SF slices ({@link LineStorage#bufferInRam}),
 * written piece by piece: the beats of a stream port, or the pixels of a dense engine behind a
 * flatten ({@link #collects}), whose memory holds two banks of SF slices (one being filled while
 * the engine reads the other, as its line buffer and input buffer would). {@code dsp} says which
 * adder-tree nodes are summed in DSP slices.
 */
record EngineShape(Engine engine, Fold fold, int levelsPerStage, StreamWindow stream, boolean pixelOut, int beats,
    boolean bufferInRam, DspSums dsp) {

  /** The shape of an engine on whole-vector links ({@link ConvWindow#FRAME}). */
  EngineShape(Engine engine, Fold fold, int levelsPerStage) {
    this(engine, fold, levelsPerStage, null, false, 0, false, DspSums.NONE);
  }

  /** Engine {@code i} of {@code plan}, with the links its {@link ConvWindow} mode and {@link InputPort} give it. */
  static EngineShape of(FoldingPlan plan, int i) {
    Engine e = plan.engines().get(i);
    int beats = i == 0 && plan.port() == InputPort.STREAM && !e.isConv() ? PerformanceModel.streamBeats(e) : 0;
    Fold f = plan.fold(i);
    int sliceBits = f.simd() * e.inputKind().bitsPerElement();
    int slices = PerformanceModel.inputFolds(e, f);
    StreamWindow stream = StreamWindow.of(plan.engines(), i, plan.window(), plan.port(), plan.lines());
    if (stream != null && e.isConv()) {
      stream = stream.narrowed((long) slices * PerformanceModel.neuronFolds(e, f));
    }
    boolean collects = stream != null && !e.isConv();
    // whole pieces (beats or pixels) per slice, so that a slice is written to the memory as its last piece arrives
    boolean ram = beats > 1 && sliceBits % InputPort.BEAT_BITS == 0
        && plan.lines().bufferInRam(slices, (long) slices * sliceBits)
        || collects && stream.pixels() > 1 && sliceBits % stream.pixelBits() == 0
        && plan.lines().bufferInRam(slices, 2L * slices * sliceBits);
    return new EngineShape(e, f, plan.levelsPerStage(), stream, StreamWindow.pixelOut(plan.engines(), i, plan.window()),
        beats, ram, plan.dspSums().get(i));
  }

  /**
   * The fewest issues per output pixel (NF x SF) for a convolution to read its slices straight from
   * the taps ({@link #readsTaps}): while it computes, its upstream link cannot hand it pixels, which
   * a fast engine would feel beyond what {@link StreamWindow#waitCycles} counts.
   */
  static final int TAP_READ_MIN_ISSUES = 64;

  /**
   * Whether the convolution reads its input slices straight from its line buffer's window taps
   * ({@code ltap}, a line buffer in block RAM) instead of copying the window into a rotating input
   * buffer {@code xbuf}: the taps then hold still while the engine computes, and the shift that
   * completes the next window happens at the edge of its last issue and starts it at once
   * ({@link LineBuffer}). Chosen for an engine of at least {@link #TAP_READ_MIN_ISSUES} issues per
   * output pixel whose waits for windows grow by at most 1/{@link StreamWindow#SLOWDOWN_LIMIT} of its
   * issues ({@link StreamWindow#waitCycles}).
   */
  boolean readsTaps() {
    if (stream == null || !engine.isConv() || !stream.inRam() || issues() < TAP_READ_MIN_ISSUES) {
      return false;
    }
    int c = stream.shiftCycles();
    long extra = stream.waitCycles(issues(), c, true) - stream.waitCycles(issues(), c, false);
    return extra * StreamWindow.SLOWDOWN_LIMIT <= (long) issues() * stream.outputPixels();
  }

  /** Whether the engine is a dense engine fed pixels behind a flatten: it collects a whole map per vector. */
  boolean collects() {
    return stream != null && !engine.isConv();
  }

  /** Bits of a piece of a buffer in block RAM ({@code bufferInRam}): a beat, or a collected pixel. */
  int pieceBits() {
    return collects() ? stream.pixelBits() : InputPort.BEAT_BITS;
  }

  /** Pieces per vector of a buffer in block RAM: the stream port's beats, or the collected map's pixels. */
  int pieces() {
    return collects() ? stream.pixels() : beats;
  }

  /** Pieces per slice of a buffer in block RAM ({@code bufferInRam}). */
  int piecesPerSlice() {
    return sliceWidth() / pieceBits();
  }

  /** Pieces in the last slice of a buffer in block RAM: the vector's pieces fill SF - 1 slices and this many. */
  int piecesInLastSlice() {
    return pieces() - (inputFolds() - 1) * piecesPerSlice();
  }

  /** Words of a buffer in block RAM: SF slices, in two banks of 2^w words (w the width of {@code sf}) when it collects. */
  int bufferWords() {
    return collects() ? 2 << inputFoldWidth() : inputFolds();
  }

  /** Whether the engine fills its input buffer beat by beat from an {@link InputPort#STREAM} port. */
  boolean beatsIn() {
    return beats > 0;
  }

  /**
   * The output pixels one buffered vector yields: a convolution's pixels when it holds a whole
   * frame ({@link SlidingWindow}), else 1 (a dense engine, or a convolution fed by a line buffer,
   * which computes one output pixel per vector).
   */
  int framePixels() {
    return stream == null ? engine.pixels() : 1;
  }

  /** Whether the engine slides a window over a frame buffer. */
  boolean framed() {
    return engine.isConv() && stream == null;
  }

  int pe() {
    return fold.pe();
  }

  int simd() {
    return fold.simd();
  }

  /** NF: neuron folds per vector. */
  int neuronFolds() {
    return PerformanceModel.neuronFolds(engine, fold);
  }

  /** SF: input folds per neuron fold. */
  int inputFolds() {
    return PerformanceModel.inputFolds(engine, fold);
  }

  /** Issues per vector, NF x SF: the depth of the weight memory. */
  int issues() {
    return neuronFolds() * inputFolds();
  }

  /** Pipeline registers in the adder trees: the tail runs this many cycles behind the front. */
  int stages() {
    return PerformanceModel.pipelineStages(fold, levelsPerStage);
  }

  AdderTree tree() {
    return AdderTree.of(engine, fold);
  }

  boolean u8() {
    return engine.inputKind() == InputKind.U8;
  }

  /** Bits of one input element. */
  int elementBits() {
    return engine.inputKind().bitsPerElement();
  }

  int accumulatorWidth() {
    return Widths.accumulatorWidth(engine);
  }

  int laneWidth() {
    return Widths.laneWidth(engine);
  }

  /** Bits of the results of one vector (one output pixel of a convolution): every lane of the layer. */
  int pixelWidth() {
    return engine.outputs() * laneWidth();
  }

  /** Bits of {@code out_data}: every pixel's results, or one pixel's when it hands on pixels. */
  int outputWidth() {
    return pixelOut ? pixelWidth() : engine.resultSize() * laneWidth();
  }

  /** Bits of the results of all PEs in one issue. */
  int peWidth() {
    return pe() * laneWidth();
  }

  /** Bits of the SIMD input elements one issue reads. */
  int sliceWidth() {
    return simd() * elementBits();
  }

  /** Bits of the input buffer: SF slices (padding elements beyond the layer are zero). */
  int bufferWidth() {
    return inputFolds() * sliceWidth();
  }

  /**
   * Bits of {@code in_data}: the vector, a convolution's whole input map, one pixel of a stream, or
   * one beat of an {@link InputPort#STREAM} port.
   */
  int inputWidth() {
    if (beatsIn()) {
      return InputPort.BEAT_BITS;
    }
    return stream != null ? stream.pixelBits() : engine.inputVectorSize() * elementBits();
  }

  /**
   * Bits of the register {@code xbuf}: the buffer, or the B > 1 beats of an {@link InputPort#STREAM}
   * port when they are wider (a last beat with bits beyond the vector, which are held but never read).
   */
  int bufferRegisterWidth() {
    return beats > 1 ? Math.max(bufferWidth(), beats * InputPort.BEAT_BITS) : bufferWidth();
  }

  /** Bits of one weight word: every PE's SIMD weights of one issue. */
  int weightsWidth() {
    return pe() * simd();
  }

  int addressWidth() {
    return Widths.indexWidth(issues());
  }

  int neuronFoldWidth() {
    return Widths.indexWidth(neuronFolds());
  }

  int inputFoldWidth() {
    return Widths.indexWidth(inputFolds());
  }
}
