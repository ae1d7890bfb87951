package org.jlaplace.bench.cli;

import org.jlaplace.autodiff.nn.Dtype;
import org.jlaplace.autodiff.nn.Parameter;
import org.jlaplace.autodiff.nn.Sequential;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.core.Tensor;

/**
 * Checks, before the Laplace computations, the two values whose overflow would otherwise surface
 * deep inside them as a NaN pivot or a non-finite log marginal likelihood: the network's outputs
 * on the data and the squared norm of its parameters (the log prior is {@code −δ‖θ‖²/2 + …}).
 * Failures are {@link NumericalFailureException}s naming the stage, the example or parameter and
 * the likely cause. The outputs are only computed when {@link OutputBound} cannot show them finite
 * from the weights and the largest input.
 */
final class NumericalChecks {
    /** Most examples per forward pass. */
    private static final int CHUNK = 256;
    /** Most activation values held by one forward pass (16 M doubles, 128 MB). */
    private static final long ACTIVATION_BUDGET = 1L << 24;

    private NumericalChecks() {
    }

    /** Largest input magnitude accepted: products of two inputs (kernels, Jacobians) stay finite. */
    static final double MAX_INPUT = 1e150;

    /** All three checks, inputs first (their message points at a file position). */
    static void requireUsable(Sequential net, Dataset d, String stage) {
        requireUsable(net, d, stage, Dtype.FLOAT64);
    }

    /** {@link #requireUsable(Sequential, Dataset, String)} with the network's outputs computed in {@code dtype}. */
    static void requireUsable(Sequential net, Dataset d, String stage, Dtype dtype) {
        requireModerateInputs(d, stage);
        requireFiniteParameterNorm(net, stage);
        // A finite bound from the weights proves the outputs finite without running the network
        // over the data, which at start-up (before the JIT has compiled the kernels) took 0.1-0.5 s.
        if (Double.isInfinite(OutputBound.of(net, largestInputMagnitude(d), dtype))) {
            requireFiniteOutputs(net, d, stage, dtype);
        }
    }

    /** The largest {@code |x|} over every input value of {@code d}. */
    static double largestInputMagnitude(Dataset d) {
        double m = 0;
        for (int i = 0; i < d.size(); i++) {
            m = Math.max(m, largestMagnitude(d.x(i)));
        }
        return m;
    }

    /** Every input value has magnitude at most {@link #MAX_INPUT}. */
    static void requireModerateInputs(Dataset d, String stage) {
        for (int i = 0; i < d.size(); i++) {
            double[] x = d.x(i);
            for (int j = 0; j < x.length; j++) {
                if (!(Math.abs(x[j]) <= MAX_INPUT)) {
                    String where = d.line(i) > 0 ? d.source() + ":" + d.line(i) + ":" + (j + 1)
                            : d.source() + ": example " + (i + 1) + ", value " + (j + 1);
                    throw new NumericalFailureException(stage + ": input " + x[j] + " at " + where
                            + " is beyond ±" + MAX_INPUT + ", where products of inputs overflow; rescale the data"
                            + " (--scale or --standardize)");
                }
            }
        }
    }

    /**
     * Every output of {@code net} on {@code d} is finite.
     *
     * @param stage e.g. "evidence" or "marglik, the initial network"
     */
    static void requireFiniteOutputs(Sequential net, Dataset d, String stage) {
        requireFiniteOutputs(net, d, stage, Dtype.FLOAT64);
    }

    /** {@link #requireFiniteOutputs(Sequential, Dataset, String)} in {@code dtype} (float32: what a float32 run computes). */
    static void requireFiniteOutputs(Sequential net, Dataset d, String stage, Dtype dtype) {
        int n = d.size();
        int f = net.inputSize();
        int[] in = net.inputShape();
        long perExample = Math.max(1, org.jlaplace.autodiff.io.ModelIO.specOf(net).activationsPerExample());
        int chunk = (int) Math.max(1, Math.min(CHUNK, ACTIVATION_BUDGET / perExample));
        for (int start = 0; start < n; start += chunk) {
            int m = Math.min(chunk, n - start);
            double[] flat = new double[m * f];
            for (int i = 0; i < m; i++) {
                System.arraycopy(d.x(start + i), 0, flat, i * f, f);
            }
            int[] shape = new int[in.length + 1];
            shape[0] = m;
            System.arraycopy(in, 0, shape, 1, in.length);
            double[] out = net.forward(Tensor.of(flat, shape), dtype).toArray();
            int c = out.length / m;
            for (int k = 0; k < out.length; k++) {
                if (!Double.isFinite(out[k])) {
                    int i = start + k / c;
                    throw new NumericalFailureException(stage + ": the network's output " + (k % c) + " for example "
                            + (i + 1) + (d.line(i) > 0 ? " (" + d.source() + " line " + d.line(i) + ")" : " of " + d.source())
                            + " is " + out[k] + (dtype == Dtype.FLOAT32 ? " in float32" : "") + " (largest input value there: "
                            + largestMagnitude(d.x(i)) + "; the inputs' scale or the weights are too large)");
                }
            }
        }
    }

    /** The squared norm of the parameters is finite, so the log prior is. */
    static void requireFiniteParameterNorm(Sequential net, String stage) {
        for (Parameter p : net.parameters()) {
            double[] v = p.value().toArray();
            double sum = 0;
            for (double x : v) {
                sum += x * x;
            }
            if (!Double.isFinite(sum)) {
                throw new NumericalFailureException(stage + ": the squared norm of parameter \"" + p.name()
                        + "\" overflows (largest magnitude " + largestMagnitude(v)
                        + "), so the log prior is not finite; the weights are too large");
            }
        }
    }

    private static double largestMagnitude(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
