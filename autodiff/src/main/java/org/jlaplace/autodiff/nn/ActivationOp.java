package org.jlaplace.autodiff.nn;

import java.util.Arrays;
import org.jlaplace.core.Tensor;
import org.jlaplace.core.kernels.FloatKernels;
import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.linalg.Parallel;

/**
 * Kernels of an {@link Activation}. The forward pass evaluates the activation's one rule
 * ({@link Activation#apply(org.jlaplace.autodiff.Var)}) and saves {@code φ'(x)} from the rule's
 * own derivative, since the backward and tangent rules of an elementwise map are both
 * multiplication by it.
 *
 * <p>The three most used activations have twins that skip the graph: ReLU a branch-free bit mask
 * that saves nothing and reads the step {@code x > 0} from the input when it is needed; tanh and
 * sigmoid the same core tensor kernel as their primitives, with {@code φ'} formed from the value as
 * the primitives' derivative rules state it ({@code 1 − φ²}, {@code φ(1 − φ)}), in one pass.
 * {@code ReluMaskTest} and {@code ActivationTwinTest} hold the twins to the rule exactly. Large batches are split over the
 * thread pool by entries or examples; every entry is computed alone, so the result does not
 * depend on the thread count.
 *
 * <p>The float32 twins: ReLU as {@code max(x, 0)} and its step as {@code min(max(x·2²⁰⁰, 0), 1)}
 * (exactly 0 or 1 for every float but NaN), forms the JIT vectorises, unlike the bit masks; a NaN
 * input gives NaN, as in PyTorch, so it reaches the output where a float32 run checks for
 * non-finite values. tanh and sigmoid by the float64 twin's kernel,
 * rounded once to float, with {@code φ'} formed from the rounded value in float as above; the
 * other kinds through the same rule as the float64 path on widened entries, rounded to float.
 */
final class ActivationOp extends LayerOp {
    /** Rough cost of one entry through the rule's graph: a few tensor passes and a transcendental function. */
    private static final long WORK_PER_ENTRY = 40;
    /** Rough cost of one entry of the tanh/sigmoid twin: one exponential. */
    private static final long SMOOTH_WORK_PER_ENTRY = 20;
    /** Rough cost of one entry of the ReLU mask. */
    private static final long MASK_WORK_PER_ENTRY = 2;
    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

    private final Activation activation;
    private final boolean relu;
    private final boolean tanh;
    private final boolean sigmoid;

    ActivationOp(Activation layer, int[] shape) {
        super(shape, shape);
        this.activation = layer;
        this.relu = layer.kind() == Activation.Kind.RELU;
        this.tanh = layer.kind() == Activation.Kind.TANH;
        this.sigmoid = layer.kind() == Activation.Kind.SIGMOID;
    }

    /** The tanh/sigmoid twin: the primitive's core kernel, then {@code φ'} from the value. */
    private void smoothTwin(double[] x, int from, int to, double[] y, double[] derivative) {
        Tensor in = Tensor.of(Arrays.copyOfRange(x, from, to), to - from);
        double[] v = (tanh ? in.tanh() : in.sigmoid()).data();
        System.arraycopy(v, 0, y, from, v.length);
        if (derivative != null) {
            for (int i = 0; i < v.length; i++) {
                derivative[from + i] = tanh ? 1.0 - v[i] * v[i] : v[i] * (1.0 - v[i]);
            }
        }
    }

    @Override
    Object forward(double[] x, int m, double[][] params, double[] y) {
        if (relu) {
            evaluate(x, m, params, y);
            return null;
        }
        double[] derivative = new double[m * inSize];
        if (tanh || sigmoid) {
            Parallel.forRange(m * inSize, SMOOTH_WORK_PER_ENTRY, Parallel.threads(),
                    (from, to) -> smoothTwin(x, from, to, y, derivative));
            return derivative;
        }
        Parallel.forRange(m * inSize, WORK_PER_ENTRY, Parallel.threads(),
                (from, to) -> activation.valueAndDerivative(x, from, to, y, derivative));
        return derivative;
    }

    @Override
    void evaluate(double[] x, int m, double[][] params, double[] y) {
        if (relu) {
            Parallel.forRange(m * inSize, MASK_WORK_PER_ENTRY, Parallel.threads(), (from, to) -> {
                for (int i = from; i < to; i++) {
                    long bits = Double.doubleToRawLongBits(x[i]);
                    y[i] = Double.longBitsToDouble(bits & positiveMask(bits));
                }
            });
            return;
        }
        if (tanh || sigmoid) {
            Parallel.forRange(m * inSize, SMOOTH_WORK_PER_ENTRY, Parallel.threads(),
                    (from, to) -> smoothTwin(x, from, to, y, null));
            return;
        }
        Parallel.forRange(m * inSize, WORK_PER_ENTRY, Parallel.threads(),
                (from, to) -> activation.values(x, from, to, y));
    }

    @Override
    void backwardInput(double[] x, Object saved, int m, int r, double[] gy, double[][] params, double[] gx) {
        if (relu) {
            maskRows(x, m, r, gy, gx);
        } else {
            scaleRows((double[]) saved, m, r, gy, gx);
        }
    }

    @Override
    void jvp(double[] x, Object saved, int m, int r, double[] tx, double[][] params, double[][] v, double[] ty) {
        if (tx == null) {
            Arrays.fill(ty, 0, m * r * outSize, 0.0);
        } else if (relu) {
            maskRows(x, m, r, tx, ty);
        } else {
            scaleRows((double[]) saved, m, r, tx, ty);
        }
    }

    /**
     * All ones when the double with these bits is {@code > 0} (positive, finite or infinite; not
     * ±0 or NaN), else zero. Signs in the data are random, so a branch on them would be mispredicted
     * half the time; these masks cost a few integer operations instead: the sign bit clear, the bits
     * non-zero, and at most those of +∞.
     */
    static long positiveMask(long bits) {
        return (~bits >> 63) & (-bits >> 63) & ((bits - 0x7ff0000000000001L) >> 63);
    }

    /** {@link #scaleRows} with {@code d = [x > 0]} formed from the input's bits. */
    private void maskRows(double[] x, int m, int r, double[] in, double[] out) {
        int size = inSize;
        Parallel.forRange(m, 2L * r * size, Parallel.threads(), (from, to) -> {
            for (int n = from; n < to; n++) {
                int xBase = n * size;
                for (int q = 0; q < r; q++) {
                    int base = (n * r + q) * size;
                    for (int j = 0; j < size; j++) {
                        long step = ONE_BITS & positiveMask(Double.doubleToRawLongBits(x[xBase + j]));
                        out[base + j] = Double.longBitsToDouble(step) * in[base + j];
                    }
                }
            }
        });
    }

    /** {@code out[n·r+q, j] = d[n, j] · in[n·r+q, j]}, examples split over threads. */
    private void scaleRows(double[] d, int m, int r, double[] in, double[] out) {
        int size = inSize;
        Parallel.forRange(m, 2L * r * size, Parallel.threads(), (from, to) -> {
            for (int n = from; n < to; n++) {
                int dBase = n * size;
                for (int q = 0; q < r; q++) {
                    int base = (n * r + q) * size;
                    for (int j = 0; j < size; j++) {
                        out[base + j] = d[dBase + j] * in[base + j];
                    }
                }
            }
        });
    }

    // ---- float32 twins ----

    /** {@code 2¹⁰⁰}: two factors of it take the smallest positive float above 1. */
    private static final float STEP_SCALE = 0x1p100f;

    /** The ReLU step {@code [x > 0]} of a float (NaN for NaN): exactly 0 or 1, branch-free and vectorisable. */
    static float step(float x) {
        return Math.min(Math.max(x * STEP_SCALE * STEP_SCALE, 0f), 1f);
    }

    @Override
    Object forward(float[] x, int m, float[][] params, float[] y, Object reuse) {
        int size = m * inSize;
        if (relu) {
            Parallel.forRange(size, MASK_WORK_PER_ENTRY, Parallel.threads(), (from, to) -> {
                for (int i = from; i < to; i++) {
                    y[i] = Math.max(x[i], 0f);
                }
            });
            return null;
        }
        float[] derivative = reuse instanceof float[] d && d.length == size ? d : new float[size];
        if (tanh || sigmoid) {
            Parallel.forRange(size, SMOOTH_WORK_PER_ENTRY, Parallel.threads(),
                    (from, to) -> smoothTwin(x, from, to, y, derivative));
            return derivative;
        }
        Parallel.forRange(size, WORK_PER_ENTRY, Parallel.threads(), (from, to) -> {
            double[] wide = new double[to - from];
            for (int i = from; i < to; i++) {
                wide[i - from] = x[i];
            }
            double[] v = new double[wide.length];
            double[] d = new double[wide.length];
            activation.valueAndDerivative(wide, 0, wide.length, v, d);
            for (int i = from; i < to; i++) {
                y[i] = (float) v[i - from];
                derivative[i] = (float) d[i - from];
            }
        });
        return derivative;
    }

    /**
     * The float32 tanh/sigmoid twin: the float64 twin's core kernel on the widened entries, each
     * value rounded once to float, then {@code φ'} from the rounded value in float.
     */
    private void smoothTwin(float[] x, int from, int to, float[] y, float[] derivative) {
        double[] wide = new double[to - from];
        for (int i = from; i < to; i++) {
            wide[i - from] = x[i];
        }
        Tensor in = Tensor.of(wide, wide.length);
        double[] v = (tanh ? in.tanh() : in.sigmoid()).data();
        for (int i = from; i < to; i++) {
            float value = (float) v[i - from];
            y[i] = value;
            derivative[i] = tanh ? 1f - value * value : value * (1f - value);
        }
    }

    @Override
    void backwardInput(float[] x, Object saved, int m, int r, float[] gy, float[][] params, float[] gx) {
        if (relu) {
            maskRows(x, m, r, gy, gx);
        } else {
            scaleRows((float[]) saved, m, r, gy, gx);
        }
    }

    @Override
    void jvp(float[] x, Object saved, int m, int r, float[] tx, float[][] params, float[][] v, float[] ty) {
        if (tx == null) {
            Arrays.fill(ty, 0, m * r * outSize, 0f);
        } else if (relu) {
            maskRows(x, m, r, tx, ty);
        } else {
            scaleRows((float[]) saved, m, r, tx, ty);
        }
    }

    /**
     * {@link #maskRows(double[], int, int, double[], double[])} on {@code float[]}: one direction is a
     * single same-index loop over all entries (which the JIT vectorises); several directions form
     * the steps once and scale each row by them with the SIMD kernels, since a loop reading the
     * input and the rows at different offsets is not vectorised.
     */
    private void maskRows(float[] x, int m, int r, float[] in, float[] out) {
        if (r == 1) {
            Parallel.forRange(m * inSize, 3, Parallel.threads(), (from, to) -> {
                for (int i = from; i < to; i++) {
                    out[i] = step(x[i]) * in[i];
                }
            });
            return;
        }
        float[] steps = new float[m * inSize];
        Parallel.forRange(m * inSize, 2, Parallel.threads(), (from, to) -> {
            for (int i = from; i < to; i++) {
                steps[i] = step(x[i]);
            }
        });
        scaleRows(steps, m, r, in, out);
    }

    /** {@link #scaleRows(double[], int, int, double[], double[])} on {@code float[]} (see {@link #maskRows(float[], int, int, float[], float[])}). */
    private void scaleRows(float[] d, int m, int r, float[] in, float[] out) {
        int size = inSize;
        if (r == 1) {
            Parallel.forRange(m * size, 2, Parallel.threads(), (from, to) -> {
                for (int i = from; i < to; i++) {
                    out[i] = d[i] * in[i];
                }
            });
            return;
        }
        FloatKernels kernels = KernelProvider.floats();
        Parallel.forRange(m, 2L * r * size, Parallel.threads(), (from, to) -> {
            for (int n = from; n < to; n++) {
                for (int q = 0; q < r; q++) {
                    int base = (n * r + q) * size;
                    kernels.mul(d, n * size, in, base, out, base, size);
                }
            }
        });
    }
}
