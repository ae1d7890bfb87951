package org.jlaplace.bench.data;

import java.util.Arrays;

/** Checks that a data set fits a model, with messages that point at the offending file position. */
public final class DataChecks {
    private DataChecks() {
    }

    /**
     * Every label must be below the model's number of outputs {@code c}; returns the data declared
     * with {@code c} classes. Regression data must have exactly {@code c} targets.
     */
    public static Dataset requireOutputs(Dataset d, int c) {
        if (d.task() == Task.REGRESSION) {
            if (d.outputs() != c) {
                throw new DataFormatException(d.source(), "has " + d.outputs() + " target column(s) but the model has "
                        + c + " outputs (set --targets " + c + ")");
            }
            return d;
        }
        if (c < 2) {
            throw new DataFormatException(d.source(), "classification needs at least 2 classes, but the model has " + c
                    + " output" + (d.size() > 0 && d.classes() < 2 ? " and every label is " + d.label(0) : "")
                    + " (give data with two or more classes, or a model with as many outputs as classes)");
        }
        for (int i = 0; i < d.size(); i++) {
            if (d.label(i) >= c) {
                throw new DataFormatException(d.labelPosition(i) + ": label " + d.label(i),
                        "out of range for a model with " + c + " outputs (labels must be 0.." + (c - 1) + ")");
            }
        }
        return d.withClasses(c);
    }

    /**
     * The inputs must have as many values as the model's {@code inputShape}; returns the data
     * reshaped to it (image models read features in row-major order).
     */
    public static Dataset requireInputShape(Dataset d, int[] inputShape) {
        int[] have = d.inputShape();
        if (have.length > 1 && inputShape.length > 1 && !Arrays.equals(have, inputShape)) {
            // Images (IDX files or --input-shape) must match the model's image shape, not only its size:
            // 4×16 pixels fed to a 1×8×8 convolution would be silently wrong.
            throw new DataFormatException(d.source(), "has inputs of shape " + Arrays.toString(have)
                    + " (from the image files or --input-shape) but the model's input_shape is "
                    + Arrays.toString(inputShape));
        }
        int need = Dataset.product(inputShape);
        if (need != d.features()) {
            throw new DataFormatException(d.source(), "has " + d.features() + " features per example but the model's input_shape "
                    + Arrays.toString(inputShape) + " needs " + need);
        }
        return d.reshaped(inputShape);
    }
}
