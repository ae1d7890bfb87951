package org.jlaplace.laplace.curvature;

import org.jlaplace.laplace.internal.SymmetricEigenvalues;

import java.util.List;

/**
 * One layer's Kronecker factors (expand variant, as laplace-torch's {@code KronLaplace} with
 * ASDL): {@code A = (1/(M·T)) Σ_{n,t} a_nt a_ntᵀ} ({@code in×in}) and
 * {@code B = Σ_{n,r,t} b_nrt b_nrtᵀ} ({@code out×out}); the weight block of the GGN is
 * approximated by {@code B ⊗ A} and the bias block by {@code B} (exact for one datum through a
 * Linear layer).
 */
public record KronFactors(int weightGroup, int biasGroup, double[] a, int in, double[] b, int out) {

    /** The factors of one captured layer. */
    public static KronFactors of(KronCapture c) {
        KronSums sums = new KronSums();
        sums.add(List.of(c));
        return sums.factors().get(0);
    }

    /** Eigenvalues of {@code A}, ascending. */
    public double[] eigenvaluesA() {
        return SymmetricEigenvalues.of(a, in);
    }

    /** Eigenvalues of {@code B}, ascending. */
    public double[] eigenvaluesB() {
        return SymmetricEigenvalues.of(b, out);
    }

    /** The dense weight block {@code B ⊗ A} ({@code (out·in)×(out·in)}), for tests and small layers. */
    public double[] weightBlock() {
        int n = out * in;
        double[] k = new double[n * n];
        for (int o = 0; o < out; o++) {
            for (int o2 = 0; o2 < out; o2++) {
                double bo = b[o * out + o2];
                for (int i = 0; i < in; i++) {
                    for (int i2 = 0; i2 < in; i2++) {
                        k[(o * in + i) * n + o2 * in + i2] = bo * a[i * in + i2];
                    }
                }
            }
        }
        return k;
    }
}
