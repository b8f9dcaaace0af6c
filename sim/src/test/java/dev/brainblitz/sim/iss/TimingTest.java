package dev.brainblitz.sim.iss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
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
        // ALU 9x3 + load 2x5 + mul/div 4x40 + mulh 2x72 + custom 2x5 + branch 2x3 + taken 2 + jal 3 + jalr 6 + ecall 3
        Arguments.of(new Picorv32Timing(), 371L),
        // one wait state: ALU 9x4 + load 2x7 + mul/div 4x40 + mulh 2x72 + custom 2x5 + branch 2x4 + taken 3 + jal 4
        // + jalr 7 + ecall 4
        Arguments.of(new Picorv32Timing(1, true, 1), 390L),
        // a combinational PCPI unit: custom 2x4
        Arguments.of(new Picorv32Timing(0, true, 0), 369L),
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
    var run = Machines.assembleAndRun(PROGRAM, SimConfig.defaults().withTiming(new Picorv32Timing()));
    // ALU 9x2 + branch 2x2 + ecall 2 = 24 multi-cycle; loads 2x4; mul/div 4x39 + mulh 2x71; custom 2x4; jumps 2 + 5; taken 2
    assertEquals(Map.of(StallCause.LOAD_USE, 0L, StallCause.BRANCH_TAKEN, 2L, StallCause.JUMP, 7L, StallCause.MUL_DIV, 298L,
        StallCause.MEMORY, 8L, StallCause.MULTI_CYCLE, 24L, StallCause.CUSTOM, 8L), run.result().stalls());
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

  /**
   * Cycles {@code instruction} (or several, separated by "; ") adds to a short program on {@code model}:
   * the run with it minus the run without.
   */
  static long cyclesOf(TimingModel model, String instruction) {
    String program = """
        _start: li t1, 0x12345678
          li t2, 31
          %s
          li a0, 0
          li a7, 93
          ecall
        """;
    String code = instruction.replace("; ", "\n");
    var with = Machines.assembleAndRun(program.formatted(code), SimConfig.defaults().withTiming(model)).result();
    var without = Machines.assembleAndRun(program.formatted(""), SimConfig.defaults().withTiming(model)).result();
    assertEquals(SimResult.Status.PASS, with.status(), with.summary());
    return with.cycles() - without.cycles();
  }

  /**
   * One instruction's cycles. The picorv32 rows without a comment are the figures of the real
   * PicoRV32 RTL in Verilator (issue 20) or of its README; the others follow from its state machine
   * (docs/sim.md). The cv32e40p rows are its user manual's.
   */
  @ParameterizedTest(name = "{0}: {1} = {2}")
  @CsvSource(delimiter = '|', textBlock = """
      picorv32          | xnorpop t0, t1, t2    | 5
      picorv32          | xnorpopacc t0, t1, t2 | 5
      picorv32:unit=0   | xnorpopacc t0, t1, t2 | 4
      picorv32          | bppush t1, t2         | 5
      picorv32          | bpacc t0, t1, t2      | 5
      picorv32:unit=0   | bpget t0, t1          | 4
      cv32e40p          | bpacc t0, t1, t2      | 1
      cv32e40p          | bppush t1, t2         | 1
      ideal             | bpget t0, t1          | 1
      picorv32:unit=3   | xnorpop t0, t1, t2    | 7
      picorv32:custom=2 | xnorpop t0, t1, t2    | 2
      picorv32          | rdcycle t0            | 4
      picorv32          | rdinstret t0          | 4
      picorv32          | mul t0, t1, t2        | 40
      picorv32          | mulh t0, t1, t2       | 72
      picorv32          | mulhu t0, t1, t2      | 72
      picorv32          | div t0, t1, t2        | 40
      picorv32          | slli t0, t1, 31       | 3
      picorv32:barrel=0 | slli t0, t1, 31       | 14
      picorv32:barrel=0 | sll t0, t1, t2        | 14
      picorv32:barrel=0 | srai t0, t1, 0        | 4
      picorv32:barrel=0 | srli t0, t1, 4        | 5
      picorv32:barrel=0 | sra t0, t1, x0        | 4
      picorv32:barrel=0 | srli t0, t1, 7        | 8
      picorv32:wait=1   | addi t0, t1, 1        | 4
      picorv32:wait=1   | lw t0, 0(sp)          | 7
      picorv32:wait=1   | sw t0, 0(sp)          | 7
      picorv32:wait=1   | rdcycle t0            | 4
      picorv32:wait=2   | rdcycle t0            | 5
      picorv32:wait=1   | xnorpop t0, t1, t2    | 5
      picorv32:wait=3,unit=0 | xnorpop t0, t1, t2 | 6
      picorv32:wait=1,barrel=0 | slli t0, t1, 0 | 4
      picorv32:wait=3,barrel=0 | slli t0, t1, 1 | 6
      picorv32:wait=1   | jal x0, 1f; 1:        | 4
      picorv32:wait=1   | mulh t0, t1, t2       | 72
      cv32e40p          | rdcycle t0            | 4
      cv32e40p          | csrr t0, mstatus      | 4
      cv32e40p          | csrr t0, mscratch     | 1
      cv32e40p          | fence.i               | 2
      cv32e40p          | mulh t0, t1, t2       | 5
      cv32e40p:custom=3 | xnorpop t0, t1, t2    | 3
      ideal:custom=2    | xnorpop t0, t1, t2    | 2
      """)
  void oneInstruction(String spec, String instruction, long expected) {
    assertEquals(expected, cyclesOf(TimingModel.parse(spec), instruction));
  }

  @Test
  void picorv32BranchesAndJumpsWithWaitStates() {
    var oneWait = TimingModel.parse("picorv32:wait=1");
    // taken: 5 + 2W; jalr: 6 + W
    assertEquals(7, cyclesOf(oneWait, "beq x0, x0, 1f; 1:"));
    assertEquals(4, cyclesOf(oneWait, "bne x0, x0, 1f; 1:"));
    // auipc 4 + jalr 7
    assertEquals(11, cyclesOf(oneWait, "auipc t0, 0; jalr x0, 8(t0)"));
    assertEquals(3, oneWait.branchTakenPenalty());
  }

  @Test
  void stallsCountOperandDependentCosts() {
    var run = Machines.assembleAndRun("""
        _start: li t1, 5
          slli t0, t1, 31
          sll t0, t1, t1
          li a0, 0
          li a7, 93
          ecall
        """, SimConfig.defaults().withTiming(TimingModel.parse("picorv32:barrel=0")));
    // li 3 x 3, slli by 31: 14, sll by 5: 4 + 2, ecall 3
    assertEquals(32, run.result().cycles());
    assertEquals(32 - 6, run.result().stallCycles());
    assertEquals(26L, run.result().stalls().get(StallCause.MULTI_CYCLE));
  }

  @Test
  void specsNameTheOptionsThatDifferFromTheDefaults() {
    assertEquals("picorv32", TimingModel.parse("PicoRV32").spec());
    assertEquals("picorv32", TimingModel.parse("picorv32:unit=1,wait=0,barrel=1").spec());
    assertEquals("picorv32:wait=1,barrel=0", TimingModel.parse("picorv32:barrel=0, wait=1").spec());
    assertEquals("picorv32:unit=0", TimingModel.parse("picorv32:unit=0").spec());
    assertEquals("picorv32:wait=2,custom=9", TimingModel.parse("picorv32:wait=2,custom=9").spec());
    assertEquals("cv32e40p:custom=2", TimingModel.parse("cv32e40p:custom=2").spec());
    assertEquals("ideal", TimingModel.parse("ideal").toString());
    for (String name : TimingModel.NAMES) {
      assertEquals(name, TimingModel.byName(name).orElseThrow().spec());
    }
    assertEquals(5, new Picorv32Timing().customLatency());
    assertEquals(3, new Picorv32Timing().withCustomLatency(3).customLatency());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      pentium                   | unknown timing model 'pentium' (known: ideal, cv32e40p, picorv32)
      picorv32:speed=1          | timing model picorv32 has no option 'speed' (options: wait=N
      ideal:wait=1              | timing model ideal has no option 'wait' (options: custom=N)
      picorv32:wait=x           | timing model picorv32: wait must be an integer from 0 to 1024, not 'x'
      picorv32:barrel=2         | timing model picorv32: barrel must be an integer from 0 to 1, not '2'
      cv32e40p:custom=0         | timing model cv32e40p: custom must be an integer from 1 to 1024, not '0'
      picorv32:wait=1,wait=2    | timing model picorv32: option wait is given twice
      picorv32:                 | timing model picorv32: '' is not KEY=VALUE
      picorv32:unit=0,custom=3  | timing model picorv32: give unit=N (the PCPI unit's latency) or custom=N
      """)
  void badSpecsSayWhatIsWrong(String spec, String message) {
    var e = assertThrows(IllegalArgumentException.class, () -> TimingModel.parse(spec));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}
