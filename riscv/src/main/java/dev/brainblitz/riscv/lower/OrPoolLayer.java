package dev.brainblitz.riscv.lower;

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
    MapLoop loop = MapLoop.open(kernel, label, out, target, op, rowEnd, count);
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
    int step = 4 * k * perPixel;
    a.addConstant(ip, ip, step, ring.next());
    a.addConstant(op, op, 4 * perPixel, ring.next());
    loop.close(ip, k * in.rowBytes(), step, ring.next());
  }
}
