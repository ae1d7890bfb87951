package org.jlaplace.laplace.prior;

/** One precision {@code δ_g} per parameter group (each weight and each bias tensor). */
public final class LayerwisePrior extends VectorPrior {

    public LayerwisePrior(double[] logPrecisions) {
        super(logPrecisions);
    }

    @Override
    public PriorStructure structure() {
        return PriorStructure.LAYERWISE;
    }

    @Override
    public LayerwisePrior withLogPrecisions(double[] logs) {
        return new LayerwisePrior(sameSize(logs));
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
