package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * {@code y = max(x, 0)}; derivative the constant mask {@code 1[x > 0]} (0 at the kink), so its
 * second derivative is zero almost everywhere.
 */
public final class Relu extends ElementwiseUnary {
    /** The only instance: the primitive has no parameters. */
    public static final Relu INSTANCE = new Relu();

    private Relu() {
    }

    @Override
    public String name() {
        return "relu";
    }

    @Override
    Tensor apply(Tensor x) {
        return x.relu();
    }

    @Override
    Var derivative(Var x, Var y) {
        return Var.of(x.value().gtMask(0.0));
    }
}
