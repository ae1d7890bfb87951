package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/** Elementwise {@code y = √x}; derivative {@code φ'(x) = 1 / (2y)}. */
public final class Sqrt extends ElementwiseUnary {
    /** The only instance: the primitive has no parameters. */
    public static final Sqrt INSTANCE = new Sqrt();

    private Sqrt() {
    }

    @Override
    public String name() {
        return "sqrt";
    }

    @Override
    Tensor apply(Tensor x) {
        return x.sqrt();
    }

    @Override
    Var derivative(Var x, Var y) {
        return y.reciprocal().mul(0.5);
    }
}
