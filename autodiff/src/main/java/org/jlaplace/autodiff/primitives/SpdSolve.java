package org.jlaplace.autodiff.primitives;

import java.util.Arrays;
import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.Cholesky;

/**
 * {@code Y = S⁻¹ B} for the symmetric part {@code S = ½(X + Xᵀ)} of a square {@code X}
 * ({@code [n, n]}) and a right-hand side {@code B} ({@code [n, k]}), by Cholesky solves.
 * With {@code sym(M) = ½(M + Mᵀ)}:
 * JVP {@code Ẏ = S⁻¹ (Ḃ − sym(Ẋ) Y)};
 * VJP {@code B̄ = S⁻¹ Ȳ}, {@code X̄ = −sym(B̄ Yᵀ)} (from {@code dY = −S⁻¹ dS Y}). Both rules are
 * written with this primitive and matmul, so they differentiate again.
 *
 * @throws org.jlaplace.core.linalg.NotPositiveDefiniteException if S is not positive definite
 */
public final class SpdSolve implements Primitive {
    /** The only instance: the primitive has no parameters. */
    public static final SpdSolve INSTANCE = new SpdSolve();

    private SpdSolve() {
    }

    /** {@code (½(x + xᵀ))⁻¹ b}. */
    public static Var of(Var x, Var b) {
        return Var.apply(INSTANCE, x, b);
    }

    @Override
    public String name() {
        return "spdSolve";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        int n = SpdLogDet.order(inputs[0], "spdSolve");
        int[] b = inputs[1].shape();
        if (b.length != 2 || b[0] != n) {
            throw new IllegalArgumentException("spdSolve: matrix of shape " + Arrays.toString(inputs[0].shape())
                + " and right-hand side of shape " + Arrays.toString(b) + " do not match (expected [" + n + ", k])");
        }
        double[] y = inputs[1].toArray();
        if (n > 0 && b[1] > 0) {
            Cholesky.factor(SpdLogDet.symmetricPart(inputs[0], n), n).solve(y, b[1]);
        }
        return Tensor.of(y, b);
    }

    private static Var sym(Var m) {
        return m.add(m.transpose()).mul(0.5);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        Var rhs = tangents[1];
        if (tangents[0] != null) {
            Var fromX = sym(tangents[0]).matmul(output).neg();
            rhs = rhs == null ? fromX : rhs.add(fromX);
        }
        return of(inputs[0], rhs);
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        Var bBar = of(inputs[0], cotangent);
        Var xBar = needed[0] ? sym(bBar.matmul(output.transpose())).neg() : null;
        return new Var[] {xBar, needed[1] ? bBar : null};
    }
}
