// Verilator testbench of the XBNN custom unit (xbnn_unit.v), driven by XbnnUnitRtlTest.
//
// usage: Vxbnn_unit COMMANDS RESPONSES GAP_PERCENT STALL_PERCENT SEED
// COMMANDS: one command per line, hex: function_id inputs_0 inputs_1 inputs_2.
// RESPONSES: one line per accepted response (rsp_valid && rsp_ready at a rising edge), hex
// rsp_outputs_0, in arrival order; then "cycles N".
// With GAP_PERCENT > 0 the producer withholds cmd_valid at random (a command once offered stays
// offered, with its operands steady, until accepted); with STALL_PERCENT > 0 rsp_ready drops at
// random. While rsp_valid is high and rsp_ready low, the response must hold still: a change is a
// protocol error (exit 3). Operands are random noise while cmd_valid is low.
#include "Vxbnn_unit.h"
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

struct Command { uint32_t function_id, in0, in1, in2; };

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: %s COMMANDS RESPONSES GAP%% STALL%% SEED\n", argv[0]);
    return 2;
  }
  int gap = std::atoi(argv[3]);
  int stall = std::atoi(argv[4]);
  rng_state = std::strtoull(argv[5], nullptr, 10) * 2654435761ULL + 1;
  std::FILE* in = std::fopen(argv[1], "r");
  if (!in) { std::fprintf(stderr, "cannot read %s\n", argv[1]); return 2; }
  std::vector<Command> commands;
  Command c;
  while (std::fscanf(in, "%x %x %x %x", &c.function_id, &c.in0, &c.in1, &c.in2) == 4) commands.push_back(c);
  std::fclose(in);
  std::FILE* out = std::fopen(argv[2], "w");
  if (!out) { std::fprintf(stderr, "cannot write %s\n", argv[2]); return 2; }

  VerilatedContext context;
  Vxbnn_unit* top = new Vxbnn_unit{&context};
  top->clk = 0;
  top->rst = 1;
  top->cmd_valid = 0;
  top->rsp_ready = 0;
  for (int i = 0; i < 2; i++) {
    top->eval(); top->clk = 1; top->eval(); top->clk = 0; top->eval();
  }
  top->rst = 0;

  size_t issued = 0, received = 0;
  bool offered = false;
  bool held = false;        // a response was waiting (valid, not ready) at the last edge
  uint32_t held_value = 0;
  uint64_t cycles = 0;
  const uint64_t budget = 1000 + 200ULL * (commands.size() + 1);
  int status = 0;
  while (received < commands.size() && cycles < budget) {
    if (!offered && issued < commands.size()) offered = !chance(gap);
    top->cmd_valid = offered;
    if (offered) {
      const Command& k = commands[issued];
      top->cmd_function_id = k.function_id;
      top->cmd_inputs_0 = k.in0;
      top->cmd_inputs_1 = k.in1;
      top->cmd_inputs_2 = k.in2;
    } else {
      top->cmd_function_id = next_random() & 0x3ff;
      top->cmd_inputs_0 = next_random();
      top->cmd_inputs_1 = next_random();
      top->cmd_inputs_2 = next_random();
    }
    top->rsp_ready = !chance(stall);
    top->eval();
    if (held && (!top->rsp_valid || top->rsp_outputs_0 != held_value)) {
      std::fprintf(stderr, "protocol error at cycle %llu: a stalled response changed or vanished\n",
                   (unsigned long long)cycles);
      status = 3;
      break;
    }
    bool cmd_fire = top->cmd_valid && top->cmd_ready;
    bool rsp_fire = top->rsp_valid && top->rsp_ready;
    held = top->rsp_valid && !top->rsp_ready;
    held_value = top->rsp_outputs_0;
    if (rsp_fire) {
      std::fprintf(out, "%08x\n", (unsigned)top->rsp_outputs_0);
      received++;
    }
    top->clk = 1; top->eval(); top->clk = 0; top->eval();
    cycles++;
    if (cmd_fire) {
      issued++;
      offered = false;
    }
  }
  // A few idle cycles more: the unit must not invent responses.
  for (int i = 0; status == 0 && i < 8; i++) {
    top->cmd_valid = 0;
    top->rsp_ready = 1;
    top->eval();
    if (top->rsp_valid) {
      std::fprintf(out, "%08x\n", (unsigned)top->rsp_outputs_0);
      received++;
    }
    top->clk = 1; top->eval(); top->clk = 0; top->eval();
  }
  std::fprintf(out, "cycles %llu\n", (unsigned long long)cycles);
  std::fclose(out);
  top->final();
  delete top;
  return status;
}
