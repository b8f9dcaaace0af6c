package dev.brainblitz.examples;

/** The shipped binary CNN that reaches 91.5% on Fashion-MNIST: accuracies and reproduction. */
class FashionCnnWideTest extends TrainedExampleTest {
  FashionCnnWideTest() {
    super(Examples.FASHION_CNN_WIDE, 921, 9152,
        "./blitz train --dataset fashion-mnist --arch c48-c48-p-c96-c96-p-f128-10 --epochs 12 --teacher"
            + " teacherF-e12-aug-s1.bin --alpha 0.5 --temperature 4.0 --batch 100 --lr 0.005 --seed 1"
            + " -o examples/models/fashion-cnn-wide.bil",
        "# blitz train --dataset fashion-mnist --arch c48-c48-p-c96-c96-p-f128-10 --epochs 12 --teacher"
            + " teacherF-e12-aug-s1.bin --alpha 0.5 --temperature 4.0 --batch 100 --lr 0.005 --seed 1");
  }
}
