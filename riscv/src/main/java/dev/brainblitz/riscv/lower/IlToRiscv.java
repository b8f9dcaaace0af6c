package dev.brainblitz.riscv.lower;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.DenseLayer;
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
    if (network.input().kind() == InputKind.U8) {
      int neurons = network.layers().isEmpty() ? network.classes() : network.layers().get(0).outputs();
      u8Method = Optional.of(U8Method.estimate(isa, network.inputSize(), neurons));
    } else {
      u8Method = Optional.empty();
    }
    this.kernel = new KernelContext(a, isa, Frame.of(network, transposes()));
  }

  /** Lowers {@code network} for {@code isa}; throws {@link ExecutorUnavailableException} if it is too large. */
  public static LoweredKernel lower(Network network, Isa isa) {
    return new IlToRiscv(network, isa).run();
  }

  private boolean bitPlanes() {
    return u8Method.map(e -> e.choice() == U8Method.BIT_PLANES).orElse(false);
  }

  /** Whether the kernel transposes the input into bit planes itself (the XBNN2 unit does it in wiring). */
  private boolean transposes() {
    return bitPlanes() && !isa.hasPlaneUnit();
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
    for (Layer layer : network.layers()) {
      int target = kernel.frame.otherBuffer(source);
      boolean onU8 = index == 1 && u8;
      LayerCode code = switch (layer.kind()) {
        case DENSE -> {
          DenseLayer dense = (DenseLayer) layer;
          yield new LayerCode(name + "_layer" + index, dense.dense().weights(), dense.threshold().table(), null, source,
              target);
        }
        case CONV2D, MAXPOOL, FLATTEN -> throw Network.unsupported(layer, "RISC-V backend");
      };
      emit(code, onU8, layer.inputs(), layer.outputs());
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
