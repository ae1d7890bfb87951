package org.jlaplace.autodiff.nn;

import java.util.Arrays;
import org.jlaplace.autodiff.Var;
import org.jlaplace.core.Tensor;

/**
 * Training losses on a batch of network outputs {@code f} ({@code [M, C]}) with their gradients
 * with respect to {@code f}, to be fed to {@link Trace#backward(Tensor)}.
 * {@link Reduction#MEAN} divides by the batch size {@code M} (by {@code M·C} for {@link #mse},
 * as PyTorch's {@code MSELoss}); {@link Reduction#SUM} does not. Each loss also has a graph
 * version on {@link Var} (same value, differentiable to any order by the AD engine).
 */
public final class Losses {

    /** How per-example losses are combined. */
    public enum Reduction { MEAN, SUM }

    /** A loss value and its gradient with respect to the outputs (same shape as the outputs). */
    public record LossAndGradient(double value, Tensor gradient) {
    }

    private Losses() {
    }

    /**
     * Softmax cross-entropy {@code Σ_n [logsumexp(f_n) − f_{n,y_n}]} (PyTorch's
     * {@code CrossEntropyLoss}), with the log-sum-exp shifted by the row maximum so that logits of
     * any finite size (e.g. ±1000) neither overflow nor lose the loss; gradient
     * {@code softmax(f_n) − e_{y_n}} (divided by {@code M} for the mean).
     *
     * @throws IllegalArgumentException if {@code logits} is not {@code [M, C]}, a label is outside
     *     {@code 0..C−1}, the label count is not {@code M}, or a logit is not finite
     */
    public static LossAndGradient crossEntropy(Tensor logits, int[] labels, Reduction reduction) {
        int[] shape = logits.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("Losses.crossEntropy: logits must be [M, C] but are " + Arrays.toString(shape));
        }
        int m = shape[0];
        int c = shape[1];
        if (labels.length != m) {
            throw new IllegalArgumentException("Losses.crossEntropy: " + labels.length + " labels for logits of shape "
                    + Arrays.toString(shape));
        }
        double[] f = logits.toArray();
        requireFinite("Losses.crossEntropy", "logit", f);
        double[] grad = new double[m * c];
        double scale = reduction == Reduction.MEAN ? 1.0 / m : 1.0;
        double total = 0;
        for (int n = 0; n < m; n++) {
            int y = labels[n];
            if (y < 0 || y >= c) {
                throw new IllegalArgumentException("Losses.crossEntropy: label " + y + " at index " + n
                        + " is outside 0.." + (c - 1));
            }
            total += rowCrossEntropy(f, n * c, c, y, scale, grad);
        }
        return new LossAndGradient(total * scale, Tensor.of(grad, m, c));
    }

    /**
     * One row of {@link #crossEntropy(Tensor, int[], Reduction)}: writes {@code scale·(softmax(f) − e_y)}
     * into {@code grad} at {@code base} and returns {@code logsumexp(f) − f_y}. A method of its own, so
     * that the JIT compiles it as one called every row rather than by replacing the batch loop on the stack.
     */
    private static double rowCrossEntropy(double[] f, int base, int c, int y, double scale, double[] grad) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < c; j++) {
            max = Math.max(max, f[base + j]);
        }
        double sum = 0;
        for (int j = 0; j < c; j++) {
            double e = Math.exp(f[base + j] - max);
            grad[base + j] = e;
            sum += e;
        }
        double logSumExp = max + Math.log(sum);
        for (int j = 0; j < c; j++) {
            grad[base + j] = grad[base + j] / sum * scale;
        }
        grad[base + y] -= scale;
        return logSumExp - f[base + y];
    }

    /**
     * The float32 twin of {@link #crossEntropy(Tensor, int[], Reduction)} for float32 training: the
     * logits {@code [M, C]} row-major, the gradient {@code softmax(f_n) − e_{y_n}} (divided by
     * {@code M} for the mean) written into {@code grad} ({@code M·C} entries), every operation on
     * a row in float arithmetic with the log-sum-exp shifted by the row maximum. The per-example
     * losses (floats) are summed in double, since the sum is only reported.
     *
     * @return the loss
     * @throws IllegalArgumentException for arrays of the wrong length, a label outside {@code 0..C−1}
     *     or a logit that is not finite
     */
    public static double crossEntropy32(float[] logits, int m, int c, int[] labels, Reduction reduction, float[] grad) {
        if (m < 1 || c < 1 || logits.length < m * c || grad.length < m * c || labels.length != m) {
            throw new IllegalArgumentException("Losses.crossEntropy32: " + logits.length + " logits, " + grad.length
                    + " gradient entries and " + labels.length + " labels for M = " + m + ", C = " + c);
        }
        float scale = reduction == Reduction.MEAN ? 1f / m : 1f;
        double total = 0;
        for (int n = 0; n < m; n++) {
            int y = labels[n];
            if (y < 0 || y >= c) {
                throw new IllegalArgumentException("Losses.crossEntropy32: label " + y + " at index " + n
                        + " is outside 0.." + (c - 1));
            }
            int base = n * c;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                float f = logits[base + j];
                if (!Float.isFinite(f)) {
                    throw new IllegalArgumentException("Losses.crossEntropy32: logit at flat index " + (base + j)
                            + " is " + f);
                }
                max = Math.max(max, f);
            }
            float sum = 0f;
            for (int j = 0; j < c; j++) {
                float e = (float) Math.exp(logits[base + j] - max);
                grad[base + j] = e;
                sum += e;
            }
            float logSumExp = max + (float) Math.log(sum);
            total += logSumExp - logits[base + y];
            float inv = scale / sum;
            for (int j = 0; j < c; j++) {
                grad[base + j] *= inv;
            }
            grad[base + y] -= scale;
        }
        return total * (reduction == Reduction.MEAN ? 1.0 / m : 1.0);
    }

    /**
     * Gaussian negative log-likelihood with noise {@code σ}:
     * {@code Σ_n [‖y_n − f_n‖²/(2σ²) + (C/2)·log(2πσ²)]}; gradient {@code (f − y)/σ²}
     * (divided by {@code M} for the mean).
     *
     * @throws IllegalArgumentException for differing or non-2-D shapes, {@code σ} not positive and
     *     finite, or non-finite values
     */
    public static LossAndGradient gaussianNll(Tensor output, Tensor target, double sigma, Reduction reduction) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("Losses.gaussianNll: sigma must be positive and finite, got " + sigma);
        }
        double[][] ft = checkPair("Losses.gaussianNll", output, target);
        int m = output.dim(0);
        int c = output.dim(1);
        double scale = reduction == Reduction.MEAN ? 1.0 / m : 1.0;
        double variance = sigma * sigma;
        double[] grad = new double[m * c];
        double squares = 0;
        for (int i = 0; i < grad.length; i++) {
            double r = ft[0][i] - ft[1][i];
            squares += r * r;
            grad[i] = r / variance * scale;
        }
        double value = squares / (2 * variance) + m * 0.5 * c * Math.log(2 * Math.PI * variance);
        return new LossAndGradient(value * scale, Tensor.of(grad, m, c));
    }

    /**
     * Squared error {@code Σ (f − y)²}, divided by the number of entries {@code M·C} for the mean
     * (PyTorch's {@code MSELoss}); gradient {@code 2(f − y)} with the same divisor.
     */
    public static LossAndGradient mse(Tensor output, Tensor target, Reduction reduction) {
        double[][] ft = checkPair("Losses.mse", output, target);
        int count = ft[0].length;
        double scale = reduction == Reduction.MEAN ? 1.0 / count : 1.0;
        double[] grad = new double[count];
        double squares = 0;
        for (int i = 0; i < count; i++) {
            double r = ft[0][i] - ft[1][i];
            squares += r * r;
            grad[i] = 2 * r * scale;
        }
        return new LossAndGradient(squares * scale, Tensor.of(grad, output.shape()));
    }

    /** Graph version of {@link #crossEntropy(Tensor, int[], Reduction)}: {@code −Σ_n log softmax(f_n)_{y_n}}. */
    public static Var crossEntropy(Var logits, int[] labels, Reduction reduction) {
        int[] shape = logits.shape();
        if (shape.length != 2 || labels.length != shape[0]) {
            throw new IllegalArgumentException("Losses.crossEntropy: logits " + Arrays.toString(shape) + " and "
                    + labels.length + " labels do not match [M, C] with M labels");
        }
        for (int n = 0; n < labels.length; n++) {
            if (labels[n] < 0 || labels[n] >= shape[1]) {
                throw new IllegalArgumentException("Losses.crossEntropy: label " + labels[n] + " at index " + n
                        + " is outside 0.." + (shape[1] - 1));
            }
        }
        Var picked = logits.logSoftmax(1).mul(Var.of(Tensor.oneHot(labels, shape[1]))).sum().neg();
        return reduction == Reduction.MEAN ? picked.div(shape[0]) : picked;
    }

    /** Graph version of {@link #gaussianNll(Tensor, Tensor, double, Reduction)}. */
    public static Var gaussianNll(Var output, Tensor target, double sigma, Reduction reduction) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("Losses.gaussianNll: sigma must be positive and finite, got " + sigma);
        }
        checkGraphPair("Losses.gaussianNll", output, target);
        int m = output.dim(0);
        int c = output.dim(1);
        double variance = sigma * sigma;
        Var value = output.sub(Var.of(target)).square().sum().div(2 * variance)
                .add(m * 0.5 * c * Math.log(2 * Math.PI * variance));
        return reduction == Reduction.MEAN ? value.div(m) : value;
    }

    /** Graph version of {@link #mse(Tensor, Tensor, Reduction)}. */
    public static Var mse(Var output, Tensor target, Reduction reduction) {
        checkGraphPair("Losses.mse", output, target);
        Var value = output.sub(Var.of(target)).square().sum();
        return reduction == Reduction.MEAN ? value.div(output.size()) : value;
    }

    private static void checkGraphPair(String operation, Var output, Tensor target) {
        if (output.rank() != 2 || !Arrays.equals(output.shape(), target.shape())) {
            throw new IllegalArgumentException(operation + ": outputs " + Arrays.toString(output.shape())
                    + " and targets " + Arrays.toString(target.shape()) + " must both be [M, C]");
        }
    }

    private static double[][] checkPair(String operation, Tensor output, Tensor target) {
        if (output.rank() != 2 || !Arrays.equals(output.shape(), target.shape())) {
            throw new IllegalArgumentException(operation + ": outputs " + Arrays.toString(output.shape())
                    + " and targets " + Arrays.toString(target.shape()) + " must both be [M, C]");
        }
        double[] f = output.toArray();
        double[] y = target.toArray();
        requireFinite(operation, "output", f);
        requireFinite(operation, "target", y);
        return new double[][] {f, y};
    }

    private static void requireFinite(String operation, String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(operation + ": " + what + " at flat index " + i + " is " + values[i]);
            }
        }
    }
}
