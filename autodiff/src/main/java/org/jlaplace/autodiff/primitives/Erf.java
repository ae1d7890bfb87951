package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/** {@code y = erf(x) = (2/√π) ∫₀ˣ e^{−t²} dt}; derivative {@code (2/√π) e^{−x²}}. */
public final class Erf extends ElementwiseUnary {
    /** The only instance: the primitive has no parameters. */
    public static final Erf INSTANCE = new Erf();

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    private Erf() {
    }

    @Override
    public String name() {
        return "erf";
    }

    @Override
    Tensor apply(Tensor x) {
        return x.erf();
    }

    @Override
    Var derivative(Var x, Var y) {
        return x.square().neg().exp().mul(TWO_OVER_SQRT_PI);
    }
}
