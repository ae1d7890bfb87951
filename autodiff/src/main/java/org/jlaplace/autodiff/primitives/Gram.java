package org.jlaplace.autodiff.primitives;

import java.util.Arrays;
import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.linalg.Syrk;

/**
 * The Gram matrix {@code G = X Xᵀ} of the rows of {@code X} ({@code …×m×k → …×m×m}, leading
 * axes are a batch). Equal to {@code X.matmul(Xᵀ)}, but the forward pass computes one triangle
 * (SYRK, half the multiplications) and the reverse rule takes one product instead of two:
 * JVP {@code Ġ = Ẋ Xᵀ + (Ẋ Xᵀ)ᵀ}; VJP {@code X̄ = (Ḡ + Ḡᵀ) X}. Both rules are Var operations,
 * so second derivatives need no further rule.
 */
public final class Gram implements Primitive {
    /** The only instance: the primitive has no parameters. */
    public static final Gram INSTANCE = new Gram();

    private Gram() {
    }

    /** {@code x xᵀ} over the last two axes of a node of rank ≥ 2. */
    public static Var of(Var x) {
        return Var.apply(INSTANCE, x);
    }

    @Override
    public String name() {
        return "gram";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        Tensor x = inputs[0];
        int[] s = x.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("gram: expected rank ≥ 2, got shape " + Arrays.toString(s));
        }
        int m = s[s.length - 2];
        int k = s[s.length - 1];
        int batch = 1;
        for (int i = 0; i < s.length - 2; i++) {
            batch *= s[i];
        }
        double[] a = x.contiguous().data();
        double[] c = new double[batch * m * m];
        for (int b = 0; b < batch; b++) {
            // SYRK fills the lower triangle (k = 0 leaves the zeros); the mirror makes G whole
            Syrk.syrk(false, m, k, 1.0, a, b * m * k, Math.max(1, k), 0.0, c, b * m * m, Math.max(1, m));
            Syrk.symmetrizeLower(c, b * m * m, Math.max(1, m), m);
        }
        int[] out = s.clone();
        out[s.length - 1] = m;
        return Tensor.of(c, out);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        Var h = tangents[0].matmul(inputs[0].transpose());
        return h.add(h.transpose());
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {cotangent.add(cotangent.transpose()).matmul(inputs[0])};
    }
}
