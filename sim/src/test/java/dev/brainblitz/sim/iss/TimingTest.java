package dev.brainblitz.sim.iss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A small program whose cycle count is worked out by hand for every timing model. */
class TimingTest {
  /**
   * Retires 24 instructions: ALU 9 (auipc, addi, li, 2 x add, 2 x addi, 2 x li), load 2, mul 2,
   * mulh 2, div 2, xnorpop 2, branch 2 (one taken), jal 1, jalr 1, ecall 1; each add reads the
   * register the lw just before it loaded (2 load-use hazards).
   */
  static final String PROGRAM = """
        .text
        _start:
          la      s0, data
          li      t0, 2
        loop:
          lw      t1, 0(s0)
          add     t2, t1, t1
          mul     t3, t2, t2
          mulh    t4, t2, t2
          div     t5, t3, t0
          xnorpop t6, t1, t2
          addi    t0, t0, -1
          bnez    t0, loop
          jal     ra, f
          li      a0, 0
          li      a7, 93
          ecall
        f:
          ret
        .data
        data: .word 12345
        """;

  static Stream<Arguments> models() {
    return Stream.of(
        // 24 x 1
        Arguments.of(new IdealTiming(1), 24L),
        // ALU 9 + load 2 + load-use 2 + mul 2 + mulh 2x5 + div 2x35 + custom 2 + branch 2 + taken 2 + jal 2 + jalr 2 + ecall 1
        Arguments.of(new Cv32e40pTiming(1), 106L),
        // as above with xnorpop at 4 cycles: +2 x 3
        Arguments.of(new Cv32e40pTiming(4), 112L),
        // ALU 9x3 + load 2x5 + mul/mulh/div 6x40 + custom 2x3 + branch 2x3 + taken 2 + jal 3 + jalr 6 + ecall 3
        Arguments.of(new Picorv32Timing(3), 303L),
        // ideal with a 5-cycle custom op: 24 + 2 x 4
        Arguments.of(new IdealTiming(5), 32L));
  }

  @ParameterizedTest(name = "[{index}] {0}: {1} cycles")
  @MethodSource("models")
  void cyclesComputedByHand(TimingModel model, long expected) {
    var run = Machines.assembleAndRun(PROGRAM, SimConfig.defaults().withTiming(model));
    assertEquals(SimResult.Status.PASS, run.result().status(), run.result().summary());
    assertEquals(24, run.result().instret());
    assertEquals(expected, run.result().cycles());
    assertEquals(expected - 24, run.result().stallCycles());
  }

  @Test
  void cv32e40pStallsByCause() {
    var run = Machines.assembleAndRun(PROGRAM, SimConfig.defaults().withTiming(new Cv32e40pTiming(1)));
    assertEquals(Map.of(StallCause.LOAD_USE, 2L, StallCause.BRANCH_TAKEN, 2L, StallCause.JUMP, 2L, StallCause.MUL_DIV, 76L,
        StallCause.MEMORY, 0L, StallCause.MULTI_CYCLE, 0L, StallCause.CUSTOM, 0L), run.result().stalls());
  }

  @Test
  void picorv32StallsByCause() {
    var run = Machines.assembleAndRun(PROGRAM, SimConfig.defaults().withTiming(new Picorv32Timing(3)));
    // ALU 9x2 + branch 2x2 + ecall 2 = 24 multi-cycle; loads 2x4; mul/div 6x39; custom 2x2; jumps 2 + 5; taken 2
    assertEquals(Map.of(StallCause.LOAD_USE, 0L, StallCause.BRANCH_TAKEN, 2L, StallCause.JUMP, 7L, StallCause.MUL_DIV, 234L,
        StallCause.MEMORY, 8L, StallCause.MULTI_CYCLE, 24L, StallCause.CUSTOM, 4L), run.result().stalls());
  }

  @Test
  void loadUseOnlyWhenTheNextInstructionReadsTheLoadedRegister() {
    String src = """
        _start: la s0, data
          lw t1, 0(s0)
          addi t2, t0, 1
          lw t3, 0(s0)
          sw t3, 4(s0)
          lw t4, 0(s0)
          xnorpopacc t4, t1, t2
          li a7, 93
          li a0, 0
          ecall
        .data
        data: .word 1, 2
        """;
    var run = Machines.assembleAndRun(src, SimConfig.defaults().withTiming(new Cv32e40pTiming(1)));
    // 11 instructions; stalls: sw reads t3 (store data), xnorpopacc reads t4 as its accumulator
    assertEquals(11, run.result().instret());
    assertEquals(13, run.result().cycles());
    assertEquals(2L, run.result().stalls().get(StallCause.LOAD_USE));
  }
}
