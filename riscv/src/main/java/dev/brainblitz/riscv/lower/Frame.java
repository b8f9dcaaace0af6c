package dev.brainblitz.riscv.lower;

import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.exec.ExecutorUnavailableException;
import java.util.List;

/**
 * The stack frame of {@code <model>_infer}, in bytes above sp: two activation buffers that layers
 * alternate between, the slots of the two arguments and of the plane layers' neuron index, the save
 * area of the callee-saved registers, then the bit planes of a u8 input (or of a u8 convolution's
 * window of more than 32 bytes). Small offsets come first:
 * only the bit planes may lie beyond a 12-bit offset, and the code reaches them through a pointer.
 * A network with feature maps, whose buffers ({@link MapLayout}) are larger, has the slots and the
 * save area first and reaches its buffers through pointers.
 *
 * @param act0 the first activation buffer
 * @param act1 the second activation buffer
 * @param slotInput the saved {@code input} argument
 * @param slotScores the saved {@code scores} argument
 * @param slotJ the neuron index of the bit-plane and add/sub loops
 * @param saveArea where the prologue saves the callee-saved registers the body writes
 * @param planes the bit planes (when the u8 layer uses them)
 * @param size the whole frame, a multiple of 16 (the psABI's stack alignment)
 */
record Frame(int act0, int act1, int slotInput, int slotScores, int slotJ, int saveArea, int planes, int size) {
  /** The callee-saved registers, saved by the prologue when the body writes them. */
  static final List<Reg> SAVED = List.of(Reg.RA, Reg.S0, Reg.S1, Reg.S2, Reg.S3, Reg.S4, Reg.S5, Reg.S6, Reg.S7, Reg.S8,
      Reg.S9, Reg.S10, Reg.S11);

  /** The frame of {@code network}, with room for the bit planes of its input when {@code planesNeeded}. */
  static Frame of(Network network, boolean planesNeeded) {
    int actWords = 1;
    for (Layer layer : network.layers()) {
      actWords = Math.max(actWords, BitMatrix.wordsFor(layer.outputs()));
    }
    Frame frame = of(network, planesNeeded ? 8 * BitMatrix.wordsFor(network.inputSize()) : 0, actWords);
    if (!AsmBuilder.withinReach(frame.planes())) {
      throw new ExecutorUnavailableException("network '" + network.name() + "' has hidden layers too wide for this "
          + "lowering: their activations must lie within 12-bit offsets of sp (up to about 7,000 neurons)");
    }
    return frame;
  }

  /**
   * The frame with activation buffers of {@code actWords} words each and {@code planeWords} words of
   * bit planes. When the buffers and the slots do not all fit within 12-bit offsets (feature maps),
   * the slots and the save area come first and the code reaches the buffers through pointers.
   */
  static Frame of(Network network, int planeWords, int actWords) {
    int slots = 3 * 4 + 4 * SAVED.size();
    if (AsmBuilder.withinReach(8L * actWords + slots)) {
      int act0 = 0;
      int act1 = act0 + 4 * actWords;
      int slotInput = act1 + 4 * actWords;
      int slotScores = slotInput + 4;
      int slotJ = slotScores + 4;
      int saveArea = slotJ + 4;
      int planes = saveArea + 4 * SAVED.size();
      int size = (planes + 4 * planeWords + 15) & ~15;
      return new Frame(act0, act1, slotInput, slotScores, slotJ, saveArea, planes, size);
    }
    if (8L * actWords + 4L * planeWords > 1 << 24) {
      throw new ExecutorUnavailableException("network '" + network.name() + "' has activations too large for this "
          + "lowering: " + (8L * actWords) + " bytes of feature maps on the stack (up to 16 MiB)");
    }
    int slotInput = 0;
    int slotScores = 4;
    int slotJ = 8;
    int saveArea = 12;
    int act0 = (saveArea + 4 * SAVED.size() + 15) & ~15;
    int act1 = act0 + 4 * actWords;
    int planes = act1 + 4 * actWords;
    int size = (planes + 4 * planeWords + 15) & ~15;
    return new Frame(act0, act1, slotInput, slotScores, slotJ, saveArea, planes, size);
  }

  /** The activation buffer a layer writes when it reads {@code source} (-1: the caller's input). */
  int otherBuffer(int source) {
    return source == act0 ? act1 : act0;
  }
}
