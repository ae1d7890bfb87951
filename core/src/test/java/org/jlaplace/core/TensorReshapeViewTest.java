package org.jlaplace.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Tensor#reshape} on strided views: whether it returns a view or a copy, the elements must be
 * the row-major elements of the source, and writes through a view must reach the source.
 */
class TensorReshapeViewTest {

    /** A random target shape of the same size: the prime factors in order, grouped at random, with 1s sprinkled in. */
    private static int[] regroup(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Integer> factors = new ArrayList<>();
        int rest = size;
        for (int p = 2; rest > 1; p++) {
            while (rest % p == 0) {
                factors.add(p);
                rest /= p;
            }
        }
        List<Integer> out = new ArrayList<>();
        int current = 1;
        for (int f : factors) {
            current *= f;
            if (r.nextInt(3) == 0) {
                out.add(current);
                current = 1;
            }
            if (r.nextInt(5) == 0) {
                out.add(1);
            }
        }
        if (current > 1 || out.isEmpty()) {
            out.add(current);
        }
        return TensorGens.toArray(out);
    }

    /** The source tensor in one of several layouts: contiguous, reversed strides, transposed, sliced, broadcast. */
    private static Tensor layout(Tensor x, int kind) {
        int r = x.rank();
        switch (kind) {
            case 1:
                return TensorGens.stridedCopy(x);
            case 2:
                return r >= 2 ? x.transpose() : x;
            case 3:
                return r >= 1 && x.dim(0) > 1 ? x.slice(0, 1, x.dim(0)) : x;
            case 4:
                return r >= 1 && x.dim(r - 1) > 1 ? x.slice(r - 1, 0, x.dim(r - 1) - 1) : x;
            case 5:
                return r >= 1 ? x.slice(0, 0, 1).broadcastTo(x.shape()) : x;
            default:
                return x;
        }
    }

    @Test
    void reshapeOfAnyLayoutReadsTheRowMajorElements() {
        qt().withExamples(300).forAll(TensorGens.shapes(4, 6), TensorGens.seeds(), integers().between(0, 5), TensorGens.seeds())
                .checkAssert((shape, seed, kind, targetSeed) -> {
                    Tensor x = layout(TensorGens.randomTensor(seed, shape), kind);
                    int[] target = regroup(x.size(), targetSeed);
                    Tensor y = x.reshape(target);
                    assertArrayEquals(target, y.shape());
                    assertArrayEquals(x.toArray(), y.toArray(), 0.0, () -> Arrays.toString(x.shape()) + " strides "
                            + Arrays.toString(x.strides) + " → " + Arrays.toString(target));
                    if (y.data == x.data && x.size() > 0) {
                        // A view: a write through it lands on the same element of the source (skipped for
                        // broadcast views, which cannot be written).
                        boolean broadcast = false;
                        for (int i = 0; i < x.rank(); i++) {
                            broadcast |= x.strides[i] == 0 && x.dim(i) > 1;
                        }
                        if (!broadcast) {
                            int[] last = new int[target.length];
                            for (int i = 0; i < target.length; i++) {
                                last[i] = target[i] - 1;
                            }
                            int[] lastOfX = new int[x.rank()];
                            for (int i = 0; i < x.rank(); i++) {
                                lastOfX[i] = x.dim(i) - 1;
                            }
                            y.set(12345.0, last);
                            assertEquals(12345.0, x.get(lastOfX), 0.0);
                        }
                    }
                });
    }

    @Test
    void compatibleStridesGiveViewsAndIncompatibleOnesCopies() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        // Splitting and merging axes of a transposed view keeps the view when the merged axes are contiguous.
        Tensor t = x.transpose();
        assertSame(x.data, t.reshape(2, 2, 2, 3).data);
        assertSame(x.data, t.reshape(1, 2, 4, 1, 3).data);
        assertNotSame(x.data, t.reshape(2, 12).data);
        // A slice along the first axis is contiguous; one along the last axis only for splits of the others.
        assertSame(x.data, x.slice(0, 1, 2).reshape(12).data);
        assertSame(x.data, x.slice(2, 0, 2).reshape(2, 3, 2, 1).data);
        assertNotSame(x.data, x.slice(2, 0, 2).reshape(12).data);
        // A broadcast axis can be split but not merged with a stored one.
        Tensor b = Tensor.arange(4).broadcastTo(6, 4);
        assertSame(b.data, b.reshape(2, 3, 4).data);
        assertNotSame(b.data, b.reshape(24).data);
        assertArrayEquals(b.toArray(), b.reshape(24).toArray(), 0.0);
    }
}
