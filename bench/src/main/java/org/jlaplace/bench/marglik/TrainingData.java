package org.jlaplace.bench.marglik;

import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.Task;
import org.jlaplace.core.Tensor;

/**
 * A data set laid out for training: inputs as one row-major array with the network's input shape,
 * labels (classification) or row-major targets (regression).
 */
final class TrainingData {
    final Task task;
    final int n;
    final int features;
    final int outputs;
    final int[] inputShape;
    final double[] x;
    final int[] labels;
    final double[] y;

    TrainingData(Dataset d) {
        this.task = d.task();
        this.n = d.size();
        this.features = d.features();
        this.outputs = d.outputs();
        this.inputShape = d.inputShape();
        this.x = d.flatInputs();
        this.labels = d.task() == Task.CLASSIFICATION ? d.labels() : null;
        this.y = d.task() == Task.REGRESSION ? d.flatTargets() : null;
    }

    /** Inputs of the given rows as {@code [M, inputShape…]}. */
    Tensor inputs(int[] rows) {
        double[] out = new double[rows.length * features];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * features, out, i * features, features);
        }
        return Tensor.of(out, batchShape(rows.length));
    }

    /** Inputs of rows {@code from..to-1}. */
    Tensor inputs(int from, int to) {
        double[] out = new double[(to - from) * features];
        System.arraycopy(x, from * features, out, 0, out.length);
        return Tensor.of(out, batchShape(to - from));
    }

    /** Labels of the given rows. */
    int[] labels(int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return out;
    }

    /** Targets of the given rows as {@code [M, C]}. */
    Tensor targets(int[] rows) {
        double[] out = new double[rows.length * outputs];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(y, rows[i] * outputs, out, i * outputs, outputs);
        }
        return Tensor.of(out, rows.length, outputs);
    }

    /** Targets as the laplace module reads them: labels as doubles or row-major reals. */
    double[] laplaceTargets() {
        if (task == Task.REGRESSION) {
            return y.clone();
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = labels[i];
        }
        return out;
    }

    private int[] batchShape(int m) {
        int[] s = new int[inputShape.length + 1];
        s[0] = m;
        System.arraycopy(inputShape, 0, s, 1, inputShape.length);
        return s;
    }
}
