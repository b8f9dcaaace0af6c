// A random valid model whose first layer is a u8 conv2d with a window of more than 32 bytes, for the
// measurement of bit planes in chunks (docs/riscv.md), written into the current directory:
//   jshell --class-path cli/target/blitz.jar bench/riscv/u8-window.jsh
// c5u8.bil: a 16x16x3 u8 image, conv2d 5x5 same 0 to 32 channels (75 window bytes: 3 chunks),
// maxpool 2, flatten, 10 scores.
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.ConvGeometry;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.MapShape;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.Padding;
import dev.brainblitz.ir.io.ModelFiles;
import dev.brainblitz.ir.random.RandomNetworks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
Random random = new Random(12);
List<Node> nodes = new ArrayList<>();
MapShape image = new MapShape(16, 16, 3);
nodes.add(new Node.Input("x", InputKind.U8, image.size()));
ConvGeometry conv = ConvGeometry.of(image, 5, 1, Padding.same(0), 32);
BitMatrix weights = RandomNetworks.randomBits(random, 32, conv.fanIn());
nodes.add(new Node.Conv2d("conv1", "x", image, 5, 1, Padding.same(0), weights));
nodes.add(new Node.Threshold("act1", "conv1", RandomNetworks.randomThresholds(random, weights, InputKind.U8)));
nodes.add(new Node.MaxPool("pool1", "act1", 2));
nodes.add(new Node.Flatten("flat", "pool1"));
nodes.add(new Node.Scores("out", "flat", RandomNetworks.randomBits(random, 10, 8 * 8 * 32), Collections.nCopies(10, 0)));
ModelFiles.write(new Model("c5u8", nodes), java.nio.file.Path.of("c5u8.bil"));
/exit
