package dev.brainblitz.onnx;

import dev.brainblitz.ir.SourceSpan;
import dev.brainblitz.ir.diag.Diagnostic;
import dev.brainblitz.ir.diag.DiagnosticException;
import dev.brainblitz.ir.diag.ErrorCode;

/**
 * Where in an ONNX file a problem is: the file and, for a node, its index in the graph's node list,
 * its name and its operator. ONNX files have no lines, so the node is the position: every
 * diagnostic reads {@code model.onnx: error[ONX011]: node 3 "/fc1/Gemm" (Gemm): ...}.
 */
record NodeAt(String file, int index, String name, String opType, String domain) {

  /** A position in the file as a whole (the header, the graph's inputs and outputs). */
  static NodeAt file(String file) {
    return new NodeAt(file, -1, "", "", "");
  }

  boolean isNode() {
    return index >= 0;
  }

  /** {@code node 3 "/fc1/Gemm" (Gemm)}, with the domain for operators outside the standard set. */
  String describe() {
    if (!isNode()) {
      return "";
    }
    String op = domain.isEmpty() || domain.equals("ai.onnx") ? opType : domain + "." + opType;
    return "node " + index + (name.isEmpty() ? "" : " \"" + name + "\"") + " (" + op + ")";
  }

  /** The user error {@code code} at this position. */
  DiagnosticException error(ErrorCode code, String message) {
    String where = describe();
    return new DiagnosticException(new Diagnostic(code, SourceSpan.wholeFile(file),
        where.isEmpty() ? message : where + ": " + message));
  }
}
