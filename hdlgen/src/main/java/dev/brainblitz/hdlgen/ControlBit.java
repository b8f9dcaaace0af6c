package dev.brainblitz.hdlgen;

/**
 * A control signal that travels with an issue from an engine's front down its adder-tree pipeline,
 * so the tail sees the issue's own value {@link EngineShape#stages} cycles later: registers
 * {@code st<k>_<name>} per stage, and at the tail the wire {@code t_<name>}.
 *
 * @param name the suffix of its registers and tail wire
 * @param width its bits
 * @param frontValue the expression the front gives it in the issue cycle
 */
record ControlBit(String name, int width, String frontValue) {}
