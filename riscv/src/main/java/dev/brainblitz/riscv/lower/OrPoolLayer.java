package dev.brainblitz.riscv.lower;

import static dev.brainblitz.riscv.isa.Opcode.ADDI;
import static dev.brainblitz.riscv.isa.Opcode.OR;

import dev.brainblitz.ir.PoolLayer;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;

/**
 * A max-pool ({@link LayerMethod#OR_POOL}): per output pixel and channel word, the OR of the K*K
 * words of its window, loaded at constant offsets from the window's top-left pixel.
 */
final class OrPoolLayer {
  private final KernelContext kernel;
  private final AsmBuilder a;

  OrPoolLayer(KernelContext kernel) {
    this.kernel = kernel;
    this.a = kernel.a;
  }

  void emit(String label, PoolLayer layer, MapLayout in, int source, MapLayout out, int target) {
    int k = layer.size();
    int perPixel = in.wordsPerPixel();
    int outWidth = layer.out().width();
    if (!AsmBuilder.withinReach((long) (k - 1) * in.rowBytes() + 4L * k * perPixel)) {
      throw new ExecutorUnavailableException("maxpool '" + layer.name() + "' has a window spanning more than "
          + "12-bit offsets; this lowering reaches 2,047 bytes");
    }
    a.blank();
    a.comment(label + ": maxpool " + layer.in().text() + " -> " + layer.out().text() + ", OR of " + k + "x" + k
        + " windows, " + perPixel + (perPixel == 1 ? " word" : " words") + " per pixel");
    a.label(label);
    kernel.fillBorder(out, target, label);
    Regs regs = new Regs();
    Reg ip = regs.take();
    Reg op = regs.take();
    Reg rowEnd = regs.take();
    Reg count = regs.take();
    Reg value = regs.take();
    Ring ring = regs.rest();
    a.addConstant(ip, Reg.SP, source, ip);
    a.addConstant(op, Reg.SP, target + out.offset(0, 0), op);
    a.li(count, layer.out().height());
    String rowLoop = ".L" + label + "_row";
    String pixelLoop = ".L" + label + "_pixel";
    a.label(rowLoop);
    a.addConstant(rowEnd, op, 4 * outWidth * perPixel, rowEnd);
    a.label(pixelLoop);
    for (int w = 0; w < perPixel; w++) {
      for (int ky = 0; ky < k; ky++) {
        for (int kx = 0; kx < k; kx++) {
          int offset = ky * in.rowBytes() + 4 * (kx * perPixel + w);
          if (ky == 0 && kx == 0) {
            a.lw(value, offset, ip);
          } else {
            Reg t = ring.next();
            a.lw(t, offset, ip);
            a.op(OR, value, value, t);
          }
        }
      }
      a.sw(value, 4 * w, op);
    }
    a.addConstant(ip, ip, 4 * k * perPixel, ring.next());
    a.addConstant(op, op, 4 * perPixel, ring.next());
    a.loopBack(op, rowEnd, pixelLoop);
    int inSkip = k * in.rowBytes() - 4 * outWidth * k * perPixel;
    int outSkip = out.rowBytes() - 4 * outWidth * perPixel;
    if (inSkip != 0) {
      a.addConstant(ip, ip, inSkip, ring.next());
    }
    if (outSkip != 0) {
      a.addConstant(op, op, outSkip, ring.next());
    }
    a.op(ADDI, count, count, -1);
    a.loopBack(count, Reg.ZERO, rowLoop);
  }
}
