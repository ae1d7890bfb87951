package org.jlaplace.autodiff;

import java.util.Arrays;
import org.jlaplace.core.Tensor;

/**
 * Differentiable losses as compositions of primitives (no rules of their own). All are means
 * over the batch, as PyTorch's defaults.
 */
public final class LossFunctions {

    private LossFunctions() {
    }

    /**
     * Softmax cross-entropy {@code −(1/N) Σ_n log softmax(z_n)[y_n]} for logits {@code [N,C]} and
     * integer labels; stable for large logits through {@link Var#logSoftmax}.
     */
    public static Var crossEntropy(Var logits, int[] labels) {
        int[] s = logits.shape();
        if (s.length != 2 || s[0] != labels.length) {
            throw new IllegalArgumentException("crossEntropy: logits " + Arrays.toString(s)
                + " do not match " + labels.length + " labels (expected [N, C])");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= s[1]) {
                throw new IllegalArgumentException("crossEntropy: label[" + i + "] = " + labels[i]
                    + " is outside [0, " + s[1] + ")");
            }
        }
        Var oneHot = Var.of(Tensor.oneHot(labels, s[1]));
        return logits.logSoftmax(1).mul(oneHot).sum().mul(-1.0 / labels.length);
    }

    /** Mean squared error {@code (1/K) Σ (p − t)²} over all K elements. */
    public static Var mse(Var prediction, Var target) {
        if (!Arrays.equals(prediction.shape(), target.shape())) {
            throw new IllegalArgumentException("mse: prediction " + Arrays.toString(prediction.shape())
                + " and target " + Arrays.toString(target.shape()) + " differ in shape");
        }
        return prediction.sub(target).square().mean();
    }

    /**
     * Gaussian negative log-likelihood, mean over the K elements:
     * {@code (1/K) Σ ½ [log 2π + log σ² + (t − μ)² / σ²]}; {@code variance} broadcasts against
     * the mean (e.g. a scalar).
     */
    public static Var gaussianNll(Var mean, Var target, Var variance) {
        if (!Arrays.equals(mean.shape(), target.shape())) {
            throw new IllegalArgumentException("gaussianNll: mean " + Arrays.toString(mean.shape())
                + " and target " + Arrays.toString(target.shape()) + " differ in shape");
        }
        Var perElement = target.sub(mean).square().div(variance).add(variance.log())
            .add(Math.log(2.0 * Math.PI)).mul(0.5);
        return perElement.broadcastTo(mean.shape()).mean();
    }
}
