package org.jlaplace.bench.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded random split into training and test rows: a Fisher-Yates permutation from
 * {@code SplittableRandom(seed)}; the first {@code round(n·(1−testFraction))} rows train.
 * Both parts keep their rows in the original file order, so the split is reproducible and the
 * {@code contiguous} partition of a part follows the file.
 */
public final class TrainTestSplit {
    private final Dataset train;
    private final Dataset test;

    private TrainTestSplit(Dataset train, Dataset test) {
        this.train = train;
        this.test = test;
    }

    /** Splits {@code d}; {@code testFraction} must lie in [0, 1). */
    public static TrainTestSplit of(Dataset d, double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("--test-fraction " + testFraction + " must be in [0, 1)");
        }
        int n = d.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int nTrain = (int) Math.round(n * (1 - testFraction));
        if (nTrain < 1) {
            throw new DataFormatException(d.source(), n + " examples leave no training data with --test-fraction "
                    + testFraction);
        }
        int[] tr = Arrays.copyOfRange(perm, 0, nTrain);
        int[] te = Arrays.copyOfRange(perm, nTrain, n);
        Arrays.sort(tr);
        Arrays.sort(te);
        return new TrainTestSplit(d.subset(tr), d.subset(te));
    }

    /** A split given as two data sets (a test set from its own files). */
    public static TrainTestSplit given(Dataset train, Dataset test) {
        return new TrainTestSplit(train, test);
    }

    /** The same test part with another training part (a subset of it, say). */
    public TrainTestSplit withTrain(Dataset newTrain) {
        return new TrainTestSplit(newTrain, test);
    }

    /** The training part. */
    public Dataset train() { return train; }

    /** The test part (may be empty when the test fraction is 0). */
    public Dataset test() { return test; }
}
