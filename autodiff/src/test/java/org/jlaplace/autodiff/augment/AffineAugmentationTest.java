package org.jlaplace.autodiff.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jlaplace.autodiff.AD;
import org.jlaplace.autodiff.Images;
import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Rng;
import org.jlaplace.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The affine augmentation: identity at zero extent, the exponential map against closed forms and
 * a long Taylor series, the noise, and gradients in the images and the extents against central
 * differences.
 */
class AffineAugmentationTest {

    private static List<AffineGenerator> randomSubset(SplittableRandom r) {
        List<AffineGenerator> chosen = new ArrayList<>();
        for (AffineGenerator g : AffineGenerator.values()) {
            if (r.nextBoolean()) {
                chosen.add(g);
            }
        }
        if (chosen.isEmpty()) {
            chosen.add(AffineGenerator.values()[r.nextInt(AffineGenerator.values().length)]);
        }
        return chosen;
    }

    private static Tensor randomImages(SplittableRandom r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextDouble();
        }
        return t;
    }

    @Test
    void zeroExtentIsTheIdentity() {
        qt().withExamples(20).withFixedSeed(20261129L).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            AffineAugmentation aug = new AffineAugmentation(randomSubset(r), 1 + r.nextInt(3));
            int m = 1 + r.nextInt(3);
            Tensor x = randomImages(r, m, 1 + r.nextInt(2), 2 + r.nextInt(6), 2 + r.nextInt(6));
            Tensor out = aug.apply(x, Tensor.zeros(aug.size()), aug.sampleNoise(new Rng(seed), m));
            for (int n = 0; n < m; n++) {
                for (int s = 0; s < aug.samples(); s++) {
                    Tensor copy = out.select(0, n * aug.samples() + s);
                    assertTrue(copy.allClose(x.select(0, n), 0, 1e-12), "sample " + s + " of image " + n);
                }
            }
        });
    }

    @Test
    void rotationByTheExponentialMapIsTheRotationMatrix() {
        qt().withExamples(40).withFixedSeed(20261129L).forAll(doubles().between(-Math.PI, Math.PI)).checkAssert(angle -> {
            AffineAugmentation aug = new AffineAugmentation(List.of(AffineGenerator.ROTATION), 1);
            Tensor theta = aug.transforms(Var.of(Tensor.of(new double[] {Math.abs(angle)}, 1)),
                Tensor.of(new double[] {Math.signum(angle)}, 1, 1, 1)).value();
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            Tensor expected = Tensor.of(new double[] {c, -s, 0, s, c, 0}, 1, 2, 3);
            assertTrue(theta.allClose(expected, 0, 1e-13), theta + " vs " + expected);
        });
    }

    @Test
    void translationScaleAndShearHaveTheirClosedForms() {
        qt().withExamples(30).withFixedSeed(20261129L).forAll(doubles().between(-2, 2)).checkAssert(t -> {
            List<AffineGenerator> gens = List.of(AffineGenerator.TRANSLATION_X, AffineGenerator.TRANSLATION_Y,
                AffineGenerator.SCALE, AffineGenerator.SHEAR);
            double[][] expected = {
                {1, 0, t, 0, 1, 0},
                {1, 0, 0, 0, 1, t},
                {Math.exp(t), 0, 0, 0, Math.exp(t), 0},
                {1, t, 0, 0, 1, 0}};
            for (int i = 0; i < gens.size(); i++) {
                AffineAugmentation aug = new AffineAugmentation(List.of(gens.get(i)), 1);
                Tensor theta = aug.transforms(Var.of(Tensor.of(new double[] {Math.abs(t)}, 1)),
                    Tensor.of(new double[] {Math.signum(t)}, 1, 1, 1)).value();
                assertTrue(theta.allClose(Tensor.of(expected[i], 1, 2, 3), 1e-13, 1e-13), gens.get(i) + ": " + theta);
            }
        });
    }

    /** {@code Σ_{j ≤ 60} A^j / j!} by plain loops, for small A. */
    private static double[] naiveExp(double[] a, int n) {
        double[] sum = new double[n * n];
        double[] term = new double[n * n];
        for (int i = 0; i < n; i++) {
            sum[i * n + i] = 1;
            term[i * n + i] = 1;
        }
        for (int j = 1; j <= 60; j++) {
            double[] next = new double[n * n];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    double acc = 0;
                    for (int k = 0; k < n; k++) {
                        acc += term[r * n + k] * a[k * n + c];
                    }
                    next[r * n + c] = acc / j;
                }
            }
            term = next;
            for (int i = 0; i < n * n; i++) {
                sum[i] += term[i];
            }
        }
        return sum;
    }

    @Test
    void matrixExponentialMatchesTheSeriesAndInvertsByNegation() {
        qt().withExamples(30).withFixedSeed(20261129L).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int b = 1 + r.nextInt(3);
            double spread = 0.1 + 2.5 * r.nextDouble();
            double[] a = new double[b * 9];
            for (int i = 0; i < a.length; i++) {
                a[i] = spread * (2 * r.nextDouble() - 1);
            }
            Tensor e = MatrixExponential.exp(Var.of(Tensor.of(a, b, 3, 3))).value();
            Tensor inv = MatrixExponential.exp(Var.of(Tensor.of(a, b, 3, 3).neg())).value();
            for (int k = 0; k < b; k++) {
                double[] one = java.util.Arrays.copyOfRange(a, 9 * k, 9 * k + 9);
                double[] expected = naiveExp(one, 3);
                double[] got = e.select(0, k).toArray();
                assertTrue(Differences.relativeError(got, expected) < 1e-12, "matrix " + k);
                Tensor product = e.select(0, k).matmul(inv.select(0, k));
                assertTrue(product.allClose(Tensor.eye(3), 1e-11, 1e-11), product.toString());
            }
        });
    }

    @Test
    void augmentedImagesAreDifferentiableInTheExtentsAndTheImages() {
        qt().withExamples(6).withFixedSeed(20261129L).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            AffineAugmentation aug = new AffineAugmentation(randomSubset(r), 2);
            Tensor x = randomImages(r, 2, 1, 4, 5);
            Tensor noise = aug.sampleNoise(new Rng(seed), 2);
            double[] e = new double[aug.size()];
            for (int i = 0; i < e.length; i++) {
                e[i] = 0.05 + 0.5 * r.nextDouble();
            }
            Tensor eta = Tensor.of(e, e.length);
            Tensor u = randomImages(r, 2 * aug.samples(), 1, 4, 5);
            // ⟨u, T(x; η)⟩: its gradient in η and x against central differences
            Var[] g = AD.grad(vs -> aug.apply(vs[0], vs[1], noise).mul(Var.of(u)).sum(),
                new Var[] {Var.of(x), Var.of(eta)});
            double[][] fdEta = Differences.jacobian(t -> Tensor.scalar(aug.apply(x, t, noise).mul(u).sum()), eta, 1e-6);
            double[][] fdX = Differences.jacobian(t -> Tensor.scalar(aug.apply(t, eta, noise).mul(u).sum()), x, 1e-6);
            assertTrue(Differences.relativeError(g[1].value().toArray(), fdEta[0]) < 1e-6, "η gradient");
            assertTrue(Differences.relativeError(g[0].value().toArray(), fdX[0]) < 1e-6, "image gradient");
        });
    }

    @Test
    void gridSampleSecondDerivativeInTheExtentsMatchesDifferencesOfGradients() {
        qt().withExamples(8).withFixedSeed(20261129L).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            AffineAugmentation aug = new AffineAugmentation(List.of(AffineGenerator.ROTATION, AffineGenerator.SCALE), 3);
            Tensor x = randomImages(r, 1, 1, 6, 6);
            Tensor noise = aug.sampleNoise(new Rng(seed), 1);
            Tensor eta = Tensor.of(new double[] {0.2 + r.nextDouble(), 0.1 + 0.3 * r.nextDouble()}, 2);
            // f(η) = Σ T(x; η)²: Hessian by forward over reverse against differences of reverse gradients
            java.util.function.Function<Var, Var> f = t -> aug.apply(Var.of(x), t, noise).square().sum();
            Tensor hessian = AD.hessian(f, eta);
            double[][] fd = Differences.jacobian(t -> AD.grad(f, t), eta, 1e-6);
            for (int i = 0; i < 2; i++) {
                assertTrue(Differences.relativeError(hessian.select(0, i).toArray(), fd[i]) < 1e-5, "row " + i);
            }
        });
    }

    @Test
    void noiseIsUniformOnTheCubeAndSeeded() {
        AffineAugmentation aug = new AffineAugmentation(List.of(AffineGenerator.ROTATION, AffineGenerator.SHEAR), 10);
        Tensor a = aug.sampleNoise(new Rng(7), 500);
        Tensor b = aug.sampleNoise(new Rng(7), 500);
        assertEquals(0.0, a.maxAbsDiff(b));
        double[] d = a.toArray();
        double mean = 0;
        double square = 0;
        for (double v : d) {
            assertTrue(v >= -1 && v <= 1);
            mean += v / d.length;
            square += v * v / d.length;
        }
        assertEquals(0.0, mean, 0.02);
        assertEquals(1.0 / 3.0, square, 0.02);
    }

    @Test
    void badInputIsRejectedWithAMessage() {
        assertThrows(IllegalArgumentException.class, () -> AffineGenerator.parseList("rotation,warp"));
        assertEquals(List.of(AffineGenerator.ROTATION, AffineGenerator.TRANSLATION_X, AffineGenerator.TRANSLATION_Y),
            AffineGenerator.parseList("translation, rotation"));
        assertThrows(IllegalArgumentException.class, () -> new AffineAugmentation(List.of(AffineGenerator.ROTATION), 0));
        AffineAugmentation aug = new AffineAugmentation(List.of(AffineGenerator.ROTATION), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
            aug.apply(Tensor.zeros(1, 1, 4, 4), Tensor.of(new double[] {-0.1}, 1), aug.sampleNoise(new Rng(1), 1)));
        assertTrue(e.getMessage().contains("≥ 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
            aug.apply(Tensor.zeros(1, 4, 4), Tensor.of(new double[] {0.1}, 1), aug.sampleNoise(new Rng(1), 1)));
    }

    @Test
    void rotatingByAQuarterTurnPermutesASquareImage() {
        // a 90° rotation of a square image maps pixel centres onto pixel centres: a pure permutation
        AffineAugmentation aug = new AffineAugmentation(List.of(AffineGenerator.ROTATION), 1);
        Tensor x = randomImages(new SplittableRandom(3), 1, 1, 4, 4);
        Tensor out = aug.apply(x, Tensor.of(new double[] {Math.PI / 2}, 1), Tensor.of(new double[] {1}, 1, 1, 1));
        Tensor viaGrid = Images.affineWarp(Var.of(x), Var.of(Tensor.of(new double[] {0, -1, 0, 1, 0, 0}, 1, 2, 3))).value();
        assertTrue(out.allClose(viaGrid, 0, 1e-12));
        double[] a = x.toArray();
        double[] b = out.toArray();
        java.util.Arrays.sort(a);
        java.util.Arrays.sort(b);
        assertTrue(Differences.relativeError(b, a) < 1e-12, "a quarter turn only moves pixels");
    }
}
