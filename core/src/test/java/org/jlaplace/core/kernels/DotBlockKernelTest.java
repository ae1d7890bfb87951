package org.jlaplace.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorKernels#dotBlock}: the SIMD kernels against their scalar twin and both against the
 * definition {@code out[i, j] += Σ_b Σ_p x_b[i, p]·y_b[j, p]}, on row lengths around 1, 2 and 4 times
 * every plausible lane count (ragged tails, rows shorter than a vector), blocks with edge rows and
 * columns, several batches, strided rows whose gaps hold NaN (a read outside a row would show), arrays
 * that end exactly at the last row (a load past a row would throw), and rows of x and y that are the
 * same slices (a Gram matrix, where tiles on the diagonal take their own path). Also the property
 * KFAC relies on for thread-count invariance: an entry does not depend on the block it was computed
 * in, and {@code (i, j)} equals {@code (j, i)} bitwise on a Gram matrix.
 */
class DotBlockKernelTest {

    private static final double EPS = Math.ulp(1.0);

    private final VectorKernels fast = KernelProvider.get();
    private final VectorKernels twin = KernelProvider.scalar();

    /** One call's operands; {@code out} is the array before the call. */
    private record Case(int rows, int cols, int n, int batches, int batchStride, double[] x, int xOff, int xStride,
                        double[] y, int yOff, int yStride, double[] out, int outOff, int ldOut) {

        double[] run(VectorKernels kernels) {
            double[] o = out.clone();
            kernels.dotBlock(rows, cols, n, batches, batchStride, x, xOff, xStride, y, yOff, yStride, o, outOff,
                    ldOut);
            return o;
        }

        double xAt(int b, int i, int p) {
            return x[xOff + b * batchStride + i * xStride + p];
        }

        double yAt(int b, int j, int p) {
            return y[yOff + b * batchStride + j * yStride + p];
        }

        @Override
        public String toString() {
            return rows + "×" + cols + " n=" + n + " batches=" + batches + " batchStride=" + batchStride + " xOff="
                    + xOff + " xStride=" + xStride + " yOff=" + yOff + " yStride=" + yStride + " same=" + (x == y);
        }
    }

    /**
     * A random case: {@code n} from {@link VectorKernelsTest#AWKWARD}, the block {@code rows×cols}; with
     * {@code gram} the rows of y are rows {@code shift, shift + 1, …} of x itself. Everything outside
     * the rows is NaN; the last row of the last batch ends the array.
     */
    private static Case randomCase(Random rng, int rows, int cols, int n, boolean gram) {
        int batches = 1 + rng.nextInt(3);
        int xStride = n + rng.nextInt(3);
        int yStride = gram ? xStride : n + rng.nextInt(3);
        int shift = gram ? rng.nextInt(6) : 0;
        int xRows = gram ? Math.max(rows, shift + cols) : rows;
        int batchStride = Math.max(xRows * xStride, cols * yStride) + rng.nextInt(4);
        int xOff = rng.nextInt(5);
        double[] x = rowsOf(rng, xOff, batches, batchStride, xRows, xStride, n);
        double[] y = x;
        int yOff = xOff + shift * xStride;
        if (!gram) {
            yOff = rng.nextInt(5);
            y = rowsOf(rng, yOff, batches, batchStride, cols, yStride, n);
        }
        int ldOut = Math.max(1, cols) + rng.nextInt(3);
        int outOff = rng.nextInt(4);
        double[] out = new double[outOff + rows * ldOut + 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = rng.nextGaussian();
        }
        return new Case(rows, cols, n, batches, batchStride, x, xOff, xStride, y, yOff, yStride, out, outOff, ldOut);
    }

    /** NaN everywhere but the {@code count} rows of {@code n} Gaussians of every batch; no room after the last row. */
    private static double[] rowsOf(Random rng, int off, int batches, int batchStride, int count, int stride, int n) {
        int length = count == 0 ? off : off + (batches - 1) * batchStride + (count - 1) * stride + n;
        double[] a = new double[length];
        Arrays.fill(a, Double.NaN);
        for (int b = 0; b < batches; b++) {
            for (int i = 0; i < count; i++) {
                for (int p = 0; p < n; p++) {
                    a[off + b * batchStride + i * stride + p] = rng.nextGaussian();
                }
            }
        }
        return a;
    }

    /** Entries in the block are within rounding of {@code expected}; every other entry of out is untouched. */
    private static void assertBlock(Case c, double[] expected, double[] actual, String what) {
        for (int at = 0; at < c.out.length; at++) {
            int i = (at - c.outOff) / c.ldOut;
            int j = (at - c.outOff) % c.ldOut;
            if (at < c.outOff || i >= c.rows || j >= c.cols) {
                assertEquals(c.out[at], actual[at], what + ": wrote outside the block at " + at + ", " + c);
                continue;
            }
            double magnitude = Math.abs(c.out[at]);
            for (int b = 0; b < c.batches; b++) {
                for (int p = 0; p < c.n; p++) {
                    magnitude += Math.abs(c.xAt(b, i, p) * c.yAt(b, j, p));
                }
            }
            double tol = 2 * (c.batches * c.n + 1) * EPS * magnitude;
            assertEquals(expected[at], actual[at], tol, what + " at (" + i + ", " + j + "), " + c);
        }
    }

    /** The definition, by a plain loop over the entries of the block. */
    private static double[] definition(Case c) {
        double[] o = c.out.clone();
        for (int i = 0; i < c.rows; i++) {
            for (int j = 0; j < c.cols; j++) {
                double s = 0.0;
                for (int b = 0; b < c.batches; b++) {
                    for (int p = 0; p < c.n; p++) {
                        s += c.xAt(b, i, p) * c.yAt(b, j, p);
                    }
                }
                o[c.outOff + i * c.ldOut + j] += s;
            }
        }
        return o;
    }

    private interface Check {
        void check(Case c);
    }

    private static void forRandomCases(int examples, long seed, Check check) {
        qt().withExamples(examples).withFixedSeed(seed).forAll(
                integers().between(0, VectorKernelsTest.AWKWARD.length - 2),
                integers().between(0, 10),
                integers().between(0, 10),
                longs().all())
            .checkAssert((which, rows, cols, s) -> {
                Random rng = new Random(s);
                // The longest awkward length (1021) is left out: its definition loop would dominate the run time.
                check.check(randomCase(rng, rows, cols, VectorKernelsTest.AWKWARD[which], rng.nextInt(3) == 0));
            });
    }

    @Test
    void simdMatchesItsScalarTwin() {
        assumeTrue(fast != twin, "the SIMD kernels are not active: there is no twin to compare with");
        forRandomCases(300, 13, c -> assertBlock(c, c.run(twin), c.run(fast), fast.name() + " against scalar"));
    }

    @Test
    void bothImplementationsMatchTheDefinition() {
        for (VectorKernels kernels : new VectorKernels[] {fast, twin}) {
            forRandomCases(150, 17, c -> assertBlock(c, definition(c), c.run(kernels), kernels.name()));
        }
    }

    @Test
    void longRowsMatchTheDefinition() {
        Random rng = new Random(19);
        for (VectorKernels kernels : new VectorKernels[] {fast, twin}) {
            for (int n : new int[] {196, 784, 1021}) {
                Case c = randomCase(rng, 8, 8, n, true);
                assertBlock(c, definition(c), c.run(kernels), kernels.name());
                c = randomCase(rng, 5, 7, n, false);
                assertBlock(c, definition(c), c.run(kernels), kernels.name());
            }
        }
    }

    /**
     * The whole block in one call equals, bitwise, the same block cut at random rows and columns into
     * sub-blocks computed one by one (so an entry computed in a 4×4 tile, a narrower tile, a diagonal
     * tile of a Gram matrix or alone is the same number).
     */
    @Test
    void anEntryDoesNotDependOnTheBlockItIsComputedIn() {
        for (VectorKernels kernels : new VectorKernels[] {fast, twin}) {
            forRandomCases(150, 23, c -> {
                double[] whole = c.run(kernels);
                double[] pieces = c.out.clone();
                Random rng = new Random(c.rows * 31L + c.cols * 7L + c.n);
                int i = 0;
                while (i < c.rows) {
                    int h = 1 + rng.nextInt(c.rows - i);
                    int j = 0;
                    while (j < c.cols) {
                        int w = 1 + rng.nextInt(c.cols - j);
                        kernels.dotBlock(h, w, c.n, c.batches, c.batchStride, c.x, c.xOff + i * c.xStride, c.xStride,
                                c.y, c.yOff + j * c.yStride, c.yStride, pieces, c.outOff + i * c.ldOut + j, c.ldOut);
                        j += w;
                    }
                    i += h;
                }
                assertArrayEquals(whole, pieces, kernels.name() + " " + c);
            });
        }
    }

    /** On a Gram matrix {@code X Xᵀ} (x and y the same rows) entries {@code (i, j)} and {@code (j, i)} are equal bitwise. */
    @Test
    void aGramMatrixIsExactlySymmetric() {
        for (VectorKernels kernels : new VectorKernels[] {fast, twin}) {
            qt().withExamples(80).withFixedSeed(29).forAll(
                    integers().between(0, VectorKernelsTest.AWKWARD.length - 1),
                    integers().between(1, 13),
                    longs().all())
                .checkAssert((which, d, s) -> {
                    Random rng = new Random(s);
                    int n = VectorKernelsTest.AWKWARD[which];
                    int stride = n + rng.nextInt(2);
                    int batches = 1 + rng.nextInt(2);
                    double[] x = rowsOf(rng, 0, batches, d * stride, d, stride, n);
                    double[] g = new double[d * d];
                    kernels.dotBlock(d, d, n, batches, d * stride, x, 0, stride, x, 0, stride, g, 0, d);
                    for (int i = 0; i < d; i++) {
                        assertTrue(g[i * d + i] >= 0.0, kernels.name() + " diagonal " + i + " of a Gram matrix");
                        for (int j = 0; j < i; j++) {
                            assertEquals(g[i * d + j], g[j * d + i], 0.0,
                                    kernels.name() + " n=" + n + " d=" + d + " at (" + i + ", " + j + ")");
                        }
                    }
                });
        }
    }
}
