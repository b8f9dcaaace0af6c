package dev.brainblitz.riscv.lower;

import static dev.brainblitz.riscv.isa.Opcode.ADD;
import static dev.brainblitz.riscv.isa.Opcode.ADDI;
import static dev.brainblitz.riscv.isa.Opcode.AND;
import static dev.brainblitz.riscv.isa.Opcode.ANDI;
import static dev.brainblitz.riscv.isa.Opcode.BGE;
import static dev.brainblitz.riscv.isa.Opcode.OR;
import static dev.brainblitz.riscv.isa.Opcode.SLL;
import static dev.brainblitz.riscv.isa.Opcode.SLLI;
import static dev.brainblitz.riscv.isa.Opcode.SRL;
import static dev.brainblitz.riscv.isa.Opcode.SRLI;
import static dev.brainblitz.riscv.isa.Opcode.SUB;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.MapShape;

/**
 * The two re-packings between a vector (element (y, x, c) at bit {@code (y * W + x) * C + c} of
 * consecutive words) and a map in pixel words ({@link MapLayout}, {@link LayerMethod#REPACK}): a
 * bipolar image the first convolution reads, and a {@code flatten} whose channels do not fill whole
 * words. (When C is a multiple of 32 the two forms are the same words and flatten emits nothing.)
 */
final class MapRepack {
  private final KernelContext kernel;
  private final AsmBuilder a;

  MapRepack(KernelContext kernel) {
    this.kernel = kernel;
    this.a = kernel.a;
  }

  /** Whether the vector form and the pixel words of a border-less map are the same words. */
  static boolean sameWords(MapShape shape) {
    return shape.channels() % 32 == 0;
  }

  /** The caller's packed bipolar image into the map {@code out} at {@code sp + target}, border filled. */
  void unpackImage(String label, MapLayout out, int target) {
    MapShape shape = out.shape();
    int perPixel = out.wordsPerPixel();
    int channels = shape.channels();
    a.blank();
    a.comment(label + ": the bipolar image " + shape.text() + " from packed bits into " + perPixel
        + (perPixel == 1 ? " word" : " words") + " per pixel" + (out.hasBorder() ? ", with its pad border" : ""));
    a.label(label);
    kernel.fillBorder(out, target, label);
    Regs regs = new Regs();
    Reg base = regs.take();
    Reg pos = regs.take();
    Reg op = regs.take();
    Reg rowEnd = regs.take();
    Reg count = regs.take();
    Reg address = regs.take();
    Reg shift = regs.take();
    Reg value = regs.take();
    Reg high = regs.take();
    Reg t = regs.take();
    a.lw(base, kernel.frame.slotInput(), Reg.SP);
    a.li(pos, 0);
    MapLoop loop = MapLoop.open(kernel, label, out, target, op, rowEnd, count);
    for (int w = 0; w < perPixel; w++) {
      int bits = Math.min(32, channels - 32 * w);
      String done = ".L" + label + "_low" + w;
      // bits [pos + 32w, pos + 32w + bits) of the input: from word (pos >> 5) + w and, when they
      // straddle it, the next one (never read past the vector).
      a.op(SRLI, address, pos, 5);
      a.op(SLLI, address, address, 2);
      a.op(ADD, address, address, base);
      a.op(ANDI, shift, pos, 31);
      a.lw(value, 4 * w, address);
      a.op(SRL, value, value, shift);
      a.li(t, 32 - bits);
      a.branch(BGE, t, shift, done);
      a.lw(high, 4 * w + 4, address);
      a.li(t, 32);
      a.op(SUB, t, t, shift);
      a.op(SLL, high, high, t);
      a.op(OR, value, value, high);
      a.label(done);
      if (bits < 32) {
        a.li(t, BitMatrix.lastWordMask(bits));
        a.op(AND, value, value, t);
      }
      a.sw(value, 4 * w, op);
    }
    a.op(ADDI, pos, pos, channels);
    a.addConstant(op, op, 4 * perPixel, t);
    loop.close(null, 0, 0, t);
  }

  /**
   * The border-less map {@code in} at {@code sp + source} into packed vector bits at {@code sp + target}
   * ({@link BitMatrix#wordsFor} of its elements, plus one word the last pixel may spill into).
   */
  void flatten(String label, MapLayout in, int source, int target) {
    MapShape shape = in.shape();
    int perPixel = in.wordsPerPixel();
    int channels = shape.channels();
    int words = BitMatrix.wordsFor(shape.size()) + 1;
    a.blank();
    a.comment(label + ": flatten " + shape.text() + ": " + perPixel + (perPixel == 1 ? " word" : " words")
        + " per pixel into " + shape.size() + " packed bits");
    a.label(label);
    Regs regs = new Regs();
    Reg ip = regs.take();
    Reg end = regs.take();
    Reg pos = regs.take();
    Reg dst = regs.take();
    Reg address = regs.take();
    Reg shift = regs.take();
    Reg value = regs.take();
    Reg t = regs.take();
    Reg word = regs.take();
    a.addConstant(dst, Reg.SP, target, dst);
    a.addConstant(end, dst, 4 * words, end);
    a.mv(address, dst);
    String clear = ".L" + label + "_clear";
    a.label(clear);
    a.sw(Reg.ZERO, 0, address);
    a.op(ADDI, address, address, 4);
    a.loopBack(address, end, clear);
    a.addConstant(ip, Reg.SP, source, ip);
    a.addConstant(end, ip, 4 * shape.pixels() * perPixel, end);
    a.li(pos, 0);
    String loop = ".L" + label + "_pixel";
    a.label(loop);
    for (int w = 0; w < perPixel; w++) {
      // value << shift into word (pos >> 5) + w, value >> (32 - shift) into the next (nothing when shift = 0).
      a.op(SRLI, address, pos, 5);
      a.op(SLLI, address, address, 2);
      a.op(ADD, address, address, dst);
      a.op(ANDI, shift, pos, 31);
      a.lw(value, 4 * w, ip);
      a.op(SLL, t, value, shift);
      a.lw(word, 4 * w, address);
      a.op(OR, word, word, t);
      a.sw(word, 4 * w, address);
      a.op(SRLI, value, value, 1);
      a.li(t, 31);
      a.op(SUB, t, t, shift);
      a.op(SRL, value, value, t);
      a.lw(word, 4 * w + 4, address);
      a.op(OR, word, word, value);
      a.sw(word, 4 * w + 4, address);
    }
    a.op(ADDI, pos, pos, channels);
    a.addConstant(ip, ip, 4 * perPixel, t);
    a.loopBack(ip, end, loop);
  }
}
