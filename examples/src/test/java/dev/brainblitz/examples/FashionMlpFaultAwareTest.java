package dev.brainblitz.examples;

/** The shipped fault-aware Fashion-MNIST model (docs/faults.md): accuracies and reproduction. */
class FashionMlpFaultAwareTest extends TrainedExampleTest {
  FashionMlpFaultAwareTest() {
    super(Examples.FASHION_MLP_FAULT_AWARE, 886, 8891,
        "./blitz train --dataset fashion-mnist --arch 784-256-256-10 --epochs 30 --alpha 1"
            + " --fault-aware weights=1e-2,activations=1e-3 --seed 1 -o examples/models/fashion-mlp-fault-aware.bil",
        "# blitz train --dataset fashion-mnist --arch 784-256-256-10 --epochs 30 --alpha 1.0 --temperature 4.0"
            + " --fault-aware weights=1e-2,activations=1e-3 --batch 100 --lr 0.005 --seed 1");
  }
}
