package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * {@code y = x}. The transformations in {@code AD} wrap each argument in a fresh identity node:
 * the node is the variable that this transformation differentiates with respect to, while its
 * edge to the argument keeps the result differentiable by an enclosing transformation.
 */
public final class Identity implements Primitive {
    /** The only instance: the primitive has no parameters. */
    public static final Identity INSTANCE = new Identity();

    private Identity() {
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public Tensor forward(Tensor[] inputs) {
        return inputs[0];
    }

    @Override
    public Var jvp(Var[] inputs, Var output, Var[] tangents) {
        return tangents[0];
    }

    @Override
    public Var[] vjp(Var[] inputs, Var output, Var cotangent, boolean[] needed) {
        return new Var[] {cotangent};
    }
}
