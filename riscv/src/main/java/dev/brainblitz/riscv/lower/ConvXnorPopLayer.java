package dev.brainblitz.riscv.lower;

import static dev.brainblitz.riscv.isa.Opcode.ADDI;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.ConvLayer;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import java.util.ArrayList;
import java.util.List;

/**
 * A convolution on a binary map ({@link LayerMethod#XNOR_POP}), directly on the channel-packed
 * words: per output pixel the K*K*wordsPerPixel words of its window (at constant offsets from the
 * window's top-left pixel, the border being part of the source buffer, {@link MapLayout}) go into
 * registers as far as they fit; then, as in {@link XnorPopLayer}, one output word of 32 channels per
 * outer iteration, blocks of channels unrolled, each channel's threshold bit shifted into the word as
 * soon as its count is known. No im2col buffer.
 *
 * <p>Weights: per output channel its K*K taps, each tap's C bits in whole words (the channels of a
 * tap in the order of a pixel's words, unused high bits 0), then the constant. The unused bits agree
 * (XNOR) and never disagree (XOR), so raw = acc + K*K*(32*wordsPerPixel - C), or n - raw.
 */
final class ConvXnorPopLayer {
  private final KernelContext kernel;
  private final AsmBuilder a;

  ConvXnorPopLayer(KernelContext kernel) {
    this.kernel = kernel;
    this.a = kernel.a;
  }

  /** The layer's weight words per output channel, tap by tap ({@code le} rows complemented over the channels). */
  static int[] tapRow(ConvLayer layer, int o) {
    ConvGeometry g = layer.geometry();
    int channels = g.inChannels();
    int perPixel = BitMatrix.wordsFor(channels);
    int taps = g.kernel() * g.kernel();
    BitMatrix w = layer.conv().weights();
    boolean complement = layer.threshold().table().direction(o) == Direction.LE;
    int[] row = new int[taps * perPixel];
    for (int t = 0; t < taps; t++) {
      for (int c = 0; c < channels; c++) {
        if (w.get(o, t * channels + c) != complement) {
          row[t * perPixel + c / 32] |= 1 << (c % 32);
        }
      }
    }
    return row;
  }

  /** Emits the layer reading the map at {@code sp + source} laid out as {@code in}, writing {@code out} at {@code sp + target}. */
  void emit(String label, ConvLayer layer, MapLayout in, int source, MapLayout out, int target) {
    ConvGeometry g = layer.geometry();
    ThresholdTable th = layer.threshold().table();
    XnorPopLayer neurons = new XnorPopLayer(kernel);
    int k = g.kernel();
    int perPixel = in.wordsPerPixel();
    int words = k * k * perPixel;
    int n = g.fanIn();
    int unused = k * k * (32 * perPixel - g.inChannels());
    int rows = g.outChannels();
    boolean agree = kernel.countsAgreements();
    long beta = agree ? -unused : n;
    int neuronBytes = 4 * words + 4;
    if (!AsmBuilder.withinReach(neuronBytes) || !AsmBuilder.withinReach(windowOffset(in, k, words - 1))) {
      throw new ExecutorUnavailableException("conv2d '" + layer.name() + "' has a window of " + words
          + " words spanning " + windowOffset(in, k, words - 1) + " bytes; this lowering reaches 2,047");
    }

    a.blank();
    a.comment(label + ": conv2d " + g.in().text() + " -> " + g.out().text() + ", " + k + "x" + k + " stride "
        + g.stride() + ", " + words + " window words per pixel, threshold bits packed into words");
    kernel.ruleComment(agree ? "c = popcount(xnor(x, w)) over the window words"
        : "c = popcount(x ^ w) over the window words", agree, true);
    a.label(label);
    kernel.fillBorder(out, target, label);
    Regs regs = new Regs();
    Reg ip = regs.take();
    Reg op = regs.take();
    Reg rowEnd = regs.take();
    Reg wp = regs.take();
    Reg iend = regs.take();
    Reg out0 = regs.take();
    Reg acc0 = regs.take();
    Reg acc1 = regs.take();
    Reg oend = rows / 32 > 1 ? regs.take() : null;
    PopcountSteps.SwarConstants swar = !agree
        ? PopcountSteps.SwarConstants.load(a, regs, words <= 7 ? PopcountSteps.BYTE_SUM : PopcountSteps.M8) : null;
    Reg chunkAcc = !agree && words > PopcountSteps.CHUNK ? regs.take() : null;
    int minRing = !agree ? 6 : 4;
    int inRegisters = Math.max(0, Math.min(words, regs.size() - minRing));
    List<Reg> xs = regs.take(inRegisters);
    Ring ring = regs.rest();

    a.addConstant(ip, Reg.SP, source, ip);
    MapLoop loop = MapLoop.open(kernel, label, out, target, op, rowEnd, null);
    for (int i = 0; i < inRegisters; i++) {
      a.lw(xs.get(i), windowOffset(in, k, i), ip);
    }
    PopcountSteps.XSource x = i -> {
      if (i < inRegisters) {
        return xs.get(i);
      }
      Reg r = ring.next();
      a.lw(r, windowOffset(in, k, i), ip);
      return r;
    };
    a.la(wp, label + "_data");
    XnorPopLayer.NeuronCount count = new XnorPopLayer.NeuronCount(words, wp, x, ring, swar, chunkAcc, agree);
    neurons.emitThresholdWords(label, rows, count, acc0, acc1, out0, op, oend, iend);
    if (rows % 32 != 0) {
      a.op(ADDI, op, op, 4);
    }
    int step = 4 * g.stride() * perPixel;
    a.addConstant(ip, ip, step, ring.next());
    loop.close(ip, g.stride() * in.rowBytes(), step, ring.next());

    List<Integer> data = new ArrayList<>();
    for (int j : FoldedConstants.shiftOrder(rows)) {
      addChannel(data, layer, th, j, agree, beta, n);
    }
    kernel.addStream(label + "_data", label + ": per output channel " + words
        + " weight words, tap by tap (le rows complemented), then its constant", data);
  }

  private static void addChannel(List<Integer> data, ConvLayer layer, ThresholdTable th, int j, boolean agree,
      long beta, int n) {
    for (int word : tapRow(layer, j)) {
      data.add(word);
    }
    data.add(FoldedConstants.constant(agree, beta, FoldedConstants.flippedThreshold(th, j, n), 0));
  }

  /** Bytes from the window's top-left pixel to its word {@code i} (tap i / wordsPerPixel). */
  static int windowOffset(MapLayout in, int k, int i) {
    int perPixel = in.wordsPerPixel();
    int tap = i / perPixel;
    return (tap / k) * in.rowBytes() + 4 * ((tap % k) * perPixel + i % perPixel);
  }
}
