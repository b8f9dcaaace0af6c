package dev.brainblitz.riscv.asm;

/** A label (or a common block's name): its section and offset there, placed anew by each sizing pass. */
final class Label {
  final String name;
  final Statement definition;
  final Token token;
  InputSection section;
  long offset;
  /** The sizing pass that placed it last; -1 before the first. */
  int placedInPass = -1;

  Label(String name, Statement definition, Token token) {
    this.name = name;
    this.definition = definition;
    this.token = token;
  }
}
