package dev.brainblitz.riscv.lower;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.ConvLayer;
import dev.brainblitz.ir.DenseLayer;
import dev.brainblitz.ir.FlattenLayer;
import dev.brainblitz.ir.MapShape;
import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.PoolLayer;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lowers a validated network to one RV32 assembly function,
 * {@code int <model>_infer(const uint8_t *input, int32_t *scores)} (ilp32 psABI), for one {@link Isa}
 * level. docs/riscv.md describes the kernel. This class is the driver: it lays out the {@link Frame},
 * lowers each layer with the emitter of its {@link LayerMethod} ({@link XnorPopLayer},
 * {@link BitPlaneLayer} or, with the XBNN2 unit, {@link PlaneUnitLayer}, {@link AddSubLayer}), ends with the {@link KernelArgmax}, then wraps the body
 * in the prologue and epilogue and appends the .rodata the emitters collected. In short:
 *
 * <ul>
 *   <li>Layers on bipolar input count XNOR (or XOR) agreements per weight word, input words in
 *       registers when they fit, and pack each neuron's threshold bit as soon as it is known.
 *   <li>The u8 input layer is computed by the method {@link U8Method#estimate} finds cheaper: bit
 *       planes (the input transposed once per inference, then 8 popcount steps per weight word) or,
 *       for a few inputs, add/sub on the bytes in registers.
 *   <li>Every constant is folded at generation time ({@link FoldedConstants}): padding bits, the
 *       popcount-to-accumulator conversion, the bit-plane constant, the direction of the threshold
 *       ({@code le} rows are stored complemented) and the bias. Weights and constants sit in .rodata
 *       in the order the code reads them.
 *   <li>Within each basic block the {@link LoadScheduler} moves loads away from their uses.
 * </ul>
 *
 * The function is reentrant: it keeps everything in registers and its stack frame.
 */
public final class IlToRiscv {
  private final Network network;
  private final Isa isa;
  private final String name;
  private final AsmBuilder a = new AsmBuilder();
  private final KernelContext kernel;
  private final List<LoweredKernel.LayerInfo> layerInfos = new ArrayList<>();
  /** For u8 input: the estimates and the method of the first layer. */
  private final Optional<U8Method.Estimate> u8Method;

  private IlToRiscv(Network network, Isa isa) {
    this.network = network;
    this.isa = isa;
    this.name = network.name();
    if (network.input().kind() == InputKind.U8 && !hasMaps(network)) {
      int neurons = network.layers().isEmpty() ? network.classes() : network.layers().get(0).outputs();
      u8Method = Optional.of(U8Method.estimate(isa, network.inputSize(), neurons));
    } else if (network.input().kind() == InputKind.U8 && network.layers().get(0) instanceof ConvLayer conv) {
      u8Method = convEstimate(isa, conv);
    } else {
      u8Method = Optional.empty();
    }
    this.kernel = new KernelContext(a, isa,
        hasMaps(network) ? Frame.of(network, convPlaneWords(isa, network), mapBufferWords(network))
            : Frame.of(network, transposes()));
  }

  /** The two estimates of a u8 conv2d per inference, for the report; empty where bit planes are not generated. */
  private static Optional<U8Method.Estimate> convEstimate(Isa isa, ConvLayer conv) {
    ConvGeometry g = conv.geometry();
    long planes = ConvU8Layer.estimate(isa, LayerMethod.BIT_PLANES, g.fanIn(), g.outChannels());
    long addSub = ConvU8Layer.estimate(isa, LayerMethod.ADD_SUB, g.fanIn(), g.outChannels());
    if (planes < 0) {
      return Optional.empty();
    }
    U8Method choice = ConvU8Layer.method(isa, conv) == LayerMethod.BIT_PLANES ? U8Method.BIT_PLANES : U8Method.ADD_SUB;
    return Optional.of(new U8Method.Estimate(planes * g.outPixels(), addSub * g.outPixels(), choice));
  }

  /** Words of bit planes a network with maps keeps in the frame: those of a u8 conv2d's large window, if any. */
  private static int convPlaneWords(Isa isa, Network network) {
    return network.input().kind() == InputKind.U8 && network.layers().get(0) instanceof ConvLayer conv
        ? ConvU8Layer.planeWords(isa, conv) : 0;
  }

  private static boolean hasMaps(Network network) {
    return network.layers().stream().anyMatch(l -> l.kind() != Layer.Kind.DENSE);
  }

  /**
   * How the map that {@code consumer} reads is laid out: with the border of a {@code same}
   * convolution's pad pixels, else without border.
   */
  private static MapLayout layoutFor(Layer consumer, MapShape shape) {
    if (consumer instanceof ConvLayer conv && conv.geometry().padding().mode() == Padding.Mode.SAME) {
      ConvGeometry g = conv.geometry();
      int before = g.padBefore();
      return MapLayout.padded(shape, before, g.padTotal() - before, g.padding().value());
    }
    return MapLayout.plain(shape);
  }

  /** The layout of the map layer {@code i} of {@code network} produces (read by layer i + 1). */
  private static MapLayout producedLayout(Network network, int i, MapShape shape) {
    return layoutFor(network.layers().get(i + 1), shape);
  }

  /** Words of the largest buffer a network with feature maps needs: maps, staging copies, vectors. */
  private static int mapBufferWords(Network network) {
    List<Layer> layers = network.layers();
    int words = 1;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      switch (layer.kind()) {
        case DENSE -> words = Math.max(words, BitMatrix.wordsFor(layer.outputs()));
        case CONV2D -> {
          ConvLayer conv = (ConvLayer) layer;
          words = Math.max(words, producedLayout(network, i, conv.out()).words());
          if (i == 0) {
            words = Math.max(words, conv.inputKind() == InputKind.U8
                ? (ConvU8Layer.stagingBytes(conv) + 3) / 4 : layoutFor(conv, conv.in()).words());
          }
        }
        case MAXPOOL -> words = Math.max(words, producedLayout(network, i, ((PoolLayer) layer).out()).words());
        case FLATTEN -> words = Math.max(words, BitMatrix.wordsFor(layer.outputs()) + 1);
      }
    }
    return words;
  }

  /** Lowers {@code network} for {@code isa}; throws {@link ExecutorUnavailableException} if it is too large. */
  public static LoweredKernel lower(Network network, Isa isa) {
    return new IlToRiscv(network, isa).run();
  }

  private boolean bitPlanes() {
    return u8Method.map(e -> e.choice() == U8Method.BIT_PLANES).orElse(false);
  }

  /**
   * Whether the kernel transposes the whole input into bit planes itself (the XBNN2 unit does it in
   * wiring; a u8 conv2d transposes each window itself, {@link ConvU8Layer}).
   */
  private boolean transposes() {
    return bitPlanes() && !isa.hasPlaneUnit() && !hasMaps(network);
  }

  private LoweredKernel run() {
    // The body first: the prologue saves only the callee-saved registers it writes.
    boolean u8 = network.input().kind() == InputKind.U8;
    if (transposes()) {
      new BitPlaneLayer(kernel).transpose(name, network.inputSize());
    }
    // Where the current layer's input is: the caller's vector (-1) or an activation buffer.
    int source = -1;
    int index = 1;
    List<Layer> layers = network.layers();
    if (!layers.isEmpty() && layers.get(0) instanceof ConvLayer first && first.inputKind() == InputKind.BIPOLAR) {
      // The packed image into pixel words in the second buffer; the convolution writes the first.
      String label = name + "_image";
      long before = a.instructions();
      new MapRepack(kernel).unpackImage(label, layoutFor(first, first.in()), kernel.frame.act1());
      layerInfos.add(new LoweredKernel.LayerInfo(label, first.inputs(), first.inputs(), false, LayerMethod.REPACK, 0,
          a.instructions() - before));
      source = kernel.frame.act1();
    }
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      int target = kernel.frame.otherBuffer(source);
      boolean onU8 = index == 1 && u8;
      String label = name + "_layer" + index;
      long before = a.instructions();
      switch (layer.kind()) {
        case DENSE -> {
          DenseLayer dense = (DenseLayer) layer;
          emit(new LayerCode(label, dense.dense().weights(), dense.threshold().table(), null, source, target), onU8,
              layer.inputs(), layer.outputs());
        }
        case CONV2D -> {
          ConvLayer conv = (ConvLayer) layer;
          MapLayout out = producedLayout(network, i, conv.out());
          ConvGeometry g = conv.geometry();
          int words;
          LayerMethod method = onU8 ? ConvU8Layer.method(isa, conv) : LayerMethod.XNOR_POP;
          if (onU8) {
            new ConvU8Layer(kernel).emit(label, conv, kernel.frame.act1(), out, target);
            words = BitMatrix.wordsFor(g.fanIn());
          } else {
            new ConvXnorPopLayer(kernel).emit(label, conv, layoutFor(conv, conv.in()), source, out, target);
            words = g.kernel() * g.kernel() * BitMatrix.wordsFor(g.inChannels());
          }
          layerInfos.add(new LoweredKernel.LayerInfo(label, layer.inputs(), layer.outputs(), onU8,
              method, g.outChannels() * words * g.outPixels(),
              a.instructions() - before));
        }
        case MAXPOOL -> {
          PoolLayer pool = (PoolLayer) layer;
          new OrPoolLayer(kernel).emit(label, pool, layoutFor(pool, pool.in()), source,
              producedLayout(network, i, pool.out()), target);
          layerInfos.add(new LoweredKernel.LayerInfo(label, layer.inputs(), layer.outputs(), false,
              LayerMethod.OR_POOL, 0, a.instructions() - before));
        }
        case FLATTEN -> {
          FlattenLayer flatten = (FlattenLayer) layer;
          if (MapRepack.sameWords(flatten.in())) {
            target = source; // the pixel words are already the vector's words
          } else {
            new MapRepack(kernel).flatten(label, layoutFor(flatten, flatten.in()), source, target);
            layerInfos.add(new LoweredKernel.LayerInfo(label, layer.inputs(), layer.outputs(), false,
                LayerMethod.REPACK, 0, a.instructions() - before));
          }
        }
      }
      source = target;
      index++;
    }
    var scores = network.scores();
    emit(new LayerCode(name + "_scores", scores.weights(), null, scores.bias(), source, 0), network.layers().isEmpty() && u8,
        scores.inputs(), scores.classes());
    KernelArgmax.emit(kernel, name, network.classes());
    return new LoweredKernel(name, isa, function(a.text()), functionName(), kernel.frame.size(), 4 * rodataWords(),
        layerInfos, inputBytes(), u8Method);
  }

  /** Emits one layer by the method its input calls for, and records it for the report. */
  private void emit(LayerCode code, boolean u8Input, int inputs, int outputs) {
    LayerMethod method = !u8Input ? LayerMethod.XNOR_POP : bitPlanes() ? LayerMethod.BIT_PLANES : LayerMethod.ADD_SUB;
    LayerEmitter emitter = switch (method) {
      case XNOR_POP -> new XnorPopLayer(kernel);
      case BIT_PLANES -> isa.hasPlaneUnit() ? new PlaneUnitLayer(kernel) : new BitPlaneLayer(kernel);
      case ADD_SUB -> new AddSubLayer(kernel);
      case OR_POOL, REPACK -> throw new IllegalStateException(method + " is not a method of a dense layer");
    };
    long before = a.instructions();
    emitter.emit(code);
    BitMatrix w = code.weights();
    layerInfos.add(new LoweredKernel.LayerInfo(code.label(), inputs, outputs, u8Input, method,
        w.rows() * w.wordsPerRow(), a.instructions() - before));
  }

  private String functionName() {
    return name + "_infer";
  }

  /** The whole assembly: the function (prologue, {@code body}, epilogue), then the .rodata streams. */
  private String function(String body) {
    Frame frame = kernel.frame;
    String function = functionName();
    List<Reg> saved = Frame.SAVED.stream().filter(a.written()::contains).toList();
    AsmBuilder f = new AsmBuilder();
    f.line("# " + function + ": the network '" + name + "' lowered by brain-blitz for " + isa.keyword() + ".");
    f.line("# int " + function + "(const uint8_t *input, int32_t *scores): ilp32, returns the class.");
    f.line("# Input: " + describeInput() + ". Stack: " + frame.size() + " bytes.");
    f.blank();
    f.line("    .text");
    f.directive(".globl", function);
    f.directive(".p2align", "2");
    f.label(function);
    f.addConstant(Reg.SP, Reg.SP, -frame.size(), Reg.T0);
    for (int i = 0; i < saved.size(); i++) {
      f.sw(saved.get(i), frame.saveArea() + 4 * i, Reg.SP);
    }
    f.sw(Reg.A0, frame.slotInput(), Reg.SP);
    f.sw(Reg.A1, frame.slotScores(), Reg.SP);
    f.line(body.stripTrailing());
    for (int i = 0; i < saved.size(); i++) {
      f.lw(saved.get(i), frame.saveArea() + 4 * i, Reg.SP);
    }
    f.addConstant(Reg.SP, Reg.SP, frame.size(), Reg.T0);
    f.ret();
    f.label(function + "_end");
    f.blank();

    f.directive(".section", ".rodata");
    f.directive(".p2align", "2");
    for (RodataStream s : kernel.streams()) {
      f.label(s.label());
      f.words(s.words(), s.comment());
    }
    return f.text();
  }

  private int rodataWords() {
    return kernel.streams().stream().mapToInt(s -> s.words().size()).sum();
  }

  private int inputBytes() {
    int n = network.inputSize();
    return network.input().kind() == InputKind.U8 ? n : 4 * BitMatrix.wordsFor(n);
  }

  private String describeInput() {
    int n = network.inputSize();
    return network.input().kind() == InputKind.U8
        ? n + " bytes (u8), 4-byte aligned"
        : n + " bipolar elements packed into " + BitMatrix.wordsFor(n) + " little-endian 32-bit words";
  }
}
