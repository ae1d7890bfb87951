package org.jlaplace.laplace;

import org.jlaplace.laplace.likelihood.CategoricalLikelihood;
import org.jlaplace.laplace.likelihood.GaussianLikelihood;
import org.jlaplace.laplace.likelihood.Likelihood;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.longs;

/** MATHEMATICS.md §2: {@code A Aᵀ = Λ = −∇² log p} (by finite differences), the σ-derivative, bad inputs. */
class LikelihoodTest {

    private static Likelihood random(Random r, boolean cls) {
        int c = 2 + r.nextInt(3);
        double t = 0.5 + r.nextDouble() * 2;
        return cls ? new CategoricalLikelihood(c, t) : new GaussianLikelihood(c, Math.exp(r.nextGaussian() * 0.5), t);
    }

    private static double[] target(Random r, Likelihood lik) {
        if (lik instanceof CategoricalLikelihood) {
            return new double[] {r.nextInt(lik.outputs())};
        }
        double[] y = new double[lik.outputs()];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextGaussian();
        }
        return y;
    }

    /**
     * The thin factor ({@code C×R}, {@code R = C − 1} for the softmax) against the square one:
     * {@code B Bᵀ = A Aᵀ} per datum, also for near-one-hot probabilities (logits far apart).
     */
    @Test
    void thinFactorHasTheSameProductAsTheSquareFactor() {
        qt().withExamples(60).forAll(longs().all(), booleans().all()).checkAssert((seed, cls) -> {
            Random r = new Random(seed);
            Likelihood lik = random(r, cls);
            int c = lik.outputs();
            int m = 1 + r.nextInt(4);
            double spread = r.nextBoolean() ? 1.0 : 40.0;
            double[] f = new double[m * c];
            for (int i = 0; i < f.length; i++) {
                f[i] = spread * r.nextGaussian();
            }
            int rank = lik.thinFactorRank();
            assertEquals(cls ? c - 1 : c, rank);
            double[] a = lik.unitFactor(f, m);
            double[] b = lik.thinUnitFactor(f, m);
            assertEquals(m * c * rank, b.length);
            for (int n = 0; n < m; n++) {
                for (int i = 0; i < c; i++) {
                    for (int j = 0; j < c; j++) {
                        double square = 0.0;
                        for (int k = 0; k < c; k++) {
                            square += a[(n * c + i) * c + k] * a[(n * c + j) * c + k];
                        }
                        double thin = 0.0;
                        for (int k = 0; k < rank; k++) {
                            thin += b[(n * c + i) * rank + k] * b[(n * c + j) * rank + k];
                        }
                        assertEquals(square, thin, 1e-14, lik + " datum " + n + " entry (" + i + ", " + j + ")");
                        assertTrue(Double.isFinite(thin));
                    }
                }
            }
        });
    }

    @Test
    void factorTimesTransposeIsTheNegativeHessianOfTheLogLikelihood() {
        qt().withExamples(60).forAll(longs().all(), booleans().all()).checkAssert((seed, cls) -> {
            Random r = new Random(seed);
            Likelihood lik = random(r, cls);
            int c = lik.outputs();
            double[] f = new double[c];
            for (int i = 0; i < c; i++) {
                f[i] = 2 * r.nextGaussian();
            }
            double[] y = target(r, lik);
            double[] a = lik.hessianFactor(f, 1);
            double h = 1e-4;
            for (int i = 0; i < c; i++) {
                for (int j = 0; j < c; j++) {
                    double aat = 0.0;
                    for (int k = 0; k < c; k++) {
                        aat += a[i * c + k] * a[j * c + k];
                    }
                    double[] fpp = f.clone();
                    double[] fpm = f.clone();
                    double[] fmp = f.clone();
                    double[] fmm = f.clone();
                    fpp[i] += h;
                    fpp[j] += h;
                    fpm[i] += h;
                    fpm[j] -= h;
                    fmp[i] -= h;
                    fmp[j] += h;
                    fmm[i] -= h;
                    fmm[j] -= h;
                    double second = (lik.logLikelihood(fpp, y, 1) - lik.logLikelihood(fpm, y, 1)
                            - lik.logLikelihood(fmp, y, 1) + lik.logLikelihood(fmm, y, 1)) / (4 * h * h);
                    assertEquals(-second, aat, 1e-5, "Λ[" + i + "," + j + "]");
                    assertEquals(lik.hessian(f, 1)[i * c + j], aat, 1e-12);
                }
            }
        });
    }

    @Test
    void diagonalFactorSquaresToTheHessianDiagonal() {
        qt().withExamples(40).forAll(longs().all(), booleans().all()).checkAssert((seed, cls) -> {
            Random r = new Random(seed);
            Likelihood lik = random(r, cls);
            int c = lik.outputs();
            double[] f = new double[2 * c];
            for (int i = 0; i < f.length; i++) {
                f[i] = r.nextGaussian();
            }
            double[] h = lik.hessian(f, 2);
            double[] d = lik.unitDiagonalFactor(f, 2);
            for (int n = 0; n < 2; n++) {
                for (int i = 0; i < c; i++) {
                    assertEquals(h[n * c * c + i * c + i], lik.factorScale() * d[n * c + i] * d[n * c + i], 1e-12);
                }
            }
        });
    }

    @Test
    void gaussianSigmaDerivativeMatchesDifferences() {
        qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            GaussianLikelihood lik = (GaussianLikelihood) random(r, false);
            double[] f = new double[3 * lik.outputs()];
            double[] y = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = r.nextGaussian();
                y[i] = r.nextGaussian();
            }
            double ls = Math.log(lik.sigma());
            double h = 1e-6;
            double fd = (lik.withLogSigma(ls + h).logLikelihood(f, y, 3) - lik.withLogSigma(ls - h).logLikelihood(f, y, 3))
                    / (2 * h);
            assertEquals(fd, lik.logLikelihoodGradLogSigma(f, y, 3), 1e-6 * (1 + Math.abs(fd)));
        });
    }

    @Test
    void gaussianLogLikelihoodIsTheNormalDensity() {
        GaussianLikelihood lik = new GaussianLikelihood(1, 2.0);
        double expected = -Math.log(2.0 * Math.sqrt(2 * Math.PI)) - 1.0 / 8.0;
        assertEquals(expected, lik.logLikelihood(new double[] {0.0}, new double[] {1.0}, 1), 1e-14);
    }

    @Test
    void badHyperparametersAndTargetsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GaussianLikelihood(2, -1.0));
        assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussianLikelihood(2, Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CategoricalLikelihood(3, 0.0));
        assertTrue(e.getMessage().contains("temperature"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalLikelihood(3).logLikelihood(new double[] {0, 0, 0}, new double[] {3}, 1));
        assertTrue(e.getMessage().contains("target 0 is 3.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalLikelihood(3).logLikelihood(new double[] {0, 0}, new double[] {1}, 1));
        assertTrue(e.getMessage().contains("outputs have 2 values"), e.getMessage());
    }
}
