package org.jlaplace.autodiff.primitives;

import java.util.Arrays;
import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.Cholesky;

/**
 * {@code y = log det S} of the symmetric part {@code S = ½(X + Xᵀ)} of a square {@code X}
 * ({@code [n, n]} → rank 0), by Cholesky: {@code 2 Σ_i log L_ii} with {@code S = L Lᵀ}.
 * Taking the symmetric part makes the value a function of every entry (a Cholesky alone reads one
 * triangle), so the rules below hold for any perturbation and agree with the usual
 * {@code d log det X = tr(X⁻¹ dX)} when X is symmetric.
 * JVP {@code ẏ = tr(S⁻¹ Ẋ) = Σ_ij (S⁻¹)_ij Ẋ_ij}; VJP {@code X̄ = ȳ · S⁻¹}, where {@code S⁻¹} is
 * {@link SpdSolve} of the identity, itself differentiable, so second derivatives need no rule.
 *
 * @throws org.jlaplace.core.linalg.NotPositiveDefiniteException if S is not positive definite
 */
public final class SpdLogDet implements Primitive {
    /** The only instance: the primitive has no parameters. */
    public static final SpdLogDet INSTANCE = new SpdLogDet();

    private SpdLogDet() {
    }

    /** {@code log det ½(x + xᵀ)} of a square rank-2 node. */
    public static Var of(Var x) {
        return Var.apply(INSTANCE, x);
    }

    @Override
    public String name() {
        return "spdLogDet";
    }

    static int order(Tensor x, String op) {
        int[] s = x.shape();
        if (s.length != 2 || s[0] != s[1]) {
            throw new IllegalArgumentException(op + ": expected a square matrix, got shape " + Arrays.toString(s));
        }
        return s[0];
    }

    /** Row-major {@code ½(X + Xᵀ)}. */
    static double[] symmetricPart(Tensor x, int n) {
        double[] a = x.toArray();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (a[i * n + j] + a[j * n + i]);
                a[i * n + j] = m;
                a[j * n + i] = m;
            }
        }
        return a;
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        int n = order(inputs[0], "spdLogDet");
        if (n == 0) {
            return Tensor.scalar(0.0);
        }
        return Tensor.scalar(Cholesky.factor(symmetricPart(inputs[0], n), n).logDet());
    }

    private static Var inverse(Var x) {
        return SpdSolve.of(x, Var.of(Tensor.eye(x.dim(0))));
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        return inverse(inputs[0]).mul(tangents[0]).sum();
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {inverse(inputs[0]).mul(cotangent)};
    }
}
