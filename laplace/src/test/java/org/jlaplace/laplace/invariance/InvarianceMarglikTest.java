package org.jlaplace.laplace.invariance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jlaplace.autodiff.augment.AffineGenerator;
import org.jlaplace.autodiff.augment.ImageRotation;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.marglik.EpochReport;
import org.jlaplace.laplace.marglik.MarglikResult;
import org.jlaplace.laplace.partition.PartitionScheme;
import org.junit.jupiter.api.Test;

/**
 * End to end on toy images that are rotation invariant by construction (class prototypes under
 * random rotations in [−180°, 180°]): the learned rotation extent grows, and shrinks on the same
 * images left upright, where rotations change the class evidence; the loop reports one
 * metrics record per epoch and rejects bad settings.
 */
class InvarianceMarglikTest {
    private static final int SIDE = 7;
    private static final int CLASSES = 3;

    /**
     * Class {@code k} is {@code k + 1} Gaussian blobs equally spaced on a circle around the centre
     * (one blob, a pair, a triangle), plus pixel noise; every image is then rotated by its own
     * angle in {@code [−maxDegrees, maxDegrees]}, so with 180° the labels are rotation invariant.
     */
    static Tensor toyImages(int n, double maxDegrees, long seed, double[] labels) {
        Rng rng = new Rng(seed);
        double centre = (SIDE - 1) / 2.0;
        double[] data = new double[n * SIDE * SIDE];
        for (int k = 0; k < n; k++) {
            int label = k % CLASSES;
            labels[k] = label;
            for (int b = 0; b <= label; b++) {
                double angle = 2 * Math.PI * b / (label + 1);
                double bi = centre + 2.0 * Math.sin(angle);
                double bj = centre + 2.0 * Math.cos(angle);
                for (int i = 0; i < SIDE; i++) {
                    for (int j = 0; j < SIDE; j++) {
                        double d2 = (i - bi) * (i - bi) + (j - bj) * (j - bj);
                        data[k * SIDE * SIDE + i * SIDE + j] += Math.exp(-d2 / (2 * 0.7 * 0.7));
                    }
                }
            }
            for (int q = 0; q < SIDE * SIDE; q++) {
                data[k * SIDE * SIDE + q] += 0.05 * rng.nextGaussian();
            }
        }
        return ImageRotation.rotateData(Tensor.of(data, n, SIDE * SIDE), new int[] {1, SIDE, SIDE}, maxDegrees, seed + 1);
    }

    private static InvarianceConfig config(int epochs, PartitionScheme partition) {
        // the burn-in lets the network fit first: before it does, augmentation only hurts the fit term
        return new InvarianceConfig(List.of(AffineGenerator.ROTATION), 3, true, 0.3, epochs, 10, 2e-2, 0.05, 0.1, 10, 1,
            3, 15, "scalar", 1.0, KernelStructure.FULL, partition, 11, 2e-2);
    }

    @Test
    void rotationExtentGrowsOnRotationInvariantData() {
        int n = 60;
        double[] labels = new double[n];
        Tensor x = toyImages(n, 180, 3, labels);
        Sequential net = new Sequential(new Rng(2), new int[] {SIDE * SIDE}, new Linear(SIDE * SIDE, 16), Activation.tanh(),
            new Linear(16, CLASSES));
        List<EpochReport> seen = new ArrayList<>();
        MarglikResult result = InvarianceMarglik.train(net, x, labels, new int[] {1, SIDE, SIDE},
            new CategoricalLikelihood(CLASSES), config(20, PartitionScheme.GROUPED), seen::add);
        assertEquals(20, seen.size());
        double first = seen.get(9).eta()[0];
        double last = result.eta()[0];
        assertTrue(last > 1.5 * first, "rotation extent " + first + " -> " + last);
        assertTrue(seen.get(seen.size() - 1).trainMetric() > 1.0 / CLASSES, "the network learns something");
        double[] eta = result.eta();
        Tensor predicted = result.augmentedModel().predict(x, Tensor.copyOf(eta, eta.length),
            result.augmentedModel().augmentation().sampleNoise(new Rng(1), n));
        assertEquals(n, predicted.dim(0));
        assertEquals(CLASSES, predicted.dim(1));
    }

    @Test
    void rotationExtentShrinksOnUprightData() {
        int n = 60;
        double[] labels = new double[n];
        Tensor x = toyImages(n, 0, 3, labels);
        Sequential net = new Sequential(new Rng(2), new int[] {SIDE * SIDE}, new Linear(SIDE * SIDE, 16), Activation.tanh(),
            new Linear(16, CLASSES));
        MarglikResult result = InvarianceMarglik.train(net, x, labels, new int[] {1, SIDE, SIDE},
            new CategoricalLikelihood(CLASSES), config(20, PartitionScheme.RANDOM), null);
        assertTrue(result.eta()[0] < 0.5 * 0.3, "rotation extent 0.3 -> " + result.eta()[0]);
    }

    @Test
    void groupedBoundBatchesNeedClassLabels() {
        double[] labels = new double[12];
        Tensor x = toyImages(12, 0, 3, labels);
        Sequential net = new Sequential(new Rng(2), new int[] {SIDE * SIDE}, new Linear(SIDE * SIDE, CLASSES));
        double[] targets = new double[12 * CLASSES];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InvarianceMarglik.train(net, x,
            targets, new int[] {1, SIDE, SIDE}, new GaussianLikelihood(CLASSES, 1.0, 1.0), config(1, PartitionScheme.GROUPED), null));
        assertTrue(e.getMessage().contains("grouped"), e.getMessage());
    }

    @Test
    void rotatedDataKeepsShapeAndZeroAngleIsTheIdentity() {
        double[] labels = new double[6];
        Tensor x = toyImages(6, 0, 5, labels);
        Tensor again = ImageRotation.rotateData(x, new int[] {1, SIDE, SIDE}, 0, 9);
        assertTrue(again.allClose(x, 0, 1e-12));
        assertThrows(IllegalArgumentException.class, () -> ImageRotation.rotateData(x, new int[] {1, SIDE, SIDE}, -1, 0));
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new InvarianceConfig(List.of(AffineGenerator.ROTATION), 0, true,
            0.1, 1, 1, 1e-3, 1e-2, 1e-2, 0, 1, 1, 1, "scalar", 1, KernelStructure.FULL, 0));
        assertThrows(IllegalArgumentException.class, () -> new InvarianceConfig(List.of(), 1, true,
            0.1, 1, 1, 1e-3, 1e-2, 1e-2, 0, 1, 1, 1, "scalar", 1, KernelStructure.FULL, 0));
        assertThrows(IllegalArgumentException.class, () -> new InvarianceConfig(List.of(AffineGenerator.ROTATION), 1, true,
            0.0, 1, 1, 1e-3, 1e-2, 1e-2, 0, 1, 1, 1, "scalar", 1, KernelStructure.FULL, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InvarianceConfig(
            List.of(AffineGenerator.ROTATION), 1, true, 0.1, 1, 1, 1e-3, 1e-2, 1e-2, 0, 1, 1, 1, "scalar", 1,
            KernelStructure.FULL, PartitionScheme.RANDOM, 0, 2e-3));
        assertTrue(e.getMessage().contains("final learning rate") && e.getMessage().contains("0.002"), e.getMessage());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> new InvarianceConfig(
            List.of(AffineGenerator.ROTATION), 1, true, 0.1, 1, 1, 1e-3, 1e-2, 1e-2, 0, 1, 1, 1, "scalar", 1,
            KernelStructure.FULL, PartitionScheme.CONTIGUOUS, 0, 1e-3));
        assertTrue(p.getMessage().contains("CONTIGUOUS"), p.getMessage());
        assertEquals(1e-3, new InvarianceConfig(List.of(AffineGenerator.ROTATION), 1, true, 0.1, 1, 1, 1e-3, 1e-2, 1e-2,
            0, 1, 1, 1, "scalar", 1, KernelStructure.FULL, 0).finalLearningRate(), "the short form keeps the rate constant");
    }
}
