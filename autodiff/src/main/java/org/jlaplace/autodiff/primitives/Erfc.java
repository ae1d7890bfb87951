package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/** {@code y = erfc(x) = 1 − erf(x)}; derivative {@code −(2/√π) e^{−x²}}. */
public final class Erfc extends ElementwiseUnary {
    /** The only instance: the primitive has no parameters. */
    public static final Erfc INSTANCE = new Erfc();

    private static final double MINUS_TWO_OVER_SQRT_PI = -2.0 / Math.sqrt(Math.PI);

    private Erfc() {
    }

    @Override
    public String name() {
        return "erfc";
    }

    @Override
    Tensor apply(Tensor x) {
        return x.erfc();
    }

    @Override
    Var derivative(Var x, Var y) {
        return x.square().neg().exp().mul(MINUS_TWO_OVER_SQRT_PI);
    }
}
