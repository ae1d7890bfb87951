package org.jlaplace.autodiff.optim;

/**
 * Stochastic gradient descent with PyTorch's {@code torch.optim.SGD} rule. With gradient
 * {@code g}, weight decay {@code λ}, momentum {@code μ}, dampening {@code τ}:
 * <pre>
 *   d = g + λ·x
 *   b = d                         (first step)
 *   b = μ·b + (1 − τ)·d           (later steps)
 *   d = d + μ·b  (Nesterov)   or   d = b  (momentum)   or   d unchanged (μ = 0)
 *   x = x − η_t·d
 * </pre>
 */
public final class Sgd extends StatefulOptimizer {

    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;

    /** Plain gradient descent {@code x ← x − η·g}. */
    public Sgd(double learningRate) {
        this(LearningRateSchedule.constant(learningRate), 0, 0, 0, false);
    }

    /** Heavy-ball momentum (no dampening, no weight decay), optionally Nesterov. */
    public Sgd(double learningRate, double momentum, boolean nesterov) {
        this(LearningRateSchedule.constant(learningRate), momentum, 0, 0, nesterov);
    }

    /**
     * @throws IllegalArgumentException for a negative momentum, dampening outside [0, 1], a negative
     *                                  weight decay, or Nesterov without momentum or with dampening
     *                                  (PyTorch's conditions)
     */
    public Sgd(LearningRateSchedule schedule, double momentum, double dampening, double weightDecay,
               boolean nesterov) {
        super("Sgd", schedule, momentum != 0 ? 1 : 0);
        Schedules.requireRate("Sgd", "momentum", momentum);
        Schedules.requireInRange("Sgd", "dampening", dampening, 0, true, 1, true);
        Schedules.requireRate("Sgd", "weightDecay", weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Sgd: Nesterov momentum needs momentum > 0 and zero dampening, got momentum "
                    + momentum + " and dampening " + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    @Override
    protected void update(double[] x, double[] g, double[][] state, double lr, long t) {
        for (int i = 0; i < x.length; i++) {
            double d = g[i] + weightDecay * x[i];
            if (momentum != 0) {
                double[] buffer = state[0];
                buffer[i] = t == 1 ? d : momentum * buffer[i] + (1 - dampening) * d;
                d = nesterov ? d + momentum * buffer[i] : buffer[i];
            }
            x[i] -= lr * d;
        }
    }

    @Override
    protected void update32(float[] x, float[] g, float[][] state, double lr, long t, int from, int to) {
        float mu = (float) momentum;
        float damp = (float) (1 - dampening);
        float decay = (float) weightDecay;
        float rate = (float) lr;
        for (int i = from; i < to; i++) {
            float xf = x[i];
            float d = g[i] + decay * xf;
            if (momentum != 0) {
                float[] buffer = state[0];
                buffer[i] = t == 1 ? d : mu * buffer[i] + damp * d;
                d = nesterov ? d + mu * buffer[i] : buffer[i];
            }
            x[i] = xf - rate * d;
        }
    }
}
