package dev.brainblitz.riscv.lower;

import static dev.brainblitz.riscv.isa.Opcode.ADDI;

/**
 * The two loops of a layer writing a map ({@link MapLayout}) pixel by pixel: over the output rows,
 * counted down in a register or, when the body needs every register, in the frame's slot J; over a
 * row's pixels, until the output pointer {@code op} reaches the row's end. Between rows the input
 * pointer skips the rest of its rows (stride) and {@code op} the border columns of the output.
 *
 * <p>Contract: {@link #open} where the loops start; then the pixel body, which moves {@code op} on by
 * the pixel's words and the input pointer by its step; then {@link #close}, once.
 */
final class MapLoop {
  private final KernelContext kernel;
  private final String label;
  private final MapLayout out;
  private final Reg op;
  private final Reg rowEnd;
  private final Reg rows;

  private MapLoop(KernelContext kernel, String label, MapLayout out, Reg op, Reg rowEnd, Reg rows) {
    this.kernel = kernel;
    this.label = label;
    this.out = out;
    this.op = op;
    this.rowEnd = rowEnd;
    this.rows = rows;
  }

  /**
   * Points {@code op} at pixel (0, 0) of {@code out} at {@code sp + target}, sets the row count (in
   * {@code rows}, or in slot J through {@code rowEnd} when {@code rows} is null) and opens both loops.
   */
  static MapLoop open(KernelContext kernel, String label, MapLayout out, int target, Reg op, Reg rowEnd, Reg rows) {
    AsmBuilder a = kernel.a;
    a.addConstant(op, Reg.SP, target + out.offset(0, 0), op);
    int height = out.shape().height();
    if (rows == null) {
      a.li(rowEnd, height);
      a.sw(rowEnd, kernel.frame.slotJ(), Reg.SP);
    } else {
      a.li(rows, height);
    }
    a.label(rowLoop(label));
    a.addConstant(rowEnd, op, rowPixelBytes(out), rowEnd);
    a.label(pixelLoop(label));
    return new MapLoop(kernel, label, out, op, rowEnd, rows);
  }

  /**
   * Closes both loops: the next pixel until {@code op} is at the row's end; then {@code ip} (null:
   * none) moves from where a row's pixels left it to the next output row's input, {@code inRowStep}
   * bytes after the row's start ({@code inPixelStep}: its advance per pixel), {@code op} skips the
   * border and the row count goes down. {@code scratch}: for offsets beyond 12 bits and the count in slot J.
   */
  void close(Reg ip, int inRowStep, int inPixelStep, Reg scratch) {
    AsmBuilder a = kernel.a;
    a.loopBack(op, rowEnd, pixelLoop(label));
    int width = out.shape().width();
    int inSkip = ip == null ? 0 : inRowStep - width * inPixelStep;
    int outSkip = out.rowBytes() - rowPixelBytes(out);
    if (inSkip != 0) {
      a.addConstant(ip, ip, inSkip, scratch);
    }
    if (outSkip != 0) {
      a.addConstant(op, op, outSkip, scratch);
    }
    if (rows == null) {
      a.lw(scratch, kernel.frame.slotJ(), Reg.SP);
      a.op(ADDI, scratch, scratch, -1);
      a.sw(scratch, kernel.frame.slotJ(), Reg.SP);
      a.loopBack(scratch, Reg.ZERO, rowLoop(label));
    } else {
      a.op(ADDI, rows, rows, -1);
      a.loopBack(rows, Reg.ZERO, rowLoop(label));
    }
  }

  /** Bytes of a row's pixels, border excluded. */
  private static int rowPixelBytes(MapLayout out) {
    return 4 * out.shape().width() * out.wordsPerPixel();
  }

  private static String rowLoop(String label) {
    return ".L" + label + "_row";
  }

  private static String pixelLoop(String label) {
    return ".L" + label + "_pixel";
  }
}
