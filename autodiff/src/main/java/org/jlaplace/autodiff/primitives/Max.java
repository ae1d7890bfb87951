package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * {@code y = max_{axis} x}. With the constant one-hot mask m of the (first) arg-max along the
 * axis: {@code ẏ = Σ_{axis} m ⊙ ẋ} and {@code x̄ = m ⊙ broadcast(ȳ)}.
 */
public final class Max implements Primitive {
    private final int axis;
    private final boolean keepDims;

    /**
     * @param axis     non-negative axis reduced
     * @param keepDims whether the reduced axis stays with size 1
     */
    public Max(int axis, boolean keepDims) {
        this.axis = axis;
        this.keepDims = keepDims;
    }

    @Override
    public String name() {
        return "max";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return inputs[0].max(axis, keepDims);
    }

    /** One-hot mask of the arg-max positions, with the input's shape. */
    private Tensor argmaxMask(Tensor x) {
        int[] shape = x.shape();
        int[] arg = x.argmax(axis);
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        int n = shape[axis];
        double[] mask = new double[outer * n * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                mask[(o * n + arg[o * inner + i]) * inner + i] = 1.0;
            }
        }
        return Tensor.of(mask, shape);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        Var m = Var.of(argmaxMask(inputs[0].value()));
        return tangents[0].mul(m).sum(new int[] {axis}, keepDims);
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        int[] inShape = inputs[0].shape();
        int[] kept = inShape.clone();
        kept[axis] = 1;
        Var g = keepDims ? cotangent : cotangent.reshape(kept);
        Var m = Var.of(argmaxMask(inputs[0].value()));
        return new Var[] {g.mul(m)};
    }
}
