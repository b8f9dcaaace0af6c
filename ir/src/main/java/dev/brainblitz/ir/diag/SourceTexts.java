package dev.brainblitz.ir.diag;

import java.util.Map;
import java.util.Optional;

/** The text of the files that diagnostics point into, so a renderer can quote the offending line. */
public final class SourceTexts {
  public static final SourceTexts NONE = new SourceTexts(Map.of());

  private final Map<String, String> textByFile;

  private SourceTexts(Map<String, String> textByFile) {
    this.textByFile = Map.copyOf(textByFile);
  }

  public static SourceTexts of(String file, String text) {
    return new SourceTexts(Map.of(file, text));
  }

  public SourceTexts with(SourceTexts other) {
    var merged = new java.util.HashMap<>(textByFile);
    merged.putAll(other.textByFile);
    return new SourceTexts(merged);
  }

  /** Line {@code line} (1-based) of {@code file}, without its line terminator. */
  public Optional<String> line(String file, int line) {
    String text = textByFile.get(file);
    if (text == null || line < 1) {
      return Optional.empty();
    }
    int start = 0;
    for (int i = 1; i < line; i++) {
      int next = text.indexOf('\n', start);
      if (next < 0) {
        return Optional.empty();
      }
      start = next + 1;
    }
    int end = text.indexOf('\n', start);
    String found = end < 0 ? text.substring(start) : text.substring(start, end);
    if (found.endsWith("\r")) {
      found = found.substring(0, found.length() - 1);
    }
    return Optional.of(found);
  }
}
