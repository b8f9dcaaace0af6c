package dev.brainblitz.riscv.asm;

/**
 * A named address or constant of a program: {@code section} is null for absolute symbols
 * ({@code .equ}).
 */
public record Symbol(String name, int value, SectionKind section, boolean global) {}
