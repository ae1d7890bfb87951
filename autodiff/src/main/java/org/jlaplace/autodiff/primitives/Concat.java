package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * {@code y = concat(axis, x₀, …, x_{n−1})}. Linear; the adjoint slices the cotangent:
 * {@code x̄ᵢ = ȳ[..., oᵢ:oᵢ+nᵢ, ...]} with {@code oᵢ} the offset of part i.
 */
public final class Concat implements Primitive {
    private final int axis;

    /** @param axis non-negative axis along which the parts are joined */
    public Concat(int axis) {
        this.axis = axis;
    }

    @Override
    public String name() {
        return "concat";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return Tensor.concat(axis, inputs);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        Var[] parts = new Var[inputs.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = tangents[i] != null ? tangents[i] : Var.zeros(inputs[i].shape());
        }
        return Var.apply(this, parts);
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        Var[] grads = new Var[inputs.length];
        int offset = 0;
        for (int i = 0; i < inputs.length; i++) {
            int n = inputs[i].shape()[axis];
            if (needed[i]) {
                grads[i] = cotangent.slice(axis, offset, offset + n);
            }
            offset += n;
        }
        return grads;
    }
}
