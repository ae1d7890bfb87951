package org.jlaplace.laplace.prior;

/**
 * The state shared by the priors with one log precision per entry of a vector (layerwise: one per
 * parameter group; diagonal: one per parameter). The subclasses only say which parameters share a
 * precision.
 */
abstract sealed class VectorPrior implements Prior permits LayerwisePrior, DiagonalPrior {
    final double[] logPrecisions;

    VectorPrior(double[] logPrecisions) {
        this.logPrecisions = PriorChecks.checkLogs(logPrecisions);
    }

    @Override
    public final int size() {
        return logPrecisions.length;
    }

    @Override
    public final double[] logPrecisions() {
        return logPrecisions.clone();
    }

    /** {@code logs} after checking that it holds one value per hyperparameter of this prior. */
    final double[] sameSize(double[] logs) {
        PriorChecks.checkCount(structure().cliName(), logs.length, logPrecisions.length, "hyperparameters");
        return logs;
    }
}
