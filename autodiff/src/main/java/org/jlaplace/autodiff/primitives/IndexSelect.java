package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * Gather {@code y[..., j, ...] = x[..., idx[j], ...]} along one axis (indices may repeat). Linear;
 * the adjoint is the scatter-add {@link IndexAdd}, whose own adjoint is this gather again.
 */
public final class IndexSelect implements Primitive {
    private final int axis;
    private final int[] index;

    /**
     * @param axis  non-negative axis
     * @param index positions to gather, each in {@code [0, x.shape[axis])}; not copied
     */
    public IndexSelect(int axis, int[] index) {
        this.axis = axis;
        this.index = index;
    }

    @Override
    public String name() {
        return "indexSelect";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        IndexAdd.checkIndex("indexSelect", index, inputs[0].dim(axis));
        return inputs[0].indexSelect(axis, index);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        return Var.apply(this, tangents[0]);
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {Var.apply(new IndexAdd(axis, index, inputs[0].shape()[axis]), cotangent)};
    }
}
