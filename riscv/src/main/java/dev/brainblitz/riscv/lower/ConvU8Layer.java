package dev.brainblitz.riscv.lower;

import static dev.brainblitz.riscv.isa.Opcode.ADD;
import static dev.brainblitz.riscv.isa.Opcode.ADDI;
import static dev.brainblitz.riscv.isa.Opcode.AND;
import static dev.brainblitz.riscv.isa.Opcode.BPACC;
import static dev.brainblitz.riscv.isa.Opcode.BPPUSH;
import static dev.brainblitz.riscv.isa.Opcode.CPOP;
import static dev.brainblitz.riscv.isa.Opcode.OR;
import static dev.brainblitz.riscv.isa.Opcode.SB;
import static dev.brainblitz.riscv.isa.Opcode.SLLI;
import static dev.brainblitz.riscv.isa.Opcode.SRAI;
import static dev.brainblitz.riscv.isa.Opcode.SUB;
import static dev.brainblitz.riscv.isa.Opcode.XNOR;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.ConvLayer;
import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import java.util.ArrayList;
import java.util.List;

/**
 * A convolution on the u8 input, by {@link LayerMethod#ADD_SUB} or {@link LayerMethod#BIT_PLANES},
 * whichever {@link #estimate} finds cheaper ({@link #method}). With {@code same V} padding (K > S) the image is
 * first copied into a byte buffer with a border of V (so that every window is at constant offsets
 * from its top-left byte); per output pixel the window's K*K*C bytes go into registers as far as they
 * fit and their sum S is formed; per output channel, as in {@link AddSubLayer}, each weight bit
 * becomes a mask (slli to the sign, srai) on its byte, A is the sum of the bytes weighted +1, and
 * acc = 2 A - S. By bit planes the window's bytes (at most 32) are gathered into 8 words once per
 * pixel and transposed in registers ({@link BitPlanes}) or, with the XBNN2 unit, pushed into it, and
 * each output channel is one weight word and the Horner sum of its 8 plane counts, or one
 * {@code bpacc} ({@link BitPlaneLayer}'s and {@link PlaneUnitLayer}'s rule). A window of more than
 * 32 bytes (up to {@link #MAX_CHUNKS} chunks of 32) goes through bit planes chunk by chunk: each
 * chunk gathered and transposed in registers, its 8 planes stored in the frame ({@link Frame#planes});
 * per output channel its chunk weight words are loaded into the (then free) plane registers and the
 * Horner sum runs over planes and chunks, the planes loaded next to their use (the XBNN2 unit, which
 * holds one chunk, is not used there). Either way the threshold bit is shifted into the output
 * word. Weights: per output channel its row in the IL's column order (tap-major, channels
 * innermost: the order of the window's bytes), or its plane-order words, then the constant.
 */
final class ConvU8Layer {
  /**
   * The most 32-byte chunks of a window by bit planes: a window of more than one chunk keeps its
   * planes in the frame and a channel's weight words in the 8 plane registers.
   */
  static final int MAX_CHUNKS = 8;

  private final KernelContext kernel;
  private final AsmBuilder a;

  ConvU8Layer(KernelContext kernel) {
    this.kernel = kernel;
    this.a = kernel.a;
  }

  /**
   * Estimated instructions per output pixel of a u8 conv2d with {@code n} window bytes and
   * {@code outputs} channels by {@code method} on {@code isa}, or -1 where it is not generated.
   * Add/sub: the window's bytes loaded and summed (2 per byte), then per channel 4 per byte (5 past
   * the 15 bytes held in registers) and 8 around them. Bit planes, windows of at most 32 bytes: the
   * bytes gathered into 8 words (3 per byte) and, without the XBNN2 unit, transposed in registers
   * (72: {@link BitPlanes#transpose8}); per channel 15 (xbnn: {@code xnorpop}, then per plane
   * {@code add acc,acc,acc} and {@code xnorpopacc}) or 30 (Zbb: {@code xnor}, {@code cpop} and the
   * Horner step) or, with the unit, 1 ({@code bpacc}, after 4 pushes per pixel), and 7 around them.
   * Bit planes, windows of 2 to 8 chunks of 32 bytes: per pixel 3 per byte and, per chunk, the
   * transpose and 8 stores (80) plus 3; per channel and chunk its weight word and 8 plane loads with
   * 8 {@code xnorpop}/{@code xnorpopacc} (17, xbnn and xbnn2) or 8 {@code xnor}, {@code cpop},
   * {@code add} (33, Zbb), then the 7 Horner adds and 7 around them.
   * rv32im's SWAR popcount makes bit planes dearer than add/sub: not generated there.
   */
  static long estimate(Isa isa, LayerMethod method, int n, int outputs) {
    return switch (method) {
      case ADD_SUB -> 2L * n + 2 + outputs * (4L * n + Math.max(0, n - 15) + 8);
      case BIT_PLANES -> {
        int chunks = chunks(n);
        if (chunks > MAX_CHUNKS) {
          yield -1;
        }
        if (chunks > 1) {
          // Per chunk and pixel: the transpose and 8 stores; per channel and chunk a weight word and
          // 8 plane loads with 8 xnorpop(acc) (xbnn, xbnn2) or 8 xnor, cpop, add (Zbb); 7 Horner adds.
          yield switch (isa) {
            case RV32IM -> -1;
            case RV32IM_ZBB -> 3L * n + 80L * chunks + 3 + outputs * (33L * chunks + 7 + 7);
            case RV32IM_XBNN, RV32IM_XBNN2 -> 3L * n + 80L * chunks + 3 + outputs * (17L * chunks + 7 + 7);
          };
        }
        yield switch (isa) {
          case RV32IM -> -1;
          case RV32IM_ZBB -> 3L * n + 74 + outputs * (30L + 7);
          case RV32IM_XBNN -> 3L * n + 74 + outputs * (15L + 7);
          case RV32IM_XBNN2 -> 3L * n + 6 + outputs * (1L + 7);
        };
      }
      case XNOR_POP, OR_POOL, REPACK -> -1;
    };
  }

  /** The method of a u8 conv2d on {@code isa}: the cheaper of add/sub and bit planes by {@link #estimate}. */
  static LayerMethod method(Isa isa, ConvLayer layer) {
    int n = layer.geometry().fanIn();
    int outputs = layer.geometry().outChannels();
    long planes = estimate(isa, LayerMethod.BIT_PLANES, n, outputs);
    return planes >= 0 && planes < estimate(isa, LayerMethod.ADD_SUB, n, outputs) ? LayerMethod.BIT_PLANES
        : LayerMethod.ADD_SUB;
  }

  /** The 32-byte chunks of a window of {@code n} bytes. */
  static int chunks(int n) {
    return (n + 31) / 32;
  }

  /**
   * Words of the frame's plane buffer the layer needs: 8 per chunk when its window of more than one
   * chunk goes through bit planes on {@code isa}, else 0.
   */
  static int planeWords(Isa isa, ConvLayer layer) {
    int chunks = chunks(layer.geometry().fanIn());
    return chunks > 1 && method(isa, layer) == LayerMethod.BIT_PLANES ? 8 * chunks : 0;
  }

  /** Bytes of the padded copy of the image; 0 when the image has no border and is read in place. */
  static int stagingBytes(ConvLayer layer) {
    ConvGeometry g = layer.geometry();
    return padded(g) ? stagingBytes(g) : 0;
  }

  /** Whether the image needs a border: {@code same} with K > S (else no row or column is padded). */
  private static boolean padded(ConvGeometry g) {
    return g.padding().mode() == Padding.Mode.SAME && g.kernel() > g.stride();
  }

  /**
   * Emits the layer reading the caller's bytes (through a padded copy at {@code sp + staging} for
   * {@code same}), writing {@code out} at {@code sp + target}.
   */
  void emit(String label, ConvLayer layer, int staging, MapLayout out, int target) {
    boolean planes = method(kernel.isa, layer) == LayerMethod.BIT_PLANES;
    ConvGeometry g = layer.geometry();
    int chunks = chunks(g.fanIn());
    boolean unit = planes && kernel.isa.hasPlaneUnit() && chunks == 1;
    boolean framePlanes = planes && chunks > 1;
    ThresholdTable th = layer.threshold().table();
    int k = g.kernel();
    int channels = g.inChannels();
    int n = g.fanIn();
    int weightWords = BitMatrix.wordsFor(n);
    int neuronBytes = 4 * weightWords + 4;
    boolean padded = padded(g);
    int border = padded ? k - g.stride() : 0;
    int before = g.padBefore();
    int rowBytes = (g.inWidth() + border) * channels;
    if (!AsmBuilder.withinReach(neuronBytes) || !AsmBuilder.withinReach((long) (k - 1) * rowBytes + k * channels)) {
      throw new ExecutorUnavailableException("conv2d '" + layer.name() + "' has a window of " + n
          + " bytes spanning more than 12-bit offsets; this lowering reaches 2,047 bytes");
    }
    a.blank();
    a.comment(label + ": conv2d on u8 " + g.in().text() + " -> " + g.out().text() + ", " + k + "x" + k + " stride "
        + g.stride() + " " + g.padding().text(layer.inputKind()) + ", "
        + (unit ? "bit planes (XBNN2 unit)" : framePlanes ? "bit planes (" + chunks + " chunks, planes in the frame)"
        : planes ? "bit planes" : "add/sub")
        + " over " + n + " window bytes, threshold bits packed into words");
    kernel.ruleComment(unit ? "c = sum_b 2^b popcount(xnor(plane_b, w)), by bpacc on the window's chunk"
        : framePlanes ? "c = sum_b 2^b sum_q popcount(xnor(plane_bq, w_q)) over the window's " + chunks
            + " chunks (Horner)"
        : planes ? "c = sum_b 2^b popcount(xnor(plane_b, w)) over the window's 8 plane words (Horner)"
        : "c = 2 A - S (A: sum of the window bytes weighted +1, S: sum of the window)", true, true);
    a.label(label);
    kernel.fillBorder(out, target, label);
    if (padded) {
      copyPadded(label, g, staging);
    }
    Regs regs = new Regs();
    Reg ip = regs.take();
    Reg op = regs.take();
    Reg rowEnd = regs.take();
    Reg wp = regs.take();
    Reg iend = regs.take();
    Reg word = regs.take();
    Reg sum = regs.take();
    Reg acc = regs.take();
    Reg weights = regs.take();
    if (padded) {
      a.addConstant(ip, Reg.SP, staging, ip);
    } else {
      a.lw(ip, kernel.frame.slotInput(), Reg.SP);
    }
    List<Reg> planeRegs = planes && !unit ? regs.take(8) : List.of();
    List<Reg> masks = planes && !unit ? regs.take(3) : List.of();
    if (planes && !unit) {
      a.li(masks.get(0), 0x0f0f0f0f);
      a.li(masks.get(1), 0x33333333);
      a.li(masks.get(2), 0x55555555);
    }
    Reg pp = framePlanes ? regs.take() : null;
    if (framePlanes) {
      a.addConstant(pp, Reg.SP, kernel.frame.planes(), pp);
    }
    int inRegisters = planes ? 0 : Math.max(0, Math.min(n, regs.size() - 4));
    List<Reg> xs = regs.take(inRegisters);
    Ring ring = regs.rest();

    MapLoop loop = MapLoop.open(kernel, label, out, target, op, rowEnd, null);
    if (unit) {
      pushWindow(n, k, channels, rowBytes, ip, ring);
    } else if (planes) {
      for (int q = 0; q < chunks; q++) {
        gatherWindow(n, 32 * q, k, channels, rowBytes, ip, planeRegs, ring);
        BitPlanes.transpose8(a, planeRegs, masks.get(0), masks.get(1), masks.get(2), ring);
        if (framePlanes) {
          for (int b = 0; b < 8; b++) {
            a.sw(planeRegs.get(b), 4 * (8 * q + b), pp);
          }
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        Reg x = i < inRegisters ? xs.get(i) : ring.next();
        a.lbu(x, byteOffset(i, k, channels, rowBytes), ip);
        if (i == 0) {
          a.mv(sum, x);
        } else {
          a.op(ADD, sum, sum, x);
        }
      }
    }
    a.la(wp, label + "_data");
    int outWords = out.wordsPerPixel();
    for (int o = 0; o < outWords; o++) {
      int count = Math.min(32, g.outChannels() - 32 * o);
      String channelLoop = ".L" + label + "_channel" + o;
      a.li(word, 0);
      a.addConstant(iend, wp, count * neuronBytes, ring.next());
      a.label(channelLoop);
      if (unit) {
        a.lw(weights, 0, wp);
        a.op(BPACC, acc, weights, Reg.ZERO);
      } else if (framePlanes) {
        // The plane registers are free once the window's planes are in the frame: the weight words.
        for (int q = 0; q < chunks; q++) {
          a.lw(planeRegs.get(q), 4 * q, wp);
        }
        countFramePlanes(acc, planeRegs.subList(0, chunks), pp, ring);
      } else if (planes) {
        a.lw(weights, 0, wp);
        countPlanes(acc, weights, planeRegs, ring);
      } else {
        for (int i = 0; i < n; i++) {
          if (i % 32 == 0) {
            a.lw(weights, 4 * (i / 32), wp);
          }
          Reg x;
          if (i < inRegisters) {
            x = xs.get(i);
          } else {
            x = ring.next();
            a.lbu(x, byteOffset(i, k, channels, rowBytes), ip);
          }
          Reg t = i == 0 ? acc : ring.next();
          a.op(SLLI, t, weights, 31 - i % 32);
          a.op(SRAI, t, t, 31);
          a.op(AND, t, t, x);
          if (i > 0) {
            a.op(ADD, acc, acc, t);
          }
        }
        a.op(SLLI, acc, acc, 1);
        a.op(SUB, acc, acc, sum);
      }
      kernel.shiftInThresholdBit(word, acc, 4 * weightWords, wp, ring, true);
      a.op(ADDI, wp, wp, neuronBytes);
      a.loopBack(wp, iend, channelLoop);
      a.sw(word, 4 * o, op);
    }
    a.op(ADDI, op, op, 4 * outWords);
    int step = g.stride() * channels;
    a.addConstant(ip, ip, step, ring.next());
    loop.close(ip, g.stride() * rowBytes, step, ring.next());

    List<Integer> data = new ArrayList<>();
    for (int j : FoldedConstants.shiftOrder(g.outChannels())) {
      long ones = 0;
      int[] row = FoldedConstants.storedRow(layer.conv().weights(), th, j);
      if (planes && !unit) {
        // The transposed window's bit order (BitPlanes): bit 8i + m of plane word q is window byte 32q + 4m + i.
        int[] words = new int[chunks];
        for (int q = 0; q < chunks; q++) {
          words[q] = BitPlanes.planeWord(row, n, q);
        }
        row = words;
      }
      for (int w : row) {
        data.add(w);
        ones += Integer.bitCount(w);
      }
      // Bit planes count all 32 positions of each word: acc = c + 255 (pop(w) - 32 words) (BitPlaneLayer); add/sub: acc = c.
      long beta = planes ? 255 * (ones - 32L * row.length) : 0;
      data.add(FoldedConstants.constant(true, beta, FoldedConstants.flippedThreshold(th, j, 0), 0));
    }
    kernel.addStream(label + "_data", label + ": per output channel " + weightWords
        + (weightWords == 1 ? " weight word" : " weight words") + " (le rows complemented), then its constant", data);
  }

  /**
   * The window's n (at most 32) bytes into the XBNN2 unit: byte i of the chunk is window byte i
   * (tap-major, channels innermost: the weights' column order), zeros after, in 4 pushes.
   */
  private void pushWindow(int n, int k, int channels, int rowBytes, Reg ip, Ring ring) {
    Reg[] chunk = new Reg[8];
    for (int m = 0; m < 8; m++) {
      int bytes = Math.max(0, Math.min(4, n - 4 * m));
      if (bytes == 0) {
        chunk[m] = Reg.ZERO;
      } else {
        Reg word = ring.next();
        chunk[m] = word;
        a.lbu(word, byteOffset(4 * m, k, channels, rowBytes), ip);
        for (int i = 1; i < bytes; i++) {
          Reg t = ring.next();
          a.lbu(t, byteOffset(4 * m + i, k, channels, rowBytes), ip);
          a.op(SLLI, t, t, 8 * i);
          a.op(OR, word, word, t);
        }
      }
      if (m % 2 == 1) {
        a.push(BPPUSH, chunk[m - 1], chunk[m]);
      }
    }
  }

  /**
   * The 32 window bytes from {@code first} on into 8 words, byte first + i in byte lane i mod 4 of
   * word i / 4, zeros past the window's n bytes.
   */
  private void gatherWindow(int n, int first, int k, int channels, int rowBytes, Reg ip, List<Reg> words, Ring ring) {
    for (int m = 0; m < 8; m++) {
      int bytes = Math.max(0, Math.min(4, n - first - 4 * m));
      Reg word = words.get(m);
      if (bytes == 0) {
        a.li(word, 0);
        continue;
      }
      a.lbu(word, byteOffset(first + 4 * m, k, channels, rowBytes), ip);
      for (int i = 1; i < bytes; i++) {
        Reg t = ring.next();
        a.lbu(t, byteOffset(first + 4 * m + i, k, channels, rowBytes), ip);
        a.op(SLLI, t, t, 8 * i);
        a.op(OR, word, word, t);
      }
    }
  }

  /**
   * acc = sum_b 2^b popcount(xnor(plane_b, w)) by Horner from plane 7 down: on xbnn {@code xnorpop}
   * then per plane {@code add acc,acc,acc} and {@code xnorpopacc}; on Zbb {@code xnor}, {@code cpop}
   * and the adds.
   */
  private void countPlanes(Reg acc, Reg w, List<Reg> planes, Ring ring) {
    for (int b = 7; b >= 0; b--) {
      if (b < 7) {
        a.op(ADD, acc, acc, acc);
      }
      if (kernel.isa == Isa.RV32IM_XBNN) {
        a.xnorpop(b < 7, acc, planes.get(b), w);
      } else {
        Reg t = b == 7 ? acc : ring.next();
        a.op(XNOR, t, planes.get(b), w);
        a.op(CPOP, t, t);
        if (b < 7) {
          a.op(ADD, acc, acc, t);
        }
      }
    }
  }

  /**
   * acc = sum_b 2^b sum_q popcount(xnor(plane_bq, w_q)) by Horner from plane 7 down, plane b of
   * chunk q loaded from {@code pp + 4 (8q + b)}: on xbnn and xbnn2 {@code xnorpop} then
   * {@code xnorpopacc}, on Zbb {@code xnor}, {@code cpop} and the adds.
   */
  private void countFramePlanes(Reg acc, List<Reg> w, Reg pp, Ring ring) {
    boolean zbb = kernel.isa == Isa.RV32IM_ZBB;
    for (int b = 7; b >= 0; b--) {
      if (b < 7) {
        a.op(ADD, acc, acc, acc);
      }
      for (int q = 0; q < w.size(); q++) {
        boolean first = b == 7 && q == 0;
        Reg plane = ring.next();
        a.lw(plane, 4 * (8 * q + b), pp);
        if (!zbb) {
          a.xnorpop(!first, acc, plane, w.get(q));
        } else {
          Reg t = first ? acc : ring.next();
          a.op(XNOR, t, plane, w.get(q));
          a.op(CPOP, t, t);
          if (!first) {
            a.op(ADD, acc, acc, t);
          }
        }
      }
    }
  }

  /** Bytes from the window's top-left byte to its byte {@code i} (tap i / C, channel i mod C). */
  private static int byteOffset(int i, int k, int channels, int rowBytes) {
    int tap = i / channels;
    return (tap / k) * rowBytes + (tap % k) * channels + i % channels;
  }

  /**
   * Copies the image's rows into the interior of the staging buffer and stores the pad byte into its
   * border, and only there: the bytes before the first row (the rows above and its left border),
   * after each row (its right border and the next row's left border; after the last row, with the
   * rows below). The rows are copied 4, 2 or 1 bytes per iteration, whichever divides a row.
   */
  private void copyPadded(String label, ConvGeometry g, int staging) {
    Regs regs = new Regs();
    Reg p = regs.take();
    Reg end = regs.take();
    Reg src = regs.take();
    Reg rows = regs.take();
    List<Reg> values = regs.take(4);
    Reg padByte = g.padding().value() == 0 ? Reg.ZERO : regs.take();
    int channels = g.inChannels();
    int border = g.kernel() - g.stride();
    int before = g.padBefore();
    int after = border - before;
    int rowBytes = (g.inWidth() + border) * channels;
    int imageRow = g.inWidth() * channels;
    int gap = border * channels;
    // The last row's gap reaches into the rows below (before <= after: floor((K - S) / 2) pad above).
    int below = after * rowBytes - before * channels;
    if (below < 0) {
      throw new IllegalStateException("conv2d '" + label + "': a border of " + before + " before and " + after
          + " after");
    }
    if (padByte != Reg.ZERO) {
      a.li(padByte, g.padding().value() & 0xff);
    }
    a.addConstant(p, Reg.SP, staging, p);
    padRun(p, before * rowBytes + before * channels, padByte, end, ".L" + label + "_stagetop");
    a.lw(src, kernel.frame.slotInput(), Reg.SP);
    a.li(rows, g.inHeight());
    String rowLoop = ".L" + label + "_copyrow";
    String byteLoop = ".L" + label + "_copybyte";
    int unroll = imageRow % 4 == 0 ? 4 : imageRow % 2 == 0 ? 2 : 1;
    a.label(rowLoop);
    a.addConstant(end, src, imageRow, end);
    a.label(byteLoop);
    // All loads before the stores: a store may not move above a load (they could alias).
    for (int i = 0; i < unroll; i++) {
      a.lbu(values.get(i), i, src);
    }
    for (int i = 0; i < unroll; i++) {
      a.store(SB, values.get(i), i, p);
    }
    a.op(ADDI, src, src, unroll);
    a.op(ADDI, p, p, unroll);
    a.loopBack(src, end, byteLoop);
    padRun(p, gap, padByte, end, ".L" + label + "_stageside");
    a.op(ADDI, rows, rows, -1);
    a.loopBack(rows, Reg.ZERO, rowLoop);
    padRun(p, below, padByte, end, ".L" + label + "_stagebottom");
  }

  /** Stores {@code bytes} pad bytes from {@code p} on (a loop beyond 8), leaving {@code p} just after them. */
  private void padRun(Reg p, int bytes, Reg padByte, Reg end, String loop) {
    if (bytes == 0) {
      return;
    }
    if (bytes <= 8) {
      for (int i = 0; i < bytes; i++) {
        a.store(SB, padByte, i, p);
      }
      a.op(ADDI, p, p, bytes);
      return;
    }
    a.addConstant(end, p, bytes, end);
    a.label(loop);
    a.store(SB, padByte, 0, p);
    a.op(ADDI, p, p, 1);
    a.loopBack(p, end, loop);
  }

  private static int stagingBytes(ConvGeometry g) {
    int border = g.kernel() - g.stride();
    return (g.inHeight() + border) * (g.inWidth() + border) * g.inChannels();
  }
}
