package org.jlaplace.autodiff.optim;

/**
 * The Adam family's update, shared by {@link Adam} (weight decay added to the gradient, "L2") and
 * {@link AdamW} (decoupled weight decay). With step {@code t}, rate {@code η}, gradient {@code g}:
 * <pre>
 *   x = x·(1 − η·λ)                       (AdamW only)
 *   g = g + λ·x                            (Adam only)
 *   m = β₁·m + (1 − β₁)·g
 *   v = β₂·v + (1 − β₂)·g²
 *   x = x − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * which is PyTorch's formulation of the bias correction (ε is added after correcting v).
 */
public abstract sealed class AdaptiveMoments extends StatefulOptimizer permits Adam, AdamW {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;

    AdaptiveMoments(String name, LearningRateSchedule schedule, double beta1, double beta2, double eps,
                    double weightDecay, boolean decoupled) {
        super(name, schedule, 2);
        Schedules.requireInRange(name, "beta1", beta1, 0, true, 1, false);
        Schedules.requireInRange(name, "beta2", beta2, 0, true, 1, false);
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException(name + ": eps must be finite and > 0, got " + eps);
        }
        Schedules.requireRate(name, "weightDecay", weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    @Override
    protected final void update(double[] x, double[] g, double[][] state, double lr, long t) {
        double[] m = state[0];
        double[] v = state[1];
        double stepSize = lr / (1 - Math.pow(beta1, t));
        double correction2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double shrink = decoupled ? 1 - lr * weightDecay : 1;
        double l2 = decoupled ? 0 : weightDecay;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i] * shrink;
            double gi = g[i] + l2 * x[i];
            m[i] = beta1 * m[i] + (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            x[i] = xi - stepSize * m[i] / (Math.sqrt(v[i]) / correction2Sqrt + eps);
        }
    }

    @Override
    protected final void update32(float[] x, float[] g, float[][] state, double lr, long t, int from, int to) {
        float[] m = state[0];
        float[] v = state[1];
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float oneMinusB1 = (float) (1 - beta1);
        float oneMinusB2 = (float) (1 - beta2);
        float e = (float) eps;
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
        float correction2Sqrt = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float shrink = (float) (decoupled ? 1 - lr * weightDecay : 1);
        float l2 = (float) (decoupled ? 0 : weightDecay);
        for (int i = from; i < to; i++) {
            float xi = x[i];
            float gi = g[i] + l2 * xi;
            float mi = b1 * m[i] + oneMinusB1 * gi;
            float vi = b2 * v[i] + oneMinusB2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            x[i] = xi * shrink - stepSize * mi / ((float) Math.sqrt(vi) / correction2Sqrt + e);
        }
    }
}
