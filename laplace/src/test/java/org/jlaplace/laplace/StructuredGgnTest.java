package org.jlaplace.laplace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The structured GGN against {@code Σ_{n,r} g_nr g_nrᵀ} summed from explicit rows
 * {@code g_nr = [b_nr ⊗ a_n, b_nr, …]}: layers with and without bias, groups laid out in any
 * order in the flat vector, any number of threads (bitwise the same result).
 */
class StructuredGgnTest {

    /** Random layers ({@code out}, {@code d}, bias or not) as groups at shuffled offsets. */
    private static List<StructuredGgn.Group> groups(Random rnd, int m, int r, int layers, int[] total) {
        List<double[][]> parts = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            int out = 1 + rnd.nextInt(6);
            int d = 1 + rnd.nextInt(7);
            double[] cot = gaussian(rnd, m * r * out);
            if (rnd.nextInt(4) == 0) {
                cot[rnd.nextInt(cot.length)] = 0.0; // the zero-skipping path
            }
            double[] in = gaussian(rnd, m * d);
            parts.add(new double[][] {cot, in});
            shapes.add(new int[] {out, d});
            if (rnd.nextBoolean()) {
                double[] ones = new double[m];
                java.util.Arrays.fill(ones, 1.0);
                parts.add(new double[][] {cot, ones});
                shapes.add(new int[] {out, 1});
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int g = 0; g < parts.size(); g++) {
            order.add(g);
        }
        Collections.shuffle(order, rnd);
        int[] offsets = new int[parts.size()];
        int offset = 0;
        for (int g : order) {
            offsets[g] = offset;
            offset += shapes.get(g)[0] * shapes.get(g)[1];
        }
        total[0] = offset;
        List<StructuredGgn.Group> out = new ArrayList<>();
        for (int g = 0; g < parts.size(); g++) {
            out.add(new StructuredGgn.Group(offsets[g], parts.get(g)[0], shapes.get(g)[0], parts.get(g)[1],
                    shapes.get(g)[1]));
        }
        return out;
    }

    private static double[] gaussian(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    /** {@code Σ_{n,r} g_nr g_nrᵀ} from the explicit rows; with {@code diagonalBlocks} only entries within one group. */
    private static double[] reference(List<StructuredGgn.Group> groups, int m, int r, int p, boolean diagonalBlocks) {
        double[] h = new double[p * p];
        for (int n = 0; n < m; n++) {
            for (int dir = 0; dir < r; dir++) {
                double[] g = new double[p];
                int[] owner = new int[p];
                for (int k = 0; k < groups.size(); k++) {
                    StructuredGgn.Group gr = groups.get(k);
                    for (int o = 0; o < gr.out(); o++) {
                        for (int i = 0; i < gr.d(); i++) {
                            int idx = gr.offset() + o * gr.d() + i;
                            g[idx] = gr.cotangents()[(n * r + dir) * gr.out() + o] * gr.inputs()[n * gr.d() + i];
                            owner[idx] = k;
                        }
                    }
                }
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < p; j++) {
                        if (!diagonalBlocks || owner[i] == owner[j]) {
                            h[i * p + j] += g[i] * g[j];
                        }
                    }
                }
            }
        }
        return h;
    }

    private static void assertClose(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-10 * (1 + Math.abs(want[i])), what + "[" + i + "]");
        }
    }

    @Test
    void fullGgnEqualsTheSumOfExplicitRowOuterProducts() {
        qt().withExamples(40).forAll(longs().all(), integers().between(1, 3), integers().between(1, 4))
                .checkAssert((seed, layers, r) -> {
                    Random rnd = new Random(seed);
                    int m = 1 + rnd.nextInt(12);
                    int[] p = new int[1];
                    List<StructuredGgn.Group> g = groups(rnd, m, r, layers, p);
                    double[] one = StructuredGgn.full(g, m, r, p[0], false, 1);
                    assertClose(reference(g, m, r, p[0], false), one, "H");
                    assertArrayEquals(one, StructuredGgn.full(g, m, r, p[0], false, 3), "any thread count, bitwise");
                    double[] blocks = StructuredGgn.full(g, m, r, p[0], true, 2);
                    assertClose(reference(g, m, r, p[0], true), blocks, "diagonal blocks");
                });
    }

    /** A layer as large as the default job's first (32 units, 64 inputs and a bias) on enough data to split. */
    @Test
    void largeLayersAgreeOnOneAndTwoThreads() {
        Random rnd = new Random(3);
        int m = 40;
        int r = 3;
        double[] cot1 = gaussian(rnd, m * r * 32);
        double[] in1 = gaussian(rnd, m * 64);
        double[] cot2 = gaussian(rnd, m * r * 10);
        double[] in2 = gaussian(rnd, m * 32);
        double[] ones = new double[m];
        java.util.Arrays.fill(ones, 1.0);
        List<StructuredGgn.Group> g = List.of(new StructuredGgn.Group(0, cot1, 32, in1, 64),
                new StructuredGgn.Group(2048, cot1, 32, ones, 1), new StructuredGgn.Group(2080, cot2, 10, in2, 32),
                new StructuredGgn.Group(2400, cot2, 10, ones, 1));
        int p = 2410;
        double[] one = StructuredGgn.full(g, m, r, p, false, 1);
        assertArrayEquals(one, StructuredGgn.full(g, m, r, p, false, 2));
        assertClose(reference(g, m, r, p, false), one, "H");
    }
}
