package org.jlaplace.laplace;

import org.jlaplace.laplace.prior.ParameterGroups;

/**
 * What every {@link LinearizedModel} records about its data and outputs: {@code N} data,
 * {@code C} outputs and the parameter groups, plus the check that batch indices lie in
 * {@code 0..N−1}.
 */
abstract class ModelShape implements LinearizedModel {
    final ParameterGroups groups;
    final int n;
    final int c;

    ModelShape(ParameterGroups groups, int n, int c) {
        this.groups = groups;
        this.n = n;
        this.c = c;
    }

    @Override
    public final int dataSize() {
        return n;
    }

    @Override
    public final int outputs() {
        return c;
    }

    @Override
    public final ParameterGroups groups() {
        return groups;
    }

    /** @throws IllegalArgumentException naming {@code model} and the first index outside {@code 0..N−1} */
    final void checkBatchIndices(String model, int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException(model + ": batch index " + i + " outside 0.." + (n - 1));
            }
        }
    }
}
