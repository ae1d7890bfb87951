package org.jlaplace.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Reproducibility by seed, distribution moments, permutations and argument checks. */
class RngTest {
    private static final int N = 200_000;

    @Test
    void seedingIsSplitMix64() {
        // The published SplitMix64 outputs for seed 1234567 fill the four state words in order.
        long[] expected = {
            Long.parseUnsignedLong("6457827717110365317"),
            Long.parseUnsignedLong("3203168211198807973"),
            Long.parseUnsignedLong("9817491932198370423"),
            Long.parseUnsignedLong("4593380528125082431"),
        };
        assertArrayEquals(expected, new Rng(1234567).state());
    }

    @Test
    void generatorIsXoshiro256StarStar() {
        // The published xoshiro256** outputs from the state {1, 2, 3, 4}.
        String[] expected = {"11520", "0", "1509978240", "1215971899390074240", "1216172134540287360",
            "607988272756665600", "16172922978634559625", "8476171486693032832", "10595114339597558777",
            "2904607092377533576"};
        Rng rng = Rng.fromState(1, 2, 3, 4);
        for (String e : expected) {
            assertEquals(Long.parseUnsignedLong(e), rng.nextLong());
        }
        assertThrows(IllegalArgumentException.class, () -> Rng.fromState(0, 0, 0, 0));
    }

    @Test
    void sameSeedGivesSameStreams() {
        qt().withExamples(50).forAll(longs().all()).checkAssert(seed -> {
            Rng a = new Rng(seed);
            Rng b = new Rng(seed);
            for (int i = 0; i < 20; i++) {
                assertEquals(a.nextLong(), b.nextLong());
            }
            assertEquals(a.nextDouble(), b.nextDouble());
            assertEquals(a.nextGaussian(), b.nextGaussian());
            assertEquals(a.nextInt(17), b.nextInt(17));
            assertEquals(a.uniform(-1, 2, 3, 4), b.uniform(-1, 2, 3, 4));
            assertEquals(a.normal(1, 2, 5), b.normal(1, 2, 5));
            assertArrayEquals(a.permutation(9), b.permutation(9));
            Rng ca = a.split();
            Rng cb = b.split();
            assertEquals(ca.nextLong(), cb.nextLong());
            assertEquals(a.nextLong(), b.nextLong());
        });
    }

    @Test
    void differentSeedsAndSplitChildrenDiffer() {
        qt().withExamples(50).forAll(longs().all()).checkAssert(seed -> {
            long[] first = draw(new Rng(seed), 4);
            assertNotEquals(Arrays.toString(first), Arrays.toString(draw(new Rng(seed + 1), 4)));
            Rng parent = new Rng(seed);
            Rng child = parent.split();
            assertNotEquals(Arrays.toString(draw(parent, 4)), Arrays.toString(draw(child, 4)));
        });
    }

    private static long[] draw(Rng rng, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.nextLong();
        }
        return out;
    }

    @Test
    void uniformHasTheMomentsOfUniform() {
        double lo = -2;
        double hi = 5;
        double[] u = new Rng(42).uniform(lo, hi, N).toArray();
        double mean = 0;
        for (double v : u) {
            assertTrue(v >= lo && v < hi, "value " + v);
            mean += v;
        }
        mean /= N;
        double var = 0;
        for (double v : u) {
            var += (v - mean) * (v - mean);
        }
        var /= N - 1;
        double trueVar = (hi - lo) * (hi - lo) / 12;
        // Five standard errors: the mean's is sqrt(var/N); the variance's is about sqrt(4/5·var²/N).
        assertEquals((lo + hi) / 2, mean, 5 * Math.sqrt(trueVar / N));
        assertEquals(trueVar, var, 5 * trueVar * Math.sqrt(0.8 / N));
    }

    @Test
    void normalHasTheMomentsOfNormal() {
        double mu = 1.5;
        double sigma = 0.5;
        double[] z = new Rng(7).normal(mu, sigma, N).toArray();
        double mean = Arrays.stream(z).average().orElseThrow();
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        int withinOneSigma = 0;
        for (double v : z) {
            double d = (v - mu) / sigma;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
            if (Math.abs(d) < 1) {
                withinOneSigma++;
            }
        }
        m2 /= N;
        m3 /= N;
        m4 /= N;
        assertEquals(mu, mean, 5 * sigma / Math.sqrt(N));
        assertEquals(1.0, m2, 5 * Math.sqrt(2.0 / N));
        assertEquals(0.0, m3, 5 * Math.sqrt(15.0 / N));
        assertEquals(3.0, m4, 5 * Math.sqrt(96.0 / N));
        double p = 0.6826894921370859; // P(|Z| < 1) = erf(1/√2)
        assertEquals(p, (double) withinOneSigma / N, 5 * Math.sqrt(p * (1 - p) / N));
        assertEquals(p, Tensor.scalar(1 / Math.sqrt(2)).erf().item(), 1e-15);
    }

    @Test
    void nextIntIsUniformOverItsRange() {
        Rng rng = new Rng(123);
        int bound = 10;
        int[] counts = new int[bound];
        for (int i = 0; i < N; i++) {
            counts[rng.nextInt(bound)]++;
        }
        double expected = (double) N / bound;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 9 degrees of freedom: P(χ² > 33.7) ≈ 1e-4.
        assertTrue(chi2 < 33.7, "chi2 = " + chi2 + " for counts " + Arrays.toString(counts));
        qt().withExamples(100).forAll(integers().between(1, Integer.MAX_VALUE), longs().all()).checkAssert((b, seed) -> {
            int v = new Rng(seed).nextInt(b);
            assertTrue(v >= 0 && v < b);
        });
    }

    @Test
    void permutationIsAPermutation() {
        qt().withExamples(100).forAll(integers().between(0, 200), longs().all()).checkAssert((n, seed) -> {
            int[] p = new Rng(seed).permutation(n);
            int[] sorted = p.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < n; i++) {
                assertEquals(i, sorted[i]);
            }
        });
    }

    @Test
    void permutationsAreUniform() {
        // All 24 orderings of 4 items should be about equally likely.
        Rng rng = new Rng(99);
        int trials = 48_000;
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (int t = 0; t < trials; t++) {
            counts.merge(Arrays.toString(rng.permutation(4)), 1, Integer::sum);
        }
        assertEquals(24, counts.size());
        double expected = trials / 24.0;
        double chi2 = 0;
        for (int c : counts.values()) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 23 degrees of freedom: P(χ² > 56) ≈ 1e-4.
        assertTrue(chi2 < 56, "chi2 = " + chi2);
    }

    @Test
    void badArgumentsThrowNamingTheValue() {
        Rng rng = new Rng(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rng.nextInt(0));
        assertTrue(e.getMessage().contains("nextInt") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rng.normal(0, -1, 3));
        assertTrue(e.getMessage().contains("std=-1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rng.normal(Double.NaN, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> rng.uniform(1, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> rng.uniform(0, Double.NaN, 3));
        e = assertThrows(IllegalArgumentException.class, () -> rng.uniform(0, 1, 2, -3));
        assertTrue(e.getMessage().contains("[2, -3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rng.permutation(-1));
    }

    /** An exported and re-imported stream continues exactly, including a cached Gaussian deviate. */
    @Test
    void exportedStateContinuesTheStream() {
        for (int draws = 0; draws < 6; draws++) {
            Rng a = new Rng(42 + draws);
            for (int k = 0; k < draws; k++) {
                a.nextGaussian();
            }
            Rng b = Rng.fromExportedState(a.exportState());
            for (int k = 0; k < 20; k++) {
                assertEquals(a.nextGaussian(), b.nextGaussian(), 0.0);
                assertEquals(a.nextInt(1000), b.nextInt(1000));
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> Rng.fromExportedState(new long[4]));
        assertThrows(IllegalArgumentException.class,
                () -> Rng.fromExportedState(new long[] {0, 0, 0, 0, 0, 0}));
    }
}
