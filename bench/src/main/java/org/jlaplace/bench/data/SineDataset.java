package org.jlaplace.bench.data;

import java.util.SplittableRandom;

/**
 * A synthetic one-dimensional regression set with known noise: {@code x ~ U[0, 8]},
 * {@code y = sin(x) + σ·ε}, {@code ε ~ N(0, 1)}, all drawn from one seeded generator so the same
 * seed gives the same data on every machine. A learned {@code σ} should approach {@link #DEFAULT_NOISE}.
 */
public final class SineDataset {
    /** Examples in {@code --dataset sine}. */
    public static final int DEFAULT_SIZE = 300;
    /** The true noise standard deviation of {@code --dataset sine}. */
    public static final double DEFAULT_NOISE = 0.2;
    /** Inputs are uniform on {@code [0, RANGE]}. */
    public static final double RANGE = 8.0;

    private SineDataset() {
    }

    /** {@code n} examples with noise standard deviation {@code sigma}. */
    public static Dataset generate(int n, double sigma, long seed) {
        if (n <= 0 || !(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sine data set: need n > 0 and a finite sigma >= 0, got n=" + n
                    + ", sigma=" + sigma);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][1];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = RANGE * rng.nextDouble();
            y[i][0] = Math.sin(x[i][0]) + sigma * gaussian(rng);
        }
        return Dataset.regression("dataset:sine", x, new int[] {1}, y, null);
    }

    /** A standard normal draw by the Box-Muller transform (reproducible, unlike Random's cached pair). */
    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
