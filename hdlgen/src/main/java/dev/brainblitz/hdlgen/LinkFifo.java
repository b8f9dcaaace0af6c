package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.Network;
import dev.brainblitz.verilog.VerilogWriter;
import dev.brainblitz.verilog.VerilogWriter.Port;
import java.util.List;

/**
 * The link between two engines, module {@code <model>_link}: a FIFO of {@code DEPTH} entries
 * ({@value Widths#LINK_DEPTH} by default, or 1: {@link TopModule#linkDepth}) whose {@code in_ready}
 * and {@code out_valid} come straight from its registers, so no ready path runs combinationally
 * through a link. Two entries let a link pass one beat per cycle although its writer sees "full" one
 * cycle late (a skid buffer); one entry passes a beat every other cycle, which is all a link between
 * engines that each take two or more cycles a vector needs, and costs half the flip-flops and no
 * multiplexer. A beat written at an edge is readable after it.
 */
final class LinkFifo {
  private LinkFifo() {}

  static String name(Network network) {
    return HdlNames.link(network);
  }

  static void emit(VerilogWriter w, Network network) {
    w.comment("Link FIFO: DEPTH entries (1 or " + Widths.LINK_DEPTH + "), registered in_ready and out_valid; head is the oldest entry.");
    w.module(name(network), List.of("WIDTH = 1", "DEPTH = " + Widths.LINK_DEPTH), List.of(Port.in(1, "clk"),
        Port.in(1, "rst"), Port.in(1, "in_valid"), Port.out(1, "in_ready"), Port.in("WIDTH", "in_data"),
        Port.out(1, "out_valid"), Port.in(1, "out_ready"), Port.out("WIDTH", "out_data")));
    w.line("reg [WIDTH-1:0] head;");
    w.wire(1, "push", "in_valid && in_ready");
    w.wire(1, "pop", "out_valid && out_ready");
    w.line("assign out_data = head;");
    w.open("generate");
    w.open("if (DEPTH == 1) begin : one_entry");
    w.comment("one entry, loaded straight from in_data: a beat every other cycle");
    w.reg(1, "full");
    w.line("assign in_ready = !full;");
    w.line("assign out_valid = full;");
    w.open("always @(posedge clk) begin");
    w.open("if (rst) begin").line("full <= 1'b0;").close("end else if (push) begin");
    w.depthIn().line("full <= 1'b1;").depthOut();
    w.line("end else if (pop) begin");
    w.depthIn().line("full <= 1'b0;").depthOut();
    w.line("end");
    w.open("if (push) begin").line("head <= in_data;").close("end");
    w.close("end");
    w.close("end else begin : two_entries");
    w.depthIn();
    w.line("reg [WIDTH-1:0] second;");
    w.comment("entries held: 0, 1 or 2 (count[1] is 'full')");
    w.reg(2, "count");
    w.line("assign in_ready = !count[1];");
    w.line("assign out_valid = count[1] || count[0];");
    w.open("always @(posedge clk) begin");
    w.open("if (rst) begin").line("count <= 2'h0;").close("end else if (push && !pop) begin");
    w.depthIn().line("count <= count + 2'h1;").depthOut();
    w.line("end else if (pop && !push) begin");
    w.depthIn().line("count <= count - 2'h1;").depthOut();
    w.line("end");
    w.open("if (push && (!out_valid || pop)) begin").line("head <= in_data;").close("end else if (pop) begin");
    w.depthIn().line("head <= second;").depthOut();
    w.line("end");
    w.open("if (push && out_valid && !pop) begin").line("second <= in_data;").close("end");
    w.close("end");
    w.close("end");
    w.close("endgenerate");
    w.endModule();
  }
}
