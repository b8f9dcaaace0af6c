package dev.brainblitz.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.floats.FloatReference;
import dev.brainblitz.ir.golden.GoldenModel;
import dev.brainblitz.train.data.ImageSet;
import dev.brainblitz.train.nn.Parallel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntheticTrainingTest {
  /**
   * Convolutional students, with and without distillation, on bytes and on binarized pixels, learn
   * the separable set; the exported network, its float reference and the student's own forward
   * pass agree on every test image.
   */
  @ParameterizedTest
  @CsvSource({"1.0, false, c4-p-c6-10", "0.5, false, c4+-c4v-p-f8-4", "0.5, true, c6k5s2-p-4", "1.0, true, c5-c5-p-4"})
  void convolutionalStudentsLearnTheSetAndTheExportAgrees(double alpha, boolean binarizedInput, String arch) {
    ImageSet train = Synthetic.quadrants8(400, 1);
    ImageSet test = Synthetic.quadrants8(200, 2);
    try (Parallel parallel = new Parallel(2)) {
      var options = Synthetic.cnnOptions(arch, alpha, binarizedInput, false, 3);
      var result = Trainer.runCnn("synthetic", train, test, null, false, options, parallel, new Trainer.Listener() {});
      assertEquals(200, result.binary().correct(), "exported network on the separable test set");
      assertEquals(200, result.floatStudent().correct());
      assertEquals(200, result.agreeingClasses());
      assertEquals(200, result.agreeingScores());
      assertEquals(1.0, result.studentForwardAccuracy());
      assertEquals(binarizedInput ? InputKind.BIPOLAR : InputKind.U8, result.network().inputKind());
      var inference = new dev.brainblitz.train.cnn.BitInference(result.network());
      for (int s = 0; s < test.count(); s++) {
        int[] input = CnnEvaluation.input(result.network().inputKind(), test, s);
        assertArrayEquals(result.binary().scores()[s], inference.scores(input));
      }
    }
  }

  /**
   * Students with and without distillation, on bytes and on binarized pixels, learn the separable
   * set perfectly; the exported IL agrees with the float student (the float reference of its
   * exported parameters) on every sample, scores included, under the golden model.
   */
  @ParameterizedTest
  @CsvSource({"1.0, false", "0.5, false", "0.5, true", "1.0, true"})
  void learnsASeparableSetAndTheIlAgreesOnEverySample(double alpha, boolean binarizedInput) {
    ImageSet train = Synthetic.quadrants(400, 1);
    ImageSet test = Synthetic.quadrants(200, 2);
    try (Parallel parallel = new Parallel(2)) {
      var result = Trainer.run("synthetic", train, test, null, false, Synthetic.options(alpha, binarizedInput, 3),
          parallel, new Trainer.Listener() {});
      assertEquals(200, result.il().correct(), "IL accuracy on the separable test set");
      assertEquals(200, result.floatStudent().correct());
      assertEquals(200, result.agreeingClasses());
      assertEquals(200, result.agreeingScores());
      var network = ModelValidator.validate(result.model());
      assertEquals(binarizedInput ? InputKind.BIPOLAR : InputKind.U8, network.input().kind());
      var golden = new GoldenModel(network);
      var reference = new StudentReference(result.floatModel());
      for (ImageSet set : new ImageSet[] {train, test}) {
        for (int s = 0; s < set.count(); s++) {
          var input = Evaluation.input(network.input().kind(), set, s);
          var expected = FloatReference.run(result.floatModel(), input).result();
          assertEquals(expected, golden.infer(input), "sample " + s);
          assertArrayEquals(expected.scores(), reference.scores(set, s), "sample " + s);
          assertEquals(set.label(s), expected.predictedClass(), "sample " + s);
        }
      }
    }
  }
}
