package org.jlaplace.autodiff.primitives;

import java.util.Arrays;
import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * {@code y = Σ_{axes} x}, optionally keeping the summed axes with size 1. Linear:
 * {@code ẏ = Σ_{axes} ẋ}; the VJP broadcasts the cotangent back,
 * {@code x̄ = broadcastTo(reshape(ȳ, kept shape), shape x)}.
 */
public final class Sum implements Primitive {
    private final int[] axes;
    private final boolean keepDims;

    /**
     * @param axes     distinct non-negative axes, ascending
     * @param keepDims whether the summed axes stay as size-1 axes
     */
    public Sum(int[] axes, boolean keepDims) {
        this.axes = axes.clone();
        this.keepDims = keepDims;
    }

    @Override
    public String name() {
        return "sum";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return inputs[0].sum(axes, keepDims);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        return Var.apply(this, tangents[0]);
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        int[] inShape = inputs[0].shape();
        int[] kept = inShape.clone();
        for (int axis : axes) {
            kept[axis] = 1;
        }
        Var g = Arrays.equals(cotangent.shape(), kept) ? cotangent : cotangent.reshape(kept);
        return new Var[] {g.broadcastTo(inShape)};
    }
}
