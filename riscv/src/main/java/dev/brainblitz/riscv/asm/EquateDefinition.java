package dev.brainblitz.riscv.asm;

/**
 * One {@code .set}/{@code .equ}/{@code =} statement: a symbol may have several. Where the statement
 * stands (placed by the sizing passes like a label) is what {@code .} means in its expression.
 */
final class EquateDefinition {
  final String name;
  final Statement statement;
  final Token expression;
  InputSection section;
  long offset;
  int placedInPass = -1;

  EquateDefinition(String name, Statement statement, Token expression) {
    this.name = name;
    this.statement = statement;
    this.expression = expression;
  }
}
