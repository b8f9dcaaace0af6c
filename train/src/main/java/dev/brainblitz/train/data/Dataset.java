package dev.brainblitz.train.data;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The datasets blitz knows by name, where their Debian package installs them, and how to find the
 * four standard IDX files ({@code train-images-idx3-ubyte[.gz]}, ...) in any directory given
 * with {@code --data}, so MNIST works the same way from a directory of its files.
 */
public enum Dataset {
  FASHION_MNIST("fashion-mnist", Path.of("/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist",
      List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
          "Ankle boot"));

  /** The two halves of an IDX dataset. */
  public enum Split {
    TRAIN("train"),
    TEST("t10k");

    private final String prefix;

    Split(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }

    public static Split of(String name) {
      return switch (name) {
        case "train" -> TRAIN;
        case "test" -> TEST;
        default -> throw new IllegalArgumentException("split is train or test, not '" + name + "'");
      };
    }
  }

  private final String id;
  private final Path installed;
  private final String debianPackage;
  private final List<String> classNames;

  Dataset(String id, Path installed, String debianPackage, List<String> classNames) {
    this.id = id;
    this.installed = installed;
    this.debianPackage = debianPackage;
    this.classNames = classNames;
  }

  public String id() {
    return id;
  }

  public List<String> classNames() {
    return classNames;
  }

  /** Where the Debian package puts the files. */
  public Path installedDirectory() {
    return installed;
  }

  public String debianPackage() {
    return debianPackage;
  }

  public static Dataset named(String id) {
    return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst().orElseThrow(() -> new DiagnosticException(
        new Diagnostic(ErrorCode.TRAIN_BAD_ARCH, SourceSpan.UNKNOWN, "unknown dataset '" + id + "'; known: "
            + Arrays.stream(values()).map(Dataset::id).toList())));
  }

  /**
   * One split, from {@code directory} or, when null, from where the package installs it. A
   * missing file says which package to install (or which files the directory lacks).
   */
  public ImageSet load(Path directory, Split split) {
    return read(directory == null ? installed : directory, split, directory == null);
  }

  /** One split from {@code dir}; {@code packaged}: whether a missing file means a missing package. */
  ImageSet read(Path dir, Split split, boolean packaged) {
    Path images = find(dir, split.prefix() + "-images-idx3-ubyte", packaged);
    Path labels = find(dir, split.prefix() + "-labels-idx1-ubyte", packaged);
    return Idx.read(images, labels);
  }

  private Path find(Path dir, String base, boolean packaged) {
    for (String name : List.of(base + ".gz", base)) {
      if (Files.isRegularFile(dir.resolve(name))) {
        return dir.resolve(name);
      }
    }
    String why = packaged
        ? id + " is not installed: " + dir.resolve(base + ".gz") + " does not exist; install it with"
            + " 'sudo apt-get install " + debianPackage + "' or give a directory of IDX files with --data DIR"
        : "'" + dir + "' has no " + base + ".gz or " + base + " (an IDX dataset directory holds"
            + " train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte,"
            + " optionally gzipped)";
    throw Idx.error(ErrorCode.DATA_MISSING, dir.resolve(base + ".gz"), why);
  }
}
