package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * Scatter-add {@code y = 0; y[..., idx[j], ...] += x[..., j, ...]} into an axis of length
 * {@code size}: the adjoint of {@link IndexSelect}. Linear; its adjoint is the gather
 * {@code x̄ = ȳ[..., idx, ...]}.
 */
public final class IndexAdd implements Primitive {
    private final int axis;
    private final int[] index;
    private final int size;

    /**
     * @param axis  non-negative axis
     * @param index target position of each slice of the input along {@code axis}; not copied
     * @param size  length of the output along {@code axis}
     */
    public IndexAdd(int axis, int[] index, int size) {
        this.axis = axis;
        this.index = index;
        this.size = size;
    }

    @Override
    public String name() {
        return "indexAdd";
    }

    static void checkIndex(String op, int[] index, int size) {
        for (int j = 0; j < index.length; j++) {
            if (index[j] < 0 || index[j] >= size) {
                throw new IllegalArgumentException(op + ": index[" + j + "] = " + index[j]
                    + " is outside [0, " + size + ")");
            }
        }
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        Tensor x = inputs[0];
        int[] shape = x.shape();
        if (shape[axis] != index.length) {
            throw new IllegalArgumentException("indexAdd: input has " + shape[axis]
                + " entries along axis " + axis + " but " + index.length + " indices");
        }
        checkIndex("indexAdd", index, size);
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        double[] src = x.contiguous().data();
        int[] outShape = shape.clone();
        outShape[axis] = size;
        double[] dst = new double[outer * size * inner];
        int k = index.length;
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                int from = (o * k + j) * inner;
                int to = (o * size + index[j]) * inner;
                for (int i = 0; i < inner; i++) {
                    dst[to + i] += src[from + i];
                }
            }
        }
        return Tensor.of(dst, outShape);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        return Var.apply(this, tangents[0]);
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {Var.apply(new IndexSelect(axis, index), cotangent)};
    }
}
