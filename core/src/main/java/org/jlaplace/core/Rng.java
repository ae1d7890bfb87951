package org.jlaplace.core;

/**
 * A seeded, reproducible random number generator: xoshiro256** whose 256-bit state is filled by
 * SplitMix64 from a 64-bit seed. The same seed always yields the same stream on every JVM.
 *
 * <p>Not thread-safe: give each thread its own stream via {@link #split()}.
 */
public final class Rng {
    private long s0;
    private long s1;
    private long s2;
    private long s3;
    /** Cached second normal deviate of the polar method, valid when {@code hasSpareGaussian}. */
    private double spareGaussian;
    private boolean hasSpareGaussian;

    /** Creates a stream whose state is derived from {@code seed} by SplitMix64. */
    public Rng(long seed) {
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = splitMixFinalize(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = splitMixFinalize(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = splitMixFinalize(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = splitMixFinalize(x);
        // SplitMix64 output is never all-zero over four consecutive outputs, but guard anyway:
        // xoshiro's all-zero state is a fixed point.
        if ((s0 | s1 | s2 | s3) == 0) {
            s0 = 1;
        }
    }

    /** A stream started from an explicit xoshiro state (not all zero), for known-answer tests. */
    static Rng fromState(long s0, long s1, long s2, long s3) {
        if ((s0 | s1 | s2 | s3) == 0) {
            throw new IllegalArgumentException("Rng.fromState: the all-zero state is a fixed point of xoshiro256**");
        }
        Rng rng = new Rng(0);
        rng.s0 = s0;
        rng.s1 = s1;
        rng.s2 = s2;
        rng.s3 = s3;
        return rng;
    }

    /** The current xoshiro state {@code [s0, s1, s2, s3]}, for known-answer tests. */
    long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    /**
     * The whole state, to continue the stream later with {@link #fromExportedState}:
     * {@code [s0, s1, s2, s3, hasSpareGaussian ? 1 : 0, bits of the spare Gaussian]}.
     */
    public long[] exportState() {
        return new long[] {s0, s1, s2, s3, hasSpareGaussian ? 1 : 0, Double.doubleToRawLongBits(spareGaussian)};
    }

    /**
     * The stream whose state {@link #exportState()} returned: it yields exactly the values the
     * exported stream would have yielded next.
     *
     * @throws IllegalArgumentException for an array of another length or an all-zero xoshiro state
     */
    public static Rng fromExportedState(long[] state) {
        if (state == null || state.length != 6 || (state[4] != 0 && state[4] != 1)) {
            throw new IllegalArgumentException("Rng.fromExportedState: expected the 6 values of exportState()");
        }
        Rng rng = fromState(state[0], state[1], state[2], state[3]);
        rng.hasSpareGaussian = state[4] == 1;
        rng.spareGaussian = Double.longBitsToDouble(state[5]);
        return rng;
    }

    private static long splitMixFinalize(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 uniformly distributed bits (xoshiro256**: {@code rotl(s1·5, 7)·9}). */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** A uniform double in {@code [0, 1)} with 53 random bits: {@code (nextLong() >>> 11)·2⁻⁵³}. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * A uniform integer in {@code [0, bound)}, unbiased (Lemire's multiply-and-reject method).
     *
     * @throws IllegalArgumentException if {@code bound <= 0}
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("Rng.nextInt: bound must be positive, got " + bound);
        }
        long b = bound;
        long product = (nextLong() >>> 32) * b;
        long low = product & 0xFFFFFFFFL;
        if (low < b) {
            // Reject the few values that would over-represent small results.
            long threshold = (0x1_0000_0000L - b) % b;
            while (low < threshold) {
                product = (nextLong() >>> 32) * b;
                low = product & 0xFFFFFFFFL;
            }
        }
        return (int) (product >>> 32);
    }

    /**
     * A standard normal deviate by Marsaglia's polar method: for {@code (u, v)} uniform in the unit
     * disc with {@code s = u² + v²}, both {@code u·√(−2 ln s / s)} and {@code v·√(−2 ln s / s)} are
     * independent N(0, 1); the second is kept for the next call.
     */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * factor;
        hasSpareGaussian = true;
        return u * factor;
    }

    /**
     * A tensor of independent uniforms on {@code [lo, hi)}: {@code lo + (hi − lo)·U}.
     *
     * @throws IllegalArgumentException if a bound is not finite, {@code hi < lo}, or the shape is invalid
     */
    public Tensor uniform(double lo, double hi, int... shape) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo) {
            throw new IllegalArgumentException(
                    "Rng.uniform: need finite lo <= hi, got lo=" + lo + ", hi=" + hi);
        }
        double[] values = new double[Shapes.checkedSize("Rng.uniform", shape)];
        double width = hi - lo;
        for (int i = 0; i < values.length; i++) {
            values[i] = lo + width * nextDouble();
        }
        return Tensor.of(values, shape.clone());
    }

    /**
     * A tensor of independent normals {@code mean + std·Z}, {@code Z ~ N(0, 1)}.
     *
     * @throws IllegalArgumentException if {@code mean} is not finite, {@code std} is negative or not
     *     finite, or the shape is invalid
     */
    public Tensor normal(double mean, double std, int... shape) {
        if (!Double.isFinite(mean) || !Double.isFinite(std) || std < 0) {
            throw new IllegalArgumentException(
                    "Rng.normal: need finite mean and finite std >= 0, got mean=" + mean + ", std=" + std);
        }
        double[] values = new double[Shapes.checkedSize("Rng.normal", shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = mean + std * nextGaussian();
        }
        return Tensor.of(values, shape.clone());
    }

    /**
     * A uniformly random permutation of {@code 0 … n−1} (Fisher–Yates shuffle).
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Rng.permutation: n must be >= 0, got " + n);
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        return perm;
    }

    /**
     * An independent child stream. The child is seeded from this stream's next output, so the
     * parent advances by one step and splitting is itself reproducible.
     */
    public Rng split() {
        // Mix the child seed once more so that parent and child outputs are not simply shifted
        // copies of the same xoshiro sequence.
        return new Rng(splitMixFinalize(nextLong() ^ 0x6A09E667F3BCC909L));
    }
}
