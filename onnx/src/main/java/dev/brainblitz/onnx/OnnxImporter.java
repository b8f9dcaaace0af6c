package dev.brainblitz.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;
import dev.brainblitz.onnx.proto.Onnx.ModelProto;
import dev.brainblitz.onnx.proto.Onnx.OperatorSetIdProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an ONNX file (a plain PyTorch export, or a QONNX graph) into an IL {@link Model}, exactly:
 * for every input, the model's class is the graph's, and its scores are the graph's outputs up to
 * one positive factor and offset ({@link Result}). Anything the IL cannot represent exactly is
 * refused with a diagnostic naming the node (docs/onnx.md lists what is read and why the rest is
 * not).
 */
public final class OnnxImporter {
  /** The ONNX IR versions read: 3 (the first with operator sets) to 10 (ONNX 1.16). */
  public static final int MIN_IR_VERSION = 3;

  public static final int MAX_IR_VERSION = 10;

  /** The standard operator set versions read: 9 (Sign, Where, the batch-norm without `spatial`) to 21. */
  public static final int MIN_OPSET = 9;

  public static final int MAX_OPSET = 21;

  /**
   * What the user says about the model: the input's kind when the graph does not say it
   * ({@code --input-bits}; null when not given) and the model's name (null: the graph's name, else
   * the file's).
   */
  public record Options(InputKind inputKind, String name) {
    public static final Options DEFAULT = new Options(null, null);
  }

  /**
   * The imported model, and how its scores relate to the graph's outputs: output_c =
   * {@code scoreFactor * score_c + scoreOffset} for every class c, in exact arithmetic.
   */
  public record Result(Model model, double scoreFactor, double scoreOffset) {}

  private OnnxImporter() {}

  public static Result read(Path path, Options options) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (java.nio.file.NoSuchFileException e) {
      throw unreadable(path, "no such file");
    } catch (IOException e) {
      throw unreadable(path, Files.isDirectory(path) ? "it is a directory" : String.valueOf(e.getMessage()));
    }
    return read(path.toString(), bytes, options);
  }

  public static Result read(String file, byte[] bytes, Options options) {
    NodeAt at = NodeAt.file(file);
    ModelProto model;
    try {
      model = ModelProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw at.error(ErrorCode.ONNX_NOT_A_MODEL, "not an ONNX model: the protobuf is truncated or corrupt ("
          + e.getMessage() + ")");
    }
    if (!model.hasIrVersion() || !model.hasGraph()) {
      throw at.error(ErrorCode.ONNX_NOT_A_MODEL, "not an ONNX model: it has no " + (model.hasIrVersion() ? "graph" : "IR version"));
    }
    long ir = model.getIrVersion();
    if (ir < MIN_IR_VERSION || ir > MAX_IR_VERSION) {
      throw at.error(ErrorCode.ONNX_IR_VERSION, "ONNX IR version " + ir + " is " + (ir < MIN_IR_VERSION ? "older" : "newer")
          + " than the importer reads (" + MIN_IR_VERSION + " to " + MAX_IR_VERSION + ")");
    }
    int opset = defaultOpset(model, at);
    if (model.getGraph().getSparseInitializerCount() > 0) {
      throw at.error(ErrorCode.ONNX_TENSOR_DATA, "the graph has sparse initializers, which the importer does not read");
    }
    String stem = Path.of(file).getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_]", "_");
    if (stem.isEmpty() || !Character.isLetter(stem.charAt(0)) && stem.charAt(0) != '_') {
      stem = "m_" + stem;
    }
    return new GraphImporter(file, model.getGraph(), opset, options).run(stem);
  }

  private static int defaultOpset(ModelProto model, NodeAt at) {
    Long version = null;
    for (OperatorSetIdProto set : model.getOpsetImportList()) {
      if (set.getDomain().isEmpty() || set.getDomain().equals("ai.onnx")) {
        version = set.getVersion();
      }
    }
    if (version == null) {
      throw at.error(ErrorCode.ONNX_OPSET, "the model imports no version of the standard operator set");
    }
    if (version < MIN_OPSET || version > MAX_OPSET) {
      throw at.error(ErrorCode.ONNX_OPSET, "operator set " + version + " is " + (version < MIN_OPSET ? "older" : "newer")
          + " than the importer reads (" + MIN_OPSET + " to " + MAX_OPSET + "); export again with an opset in that"
          + " range, e.g. torch.onnx.export(..., opset_version=13)");
    }
    return version.intValue();
  }

  private static DiagnosticException unreadable(Path path, String why) {
    return new DiagnosticException(new Diagnostic(ErrorCode.FILE_UNREADABLE, SourceSpan.wholeFile(path.toString()),
        "cannot read '" + path + "': " + why));
  }
}
