// Random valid models for the FPGA measurements (docs/fpga.md), written into the current directory:
//   jshell --class-path cli/target/blitz.jar bench/fpga/models.jsh
// sfc.bil: FINN's SFC shape, 784-256-256-256-10 with bipolar input (334,336 binary MACs per frame);
// small.bil: 64-32-10 with bipolar input, a network that fits an iCE40 UP5K at any folding.
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.random.RandomNetworks;
ModelFiles.write(RandomNetworks.mlp("sfc", new java.util.Random(2026), InputKind.BIPOLAR, new int[] {784, 256, 256, 256, 10}, false).model(), java.nio.file.Path.of("sfc.bil"));
ModelFiles.write(RandomNetworks.mlp("small", new java.util.Random(7), InputKind.BIPOLAR, new int[] {64, 32, 10}, true).model(), java.nio.file.Path.of("small.bil"));
/exit
