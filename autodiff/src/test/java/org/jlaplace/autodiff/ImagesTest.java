package org.jlaplace.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.conv.Pool2d;
import org.junit.jupiter.api.Test;

/** Pooling and bilinear sampling against naive oracles, plus gradient checks to second order. */
class ImagesTest {

    private static int[] randomImageShape(SplittableRandom r, int minSpatial) {
        return new int[] {1 + r.nextInt(2), 1 + r.nextInt(2), minSpatial + r.nextInt(4), minSpatial + r.nextInt(4)};
    }

    /** Naive max pooling: the first maximum of every window in row-major order. */
    private static Tensor naiveMaxPool(Tensor x, int k, int s) {
        int[] sh = x.shape();
        int ho = (sh[2] - k) / s + 1;
        int wo = (sh[3] - k) / s + 1;
        Tensor out = Tensor.zeros(sh[0], sh[1], ho, wo);
        for (int n = 0; n < sh[0]; n++) {
            for (int c = 0; c < sh[1]; c++) {
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        double m = Double.NEGATIVE_INFINITY;
                        for (int a = 0; a < k; a++) {
                            for (int b = 0; b < k; b++) {
                                m = Math.max(m, x.get(n, c, i * s + a, j * s + b));
                            }
                        }
                        out.set(m, n, c, i, j);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void maxPoolMatchesNaiveLoopsAndRoutesGradientsToTheArgmax() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int k = 1 + r.nextInt(3);
            int s = 1 + r.nextInt(2);
            Tensor x = GradCheck.distinct(r, 0.05, randomImageShape(r, k));
            Var y = Var.of(x).maxPool2d(k, s);
            GradCheck.assertClose(naiveMaxPool(x, k, s), y.value(), 0, "maxPool2d value");
            Tensor g = GradCheck.normal(r, y.shape());
            var recorded = Pool2d.maxForward(x, k, s);
            Tensor expected = Pool2d.maxBackward(g, recorded.argmax(), x.shape());
            GradCheck.assertClose(expected, AD.vjp(v -> v.maxPool2d(k, s), Var.of(x)).pullback(Var.of(g)).value(),
                1e-14, "maxPool2d VJP");
            GradCheck.checkAll(as -> as[0].maxPool2d(k, s).square(), new Tensor[] {x}, r, true);
        });
    }

    @Test
    void avgPoolMatchesTheCoreKernelsAndTheirAdjoint() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int k = 1 + r.nextInt(3);
            int s = 1 + r.nextInt(2);
            Tensor x = GradCheck.normal(r, randomImageShape(r, k));
            Var y = Var.of(x).avgPool2d(k, s);
            GradCheck.assertClose(Pool2d.avgForward(x, k, s), y.value(), 1e-14, "avgPool2d value");
            Tensor g = GradCheck.normal(r, y.shape());
            GradCheck.assertClose(Pool2d.avgBackward(g, x.shape(), k, s),
                AD.vjp(v -> v.avgPool2d(k, s), Var.of(x)).pullback(Var.of(g)).value(), 1e-14, "avgPool2d VJP");
            GradCheck.checkAll(as -> as[0].avgPool2d(k, s).tanh(), new Tensor[] {x}, r, true);
        });
    }

    /** Naive bilinear sampling with zero padding (align_corners = false), one point at a time. */
    private static Tensor naiveGridSample(Tensor img, Tensor grid) {
        int[] s = img.shape();
        int[] g = grid.shape();
        Tensor out = Tensor.zeros(s[0], s[1], g[1], g[2]);
        for (int n = 0; n < s[0]; n++) {
            for (int i = 0; i < g[1]; i++) {
                for (int j = 0; j < g[2]; j++) {
                    double u = ((grid.get(n, i, j, 0) + 1) * s[3] - 1) / 2;
                    double v = ((grid.get(n, i, j, 1) + 1) * s[2] - 1) / 2;
                    for (int c = 0; c < s[1]; c++) {
                        double acc = 0;
                        for (int row = (int) Math.floor(v); row <= (int) Math.floor(v) + 1; row++) {
                            for (int col = (int) Math.floor(u); col <= (int) Math.floor(u) + 1; col++) {
                                if (row >= 0 && row < s[2] && col >= 0 && col < s[3]) {
                                    double w = (1 - Math.abs(u - col)) * (1 - Math.abs(v - row));
                                    acc += w * img.get(n, c, row, col);
                                }
                            }
                        }
                        out.set(acc, n, c, i, j);
                    }
                }
            }
        }
        return out;
    }

    /**
     * A random grid whose pixel coordinates keep their fractional part in [0.05, 0.95], so
     * finite differences never cross a cell boundary; some points fall outside the image.
     */
    private static Tensor randomGrid(SplittableRandom r, int n, int ho, int wo, int h, int w) {
        Tensor grid = Tensor.zeros(n, ho, wo, 2);
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < wo; j++) {
                    double u = -2 + r.nextInt(w + 3) + 0.05 + 0.9 * r.nextDouble();
                    double v = -2 + r.nextInt(h + 3) + 0.05 + 0.9 * r.nextDouble();
                    grid.set((2 * u + 1) / w - 1, b, i, j, 0);
                    grid.set((2 * v + 1) / h - 1, b, i, j, 1);
                }
            }
        }
        return grid;
    }

    @Test
    void gridSampleMatchesNaiveBilinearInterpolationAndIsDifferentiableInImageAndGrid() {
        qt().withExamples(20).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = randomImageShape(r, 1);
            Tensor img = GradCheck.normal(r, s);
            Tensor grid = randomGrid(r, s[0], 1 + r.nextInt(3), 1 + r.nextInt(3), s[2], s[3]);
            GradCheck.assertClose(naiveGridSample(img, grid), Var.of(img).gridSample(Var.of(grid)).value(), 1e-13,
                "gridSample value");
            GradCheck.checkAll(as -> as[0].gridSample(as[1]), new Tensor[] {img, grid}, r, true);
        });
    }

    @Test
    void affineWarpWithIdentityReproducesTheImageAndAShiftMovesIt() {
        SplittableRandom r = new SplittableRandom(7);
        Tensor img = GradCheck.normal(r, 2, 3, 4, 5);
        Tensor identity = Tensor.of(new double[] {1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0}, 2, 2, 3);
        GradCheck.assertClose(img, Images.affineWarp(Var.of(img), Var.of(identity)).value(), 1e-13, "identity warp");
        // Sampling one pixel to the right (Δx = 2/W in normalised units) shifts the image left.
        Tensor shift = Tensor.of(new double[] {1, 0, 2.0 / 5, 0, 1, 0, 1, 0, 2.0 / 5, 0, 1, 0}, 2, 2, 3);
        Tensor warped = Images.affineWarp(Var.of(img), Var.of(shift)).value();
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 5; j++) {
                        double expected = j + 1 < 5 ? img.get(n, c, i, j + 1) : 0.0;
                        assertEquals(expected, warped.get(n, c, i, j), 1e-13);
                    }
                }
            }
        }
        // The warp is differentiable in theta: check against differences at a rotation and a
        // shift chosen so that no sample lies within 0.1 pixel of a cell boundary (a kink).
        Tensor theta = Tensor.of(new double[] {1.021, 0.325, -0.001, -0.325, 1.006, -0.062,
            0.978, -0.005, -0.098, -0.009, 0.993, 0.098}, 2, 2, 3);
        GradCheck.checkJvp(as -> Images.affineWarp(Var.of(img), as[0]), new Tensor[] {theta}, r, 1e-6);
    }

    @Test
    void badImageShapesAreRejected() {
        Var flat = Var.of(Tensor.zeros(2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> flat.maxPool2d(2, 2));
        assertTrue(e.getMessage().contains("maxPool2d") && e.getMessage().contains("[2, 3]"), e.getMessage());
        Var img = Var.of(Tensor.zeros(1, 1, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> img.avgPool2d(4, 1));
        assertThrows(IllegalArgumentException.class, () -> img.gridSample(Var.of(Tensor.zeros(1, 2, 2, 3))));
    }
}
