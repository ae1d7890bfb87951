package org.jlaplace.autodiff.primitives;

import java.util.ArrayList;
import java.util.List;
import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * {@code y = x[..., start:end, ...]} along one axis. Linear; the adjoint pads the cotangent with
 * zeros back to the input's extent: {@code x̄ = concat(0_{start}, ȳ, 0_{n−end})}.
 */
public final class Slice implements Primitive {
    private final int axis;
    private final int start;
    private final int end;

    /**
     * @param axis  non-negative axis
     * @param start first index kept
     * @param end   one past the last index kept
     */
    public Slice(int axis, int start, int end) {
        this.axis = axis;
        this.start = start;
        this.end = end;
    }

    @Override
    public String name() {
        return "slice";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return inputs[0].slice(axis, start, end);
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        return tangents[0].slice(axis, start, end);
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        int[] inShape = inputs[0].shape();
        List<Var> parts = new ArrayList<>(3);
        if (start > 0) {
            parts.add(Var.zeros(withAxis(inShape, start)));
        }
        parts.add(cotangent);
        if (end < inShape[axis]) {
            parts.add(Var.zeros(withAxis(inShape, inShape[axis] - end)));
        }
        Var g = parts.size() == 1 ? cotangent : Var.concat(axis, parts.toArray(new Var[0]));
        return new Var[] {g};
    }

    private int[] withAxis(int[] shape, int size) {
        int[] s = shape.clone();
        s[axis] = size;
        return s;
    }
}
