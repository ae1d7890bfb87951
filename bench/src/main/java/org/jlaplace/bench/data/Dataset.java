package org.jlaplace.bench.data;

import java.util.Arrays;

/**
 * An in-memory supervised data set: {@code n} inputs of {@code features} values each (row-major in
 * {@link #inputShape()}), and either integer labels (classification) or real targets (regression).
 * Rows from text files remember the source line they came from, so later checks (a label too large for the model,
 * say) can still name {@code file:line}.
 */
public final class Dataset {
    private final String source;
    private final Task task;
    private final double[][] x;
    private final int[] inputShape;
    private final int[] labels;
    private final int classes;
    private final double[][] targets;
    private final int[] lines;

    private Dataset(String source, Task task, double[][] x, int[] inputShape, int[] labels,
                    int classes, double[][] targets, int[] lines) {
        this.source = source;
        this.task = task;
        this.x = x;
        this.inputShape = inputShape.clone();
        this.labels = labels;
        this.classes = classes;
        this.targets = targets;
        this.lines = lines;
        int features = product(inputShape);
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != features) {
                throw new IllegalArgumentException("dataset " + source + ": row " + i + " has "
                        + x[i].length + " features, input shape " + Arrays.toString(inputShape)
                        + " needs " + features);
            }
        }
    }

    /** A classification data set; {@code classes} must exceed every label; {@code lines} may be null. */
    public static Dataset classification(String source, double[][] x, int[] inputShape, int[] labels,
                                         int classes, int[] lines) {
        if (labels.length != x.length) {
            throw new IllegalArgumentException("dataset " + source + ": " + x.length + " inputs but "
                    + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("dataset " + source + ": label " + labels[i]
                        + " of row " + i + " is outside 0.." + (classes - 1));
            }
        }
        return new Dataset(source, Task.CLASSIFICATION, x, inputShape, labels, classes, null,
                lines);
    }

    /** A regression data set with {@code targets[i].length} outputs; {@code lines} may be null. */
    public static Dataset regression(String source, double[][] x, int[] inputShape, double[][] targets,
                                     int[] lines) {
        if (targets.length != x.length) {
            throw new IllegalArgumentException("dataset " + source + ": " + x.length + " inputs but "
                    + targets.length + " targets");
        }
        return new Dataset(source, Task.REGRESSION, x, inputShape, null, 0, targets,
                lines);
    }

    static int product(int[] shape) {
        long p = 1;
        for (int s : shape) {
            p *= s;
            if (p > Integer.MAX_VALUE - 8 || p < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than "
                        + (Integer.MAX_VALUE - 8) + " values");
            }
        }
        return (int) p;
    }

    /** Where the data came from (a file name or {@code dataset:NAME}). */
    public String source() { return source; }

    /** Classification or regression. */
    public Task task() { return task; }

    /** Number of examples. */
    public int size() { return x.length; }

    /** Values per input, the product of {@link #inputShape()}. */
    public int features() { return product(inputShape); }

    /** Shape of one input, without the batch axis. */
    public int[] inputShape() { return inputShape.clone(); }

    /** Outputs the network needs: the number of classes or of regression targets. */
    public int outputs() {
        return task == Task.CLASSIFICATION ? classes : (targets.length == 0 ? 0 : targets[0].length);
    }

    /** Number of classes (classification only, 0 for regression). */
    public int classes() { return classes; }

    /** Input row {@code i} (not a copy: do not modify). */
    public double[] x(int i) { return x[i]; }

    /** Label of row {@code i} (classification). */
    public int label(int i) { return labels[i]; }

    /** Targets of row {@code i} (regression; not a copy). */
    public double[] target(int i) { return targets[i]; }

    /** The 1-based source line of row {@code i}, or 0 when the data did not come from a text file. */
    public int line(int i) { return lines == null ? 0 : lines[i]; }

    /**
     * Where the label of row {@code i} sits, for messages: {@code file:line:column} for text files
     * (lines known), {@code file: item k} (1-based) for binary ones.
     */
    public String labelPosition(int i) {
        if (lines == null) {
            return source + ": item " + (i + 1);
        }
        return source + ":" + lines[i] + ":" + (features() + 1);
    }

    /** All labels (a copy). */
    public int[] labels() { return labels == null ? null : labels.clone(); }

    /** Inputs as one row-major {@code n × features} array. */
    public double[] flatInputs() {
        int f = features();
        double[] out = new double[x.length * f];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, out, i * f, f);
        }
        return out;
    }

    /** Targets as one row-major {@code n × K} array (regression). */
    public double[] flatTargets() {
        int k = outputs();
        double[] out = new double[x.length * k];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(targets[i], 0, out, i * k, k);
        }
        return out;
    }

    /** The rows {@code idx} in that order, sharing no arrays with this one. */
    public Dataset subset(int[] idx) {
        double[][] sx = new double[idx.length][];
        int[] sl = lines == null ? null : new int[idx.length];
        int[] slab = task == Task.CLASSIFICATION ? new int[idx.length] : null;
        double[][] st = task == Task.REGRESSION ? new double[idx.length][] : null;
        for (int j = 0; j < idx.length; j++) {
            int i = idx[j];
            sx[j] = x[i].clone();
            if (sl != null) {
                sl[j] = lines[i];
            }
            if (slab != null) {
                slab[j] = labels[i];
            } else {
                st[j] = targets[i].clone();
            }
        }
        return new Dataset(source, task, sx, inputShape, slab, classes, st, sl);
    }

    /** The same data with the inputs replaced (same order). */
    public Dataset withInputs(double[][] newX) {
        return new Dataset(source, task, newX, inputShape, labels, classes, targets, lines);
    }

    /** The same data with the regression targets replaced (same order). */
    public Dataset withTargets(double[][] newTargets) {
        return new Dataset(source, task, x, inputShape, labels, classes, newTargets, lines);
    }

    /** The same data read as inputs of another shape with the same number of values. */
    public Dataset reshaped(int... shape) {
        if (product(shape) != features()) {
            throw new IllegalArgumentException("input shape " + Arrays.toString(shape) + " has "
                    + product(shape) + " values but " + source + " has " + features() + " features");
        }
        return new Dataset(source, task, x, shape, labels, classes, targets, lines);
    }

    /** The same data declared with more classes than its largest label needs (a model's C). */
    public Dataset withClasses(int c) {
        if (task != Task.CLASSIFICATION) {
            throw new IllegalStateException("withClasses: " + source + " is a regression data set");
        }
        return classification(source, x, inputShape, labels, c, lines);
    }
}
