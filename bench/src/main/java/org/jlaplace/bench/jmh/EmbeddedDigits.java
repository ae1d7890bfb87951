package org.jlaplace.bench.jmh;

import java.util.Arrays;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.EmbeddedDatasets;
import org.jlaplace.core.Tensor;

/**
 * The first rows of the digits data set embedded in the jar, as the benchmarks use them: inputs
 * {@code [rows, 64]} with pixels scaled from 0..16 to [0, 1], and the class labels as doubles.
 */
final class EmbeddedDigits {
    final Tensor x;
    final double[] labels;

    private EmbeddedDigits(Tensor x, double[] labels) {
        this.x = x;
        this.labels = labels;
    }

    static EmbeddedDigits first(int rows) {
        Dataset all = EmbeddedDatasets.load("digits", 0);
        if (rows > all.size()) {
            throw new IllegalArgumentException("EmbeddedDigits: " + rows + " rows asked, the data set has " + all.size());
        }
        int features = all.features();
        double[] x = Arrays.copyOf(all.flatInputs(), rows * features);
        for (int i = 0; i < x.length; i++) {
            x[i] /= 16.0;
        }
        double[] labels = new double[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = all.label(i);
        }
        return new EmbeddedDigits(Tensor.of(x, rows, features), labels);
    }
}
