package org.jlaplace.autodiff.optim;

/**
 * AdamW (Loshchilov and Hutter) with PyTorch's {@code torch.optim.AdamW} rule: the weight decay is
 * decoupled from the gradient, {@code x ← x·(1 − η·λ)} before the Adam step. See
 * {@link AdaptiveMoments} for the update.
 */
public final class AdamW extends AdaptiveMoments {

    /** PyTorch's defaults: β = (0.9, 0.999), ε = 1e-8, weight decay 0.01. */
    public AdamW(double learningRate) {
        this(LearningRateSchedule.constant(learningRate), 0.9, 0.999, 1e-8, 0.01);
    }

    /**
     * @throws IllegalArgumentException if a β is outside [0, 1), ε ≤ 0 or the weight decay is negative
     */
    public AdamW(LearningRateSchedule schedule, double beta1, double beta2, double eps, double weightDecay) {
        super("AdamW", schedule, beta1, beta2, eps, weightDecay, true);
    }
}
