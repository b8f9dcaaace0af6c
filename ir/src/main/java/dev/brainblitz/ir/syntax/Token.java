package dev.brainblitz.ir.syntax;

import dev.brainblitz.ir.SourceSpan;

/** A piece of user text and where it was: a name, a number, a hex word, a keyword. */
public record Token(String text, SourceSpan span) {}
