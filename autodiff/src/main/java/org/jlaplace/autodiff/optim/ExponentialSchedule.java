package org.jlaplace.autodiff.optim;

/** Exponential decay (PyTorch's {@code ExponentialLR}): {@code η_t = η_base · γ^t}. */
public record ExponentialSchedule(double baseRate, double gamma) implements LearningRateSchedule {

    public ExponentialSchedule {
        Schedules.requireRate("ExponentialSchedule", "baseRate", baseRate);
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("ExponentialSchedule: gamma must be finite and > 0, got " + gamma);
        }
    }

    @Override
    public double rate(long t) {
        Schedules.requireStep("ExponentialSchedule", t);
        return baseRate * Math.pow(gamma, t);
    }
}
