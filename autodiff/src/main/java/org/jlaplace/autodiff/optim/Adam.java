package org.jlaplace.autodiff.optim;

/**
 * Adam (Kingma and Ba) with PyTorch's {@code torch.optim.Adam} rule; weight decay, if any, is
 * added to the gradient ({@code g + λ·x}). See {@link AdaptiveMoments} for the update.
 */
public final class Adam extends AdaptiveMoments {

    /** PyTorch's defaults: β = (0.9, 0.999), ε = 1e-8, no weight decay. */
    public Adam(double learningRate) {
        this(LearningRateSchedule.constant(learningRate), 0.9, 0.999, 1e-8, 0);
    }

    /** PyTorch's default β and ε with a schedule. */
    public Adam(LearningRateSchedule schedule) {
        this(schedule, 0.9, 0.999, 1e-8, 0);
    }

    /**
     * @throws IllegalArgumentException if a β is outside [0, 1), ε ≤ 0 or the weight decay is negative
     */
    public Adam(LearningRateSchedule schedule, double beta1, double beta2, double eps, double weightDecay) {
        super("Adam", schedule, beta1, beta2, eps, weightDecay, false);
    }
}
