package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.Network;
import dev.brainblitz.verilog.VerilogWriter;

/**
 * The Verilator C++ harness of a design and the Makefile that rebuilds and replays it without Java.
 *
 * <p>Each batch of vectors is simulated from reset: two reset cycles, then {@code in_valid} and
 * {@code out_ready} driven each cycle (with stall rates, chances per cycle in [0, 1), above 0 they
 * are dropped at random, the pattern seeded by the batch's seed), until every result came out or the
 * batch's cycle budget ran out. A batch measures its cycles, the steady-state II (the smallest and
 * largest interval between output beats in its second half) and the latency from the edge accepting
 * its first vector to the edge handing out its result. Behind an {@link InputPort#STREAM} port it
 * offers each vector as its {@link Widths#portBeats} beats (beat k: bits [k w, (k + 1) w) of the
 * vector's words, w = {@link Widths#portWidth}), counting the latency from the first beat; the
 * vector files and the streaming protocol stay the same. The harness has two modes:
 *
 * <ul>
 *   <li>File mode, {@code V<top> VECTORS RESULTS [STALL_IN STALL_OUT SEED MAX_CYCLES [VCD]]}: one
 *       batch. VECTORS holds one vector per line as hex 32-bit words of {@code in_data}, word 0
 *       first. RESULTS receives one line per result, {@code result CLASS SCORE0 SCORE1 ...}, then
 *       {@code measured cycles C ii_min A ii_max B latency L} ({@link HarnessResults} reads both by
 *       name). Exit status 1 when the budget ran out. The replay Makefile and the fpga targets use it.
 *   <li>Streaming mode, {@code V<top> --stream STALL_IN STALL_OUT [VCD]}: one long-lived process
 *       serving batches ({@link HarnessStream} is the Java side). Each request on stdin is a header
 *       (u32 count, u64 seed, u64 max_cycles) and count x words 32-bit words of {@code in_data}; a
 *       count of 0 or the end of stdin ends the process. Each response on stdout is u32 received,
 *       u64 cycles, ii_min, ii_max, latency and the nanoseconds the batch took inside the process,
 *       then received x (1 + classes) 32-bit words: the class, then the scores. All fields are
 *       little-endian. A batch of file mode and of streaming mode with the same vectors, rates and
 *       seed simulate the same cycles, so a streamed batch replays exactly from a file.
 * </ul>
 */
public final class Harness {
  private Harness() {}

  /** The harness of {@code network} lowered with {@code plan} (whose {@link InputPort} it drives). */
  public static String cpp(Network network, FoldingPlan plan) {
    String top = IlToVerilog.topName(network);
    return header(top, "V" + top) + simulate(network, plan, "V" + top, "", 0) + """

        int main(int argc, char** argv) {
          VerilatedContext context;
          context.commandArgs(argc, argv);
          V%1$s* top = new V%1$s{&context};
          bool stream = argc > 1 && std::string(argv[1]) == "--stream";
          int status = stream ? stream_0(top, context, argc - 1, argv + 1) : simulate_0(top, context, argc, argv);
          top->final();
          delete top;
          return status;
        }
        """.formatted(top);
  }

  /**
   * The harness of a bundle of designs built together (see {@link #bundleVerilog}): its first
   * argument selects the design, the others are as for a single design. Tests use bundles to
   * simulate many small networks with one Verilator build.
   */
  public static String bundleCpp(java.util.List<VerilogDesign> designs) {
    var out = new StringBuilder(header("bundle of " + designs.size() + " designs", "V" + BUNDLE_TOP));
    for (int k = 0; k < designs.size(); k++) {
      out.append(simulate(designs.get(k).network(), designs.get(k).plan(), "V" + BUNDLE_TOP, "d" + k + "_", k));
    }
    out.append("""

        int main(int argc, char** argv) {
          if (argc < 2) { std::fprintf(stderr, "usage: %s DESIGN VECTORS RESULTS ...\\n", argv[0]); return 2; }
          VerilatedContext context;
          context.commandArgs(argc, argv);
          VBUNDLE* top = new VBUNDLE{&context};
          bool stream = argc > 2 && std::string(argv[2]) == "--stream";
          int status = 2;
          switch (std::atoi(argv[1])) {
        """.replace("VBUNDLE", "V" + BUNDLE_TOP));
    for (int k = 0; k < designs.size(); k++) {
      out.append("    case " + k + ": status = stream ? stream_" + k + "(top, context, argc - 2, argv + 2) : simulate_" + k
          + "(top, context, argc - 1, argv + 1); break;\n");
    }
    out.append("""
            default: std::fprintf(stderr, "no design %s\\n", argv[1]);
          }
          top->final();
          delete top;
          return status;
        }
        """);
    return out.toString();
  }

  /** The module name of a bundle's wrapper. */
  public static final String BUNDLE_TOP = "bundle_top";

  /**
   * One Verilog file holding every design and a wrapper {@value #BUNDLE_TOP} whose ports are the
   * designs' ports prefixed {@code d<k>_}, sharing {@code clk} and {@code rst}.
   */
  public static String bundleVerilog(java.util.List<VerilogDesign> designs) {
    var w = new VerilogWriter();
    w.line("/* verilator lint_off DECLFILENAME */");
    var ports = new java.util.ArrayList<VerilogWriter.Port>();
    ports.add(VerilogWriter.Port.in(1, "clk"));
    ports.add(VerilogWriter.Port.in(1, "rst"));
    for (int k = 0; k < designs.size(); k++) {
      Network n = designs.get(k).network();
      String d = "d" + k + "_";
      ports.add(VerilogWriter.Port.in(Widths.portWidth(designs.get(k).plan()), d + "in_data"));
      ports.add(VerilogWriter.Port.in(1, d + "in_valid"));
      ports.add(VerilogWriter.Port.out(1, d + "in_ready"));
      ports.add(VerilogWriter.Port.out(Widths.SCORE_WIDTH * n.classes(), d + "out_scores"));
      ports.add(VerilogWriter.Port.out(Widths.classWidth(n), d + "out_class"));
      ports.add(VerilogWriter.Port.out(1, d + "out_valid"));
      ports.add(VerilogWriter.Port.in(1, d + "out_ready"));
      if (WeightLoad.needed(designs.get(k).plan())) {
        for (VerilogWriter.Port p : TopModule.loadPorts()) {
          ports.add(new VerilogWriter.Port(p.direction(), p.range(), d + p.name(), p.isReg()));
        }
      }
    }
    w.module(BUNDLE_TOP, ports);
    for (int k = 0; k < designs.size(); k++) {
      String d = "d" + k + "_";
      w.line(designs.get(k).topName() + " u" + k + " (.clk(clk), .rst(rst), .in_data(" + d + "in_data), .in_valid(" + d
          + "in_valid), .in_ready(" + d + "in_ready), .out_scores(" + d + "out_scores), .out_class(" + d
          + "out_class), .out_valid(" + d + "out_valid), .out_ready(" + d + "out_ready)"
          + (WeightLoad.needed(designs.get(k).plan()) ? ", .wl_data(" + d + "wl_data), .wl_valid(" + d + "wl_valid), .wl_ready("
          + d + "wl_ready)" : "") + ");");
    }
    w.endModule();
    var out = new StringBuilder(w.text());
    for (VerilogDesign design : designs) {
      out.append('\n').append(design.verilog());
    }
    return out.toString();
  }

  private static String header(String what, String topClass) {
    return """
        // Generated by brain-blitz: Verilator harness of %1$s. Do not edit.
        #include "%2$s.h"
        #include "verilated.h"
        #if VM_TRACE
        #include "verilated_vcd_c.h"
        #endif
        #include <unistd.h>
        #include <algorithm>
        #include <chrono>
        #include <cstdint>
        #include <cstdio>
        #include <cstdlib>
        #include <fstream>
        #include <sstream>
        #include <string>
        #include <vector>

        static uint64_t rng_state = 1;
        static bool chance(double rate) {
          rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
          return (double)(rng_state >> 11) * (1.0 / 9007199254740992.0) < rate;
        }

        // What one batch measured: cycles run, steady-state II range, first-result latency, results received.
        struct Outcome { uint64_t cycles, ii_min, ii_max, latency; size_t received; };

        // The waveform (when built with --trace and asked for) and the simulation time, across batches.
        struct Wave {
        #if VM_TRACE
          VerilatedVcdC* vcd = nullptr;
        #endif
          uint64_t time = 0;
        };

        template <typename Top> static void open_wave(Wave& wave, Top* top, VerilatedContext& context, const char* path) {
        #if VM_TRACE
          if (path) {
            context.traceEverOn(true);
            wave.vcd = new VerilatedVcdC;
            top->trace(wave.vcd, 99);
            wave.vcd->open(path);
          }
        #else
          (void)wave; (void)top; (void)context; (void)path;
        #endif
        }

        static void close_wave(Wave& wave) {
        #if VM_TRACE
          if (wave.vcd) { wave.vcd->close(); delete wave.vcd; wave.vcd = nullptr; }
        #else
          (void)wave;
        #endif
        }

        // The streaming protocol owns stdin and the original stdout; anything else printed goes to stderr.
        struct Channel { FILE* in; FILE* out; };
        static Channel open_channel() {
          int fd = dup(1);
          dup2(2, 1);
          Channel channel{stdin, fdopen(fd, "wb")};
          static char in_buffer[1 << 16], out_buffer[1 << 16];
          std::setvbuf(channel.in, in_buffer, _IOFBF, sizeof in_buffer);
          std::setvbuf(channel.out, out_buffer, _IOFBF, sizeof out_buffer);
          return channel;
        }

        static bool read_fully(FILE* in, uint8_t* bytes, size_t n) { return std::fread(bytes, 1, n, in) == n; }

        static uint64_t get_le(const uint8_t* bytes, int n) {
          uint64_t v = 0;
          for (int i = n - 1; i >= 0; i--) v = (v << 8) | bytes[i];
          return v;
        }

        static void put_le(std::vector<uint8_t>& out, uint64_t v, int n) {
          for (int i = 0; i < n; i++) out.push_back((uint8_t)(v >> (8 * i)));
        }

        // Response: u32 received, u64 cycles, ii_min, ii_max, latency, nanoseconds simulated, then
        // received x (CLASS, SCORE0, ...) as 32-bit words; little-endian.
        static void write_response(FILE* out, const Outcome& o, uint64_t nanos, const std::vector<int32_t>& results) {
          std::vector<uint8_t> bytes;
          bytes.reserve(44 + 4 * results.size());
          put_le(bytes, o.received, 4);
          put_le(bytes, o.cycles, 8);
          put_le(bytes, o.ii_min, 8);
          put_le(bytes, o.ii_max, 8);
          put_le(bytes, o.latency, 8);
          put_le(bytes, nanos, 8);
          for (int32_t r : results) put_le(bytes, (uint32_t)r, 4);
          std::fwrite(bytes.data(), 1, bytes.size(), out);
          std::fflush(out);
        }
        """.formatted(what, topClass);
  }

  /**
   * The simulation of one design whose ports are {@code top-><prefix>in_data} etc.: a function
   * that runs one batch from reset, the file mode ({@code simulate_K}) and the streaming mode
   * ({@code stream_K}) around it.
   */
  private static String simulate(Network network, FoldingPlan plan, String topClass, String prefix, int k) {
    int inWidth = Widths.inputWidth(network);
    int classes = network.classes();
    boolean stream = plan.port() == InputPort.STREAM;
    int portWidth = Widths.portWidth(plan);
    String setInput;
    if (stream) {
      setInput = "  std::vector<uint32_t> w((PORT_BITS_K + 31) / 32, 0);\n"
          + "  for (size_t i = 0; i < PORT_BITS_K; i++) {\n"
          + "    size_t bit = beat * PORT_BITS_K + i;\n"
          + "    if (bit < IN_BITS_K && ((words[bit / 32] >> (bit % 32)) & 1)) w[i / 32] |= 1u << (i % 32);\n"
          + "  }\n" + setPort(portWidth, "w", String.valueOf((portWidth + 31) / 32));
    } else {
      setInput = setPort(inWidth, "words", "WORDS_K");
    }
    String getScore;
    if (classes == 1) {
      getScore = "  return (int32_t)top->P_out_scores;\n";
    } else if (classes == 2) {
      getScore = "  return (int32_t)(uint32_t)(top->P_out_scores >> (32 * c));\n";
    } else {
      getScore = "  return (int32_t)top->P_out_scores[c];\n";
    }
    String body = """

        static const size_t WORDS_K = %4$d;
        static const int CLASSES_K = %3$d;

        static void set_input_K(TOP* top, const uint32_t* words) {
        %1$s}

        static int32_t score_K(TOP* top, int c) {
        %2$s}

        // Runs vectors[0 .. count) (WORDS_K words each) from reset with the stall pattern of seed,
        // appending CLASS SCORE0 SCORE1 ... of each result to results.
        static Outcome run_batch_K(TOP* top, Wave& wave, const uint32_t* vectors, size_t count, double stall_in,
            double stall_out, uint64_t seed, uint64_t max_cycles, std::vector<int32_t>& results) {
          rng_state = seed * 2654435761ULL + 1;
          auto tick = [&](int clk) {
            top->clk = clk;
            top->eval();
        #if VM_TRACE
            if (wave.vcd) wave.vcd->dump(wave.time);
        #endif
            wave.time++;
          };
          top->rst = 1; top->P_in_valid = 0; top->P_out_ready = 0;
          for (int i = 0; i < 2; i++) { tick(0); tick(1); }
          top->rst = 0;
          size_t next = 0, received = 0;
          std::vector<uint64_t> accepted_at, delivered_at;
          accepted_at.reserve(count);
          delivered_at.reserve(count);
          uint64_t cycle = 0;
          while (received < count && cycle < max_cycles) {
            bool offer = next < count && !(stall_in > 0 && chance(stall_in));
            top->P_in_valid = offer;
            if (offer) set_input_K(top, vectors + next * WORDS_K);
            top->P_out_ready = !(stall_out > 0 && chance(stall_out));
            tick(0);
            bool in_fire = offer && top->P_in_ready;
            bool out_fire = top->P_out_valid && top->P_out_ready;
            if (out_fire) {
              results.push_back((int32_t)top->P_out_class);
              for (int c = 0; c < CLASSES_K; c++) results.push_back(score_K(top, c));
              delivered_at.push_back(cycle);
              received++;
            }
            if (in_fire) { accepted_at.push_back(cycle); next++; }
            tick(1);
            cycle++;
          }
          Outcome o{cycle, 0, 0, 0, received};
          for (size_t k = std::max<size_t>(1, delivered_at.size() / 2); k < delivered_at.size(); k++) {
            uint64_t d = delivered_at[k] - delivered_at[k - 1];
            if (o.ii_min == 0 || d < o.ii_min) o.ii_min = d;
            if (d > o.ii_max) o.ii_max = d;
          }
          o.latency = delivered_at.empty() ? 0 : delivered_at[0] - accepted_at[0];
          return o;
        }

        // File mode: VECTORS RESULTS [STALL_IN STALL_OUT SEED MAX_CYCLES [VCD]].
        static int simulate_K(TOP* top, VerilatedContext& context, int argc, char** argv) {
          if (argc < 3) {
            std::fprintf(stderr, "usage: %%s VECTORS RESULTS [STALL_IN STALL_OUT SEED MAX_CYCLES [VCD]]\\n", argv[0]);
            return 2;
          }
          double stall_in = argc > 3 ? std::atof(argv[3]) : 0;
          double stall_out = argc > 4 ? std::atof(argv[4]) : 0;
          uint64_t seed = argc > 5 ? std::strtoull(argv[5], nullptr, 10) : 0;
          uint64_t max_cycles = argc > 6 ? std::strtoull(argv[6], nullptr, 10) : 100000000ULL;
          std::ifstream in(argv[1]);
          if (!in) { std::fprintf(stderr, "cannot read %%s\\n", argv[1]); return 2; }
          std::vector<uint32_t> vectors;
          std::string line;
          while (std::getline(in, line)) {
            if (line.empty()) continue;
            std::istringstream fields(line);
            std::string word;
            size_t n = 0;
            while (n < WORDS_K && fields >> word) { vectors.push_back((uint32_t)std::strtoul(word.c_str(), nullptr, 16)); n++; }
            for (; n < WORDS_K; n++) vectors.push_back(0);
          }
          Wave wave;
          open_wave(wave, top, context, argc > 7 ? argv[7] : nullptr);
          size_t count = vectors.size() / WORDS_K;
          std::vector<int32_t> results;
          Outcome o = run_batch_K(top, wave, vectors.data(), count, stall_in, stall_out, seed, max_cycles, results);
          close_wave(wave);
          std::ofstream out(argv[2]);
          for (size_t r = 0; r < o.received; r++) {
            out << "result " << (unsigned)results[r * (CLASSES_K + 1)];
            for (int c = 0; c < CLASSES_K; c++) out << ' ' << results[r * (CLASSES_K + 1) + 1 + c];
            out << '\\n';
          }
          out << "measured cycles " << o.cycles << " ii_min " << o.ii_min << " ii_max " << o.ii_max << " latency "
              << o.latency << '\\n';
          if (o.received < count) {
            std::fprintf(stderr, "timeout: %%zu of %%zu results after %%llu cycles\\n", o.received, count,
                (unsigned long long)o.cycles);
            return 1;
          }
          return 0;
        }

        // Streaming mode: --stream STALL_IN STALL_OUT [VCD]; batches on stdin, results on stdout (see Harness.java).
        static int stream_K(TOP* top, VerilatedContext& context, int argc, char** argv) {
          if (argc < 3) { std::fprintf(stderr, "usage: %%s --stream STALL_IN STALL_OUT [VCD]\\n", argv[0]); return 2; }
          double stall_in = std::atof(argv[1]);
          double stall_out = std::atof(argv[2]);
          Channel channel = open_channel();
          Wave wave;
          open_wave(wave, top, context, argc > 3 ? argv[3] : nullptr);
          std::vector<uint32_t> vectors;
          std::vector<int32_t> results;
          int status = 0;
          for (;;) {
            uint8_t header[20];
            if (!read_fully(channel.in, header, sizeof header)) break;
            uint32_t count = (uint32_t)get_le(header, 4);
            if (count == 0) break;
            uint64_t seed = get_le(header + 4, 8), max_cycles = get_le(header + 12, 8);
            vectors.resize((size_t)count * WORDS_K);
            std::vector<uint8_t> bytes(vectors.size() * 4);
            if (!read_fully(channel.in, bytes.data(), bytes.size())) { status = 2; break; }
            for (size_t i = 0; i < vectors.size(); i++) vectors[i] = (uint32_t)get_le(&bytes[4 * i], 4);
            results.clear();
            auto start = std::chrono::steady_clock::now();
            Outcome o = run_batch_K(top, wave, vectors.data(), count, stall_in, stall_out, seed, max_cycles, results);
            uint64_t nanos = (uint64_t)std::chrono::duration_cast<std::chrono::nanoseconds>(
                std::chrono::steady_clock::now() - start).count();
            write_response(channel.out, o, nanos, results);
            if (o.received < count) {
              std::fprintf(stderr, "timeout: %%zu of %%u results after %%llu cycles\\n", o.received, count,
                  (unsigned long long)o.cycles);
            }
          }
          close_wave(wave);
          std::fclose(channel.out);
          return status;
        }
        """.formatted(setInput, getScore, classes, (inWidth + 31) / 32);
    if (stream) {
      body = streamBeats(body, portWidth, inWidth, Widths.portBeats(plan));
    }
    if (WeightLoad.needed(plan)) {
      body = loadWeights(body, WeightLoad.stream(network, plan));
    }
    return body.replace("top->P_", "top->" + prefix).replaceAll("_K\\b", "_" + k).replace("TOP*", topClass + "*");
  }

  /**
   * The batch loop of {@code body} rewritten for an {@link InputPort#STREAM} port: each vector is
   * offered as {@code beats} beats of {@code portWidth} bits of its words, the latency counted from
   * its first beat.
   */
  private static String streamBeats(String body, int portWidth, int inWidth, int beats) {
    String[][] edits = {
        {"static const int CLASSES_K",
            "static const size_t PORT_BITS_K = " + portWidth + ";\nstatic const size_t IN_BITS_K = " + inWidth
                + ";\nstatic const size_t BEATS_K = " + beats + ";\nstatic const int CLASSES_K"},
        {"static void set_input_K(TOP* top, const uint32_t* words) {",
            "// Beat `beat` of a vector: bits [beat * PORT_BITS_K, +PORT_BITS_K) of its words.\n"
                + "static void set_input_K(TOP* top, const uint32_t* words, size_t beat) {"},
        {"size_t next = 0, received = 0;", "size_t next = 0, received = 0, beat = 0;"},
        {"set_input_K(top, vectors + next * WORDS_K);", "set_input_K(top, vectors + next * WORDS_K, beat);"},
        {"if (in_fire) { accepted_at.push_back(cycle); next++; }",
            "if (in_fire) {\n      if (beat == 0) accepted_at.push_back(cycle);\n"
                + "      if (++beat == BEATS_K) { beat = 0; next++; }\n    }"}};
    return applyEdits(body, edits);
  }

  /** {@code body} with each edit's first text replaced by its second; the template must contain each first text. */
  private static String applyEdits(String body, String[][] edits) {
    for (String[] edit : edits) {
      if (!body.contains(edit[0])) {
        throw new IllegalStateException("harness template lacks " + edit[0]);
      }
      body = body.replace(edit[0], edit[1]);
    }
    return body;
  }

  /**
   * The batch loop of {@code body} for a design with a weight-load port: after reset, it offers the
   * {@link WeightLoad} stream {@code words} on {@code wl_data}, one word per cycle, until
   * {@code wl_ready} falls after the last; the batch's cycles, II and latency are counted from then.
   */
  private static String loadWeights(String body, java.util.List<Integer> words) {
    var table = new StringBuilder("static const uint16_t WL_WORDS_K[" + words.size() + "] = {");
    for (int i = 0; i < words.size(); i++) {
      table.append(i % 16 == 0 ? "\n  " : " ").append(String.format("0x%04x,", words.get(i)));
    }
    table.append("\n};\n\nstatic const int CLASSES_K");
    String[][] edits = {
        {"static const int CLASSES_K", table.toString()},
        {"top->rst = 1; top->P_in_valid = 0; top->P_out_ready = 0;",
            "top->rst = 1; top->P_in_valid = 0; top->P_out_ready = 0; top->P_wl_valid = 0;"},
        {"  top->rst = 0;\n",
            "  top->rst = 0;\n"
                + "  // The weights first (docs/hdl.md, weight-load port): one word per cycle until wl_ready falls.\n"
                + "  for (size_t w = 0; w < sizeof WL_WORDS_K / sizeof WL_WORDS_K[0];) {\n"
                + "    top->P_wl_valid = 1; top->P_wl_data = WL_WORDS_K[w];\n"
                + "    tick(0);\n"
                + "    if (top->P_wl_ready) w++;\n"
                + "    tick(1);\n"
                + "  }\n"
                + "  top->P_wl_valid = 0;\n"}};
    return applyEdits(body, edits);
  }

  /** Sets {@code in_data} ({@code width} bits) from the 32-bit words {@code words}, word 0 lowest. */
  private static String setPort(int width, String words, String count) {
    if (width <= 32) {
      return "  top->P_in_data = " + words + "[0];\n";
    } else if (width <= 64) {
      return "  top->P_in_data = (uint64_t)" + words + "[0] | ((uint64_t)" + words + "[1] << 32);\n";
    }
    return "  for (size_t i = 0; i < " + count + "; i++) top->P_in_data[i] = " + words + "[i];\n";
  }

  /** The Verilator command line (after the tool name) that builds the harness of {@code network}. */
  public static java.util.List<String> verilatorArguments(Network network, boolean trace) {
    return verilatorArguments(IlToVerilog.topName(network), trace, "-O1");
  }

  /** The Verilator arguments that build top module {@code top} from {@code <top>.v} and harness.cpp. */
  public static java.util.List<String> verilatorArguments(String top, boolean trace, String optimization) {
    // Split large C++ functions: unrolled adder trees otherwise make GCC take minutes on one function.
    var args = new java.util.ArrayList<>(java.util.List.of("--cc", "--exe", "--build", "-j", "2",
        "-CFLAGS", optimization, "--output-split-cfuncs", "300", "--top-module", top));
    if (trace) {
      args.add("--trace");
    }
    args.add(top + ".v");
    args.add("harness.cpp");
    return args;
  }

  /** A Makefile that rebuilds the simulation and replays {@code vectors.txt} without Java. */
  public static String makefile(Network network) {
    String top = IlToVerilog.topName(network);
    return """
        # Generated by brain-blitz: rebuild and replay the Verilator simulation of %1$s without Java.
        #   make            build obj_dir/V%1$s and run it on vectors.txt into results.txt
        #   make vcd        the same, also dumping waveform.vcd (open with gtkwave)
        #   make lint       verilator --lint-only -Wall
        # STALL_IN and STALL_OUT (chance per cycle, in [0, 1), e.g. 0.3) drop in_valid / out_ready at random.
        VERILATOR ?= verilator
        STALL_IN ?= 0
        STALL_OUT ?= 0
        SEED ?= 1

        run: obj_dir/V%1$s
        \t./obj_dir/V%1$s vectors.txt results.txt $(STALL_IN) $(STALL_OUT) $(SEED)

        obj_dir/V%1$s: %1$s.v harness.cpp
        \t$(VERILATOR) %2$s

        vcd: %1$s.v harness.cpp
        \t$(VERILATOR) --Mdir obj_trace %3$s
        \t./obj_trace/V%1$s vectors.txt results.txt $(STALL_IN) $(STALL_OUT) $(SEED) 100000000 waveform.vcd

        lint:
        \t$(VERILATOR) --lint-only -Wall %1$s.v

        .PHONY: run vcd lint
        """.formatted(top, String.join(" ", verilatorArguments(network, false)),
        String.join(" ", verilatorArguments(network, true)));
  }
}
