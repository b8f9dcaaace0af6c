package dev.brainblitz.examples;

/** The shipped binary CNN whose hardware fits an iCE40 UP5K: accuracies and reproduction. */
class FashionCnnUp5kTest extends TrainedExampleTest {
  FashionCnnUp5kTest() {
    super(Examples.FASHION_CNN_UP5K, 881, 8739,
        "./blitz train --dataset fashion-mnist --arch c12-c12-p-c24-c24-p-f48-10 --epochs 12 --teacher"
            + " teacherF-e6-aug-s1.bin --alpha 0.5 --temperature 4.0 --batch 100 --lr 0.005 --seed 1"
            + " -o examples/models/fashion-cnn-up5k.bil",
        "# blitz train --dataset fashion-mnist --arch c12-c12-p-c24-c24-p-f48-10 --epochs 12 --teacher"
            + " teacherF-e6-aug-s1.bin --alpha 0.5 --temperature 4.0 --batch 100 --lr 0.005 --seed 1");
  }
}
