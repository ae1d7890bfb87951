package org.jlaplace.laplace;

import org.jlaplace.laplace.prior.ParameterGroups;

/**
 * What every {@link JacobianBatch} records: {@code M} data, {@code C} outputs, the parameter
 * groups and the predictions {@code f(x_n; θ*)}, row-major {@code M×C}.
 */
abstract class BatchShape implements JacobianBatch {
    final int m;
    final int c;
    final ParameterGroups groups;
    private final double[] predictions;

    BatchShape(double[] predictions, int m, int c, ParameterGroups groups) {
        this.predictions = predictions;
        this.m = m;
        this.c = c;
        this.groups = groups;
    }

    @Override
    public final int size() {
        return m;
    }

    @Override
    public final int outputs() {
        return c;
    }

    @Override
    public final ParameterGroups groups() {
        return groups;
    }

    @Override
    public final double[] predictions() {
        return predictions.clone();
    }
}
