package org.jlaplace.laplace.prior;

/** One precision {@code δ_g} per parameter group (each weight and each bias tensor). */
public final class LayerwisePrior implements Prior {
    private final double[] logPrecisions;

    public LayerwisePrior(double[] logPrecisions) {
        this.logPrecisions = PriorChecks.checkLogs(logPrecisions);
    }

    @Override
    public String structure() {
        return "layerwise";
    }

    @Override
    public int size() {
        return logPrecisions.length;
    }

    @Override
    public double[] logPrecisions() {
        return logPrecisions.clone();
    }

    @Override
    public LayerwisePrior withLogPrecisions(double[] logs) {
        PriorChecks.checkCount("layerwise", logs.length, logPrecisions.length, "hyperparameters");
        return new LayerwisePrior(logs);
    }

    @Override
    public int[] hyperparameterOfGroup(ParameterGroups groups) {
        PriorChecks.checkCount("layerwise", logPrecisions.length, groups.count(), "parameter groups");
        int[] h = new int[groups.count()];
        for (int g = 0; g < h.length; g++) {
            h[g] = g;
        }
        return h;
    }

    @Override
    public double[] precisionPerParameter(ParameterGroups groups) {
        PriorChecks.checkCount("layerwise", logPrecisions.length, groups.count(), "parameter groups");
        double[] d = new double[groups.totalSize()];
        for (int g = 0; g < groups.count(); g++) {
            java.util.Arrays.fill(d, groups.offset(g), groups.offset(g) + groups.size(g), Math.exp(logPrecisions[g]));
        }
        return d;
    }

    @Override
    public String toString() {
        return "LayerwisePrior" + java.util.Arrays.toString(logPrecisions);
    }
}
