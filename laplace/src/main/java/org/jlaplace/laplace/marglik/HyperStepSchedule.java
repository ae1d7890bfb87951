package org.jlaplace.laplace.marglik;

/**
 * When the hyperparameters are stepped: after epoch {@code e} (1-based), {@code stepsPerRound}
 * steps are taken when {@code e > burnIn} and {@code (e − burnIn) mod frequency = 0}, so the first
 * round follows epoch {@code burnIn + frequency}. Plain and invariance runs both ask
 * {@link #stepsAfter} and nothing else, so they step on the same epochs.
 *
 * @param burnIn        epochs before the first round (≥ 0)
 * @param frequency     epochs between rounds (≥ 1)
 * @param stepsPerRound hyper-steps per round (≥ 0; 0 keeps the hyperparameters fixed)
 */
public record HyperStepSchedule(int burnIn, int frequency, int stepsPerRound) {

    /** Checks the three settings; messages name the setting and the value. */
    public HyperStepSchedule {
        if (burnIn < 0) {
            throw new IllegalArgumentException("hyper-step schedule: burn-in must be ≥ 0, got " + burnIn);
        }
        if (frequency < 1) {
            throw new IllegalArgumentException("hyper-step schedule: frequency must be ≥ 1, got " + frequency);
        }
        if (stepsPerRound < 0) {
            throw new IllegalArgumentException("hyper-step schedule: steps per round must be ≥ 0, got " + stepsPerRound);
        }
    }

    /** A schedule that never steps: the prior (and σ) stay at their initial values. */
    public static HyperStepSchedule never() {
        return new HyperStepSchedule(0, 1, 0);
    }

    /** The number of hyper-steps after epoch {@code epoch} (1-based): {@code stepsPerRound} or 0. */
    public int stepsAfter(int epoch) {
        return epoch > burnIn && (epoch - burnIn) % frequency == 0 ? stepsPerRound : 0;
    }

    /** The number of hyper-steps of a run of {@code epochs} epochs: {@code ⌊(epochs − burnIn)/frequency⌋·stepsPerRound}. */
    public int totalSteps(int epochs) {
        return epochs <= burnIn ? 0 : (epochs - burnIn) / frequency * stepsPerRound;
    }
}
