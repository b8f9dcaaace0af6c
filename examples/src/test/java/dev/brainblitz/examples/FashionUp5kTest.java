package dev.brainblitz.examples;

/** The shipped Fashion-MNIST model for the block RAM of an iCE40 UP5K: accuracies and reproduction. */
class FashionUp5kTest extends TrainedExampleTest {
  FashionUp5kTest() {
    super(Examples.FASHION_UP5K, 815, 8116,
        "./blitz train --dataset fashion-mnist --arch 784-64-64-10 --epochs 30 --alpha 1"
            + " --binarized-input --seed 1 -o examples/models/fashion-up5k.bil",
        "# blitz train --dataset fashion-mnist --arch 784-64-64-10 --epochs 30 --alpha 1.0 --temperature 4.0"
            + " --binarized-input --batch 100 --lr 0.005 --seed 1");
  }
}
