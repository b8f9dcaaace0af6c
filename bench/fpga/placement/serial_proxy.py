#!/usr/bin/env python3
"""Edit a copy of a generated fashion-up5k work directory into the proxy of docs/fpga.md ("Why
fashion-up5k did not place"): a byte-serial input, the shell keeping no copy of the vector.

  serial_proxy.py DIR serial   fc1's input buffer shifts in a byte per accepted beat
                               (xbuf <= {in_data[7:0], xbuf[N:8]}) and the shell is instantiated
                               with IN_BYTES(1): the shell's 784-bit shift register is gone.
  serial_proxy.py DIR xor      the shell keeps its shift register, but each of its flip-flops
                               shares its logic cell with a LUT (vector <= shifted ^ rx_data...).
  serial_proxy.py DIR rst      the same with the reset (a global net, which the analytical placer
                               leaves out) as the LUT's second input: only the cell type changes.

Both change what the design computes: they are for placement and timing experiments only.
"""
import re
import sys

directory, mode = sys.argv[1], sys.argv[2]
if mode == "serial":
    engine_file = directory + "/fashion_up5k_top.v"
    engine = open(engine_file).read()
    fc1 = engine.index("module fashion_up5k_fc1")
    top = int(re.search(r"reg \[(\d+):0\] xbuf;", engine[fc1:]).group(1))
    load = engine.index("xbuf <= in_data;", fc1)
    engine = engine[:load] + "xbuf <= {in_data[7:0], xbuf[%d:8]};" % top + engine[load + len("xbuf <= in_data;"):]
    open(engine_file, "w").write(engine)
    wrapper_file = directory + "/fpga_top.v"
    wrapper = open(wrapper_file).read()
    wrapper = re.sub(r"\.IN_BYTES\(\d+\), \.IN_WIDTH\(\d+\)", ".IN_BYTES(1), .IN_WIDTH(8)", wrapper)
    wrapper = wrapper.replace(".engine_in_data(in_data)", ".engine_in_data(in_data[7:0])")
    wrapper = wrapper.replace("  wire in_valid;", "  wire in_valid;\n  assign in_data[%d:8] = %d'b0;" % (top, top - 7))
    open(wrapper_file, "w").write(wrapper)
elif mode in ("xor", "rst"):
    shell_file = directory + "/fpga_shell.v"
    shell = open(shell_file).read()
    old = "vector <= shifted[8*IN_BYTES+7:8];"
    if old not in shell:
        sys.exit("serial_proxy.py: " + shell_file + " has no '" + old + "'")
    mask = "{IN_BYTES{rx_data}}" if mode == "xor" else "{8*IN_BYTES{rst}}"
    open(shell_file, "w").write(shell.replace(old, "vector <= shifted[8*IN_BYTES+7:8] ^ " + mask + ";"))
else:
    sys.exit("serial_proxy.py: mode must be serial, xor or rst, not " + mode)
