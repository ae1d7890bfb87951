package org.jlaplace.autodiff.nn;

import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Erf;

/** Scalar activation functions and their derivatives (see {@link Activation} for the formulas). */
final class ActivationFunctions {
    private static final double SELU_LAMBDA = Var.SELU_SCALE;
    private static final double SELU_ALPHA = Var.SELU_ALPHA;
    /** PyTorch's softplus switches to the identity above this input (β = 1). */
    static final double SOFTPLUS_THRESHOLD = 20.0;
    private static final double INV_SQRT2 = 0.7071067811865475244008443621048;
    private static final double INV_SQRT_2PI = 0.3989422804014326779399460599344;

    private ActivationFunctions() {
    }

    static double value(Activation.Kind kind, double slope, double x) {
        switch (kind) {
            case RELU:
                return x > 0 ? x : 0.0;
            case TANH:
                return Math.tanh(x);
            case SIGMOID:
                return sigmoid(x);
            case GELU:
                return x * normalCdf(x);
            case SILU:
                return x * sigmoid(x);
            case SELU:
                return x > 0 ? SELU_LAMBDA * x : SELU_LAMBDA * SELU_ALPHA * Math.expm1(x);
            case SOFTPLUS:
                return x > SOFTPLUS_THRESHOLD ? x : Math.log1p(Math.exp(x));
            case LEAKY_RELU:
                return x > 0 ? x : slope * x;
            default:
                throw new IllegalStateException("unknown activation " + kind);
        }
    }

    static double derivative(Activation.Kind kind, double slope, double x) {
        switch (kind) {
            case RELU:
                return x > 0 ? 1.0 : 0.0;
            case TANH: {
                double t = Math.tanh(x);
                return 1.0 - t * t;
            }
            case SIGMOID: {
                double s = sigmoid(x);
                return s * (1.0 - s);
            }
            case GELU:
                return normalCdf(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
            case SILU: {
                double s = sigmoid(x);
                return s * (1.0 + x * (1.0 - s));
            }
            case SELU:
                return x > 0 ? SELU_LAMBDA : SELU_LAMBDA * SELU_ALPHA * Math.exp(x);
            case SOFTPLUS:
                return x > SOFTPLUS_THRESHOLD ? 1.0 : sigmoid(x);
            case LEAKY_RELU:
                return x > 0 ? 1.0 : slope;
            default:
                throw new IllegalStateException("unknown activation " + kind);
        }
    }

    /** {@code 1/(1+e^{−x})}, evaluated without overflow for either sign. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** Standard normal CDF {@code Φ(x) = ½ erfc(−x/√2)}, accurate in both tails. */
    static double normalCdf(double x) {
        return 0.5 * Erf.erfc(-x * INV_SQRT2);
    }
}
