package org.jlaplace.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The batched rotations against applying each rotation to whole rows as it comes, bitwise: the
 * grouping into runs of three, the column blocks, the batch boundaries and the thread count must
 * not change a single bit.
 */
class RotationBatchTest {

    @Test
    void batchedRotationsEqualOneByOneRotationsBitwise() {
        qt().withExamples(20).forAll(integers().between(2, 40), integers().between(1, 300), longs().all())
                .checkAssert((rows, cols, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    // Sweeps of random extent, as the QL iteration makes them, plus isolated rotations.
                    int count = 1 + rnd.nextInt(3 * RotationBatch.CAPACITY / 2);
                    int[] index = new int[count];
                    double[] c = new double[count];
                    double[] s = new double[count];
                    int r = 0;
                    while (r < count) {
                        int hi = rnd.nextInt(rows - 1);
                        int lo = rnd.nextInt(hi + 1);
                        for (int i = hi; i >= lo && r < count; i--, r++) {
                            double angle = rnd.nextDouble() * 2 * Math.PI;
                            index[r] = i;
                            c[r] = Math.cos(angle);
                            s[r] = Math.sin(angle);
                        }
                    }
                    double[][] expected = random(rows, cols, rnd);
                    double[][] start = copy(expected);
                    for (int k = 0; k < count; k++) {
                        double[] x = expected[index[k]];
                        double[] y = expected[index[k] + 1];
                        for (int j = 0; j < cols; j++) {
                            double xj = x[j];
                            double yj = y[j];
                            x[j] = Math.fma(c[k], xj, -s[k] * yj);
                            y[j] = Math.fma(s[k], xj, c[k] * yj);
                        }
                    }
                    double[] flat = new double[rows * cols];
                    for (int i = 0; i < rows; i++) {
                        System.arraycopy(start[i], 0, flat, i * cols, cols);
                    }
                    for (int threads : new int[] {1, 2, 3}) {
                        RotationBatch batch = new RotationBatch(flat, rows, cols, threads);
                        for (int k = 0; k < count; k++) {
                            batch.add(index[k], c[k], s[k]);
                        }
                        batch.flush();
                        assertEquals(count, batch.total());
                        for (int i = 0; i < rows; i++) {
                            double[] actual = new double[cols];
                            for (int j = 0; j < cols; j++) {
                                actual[j] = batch.get(i, j);
                            }
                            assertArrayEquals(expected[i], actual, "row " + i + ", " + threads + " threads");
                        }
                        // The transpose with the rows reversed: out[r][c] = X[rows−1−c][r].
                        int[] order = new int[rows];
                        for (int k = 0; k < rows; k++) {
                            order[k] = rows - 1 - k;
                        }
                        double[] out = new double[cols * rows];
                        batch.transposeInto(order, out, rows);
                        for (int r2 = 0; r2 < cols; r2++) {
                            for (int k = 0; k < rows; k++) {
                                assertEquals(expected[rows - 1 - k][r2], out[r2 * rows + k], "transpose");
                            }
                        }
                    }
                });
    }

    private static double[][] random(int rows, int cols, SplittableRandom rnd) {
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int j = 0; j < cols; j++) {
                row[j] = rnd.nextDouble() - 0.5;
            }
        }
        return x;
    }

    private static double[][] copy(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
        }
        return y;
    }
}
