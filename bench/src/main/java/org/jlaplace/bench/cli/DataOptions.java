package org.jlaplace.bench.cli;

import java.nio.file.Path;
import java.util.Arrays;
import org.jlaplace.bench.data.CsvLoader;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.EmbeddedDatasets;
import org.jlaplace.bench.data.IdxLoader;
import org.jlaplace.bench.data.Standardizer;
import org.jlaplace.bench.data.Task;
import picocli.CommandLine.Option;

/** Where the data come from and how they are read (shared by every subcommand). */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "FILE",
            description = "CSV file: one header line, features first, then the label (classification) or the last K targets (regression).")
    Path data;

    @Option(names = "--images", paramLabel = "FILE", description = "IDX images file (MNIST format, optionally gzipped); needs --labels.")
    Path images;

    @Option(names = "--labels", paramLabel = "FILE", description = "IDX labels file matching --images.")
    Path labels;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Embedded data set: digits, iris, wine, breast_cancer, diabetes, or the synthetic sine (x ~ U[0,8], y = sin x + 0.2·ε).")
    String dataset;

    @Option(names = "--likelihood", paramLabel = "classification|regression",
            description = "Likelihood; required with --data, implied by --dataset and --images.")
    String likelihood;

    @Option(names = "--targets", paramLabel = "K", defaultValue = "1",
            description = "Regression: the last K columns of the CSV are targets (default: ${DEFAULT-VALUE}).")
    int targets;

    @Option(names = "--scale", paramLabel = "S",
            description = "Multiply every input value by S (e.g. 0.0625 for digits pixels 0..16, 0.00392 for MNIST).")
    Double scale;

    @Option(names = "--standardize",
            description = "Standardize every input column to zero mean and unit variance (statistics of the training data).")
    boolean standardize;

    @Option(names = "--standardize-targets",
            description = "Regression: standardize the targets too (statistics of the training data).")
    boolean standardizeTargets;

    @Option(names = "--input-shape", paramLabel = "D", split = ",", splitSynopsisLabel = ",",
            description = "Shape of one input (e.g. 1,8,8) for image models reading CSV rows; default: the model's input_shape.")
    int[] inputShape;

    /** Whether the user named any data source. */
    boolean anySource() {
        return data != null || images != null || labels != null || dataset != null;
    }

    /** The likelihood of the chosen data, checked against {@code --likelihood}. */
    Task task(String defaultDataset) {
        Task implied = null;
        if (dataset != null || (data == null && images == null && defaultDataset != null)) {
            implied = EmbeddedDatasets.taskOf(dataset != null ? dataset : defaultDataset);
        } else if (images != null) {
            implied = Task.CLASSIFICATION;
        }
        if (likelihood == null) {
            if (implied == null) {
                throw new BadInputException("--likelihood classification|regression is required with --data");
            }
            return implied;
        }
        Task t;
        try {
            t = Task.parse(likelihood);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--likelihood: " + e.getMessage());
        }
        if (implied != null && t != implied) {
            throw new BadInputException("--likelihood " + likelihood + " does not fit the data, which call for "
                    + implied.cliName());
        }
        return t;
    }

    /**
     * Reads the data (scaled by {@code --scale} if given, else by {@code defaultScale} when the
     * default data set is used), before standardization, which needs the training split.
     */
    Dataset load(String defaultDataset, Double defaultScale, long seed) {
        int sources = (data != null ? 1 : 0) + (images != null || labels != null ? 1 : 0) + (dataset != null ? 1 : 0);
        if (sources > 1) {
            throw new BadInputException("give only one of --data, --images/--labels, --dataset");
        }
        if ((images == null) != (labels == null)) {
            throw new BadInputException(images == null ? "--labels needs --images" : "--images needs --labels");
        }
        if (sources == 0 && defaultDataset == null) {
            throw new BadInputException("no data: give --data FILE, --images FILE --labels FILE, or --dataset NAME");
        }
        Task task = task(defaultDataset);
        if (targets < 1) {
            throw new BadInputException("--targets " + targets + ": must be at least 1");
        }
        if (targets != 1 && task != Task.REGRESSION) {
            throw new BadInputException("--targets applies to regression only");
        }
        Dataset d;
        Double s = scale;
        if (data != null) {
            d = CsvLoader.load(data, task, targets);
        } else if (images != null) {
            d = IdxLoader.load(images, labels);
        } else {
            String name = dataset != null ? dataset : defaultDataset;
            if (!EmbeddedDatasets.NAMES.contains(name)) {
                throw new BadInputException("--dataset '" + name + "' is not one of " + String.join(", ", EmbeddedDatasets.NAMES));
            }
            d = EmbeddedDatasets.load(name, seed);
            if (s == null && dataset == null) {
                s = defaultScale;
            }
        }
        if (s != null) {
            if (!Double.isFinite(s) || s == 0) {
                throw new BadInputException("--scale " + s + ": must be finite and non-zero");
            }
            d = scaled(d, s);
        }
        if (inputShape != null) {
            for (int v : inputShape) {
                if (v <= 0) {
                    throw new BadInputException("--input-shape " + Arrays.toString(inputShape) + ": sizes must be positive");
                }
            }
            try {
                d = d.reshaped(inputShape);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--input-shape: " + e.getMessage());
            }
        }
        return d;
    }

    private static Dataset scaled(Dataset d, double s) {
        double[][] x = new double[d.size()][];
        for (int i = 0; i < d.size(); i++) {
            x[i] = d.x(i).clone();
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] *= s;
            }
        }
        return d.withInputs(x);
    }

    /**
     * Applies {@code --standardize}/{@code --standardize-targets} with the statistics of
     * {@code reference} to each of {@code parts}; returns them in the same order.
     */
    Dataset[] standardized(Dataset reference, Dataset... parts) {
        Dataset[] out = parts.clone();
        if (standardize) {
            Standardizer z = Standardizer.fitInputs(reference);
            for (int i = 0; i < out.length; i++) {
                out[i] = z.applyToInputs(out[i]);
            }
        }
        if (standardizeTargets) {
            if (reference.task() != Task.REGRESSION) {
                throw new BadInputException("--standardize-targets applies to regression only");
            }
            Standardizer z = Standardizer.fitTargets(reference);
            for (int i = 0; i < out.length; i++) {
                out[i] = z.applyToTargets(out[i]);
            }
        }
        return out;
    }
}
