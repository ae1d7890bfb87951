package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * {@code y = permute(x, π)}, i.e. {@code y.shape[i] = x.shape[π(i)]}. Linear; the adjoint is the
 * inverse permutation: {@code x̄ = permute(ȳ, π⁻¹)}.
 */
public final class Permute implements Primitive {
    private final int[] axes;

    /** @param axes a permutation of {@code 0..rank−1} */
    public Permute(int[] axes) {
        this.axes = axes.clone();
    }

    @Override
    public String name() {
        return "permute";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return inputs[0].permute(axes);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        return tangents[0].permute(axes);
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        int[] inverse = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            inverse[axes[i]] = i;
        }
        return new Var[] {cotangent.permute(inverse)};
    }
}
