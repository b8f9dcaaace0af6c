package dev.brainblitz.ir.diag;

/**
 * Every error a user can get from brain-blitz's readers and validators, with a stable code. Codes
 * never change meaning and are never reused; docs/il.md documents the BIL and VEC codes, docs/asm.md the ASM codes, docs/sim.md the SIM codes, docs/train.md the DAT codes, docs/onnx.md the ONX and NPY codes, docs/fpga.md the FPG codes, docs/faults.md the FLT codes (a test checks
 * that).
 */
public enum ErrorCode {
  // Text form: lexing and parsing.
  SYNTAX("BIL001", "syntax error"),
  BAD_CHARACTER("BIL002", "character not allowed here"),
  UNSUPPORTED_VERSION("BIL003", "unsupported model format version"),
  UNEXPECTED_EOF("BIL004", "unexpected end of file (truncated model?)"),
  NUMBER_OUT_OF_RANGE("BIL005", "number too large for its field"),

  // Structure of the network.
  DUPLICATE_NAME("BIL010", "two nodes share a name"),
  UNKNOWN_REFERENCE("BIL011", "reference to a node that does not exist"),
  FORWARD_REFERENCE("BIL012", "reference to a node declared later"),
  WRONG_SOURCE_KIND("BIL013", "node reads from a node of the wrong kind"),
  NOT_A_CHAIN("BIL014", "node output unused or used twice"),
  BAD_INPUT_COUNT("BIL015", "a model needs exactly one input, declared first"),
  BAD_SCORES_COUNT("BIL016", "a model needs exactly one scores node, declared last"),
  EMPTY_MODEL("BIL017", "model has no nodes"),

  // Shapes and weights.
  ROW_COUNT_MISMATCH("BIL020", "number of weight rows differs from the declared outputs"),
  ROW_LENGTH_MISMATCH("BIL021", "weight row has the wrong number of words"),
  BAD_HEX_WORD("BIL022", "weight word is not a 32-bit hex literal"),
  PADDING_BITS_SET("BIL023", "unused high bits of a row's last word are set"),
  WIDTH_MISMATCH("BIL024", "weight columns differ from the size of the source"),
  BAD_SIZE("BIL025", "size out of range"),

  // Convolutional layers (conv2d, maxpool, flatten).
  IMAGE_MISMATCH("BIL100", "a conv2d's declared image differs from what its source produces"),
  KERNEL_TOO_LARGE("BIL101", "a valid convolution's kernel is larger than the image"),
  CONV_NOT_TILING("BIL102", "a convolution's stride does not tile the image"),
  POOL_NOT_TILING("BIL103", "a max-pool window does not tile the feature map"),
  MAP_VECTOR_MISMATCH("BIL104", "a feature map where a vector belongs, or a vector where a map belongs"),
  BAD_PAD_VALUE("BIL105", "a padding mode or pad value the convolution cannot have"),
  LAYER_NOT_SUPPORTED("BIL109", "a backend cannot build this kind of layer yet"),

  // Thresholds.
  THRESHOLD_COUNT_MISMATCH("BIL030", "number of thresholds differs from the number of neurons"),
  THRESHOLD_OUT_OF_RANGE("BIL031", "threshold outside the accumulator's range"),
  MULTI_LEVEL_UNSUPPORTED("BIL032", "several thresholds per neuron are not supported yet"),
  INCONSISTENT_LEVELS("BIL033", "neurons of one threshold node have different numbers of thresholds"),
  BAD_DIRECTION("BIL034", "threshold direction is not ge or le"),
  UNSORTED_LEVELS("BIL035", "a neuron's thresholds are not in increasing order"),

  // Scores.
  BIAS_COUNT_MISMATCH("BIL040", "number of biases differs from the number of classes"),
  BIAS_OUT_OF_RANGE("BIL041", "bias outside the 32-bit range"),

  // Input and names.
  BAD_INPUT_KIND("BIL050", "unknown input kind"),
  BAD_NAME("BIL060", "name is not an identifier"),

  // JSON form.
  JSON_SYNTAX("BIL070", "malformed JSON"),
  JSON_TYPE("BIL071", "JSON value of the wrong type"),
  JSON_MISSING_FIELD("BIL072", "required JSON field missing"),
  JSON_UNKNOWN_FIELD("BIL073", "unknown JSON field"),
  JSON_UNKNOWN_OP("BIL074", "unknown node op"),
  JSON_BAD_FORMAT("BIL075", "not a brain-blitz model file"),

  // Float parameter import (the input of FoldBatchNorm).
  FLOAT_SHAPE("BIL080", "float parameter array has the wrong shape"),
  FLOAT_NOT_FINITE("BIL081", "float parameter is not finite or batch-norm variance is invalid"),
  FLOAT_SCORE_BIAS("BIL082", "score bias is not an integer"),

  // Files.
  FILE_UNREADABLE("BIL090", "file cannot be read"),
  UNKNOWN_FORMAT("BIL091", "unknown file extension"),
  FILE_UNWRITABLE("BIL092", "file cannot be written"),

  // Input vector files.
  VECTOR_LENGTH("VEC001", "vector has the wrong number of elements"),
  VECTOR_ELEMENT_RANGE("VEC002", "vector element out of range"),
  VECTOR_SYNTAX("VEC003", "malformed vector element"),
  VECTOR_EMPTY("VEC004", "vector file holds no vectors"),

  // RISC-V assembly (docs/asm.md).
  ASM_SYNTAX("ASM001", "assembly syntax error"),
  ASM_UNKNOWN_MNEMONIC("ASM002", "unknown instruction or directive"),
  ASM_BAD_OPERANDS("ASM003", "wrong number or kind of operands"),
  ASM_BAD_REGISTER("ASM004", "not an integer register"),
  ASM_OUT_OF_RANGE("ASM005", "immediate, offset or value out of range"),
  ASM_UNDEFINED_SYMBOL("ASM006", "symbol not defined"),
  ASM_DUPLICATE_SYMBOL("ASM007", "symbol defined twice"),
  ASM_NOT_CONSTANT("ASM008", "expression must be a constant here"),
  ASM_BAD_SECTION("ASM009", "unknown section, or content the section cannot hold"),
  ASM_UNKNOWN_CSR("ASM010", "unknown CSR name"),
  ASM_NOT_ELF("ASM011", "not a 32-bit little-endian RISC-V ELF file"),
  ASM_TOO_MANY_ERRORS("ASM012", "too many errors: the rest were counted, not reported"),

  // Hardware generation (module hdlgen).
  FOLD_SYNTAX("HDL001", "malformed folding or unknown layer name"),
  FOLD_RANGE("HDL002", "folding outside the layer's size"),
  FOLD_TARGET("HDL003", "target cycles per vector below 1"),
  PIPELINE_LEVELS("HDL004", "adder levels per pipeline stage below 1"),
  INPUT_PORT("HDL005", "input port the first layer cannot take"),
  SPRAM_DEPTH("HDL006", "an SPRAM weight memory deeper than one SB_SPRAM256KA"),

  // The FPGA flow (module fpga, docs/fpga.md).
  FPGA_NO_FIT("FPG001", "design does not fit the device"),
  FPGA_TIMING("FPG002", "design misses the requested clock"),
  FPGA_TOOL_FAILED("FPG003", "an FPGA tool failed"),
  FPGA_TOOL_MISSING("FPG004", "an FPGA tool is not installed"),
  FPGA_FIT_EXHAUSTED("FPG005", "no folding fits the device and meets the clock"),
  FPGA_PORT("FPG006", "serial port cannot be opened or configured"),
  FPGA_BOARD_PROTOCOL("FPG007", "the board did not answer as the protocol says"),
  FPGA_UART_PACE("FPG008", "the first layer cannot keep up with the board's UART"),

  // Fault specifications (docs/faults.md).
  FAULT_SYNTAX("FLT001", "malformed fault specification"),
  FAULT_UNKNOWN_CLASS("FLT002", "unknown fault class"),
  FAULT_RATE_RANGE("FLT003", "fault rate outside [0, 1]"),
  FAULT_DUPLICATE("FLT004", "a fault class given twice"),
  FAULT_NOT_SUPPORTED("FLT005", "a target cannot inject this fault class"),

  // The RISC-V simulator (docs/sim.md).
  SIM_NOTHING_TO_LOAD("SIM001", "ELF file has nothing to load"),
  SIM_OUTSIDE_MEMORY("SIM002", "program outside the simulator's memory map"),
  SIM_UNKNOWN_TIMING("SIM003", "unknown timing model"),
  SIM_MISALIGNED_ENTRY("SIM004", "entry point not 4-byte aligned"),

  // Training data: IDX files and datasets (docs/train.md).
  DATA_MISSING("DAT001", "dataset files not found"),
  DATA_BAD_MAGIC("DAT002", "not an IDX file of the expected type and dimensions"),
  DATA_TRUNCATED("DAT003", "IDX file shorter than its header says"),
  DATA_COUNT_MISMATCH("DAT004", "image and label files hold different numbers of items"),
  DATA_CORRUPT("DAT005", "corrupt compressed file, or data after the last item"),
  DATA_BAD_LABEL("DAT006", "label outside the classes of the network"),
  DATA_SHAPE("DAT007", "images do not fit the network's input"),
  TRAIN_BAD_ARCH("DAT008", "malformed architecture or training option"),
  TRAIN_BAD_TEACHER("DAT009", "teacher file unreadable or of another shape"),
  TRAIN_BAD_CHECKPOINT("DAT010", "checkpoint file unreadable or of another run"),

  // ONNX import and export (module onnx, docs/onnx.md).
  ONNX_NOT_A_MODEL("ONX001", "not an ONNX model: truncated or corrupt protobuf"),
  ONNX_IR_VERSION("ONX002", "ONNX IR version outside the supported range"),
  ONNX_OPSET("ONX003", "operator set version outside the supported range"),
  ONNX_GRAPH("ONX004", "graph structure the importer cannot follow"),
  ONNX_DYNAMIC_SHAPE("ONX005", "dynamic or unknown shape"),
  ONNX_NOT_CONSTANT("ONX006", "missing initializer: an operand that must be constant is not"),
  ONNX_DATA_TYPE("ONX007", "unsupported tensor data type"),
  ONNX_UNSUPPORTED_OP("ONX008", "unsupported operator"),
  ONNX_CONV_NOT_YET("ONX009", "convolution and pooling wait on the conv IL"),
  ONNX_ATTRIBUTE("ONX010", "unsupported attribute value"),
  ONNX_NOT_BINARY("ONX011", "weights are not binary"),
  ONNX_OP_PLACEMENT("ONX012", "operator in a place the IL has no meaning for"),
  ONNX_NOT_FINITE("ONX013", "parameter not finite, or the computation overflows"),
  ONNX_NOT_BIPOLAR("ONX014", "activation is not a two-level (bipolar) activation"),
  ONNX_SCORES("ONX015", "output is not representable as IL scores"),
  ONNX_TENSOR_DATA("ONX016", "tensor data malformed or stored outside the file"),
  ONNX_SHAPE("ONX017", "shapes do not fit together"),
  ONNX_EXPORT_RANGE("ONX018", "model too large for an exact float32 export"),
  ONNX_INPUT_KIND("ONX019", "what the graph's input holds is unknown or contradicts --input-bits"),

  // NumPy .npz import (module onnx, docs/onnx.md).
  NPY_NOT_AN_ARCHIVE("NPY001", "not a .npz archive (or a corrupt or truncated one)"),
  NPY_BAD_HEADER("NPY002", "malformed .npy header"),
  NPY_DATA_TYPE("NPY003", "unsupported .npy data type"),
  NPY_TRUNCATED("NPY004", "array data shorter or longer than its header says"),
  NPY_MISSING_KEY("NPY005", "array missing for the architecture"),
  NPY_SHAPE("NPY006", "array shape differs from the architecture"),
  NPY_UNEXPECTED_KEY("NPY007", "array the architecture does not use"),
  NPY_NOT_FINITE("NPY008", "parameter not finite, or batch-norm variance invalid");

  private final String code;
  private final String summary;

  ErrorCode(String code, String summary) {
    this.code = code;
    this.summary = summary;
  }

  /** The stable code, e.g. {@code BIL031}. */
  public String code() {
    return code;
  }

  /** A one-line description of the class of error, as documented. */
  public String summary() {
    return summary;
  }
}
