package org.jlaplace.autodiff.optim;

/**
 * Cosine annealing from {@code baseRate} to {@code etaMin} over {@code tMax} steps (the closed form
 * of PyTorch's {@code CosineAnnealingLR}):
 * {@code η_t = η_min + ½ (η_base − η_min) (1 + cos(π t / T_max))} for {@code 0 ≤ t ≤ T_max}.
 * After {@code T_max} the rate stays at {@code η_min}; PyTorch's formula would rise again, which
 * an annealing schedule for a fixed training budget never wants.
 */
public record CosineSchedule(double baseRate, long tMax, double etaMin) implements LearningRateSchedule {

    public CosineSchedule {
        Schedules.requireRate("CosineSchedule", "baseRate", baseRate);
        Schedules.requireRate("CosineSchedule", "etaMin", etaMin);
        if (tMax < 1) {
            throw new IllegalArgumentException("CosineSchedule: tMax must be ≥ 1, got " + tMax);
        }
    }

    /** Annealing to 0. */
    public CosineSchedule(double baseRate, long tMax) {
        this(baseRate, tMax, 0.0);
    }

    @Override
    public double rate(long t) {
        Schedules.requireStep("CosineSchedule", t);
        if (t >= tMax) {
            return etaMin;
        }
        return etaMin + 0.5 * (baseRate - etaMin) * (1 + Math.cos(Math.PI * t / tMax));
    }
}
