package org.jlaplace.autodiff.primitives;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/** {@code y = x^p} for a constant real exponent p; derivative {@code p · x^{p−1}}. */
public final class PowScalar extends ElementwiseUnary {
    private final double exponent;

    /** @param exponent the constant power p (must be finite) */
    public PowScalar(double exponent) {
        if (!Double.isFinite(exponent)) {
            throw new IllegalArgumentException("pow: exponent must be finite, got " + exponent);
        }
        this.exponent = exponent;
    }

    /** The constant power p. */
    public double exponent() {
        return exponent;
    }

    @Override
    public String name() {
        return "pow";
    }

    @Override
    Tensor apply(Tensor x) {
        // Squaring is by far the most common power (losses, norms): keep it exact and cheap.
        return exponent == 2.0 ? x.mul(x) : x.pow(exponent);
    }

    @Override
    Var derivative(Var x, Var y) {
        if (exponent == 0.0) {
            return Var.zeros(x.shape());
        }
        if (exponent == 1.0) {
            return Var.ones(x.shape());
        }
        if (exponent == 2.0) {
            return x.mul(2.0);
        }
        return x.pow(exponent - 1.0).mul(exponent);
    }
}
