#!/usr/bin/env python3
"""One PE at II 16 on its own, with its popcount as the generator's pairwise tree or as a bit heap
(docs/fpga.md, "A bit heap, measured on one PE and in an engine"): writes pe_tree.v and pe_heap.v, and a test bench that
checks both sums against a count of the agreeing lanes, on random words and addresses and on the
extremes (every lane agreeing with its weight, none).

    python3 bench/fpga/experiments/pe_heap.py /tmp/pe [LANES]
    cd /tmp/pe && iverilog -o tb pe_tree.v pe_heap.v tb.v && vvp tb
    yosys -q -p 'read_verilog pe_tree.v; synth_xilinx -top pe_tree -flatten; tee -o /dev/stdout stat'
    yosys -q -p 'read_verilog pe_heap.v; synth_xilinx -top pe_heap -flatten; tee -o /dev/stdout stat'

Both modules: a 16-word LUT ROM of LANES random bits (seed 5) read at `addr`, the XNOR with `x`,
and the number of ones registered in `sum`. The heap adds each pair of lanes as logic (sum `^`,
carry `&`), then counts up to six bits of one weight with one `+` until every weight has two bits
left, and adds the two rows.
"""
import os
import random
import sys


class Module:
    def __init__(self, name, lanes):
        self.lines = []
        self.count = 0
        width = lanes.bit_length()
        rng = random.Random(5)
        self.lines.append(f"module {name} (input wire clk, input wire [3:0] addr, input wire [{lanes - 1}:0] x,"
                          f" output reg [{width - 1}:0] sum);")
        self.lines.append(f'  (* rom_style = "logic" *) reg [{lanes - 1}:0] rom [0:15];')
        self.lines.append("  initial begin")
        for word in range(16):
            self.lines.append(f"    rom[{word}] = {lanes}'h{rng.getrandbits(lanes):x};")
        self.lines.append("  end")
        self.lines.append(f"  wire [{lanes - 1}:0] xnor_bits = ~(x ^ rom[addr]);")

    def wire(self, width, expression):
        self.count += 1
        name = f"t{self.count}"
        self.lines.append(f"  wire [{width - 1}:0] {name} = {expression};")
        return name

    def text(self, result):
        return "\n".join(self.lines + [f"  always @(posedge clk) sum <= {result};", "endmodule", ""])


def pairwise_tree(lanes):
    m = Module("pe_tree", lanes)
    nodes = [(m.wire(2, f"{{1'b0, xnor_bits[{2 * i}]}} + {{1'b0, xnor_bits[{2 * i + 1}]}}"), 2)
             for i in range(lanes // 2)]
    while len(nodes) > 1:
        level = []
        for (a, wa), (b, wb) in zip(nodes[0::2], nodes[1::2]):
            w = max(wa, wb) + 1
            level.append((m.wire(w, f"{{{w - wa}'b0, {a}}} + {{{w - wb}'b0, {b}}}"), w))
        if len(nodes) % 2:
            level.append(nodes[-1])
        nodes = level
    return m.text(nodes[0][0])


def bit_heap(lanes, counter=6):
    m = Module("pe_heap", lanes)
    columns = {0: [], 1: []}
    for i in range(lanes // 2):
        a, b = f"xnor_bits[{2 * i}]", f"xnor_bits[{2 * i + 1}]"
        columns[0].append(m.wire(1, f"{a} ^ {b}"))
        columns[1].append(m.wire(1, f"{a} & {b}"))
    while max(len(bits) for bits in columns.values()) > 2:
        reduced = {}
        for weight in sorted(columns):
            bits = columns[weight]
            while len(bits) >= 3:
                group, bits = bits[:counter], bits[counter:]
                width = len(group).bit_length()
                total = m.wire(width, " + ".join(f"{{{width - 1}'b0, {bit}}}" for bit in group))
                for j in range(width):
                    reduced.setdefault(weight + j, []).append(f"{total}[{j}]")
            reduced.setdefault(weight, []).extend(bits)
        columns = reduced
    top = max(columns) + 1
    rows = [[], []]
    for weight in range(top - 1, -1, -1):
        bits = columns.get(weight, [])
        for r in range(2):
            rows[r].append(bits[r] if len(bits) > r else "1'b0")
    first = m.wire(top, "{" + ", ".join(rows[0]) + "}")
    second = m.wire(top, "{" + ", ".join(rows[1]) + "}")
    return m.text(f"{first} + {second}")


def bench(lanes):
    width = lanes.bit_length()
    words = (lanes + 31) // 32
    return f"""module tb;
  reg clk = 0; reg [3:0] addr; reg [{lanes - 1}:0] x; reg [{width - 1}:0] expected;
  wire [{width - 1}:0] tree_sum, heap_sum; integer i, k, bad = 0;
  pe_tree tree(.clk(clk), .addr(addr), .x(x), .sum(tree_sum));
  pe_heap heap(.clk(clk), .addr(addr), .x(x), .sum(heap_sum));
  initial begin
    for (i = 0; i < 2000; i = i + 1) begin
      addr = $random; x = {{{', '.join(['$random'] * words)}}};
      if (i % 7 == 0) x = tree.rom[addr];  // every lane agrees with its weight: the largest sum
      if (i % 11 == 0) x = ~tree.rom[addr];  // none does: 0
      expected = 0;
      for (k = 0; k < {lanes}; k = k + 1) expected = expected + {{{width - 1}'b0, x[k] ~^ tree.rom[addr][k]}};
      #1 clk = 1; #1 clk = 0;
      if (tree_sum !== expected || heap_sum !== expected) bad = bad + 1;
    end
    $display("%0d of 2000 sums differ from the count of agreeing lanes", bad);
    $finish;
  end
endmodule
"""


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    out = sys.argv[1]
    try:
        lanes = int(sys.argv[2]) if len(sys.argv) == 3 else 256
    except ValueError:
        sys.exit(f"pe_heap.py: LANES must be a number, not {sys.argv[2]!r}")
    if lanes < 4 or lanes % 2:
        sys.exit("pe_heap.py: LANES must be even and at least 4")
    files = (("pe_tree.v", pairwise_tree(lanes)), ("pe_heap.v", bit_heap(lanes)), ("tb.v", bench(lanes)))
    try:
        os.makedirs(out, exist_ok=True)
        for name, text in files:
            with open(os.path.join(out, name), "w") as f:
                f.write(text)
    except OSError as e:
        sys.exit(f"pe_heap.py: cannot write {out}: {e.strerror}")


if __name__ == "__main__":
    main()
