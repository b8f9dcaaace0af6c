// Verilator testbench of the XBNN unit's PCPI adapter (xbnn_pcpi.v), driven by XbnnPcpiRtlTest.
// It plays PicoRV32's side of the co-processor interface.
//
// usage: Vxbnn_pcpi INSTRUCTIONS ANSWERS GAP_PERCENT SEED
// INSTRUCTIONS: one per line, hex: insn rs1 rs2 rs3, then decimal HOLD. HOLD = 0: the adapter must
// answer it (the core holds pcpi_valid until pcpi_ready, then lowers it); HOLD > 0: it is not the
// adapter's (another co-processor's, or an illegal instruction the core times out on), so the
// core holds pcpi_valid HOLD cycles and the adapter must stay silent (no pcpi_ready, pcpi_wr or
// pcpi_wait) all along.
// ANSWERS: one line per instruction: "LATENCY RD" (hex) for an answered one, LATENCY being the
// cycles from pcpi_valid rising to pcpi_ready; "silent" for one that got no answer; then "cycles N".
// Between instructions pcpi_valid is low for one cycle, plus more at random with GAP_PERCENT; the
// operands are random noise while it is low. Protocol errors (pcpi_ready without pcpi_valid,
// pcpi_wr differing from pcpi_ready, pcpi_wait while valid is low or after the answer, an answer that
// never comes) stop the run with exit status 3.
#include "Vxbnn_pcpi.h"
#include "verilated.h"
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

static uint64_t rng_state = 1;
static uint32_t next_random() {
  rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uint32_t)(rng_state >> 32);
}
static bool chance(int percent) { return (int)(next_random() % 100) < percent; }

struct Instruction { uint32_t insn, rs1, rs2, rs3; int hold; };

static Vxbnn_pcpi* top;
static uint64_t cycles = 0;

static void tick() {
  top->clk = 1; top->eval(); top->clk = 0; top->eval();
  cycles++;
}

static int fail(const char* what) {
  std::fprintf(stderr, "protocol error at cycle %llu: %s\n", (unsigned long long)cycles, what);
  return 3;
}

// The outputs while pcpi_valid is low: all quiet.
static int check_idle() {
  if (top->pcpi_ready) return fail("pcpi_ready while pcpi_valid is low");
  if (top->pcpi_wr) return fail("pcpi_wr while pcpi_valid is low");
  if (top->pcpi_wait) return fail("pcpi_wait while pcpi_valid is low");
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s INSTRUCTIONS ANSWERS GAP%% SEED\n", argv[0]);
    return 2;
  }
  int gap = std::atoi(argv[3]);
  rng_state = std::strtoull(argv[4], nullptr, 10) * 2654435761ULL + 1;
  std::FILE* in = std::fopen(argv[1], "r");
  if (!in) { std::fprintf(stderr, "cannot read %s\n", argv[1]); return 2; }
  std::vector<Instruction> program;
  Instruction k;
  while (std::fscanf(in, "%x %x %x %x %d", &k.insn, &k.rs1, &k.rs2, &k.rs3, &k.hold) == 5) program.push_back(k);
  std::fclose(in);
  std::FILE* out = std::fopen(argv[2], "w");
  if (!out) { std::fprintf(stderr, "cannot write %s\n", argv[2]); return 2; }

  VerilatedContext context;
  top = new Vxbnn_pcpi{&context};
  top->clk = 0;
  top->resetn = 0;
  top->pcpi_valid = 0;
  for (int i = 0; i < 2; i++) tick();
  top->resetn = 1;

  int status = 0;
  for (size_t n = 0; n < program.size() && status == 0; n++) {
    // The gap: at least one cycle with pcpi_valid low and noise on the operands.
    do {
      top->pcpi_valid = 0;
      top->pcpi_insn = next_random();
      top->pcpi_rs1 = next_random();
      top->pcpi_rs2 = next_random();
      top->pcpi_rs3 = next_random();
      top->eval();
      status = check_idle();
      tick();
    } while (status == 0 && chance(gap));
    if (status != 0) break;

    const Instruction& i = program[n];
    top->pcpi_valid = 1;
    top->pcpi_insn = i.insn;
    top->pcpi_rs1 = i.rs1;
    top->pcpi_rs2 = i.rs2;
    top->pcpi_rs3 = i.rs3;
    if (i.hold > 0) {
      for (int c = 0; c < i.hold && status == 0; c++) {
        top->eval();
        if (top->pcpi_ready || top->pcpi_wr || top->pcpi_wait) status = fail("the adapter answered another's instruction");
        tick();
      }
      std::fprintf(out, "silent\n");
      continue;
    }
    for (int latency = 0;; latency++) {
      top->eval();
      if (top->pcpi_wr != top->pcpi_ready) { status = fail("pcpi_wr differs from pcpi_ready"); break; }
      if (top->pcpi_ready) {
        if (top->pcpi_wait) { status = fail("pcpi_wait together with pcpi_ready"); break; }
        std::fprintf(out, "%d %08x\n", latency, (unsigned)top->pcpi_rd);
        tick();
        break;
      }
      // Until the answer, pcpi_wait must hold off the core's 16-cycle timeout.
      if (!top->pcpi_wait) { status = fail("no pcpi_wait before the answer: the core would time out"); break; }
      if (latency > 64) { status = fail("no answer within 64 cycles"); break; }
      tick();
    }
  }
  // A few idle cycles more: the adapter must not answer anything it was not asked.
  for (int c = 0; status == 0 && c < 8; c++) {
    top->pcpi_valid = 0;
    top->eval();
    status = check_idle();
    tick();
  }
  std::fprintf(out, "cycles %llu\n", (unsigned long long)cycles);
  std::fclose(out);
  top->final();
  delete top;
  return status;
}
