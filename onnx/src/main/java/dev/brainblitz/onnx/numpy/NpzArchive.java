package dev.brainblitz.onnx.numpy;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A {@code .npz} file as {@code numpy.savez} (stored) or {@code numpy.savez_compressed} (deflated)
 * writes it: a zip archive with one {@code KEY.npy} entry per array. Read with
 * {@link java.util.zip.ZipFile}, which checks the archive's central directory, so a truncated
 * download is reported rather than half read.
 */
public final class NpzArchive {
  private NpzArchive() {}

  /** Every array of the archive, by key (the entry name without {@code .npy}), in key order. */
  public static Map<String, NpyArray> read(Path path) {
    String file = path.toString();
    if (!Files.isRegularFile(path)) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.FILE_UNREADABLE, SourceSpan.wholeFile(file),
          "cannot read '" + file + "': " + (Files.isDirectory(path) ? "it is a directory" : "no such file")));
    }
    Map<String, NpyArray> arrays = new TreeMap<>();
    try (ZipFile zip = new ZipFile(path.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        if (entry.isDirectory()) {
          continue;
        }
        String name = entry.getName();
        String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
          bytes = in.readAllBytes();
        }
        arrays.put(key, NpyReader.read(file, key, bytes));
      }
    } catch (IOException e) {
      throw new DiagnosticException(new Diagnostic(ErrorCode.NPY_NOT_AN_ARCHIVE, SourceSpan.wholeFile(file),
          "not a .npz archive, or a corrupt or truncated one (" + e.getMessage() + "); save it with numpy.savez"));
    }
    return arrays;
  }
}
