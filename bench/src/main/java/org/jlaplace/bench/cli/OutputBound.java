package org.jlaplace.bench.cli;

import java.util.Iterator;
import java.util.List;
import org.jlaplace.autodiff.nn.Activation;
import org.jlaplace.autodiff.nn.Conv2d;
import org.jlaplace.autodiff.nn.Dtype;
import org.jlaplace.autodiff.nn.Flatten;
import org.jlaplace.autodiff.nn.Layer;
import org.jlaplace.autodiff.nn.Linear;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Pool2d;
import org.jlaplace.autodiff.nn.Sequential;

/**
 * An upper bound on the magnitude of every value a network computes, from the largest input
 * magnitude and the weights alone: when it is finite with room to spare, every output of the
 * network on such inputs is finite, and {@link NumericalChecks} need not run the network over the
 * data to find out. Layer by layer, with {@code B} the bound on the layer's input:
 * <ul>
 *   <li>Linear and Conv2d: {@code max_o (Σ_i |W_oi|·B + |b_o|)} over output units (for a
 *       convolution {@code i} runs over input channels and kernel positions; zero padding only
 *       removes terms). Every partial sum of the layer is bounded by this too.</li>
 *   <li>Pooling and Flatten: {@code B}.</li>
 *   <li>tanh and sigmoid: 1, for any finite input (both are computed without overflow).</li>
 *   <li>ReLU and leaky ReLU: {@code max(1, |slope|)·B}.</li>
 *   <li>GELU, SiLU, SELU and softplus: {@code 1.0508·B + 1.76} (SELU's scale and its negative
 *       limit; the others are below {@code |z| + ln 2}), and only when {@code B ≤ }
 *       {@value #SMOOTH_INPUT_LIMIT}, so that the exponentials inside them cannot overflow either.</li>
 * </ul>
 * Each affine layer's bound is widened by {@value #ROUNDING_SLACK} for rounding (float32 included).
 * A layer of another kind, or a bound beyond the dtype's range divided by {@value #HEADROOM},
 * gives {@code +∞}: nothing is proven and the check must run the network.
 */
final class OutputBound {
    /** Largest input bound for which the exponential-based activations are trusted. */
    static final double SMOOTH_INPUT_LIMIT = 40.0;
    /** Relative widening of each affine layer's bound, far above any rounding of its sums. */
    static final double ROUNDING_SLACK = 1.01;
    /** How far below the largest finite value of the dtype the final bound must stay. */
    static final double HEADROOM = 1e6;

    private OutputBound() {
    }

    /**
     * The bound on the outputs of {@code net} for inputs of magnitude at most {@code maxAbsInput},
     * or {@code +∞} when it cannot be shown finite in {@code dtype}.
     */
    static double of(Sequential net, double maxAbsInput, Dtype dtype) {
        double limit = (dtype == Dtype.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE) / HEADROOM;
        if (!(maxAbsInput <= limit)) {
            return Double.POSITIVE_INFINITY;
        }
        Iterator<Parameter> params = net.parameters().iterator();
        double b = maxAbsInput;
        for (Layer layer : net.layers()) {
            List<?> specs = layer.parameterSpecs();
            if (layer instanceof Linear linear) {
                b = affine(params.next(), linear.hasBias() ? params.next() : null, linear.outFeatures(), b);
            } else if (layer instanceof Conv2d conv) {
                b = affine(params.next(), conv.hasBias() ? params.next() : null, conv.outChannels(), b);
            } else if (layer instanceof Activation a && specs.isEmpty()) {
                b = activation(a, b);
            } else if (!(layer instanceof Pool2d || layer instanceof Flatten) || !specs.isEmpty()) {
                return Double.POSITIVE_INFINITY;
            }
            if (!(b <= limit)) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return b;
    }

    /** {@code max_o (Σ_i |W_oi|·b + |bias_o|)}, widened for rounding; {@code W} is {@code outputs×(size/outputs)}. */
    private static double affine(Parameter weight, Parameter bias, int outputs, double b) {
        double[] w = weight.value().toArray();
        double[] c = bias == null ? null : bias.value().toArray();
        int width = w.length / outputs;
        double worst = 0.0;
        for (int o = 0; o < outputs; o++) {
            double rowSum = 0.0;
            for (int i = 0; i < width; i++) {
                rowSum += Math.abs(w[o * width + i]);
            }
            worst = Math.max(worst, rowSum * b + (c == null ? 0.0 : Math.abs(c[o])));
        }
        return worst * ROUNDING_SLACK;
    }

    private static double activation(Activation a, double b) {
        switch (a.kind()) {
            case TANH:
            case SIGMOID:
                return 1.0;
            case RELU:
                return b;
            case LEAKY_RELU:
                return Math.max(1.0, Math.abs(a.negativeSlope())) * b;
            case GELU:
            case SILU:
            case SELU:
            case SOFTPLUS:
                return b <= SMOOTH_INPUT_LIMIT ? 1.0508 * b + 1.76 : Double.POSITIVE_INFINITY;
            default:
                return Double.POSITIVE_INFINITY;
        }
    }
}
