package org.jlaplace.laplace;

import org.jlaplace.laplace.internal.SpdFactor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * {@code tr(X⁻¹) = ‖L⁻¹‖²_F} by the in-place inverse against the naive oracle {@code Σ_i (X⁻¹)_ii}
 * from {@code n} solves with unit vectors, and the factor's state after it was overwritten.
 */
class SpdFactorTest {

    private static double[] randomSpd(int n, Random rnd) {
        double[] g = new double[n * n];
        for (int i = 0; i < g.length; i++) {
            g[i] = rnd.nextGaussian();
        }
        double[] x = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int k = 0; k < n; k++) {
                    s += g[i * n + k] * g[j * n + k];
                }
                x[i * n + j] = s / n + (i == j ? 0.3 : 0.0);
            }
        }
        return x;
    }

    @Test
    void inPlaceTraceOfInverseMatchesUnitSolves() {
        qt().withExamples(25).forAll(integers().between(1, 140), longs().all()).checkAssert((n, seed) -> {
            double[] x = randomSpd(n, new Random(seed));
            SpdFactor oracle = SpdFactor.of(x, n, "X");
            double trace = 0.0;
            for (int i = 0; i < n; i++) {
                double[] e = new double[n];
                e[i] = 1.0;
                trace += oracle.solve(e, 1)[i];
            }
            SpdFactor f = SpdFactor.of(x, n, "X");
            double logDet = f.logDet();
            assertEquals(trace, f.traceOfInverseDiscardingFactor(), 1e-10 * trace, "n=" + n);
            assertEquals(logDet, f.logDet(), 1e-12 * (1 + Math.abs(logDet)), "log det after the inverse");
            assertEquals(trace, f.traceOfInverse(), 1e-10 * trace);
            assertThrows(IllegalStateException.class, f::lower);
            assertThrows(IllegalStateException.class, () -> f.solve(new double[n], 1));
        });
    }

    /** The recursive row solve {@code B·L⁻ᵀ} against the column solve {@code L⁻¹·Bᵀ}, across its leaf size. */
    @Test
    void rowSolveMatchesTheColumnSolve() {
        qt().withExamples(12).forAll(integers().between(1, 700), integers().between(1, 40), longs().all())
                .checkAssert((n, k, seed) -> {
                    Random rnd = new Random(seed);
                    double[] x = randomSpd(Math.min(n, 60), rnd);
                    int size = Math.min(n, 60);
                    if (n > 60) {
                        // A large well-conditioned matrix without the O(n³) oracle: I + GGᵀ/n from a thin G.
                        size = n;
                        double[] g = new double[n * 8];
                        for (int i = 0; i < g.length; i++) {
                            g[i] = rnd.nextGaussian();
                        }
                        x = new double[n * n];
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                double s = 0.0;
                                for (int q = 0; q < 8; q++) {
                                    s += g[i * 8 + q] * g[j * 8 + q];
                                }
                                x[i * n + j] = s / 8 + (i == j ? 1.0 : 0.0);
                            }
                        }
                    }
                    int m = size;
                    double[] b = new double[k * m];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = rnd.nextGaussian();
                    }
                    double[] bt = new double[m * k];
                    for (int r = 0; r < k; r++) {
                        for (int c = 0; c < m; c++) {
                            bt[c * k + r] = b[r * m + c];
                        }
                    }
                    SpdFactor f = SpdFactor.of(x, m, "X");
                    double[] want = f.solveLower(bt, k);
                    f.solveLowerRowsInPlace(b, k);
                    for (int r = 0; r < k; r++) {
                        for (int c = 0; c < m; c++) {
                            double w = want[c * k + r];
                            assertEquals(w, b[r * m + c], 1e-10 * (1 + Math.abs(w)), "n=" + m + " row " + r + " col " + c);
                        }
                    }
                });
    }
}
