package dev.brainblitz.hdlgen;

import dev.brainblitz.verilog.VerilogWriter;

/**
 * A deeper link, written into the top module (registers {@code q<i>_*}): a FIFO of DEPTH entries in
 * a register array with read and write pointers, behind a convolution whose max-pools hand on
 * pixels in bursts ({@link ConvWindow#LINE}, depth {@link TopModule#linkDepth}). Its handshake is
 * that of {@link LinkFifo}: {@code in_ready} (count < DEPTH) and {@code out_valid} (count > 0) come
 * from registers, and a beat written at an edge is readable after it; so the timing model needs
 * only the depth.
 *
 * <p>In block RAM ({@link #emitRam}, where {@link LineStorage} puts it, {@link TopModule#linkInRam})
 * the entries are a memory with one write port and one registered read port, read one pop ahead:
 * every cycle the read register takes the entry at the read pointer the edge leaves ({@code rd + 1}
 * after a pop, else {@code rd}), so after the edge it holds the head. The one entry the memory cannot
 * give in time is one written at that same edge into that slot (a beat pushed into a queue that is
 * empty after the edge); it is taken from a bypass register loaded with the pushed beat. So what
 * the memory reads on such a collision is never used, and it carries Yosys's {@code no_rw_check}
 * (without it Yosys 0.23 emulates read-old-data with a register of the entry's width and a
 * comparator). The handshake and its timing are those of the register form.
 */
final class LinkQueue {
  private LinkQueue() {}

  /** Declares queue {@code q} as {@link #emit} does, its entries in block RAM. */
  static void emitRam(VerilogWriter w, String q, int width, int depth, String src, String srcData, String dst) {
    int aw = Widths.indexWidth(depth);
    int cw = Widths.unsignedWidth(depth);
    String last = VerilogWriter.hex(aw, depth - 1);
    String zero = VerilogWriter.hex(aw, 0);
    String one = VerilogWriter.hex(aw, 1);
    w.comment("link: a " + depth + "-entry FIFO in block RAM (the pooled pixels come in bursts), read one pop ahead;"
        + " a beat pushed into the slot read at the same edge comes from " + q + "_byp"
        + " (so the memory's value on that collision is never used: no_rw_check)");
    w.line("(* ram_style = \"block\", no_rw_check *)");
    w.line("reg " + VerilogWriter.range(width) + q + "_mem [0:" + (depth - 1) + "];");
    w.reg(width, q + "_head");
    w.reg(width, q + "_byp");
    w.reg(1, q + "_use_byp");
    w.reg(aw, q + "_rd");
    w.reg(aw, q + "_wr");
    w.reg(cw, q + "_count");
    w.line("assign " + src + "_ready = " + q + "_count != " + VerilogWriter.hex(cw, depth) + ";");
    w.line("assign " + dst + "_valid = " + q + "_count != " + VerilogWriter.hex(cw, 0) + ";");
    w.line("assign " + dst + "_data = " + q + "_use_byp ? " + q + "_byp : " + q + "_head;");
    w.wire(1, q + "_push", src + "_valid && " + src + "_ready");
    w.wire(1, q + "_pop", dst + "_valid && " + dst + "_ready");
    w.wire(aw, q + "_rd_step", q + "_rd == " + last + " ? " + zero + " : " + q + "_rd + " + one);
    w.wire(aw, q + "_rd_next", q + "_pop ? " + q + "_rd_step : " + q + "_rd");
    w.open("always @(posedge clk) begin");
    w.open("if (" + q + "_push) begin");
    w.line(q + "_mem[" + q + "_wr] <= " + srcData + ";");
    w.close("end");
    w.line(q + "_head <= " + q + "_mem[" + q + "_rd_next];");
    w.close("end");
    w.open("always @(posedge clk) begin");
    w.line(q + "_byp <= " + srcData + ";");
    w.open("if (rst) begin");
    w.line(q + "_rd <= " + zero + ";").line(q + "_wr <= " + zero + ";").line(q + "_count <= " + VerilogWriter.hex(cw, 0) + ";");
    w.line(q + "_use_byp <= 1'b0;");
    w.close("end else begin");
    w.depthIn();
    w.line(q + "_use_byp <= " + q + "_push && " + q + "_wr == " + q + "_rd_next;");
    w.line(q + "_rd <= " + q + "_rd_next;");
    advanceWrite(w, q, last, zero, one);
    countPushesAndPops(w, q, cw);
    w.depthOut();
    w.line("end");
    w.close("end");
  }

  /** Declares queue {@code q} from stream {@code src} to stream {@code dst} (both {@code _valid/_ready/_data}). */
  static void emit(VerilogWriter w, String q, int width, int depth, String src, String srcData, String dst) {
    int aw = Widths.indexWidth(depth);
    int cw = Widths.unsignedWidth(depth);
    w.comment("link: a " + depth + "-entry FIFO (the pooled pixels come in bursts)");
    if (CostModel.yosysMapsToBlockRam(depth, width)) {
      // in registers as asked (--buffers reg), where Yosys would otherwise take block RAM
      w.line("(* ram_style = \"logic\" *)");
    }
    w.line("reg " + VerilogWriter.range(width) + q + "_mem [0:" + (depth - 1) + "];");
    w.reg(aw, q + "_rd");
    w.reg(aw, q + "_wr");
    w.reg(cw, q + "_count");
    w.line("assign " + src + "_ready = " + q + "_count != " + VerilogWriter.hex(cw, depth) + ";");
    w.line("assign " + dst + "_valid = " + q + "_count != " + VerilogWriter.hex(cw, 0) + ";");
    w.line("assign " + dst + "_data = " + q + "_mem[" + q + "_rd];");
    w.wire(1, q + "_push", src + "_valid && " + src + "_ready");
    w.wire(1, q + "_pop", dst + "_valid && " + dst + "_ready");
    String last = VerilogWriter.hex(aw, depth - 1);
    String zero = VerilogWriter.hex(aw, 0);
    String one = VerilogWriter.hex(aw, 1);
    w.open("always @(posedge clk) begin");
    w.open("if (" + q + "_push) begin");
    w.line(q + "_mem[" + q + "_wr] <= " + srcData + ";");
    w.close("end");
    w.open("if (rst) begin");
    w.line(q + "_rd <= " + zero + ";").line(q + "_wr <= " + zero + ";").line(q + "_count <= " + VerilogWriter.hex(cw, 0) + ";");
    w.close("end else begin");
    w.depthIn();
    advanceWrite(w, q, last, zero, one);
    w.open("if (" + q + "_pop) begin");
    w.line(q + "_rd <= " + q + "_rd == " + last + " ? " + zero + " : " + q + "_rd + " + one + ";");
    w.close("end");
    countPushesAndPops(w, q, cw);
    w.depthOut();
    w.line("end");
    w.close("end");
  }

  /** The write pointer's step after a push, wrapping at the last entry. */
  private static void advanceWrite(VerilogWriter w, String q, String last, String zero, String one) {
    w.open("if (" + q + "_push) begin");
    w.line(q + "_wr <= " + q + "_wr == " + last + " ? " + zero + " : " + q + "_wr + " + one + ";");
    w.close("end");
  }

  /** The entry count: up on a push alone, down on a pop alone. */
  private static void countPushesAndPops(VerilogWriter w, String q, int cw) {
    w.open("if (" + q + "_push && !" + q + "_pop) begin");
    w.line(q + "_count <= " + q + "_count + " + VerilogWriter.hex(cw, 1) + ";");
    w.close("end else if (" + q + "_pop && !" + q + "_push) begin");
    w.depthIn().line(q + "_count <= " + q + "_count - " + VerilogWriter.hex(cw, 1) + ";").depthOut();
    w.line("end");
  }
}
