package org.jlaplace.core;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.quicktheories.core.Gen;

/** QuickTheories generators and index-by-index oracles shared by the tensor tests. */
final class TensorGens {
    private TensorGens() {
    }

    /** A shape of rank {@code 0 … maxRank} with dimensions {@code 1 … maxDim}. */
    static Gen<int[]> shapes(int maxRank, int maxDim) {
        return lists().of(integers().between(1, maxDim)).ofSizeBetween(0, maxRank)
                .map(TensorGens::toArray).describedAs(Arrays::toString);
    }

    /** A shape of rank {@code 1 … maxRank}. */
    static Gen<int[]> nonScalarShapes(int maxRank, int maxDim) {
        return lists().of(integers().between(1, maxDim)).ofSizeBetween(1, maxRank)
                .map(TensorGens::toArray).describedAs(Arrays::toString);
    }

    /**
     * Two shapes that broadcast: a common base shape, then each axis independently kept in both,
     * set to 1 in the first or set to 1 in the second, then a random number of leading axes dropped
     * from either.
     */
    static Gen<int[][]> broadcastablePairs() {
        Gen<List<Integer>> dims = lists().of(integers().between(1, 4)).ofSizeBetween(0, 4);
        Gen<List<Integer>> modes = lists().of(integers().between(0, 2)).ofSize(4);
        Gen<List<Integer>> drops = lists().of(integers().between(0, 4)).ofSize(2);
        return dims.zip(modes, drops, (d, m, dr) -> {
            int[] base = toArray(d);
            int[] a = base.clone();
            int[] b = base.clone();
            for (int i = 0; i < base.length; i++) {
                if (m.get(i) == 1) {
                    a[i] = 1;
                } else if (m.get(i) == 2) {
                    b[i] = 1;
                }
            }
            a = Arrays.copyOfRange(a, Math.min(dr.get(0), a.length), a.length);
            b = Arrays.copyOfRange(b, Math.min(dr.get(1), b.length), b.length);
            return new int[][] {a, b};
        }).describedAs(p -> Arrays.toString(p[0]) + " & " + Arrays.toString(p[1]));
    }

    /** Seeds for {@link #randomTensor}, so a failing example names its data. */
    static Gen<Long> seeds() {
        return longs().all();
    }

    /** A tensor of standard normals drawn from {@code new Rng(seed)}. */
    static Tensor randomTensor(long seed, int... shape) {
        return new Rng(seed).normal(0, 1, shape);
    }

    /**
     * The same values as {@code t}, stored non-contiguously when the rank is at least 2: a copy of
     * the axis-reversed tensor viewed back through the reversal, so its strides are reversed.
     */
    static Tensor stridedCopy(Tensor t) {
        int r = t.rank();
        int[] reverse = new int[r];
        for (int i = 0; i < r; i++) {
            reverse[i] = r - 1 - i;
        }
        return t.permute(reverse).copy().permute(reverse);
    }

    /** Calls {@code body} with every index of {@code shape} in row-major order (the array is reused). */
    static void forEachIndex(int[] shape, Consumer<int[]> body) {
        for (int d : shape) {
            if (d == 0) {
                return;
            }
        }
        int[] idx = new int[shape.length];
        while (true) {
            body.accept(idx);
            int ax = shape.length - 1;
            while (ax >= 0) {
                idx[ax]++;
                if (idx[ax] < shape[ax]) {
                    break;
                }
                idx[ax] = 0;
                ax--;
            }
            if (ax < 0) {
                return;
            }
        }
    }

    /** The index into an operand of shape {@code s} that NumPy broadcasting reads for output index {@code idx}. */
    static int[] broadcastIndex(int[] s, int[] idx) {
        int lead = idx.length - s.length;
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] == 1 ? 0 : idx[lead + i];
        }
        return out;
    }

    /** The NumPy broadcast shape, written independently of the production code for the oracle. */
    static int[] broadcastShape(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
            int db = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
            out[i] = Math.max(da, db);
        }
        return out;
    }

    static int[] toArray(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    static int product(int[] shape) {
        int p = 1;
        for (int d : shape) {
            p *= d;
        }
        return p;
    }
}
