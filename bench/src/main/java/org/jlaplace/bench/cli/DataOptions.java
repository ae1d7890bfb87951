package org.jlaplace.bench.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jlaplace.autodiff.augment.ImageRotation;
import org.jlaplace.bench.data.BalancedSubset;
import org.jlaplace.bench.data.CifarLoader;
import org.jlaplace.bench.data.CsvLoader;
import org.jlaplace.bench.data.Dataset;
import org.jlaplace.bench.data.EmbeddedDatasets;
import org.jlaplace.bench.data.IdxLoader;
import org.jlaplace.bench.data.Standardizer;
import org.jlaplace.bench.data.Task;
import org.jlaplace.bench.data.TrainTestSplit;
import org.jlaplace.core.Tensor;
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

    @Option(names = "--cifar", paramLabel = "FILE|DIR", split = ",", splitSynopsisLabel = ",",
            description = "CIFAR-10 binary files (data_batch_*.bin: records of 1 label byte and 3x32x32 pixel bytes, optionally gzipped); a directory stands for its data_batch_*.bin files.")
    List<Path> cifar;

    @Option(names = "--test-images", paramLabel = "FILE",
            description = "IDX images of a given test set (instead of a random split); needs --test-labels.")
    Path testImages;

    @Option(names = "--test-labels", paramLabel = "FILE", description = "IDX labels matching --test-images.")
    Path testLabels;

    @Option(names = "--test-cifar", paramLabel = "FILE", split = ",", splitSynopsisLabel = ",",
            description = "CIFAR-10 binary file(s) of a given test set (e.g. test_batch.bin), instead of a random split.")
    List<Path> testCifar;

    @Option(names = "--subset", paramLabel = "N",
            description = "Train on a seeded class-balanced subset of N training examples (after the split; of all data for commands that do not split).")
    Integer subset;

    @Option(names = "--subset-seed", paramLabel = "SEED", defaultValue = "0",
            description = "Seed of the --subset draw (default: ${DEFAULT-VALUE}).")
    long subsetSeed;

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

    @Option(names = "--rotate-data", paramLabel = "DEG",
            description = "Rotate every image (train and test) about its centre by its own seeded random angle in [-DEG, DEG] degrees (bilinear, zero padding).")
    Double rotateData;

    @Option(names = "--rotate-seed", paramLabel = "SEED", defaultValue = "0",
            description = "Seed of the --rotate-data angles (default: ${DEFAULT-VALUE}).")
    long rotateSeed;

    /** Whether the user named any data source. */
    boolean anySource() {
        return data != null || images != null || labels != null || dataset != null || cifar != null;
    }

    /** Whether a test set is given by files (then there is no random split). */
    boolean givenTestSet() {
        return testImages != null || testLabels != null || testCifar != null;
    }

    /** The likelihood of the chosen data, checked against {@code --likelihood}. */
    Task task(String defaultDataset) {
        Task implied = null;
        if (dataset != null || (data == null && images == null && defaultDataset != null)) {
            implied = EmbeddedDatasets.taskOf(dataset != null ? dataset : defaultDataset);
        } else if (images != null || cifar != null) {
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
     * Reads the data of a command that does not split them into training and test parts
     * (scaled by {@code --scale} if given, else by {@code defaultScale} when the default data set is
     * used), the {@code --subset} of them if asked for, before standardization. A given test set
     * ({@code --test-images}, {@code --test-cifar}) does not apply here and is rejected.
     */
    Dataset load(String defaultDataset, Double defaultScale, long seed) {
        if (givenTestSet()) {
            throw new BadInputException((testCifar != null ? "--test-cifar" : "--test-images/--test-labels")
                    + " gives a test set, which this command does not use");
        }
        Dataset d = loadTraining(defaultDataset, defaultScale, seed);
        return subset == null ? d : subsetOf(d);
    }

    /**
     * Reads the data that {@link #split} will divide (or, with a given test set, the training
     * data), scaled by {@code --scale} if given, else by {@code defaultScale} when the default data
     * set is used; before the subset and standardization, which need the training part.
     */
    Dataset loadTraining(String defaultDataset, Double defaultScale, long seed) {
        int sources = (data != null ? 1 : 0) + (images != null || labels != null ? 1 : 0) + (dataset != null ? 1 : 0)
                + (cifar != null ? 1 : 0);
        if (sources > 1) {
            throw new BadInputException("give only one of --data, --images/--labels, --cifar, --dataset");
        }
        if ((images == null) != (labels == null)) {
            throw new BadInputException(images == null ? "--labels needs --images" : "--images needs --labels");
        }
        if (sources == 0 && defaultDataset == null) {
            throw new BadInputException("no data: give --data FILE, --images FILE --labels FILE, --cifar FILES, or --dataset NAME");
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
        } else if (cifar != null) {
            d = CifarLoader.load(cifar);
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
        return transformed(d, s, rotateSeed);
    }

    /** {@code --scale}, {@code --input-shape} and {@code --rotate-data} (angles from {@code rotationSeed}). */
    private Dataset transformed(Dataset d, Double s, long rotationSeed) {
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
        if (rotateData != null) {
            d = rotated(d, rotateData, rotationSeed);
        }
        return d;
    }

    /**
     * Training and test parts of {@code all} (from {@link #loadTraining}): the given test set when
     * {@code --test-images}/{@code --test-cifar} name one (read and transformed as the training
     * data; rotated with its own angles), else a seeded random split; then the {@code --subset}
     * of the training part.
     */
    TrainTestSplit split(Dataset all, double testFraction, long splitSeed) {
        TrainTestSplit split;
        if (givenTestSet()) {
            if ((testImages == null) != (testLabels == null)) {
                throw new BadInputException(testImages == null ? "--test-labels needs --test-images" : "--test-images needs --test-labels");
            }
            if (testImages != null && testCifar != null) {
                throw new BadInputException("give only one of --test-images/--test-labels and --test-cifar");
            }
            if (images == null && testImages != null || cifar == null && testCifar != null) {
                throw new BadInputException((testImages != null ? "--test-images needs training images from --images/--labels"
                        : "--test-cifar needs training data from --cifar"));
            }
            Dataset test = testImages != null ? IdxLoader.load(testImages, testLabels) : CifarLoader.load(testCifar);
            // The test set's own rotation angles: a seed of its own, so they are not the training rows' angles.
            test = transformed(test, scale, rotateSeed ^ 0x5DEECE66DL);
            if (!Arrays.equals(test.inputShape(), all.inputShape())) {
                throw new BadInputException(test.source() + ": test inputs have shape " + Arrays.toString(test.inputShape())
                        + " but the training inputs have " + Arrays.toString(all.inputShape()));
            }
            int classes = Math.max(all.classes(), test.classes());
            split = TrainTestSplit.given(all.withClasses(classes), test.withClasses(classes));
        } else {
            try {
                split = TrainTestSplit.of(all, testFraction, splitSeed);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        return subset == null ? split : split.withTrain(subsetOf(split.train()));
    }

    private Dataset subsetOf(Dataset d) {
        if (subset < 1) {
            throw new BadInputException("--subset " + subset + ": must be at least 1");
        }
        if (subset > d.size()) {
            throw new BadInputException("--subset " + subset + " is larger than the " + d.size()
                    + " training examples of " + d.source());
        }
        return BalancedSubset.of(d, subset, subsetSeed);
    }

    /** The images of {@code d} rotated by {@link ImageRotation#rotateData} (one angle per image, drawn in data order). */
    private static Dataset rotated(Dataset d, double degrees, long seed) {
        if (!Double.isFinite(degrees) || degrees < 0) {
            throw new BadInputException("--rotate-data " + degrees + ": must be a finite angle ≥ 0 in degrees");
        }
        int[] shape = d.inputShape();
        if (shape.length != 3) {
            throw new BadInputException("--rotate-data needs image data of shape C,H,W, but " + d.source()
                    + " has inputs of shape " + Arrays.toString(shape) + " (give --input-shape for images stored as CSV rows)");
        }
        int n = d.size();
        int f = d.features();
        double[] flat = ImageRotation.rotateData(Tensor.of(d.flatInputs(), n, f), shape, degrees, seed).toArray();
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = Arrays.copyOfRange(flat, i * f, (i + 1) * f);
        }
        return d.withInputs(x);
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
