package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/** Elementwise {@code y = 1 / x}; derivative {@code φ'(x) = −1/x² = −y²}. */
public final class Reciprocal extends ElementwiseUnary {
    /** The only instance: the primitive has no parameters. */
    public static final Reciprocal INSTANCE = new Reciprocal();

    private Reciprocal() {
    }

    @Override
    public String name() {
        return "reciprocal";
    }

    @Override
    Tensor apply(Tensor x) {
        return Tensor.scalar(1.0).div(x);
    }

    @Override
    Var derivative(Var x, Var y) {
        return y.square().neg();
    }
}
