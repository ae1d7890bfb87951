package org.jlaplace.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The double max-pooling window kernel of {@link KernelProvider#get()} (the SIMD kernels when the
 * Vector API is loaded) and of the scalar twin: identical to each other and to the definition
 * (first maximum in row-major window order, NaN the maximum), on ties, signed zeros and NaNs.
 */
class MaxPoolKernelTest {

    @Test
    void doubleMaxPoolingAgreesExactlyWithTheScalarTwinAndTheDefinition() {
        // Few distinct values (ties), zeros of both signs and NaNs of both signs, on windows of 1-4 with
        // strides 1-3, at offsets and output ranges that leave ragged vector blocks.
        qt().withExamples(150).withFixedSeed(5).forAll(integers().between(1, 4), integers().between(1, 3),
                integers().between(0, 40), longs().all())
            .checkAssert((k, stride, extra, seed) -> {
                Random rng = new Random(seed);
                int w = k + rng.nextInt(20);
                int h = k + rng.nextInt(12);
                int outH = (h - k) / stride + 1;
                int outW = (w - k) / stride + 1;
                int base = rng.nextInt(5);
                double[] x = new double[base + h * w + 2];
                for (int i = 0; i < x.length; i++) {
                    int c = rng.nextInt(16);
                    x[i] = c == 0 ? Double.NaN : c == 1 ? Double.longBitsToDouble(0xfff8000000000001L) : c == 2 ? -0.0
                            : c == 3 ? 0.0 : rng.nextInt(4) - 1.5;
                }
                if (rng.nextBoolean()) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = Double.isNaN(x[i]) ? 1.0 : x[i];
                    }
                }
                int[] windows = new int[outH * outW];
                for (int p = 0, o = 0; p < outH; p++) {
                    for (int q = 0; q < outW; q++, o++) {
                        windows[o] = p * stride * w + q * stride;
                    }
                }
                int from = rng.nextInt(windows.length);
                int to = from + rng.nextInt(windows.length - from + 1);
                int outOff = extra;
                int shift = rng.nextInt(3);
                double[][] y = new double[2][outOff + windows.length];
                int[][] argmax = new int[2][outOff + windows.length];
                List<VectorKernels> kernels = List.of(KernelProvider.get(), KernelProvider.scalar());
                for (int v = 0; v < 2; v++) {
                    kernels.get(v).maxPool(x, base, w, k, windows, from, to, y[v], argmax[v], outOff, shift);
                }
                String what = kernels.get(0).name() + " k=" + k + " stride=" + stride + " w=" + w + " outputs [" + from
                        + ", " + to + ")";
                assertTrue(java.util.Arrays.equals(argmax[0], argmax[1]), what + ": arg-max differs from the scalar twin");
                for (int o = 0; o < y[0].length; o++) {
                    assertEquals(Double.doubleToRawLongBits(y[1][o]), Double.doubleToRawLongBits(y[0][o]), what + " at " + o);
                }
                for (int o = from; o < to; o++) {
                    int first = base + windows[o];
                    int expected = first;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            double v = x[first + i * w + j];
                            double e = x[expected];
                            boolean better = Double.isNaN(v) ? !Double.isNaN(e) : !Double.isNaN(e) && v > e;
                            if (better) {
                                expected = first + i * w + j;
                            }
                        }
                    }
                    assertEquals(expected - shift, argmax[0][outOff + o], what + ": arg-max of output " + o);
                    assertEquals(Double.doubleToRawLongBits(x[expected]), Double.doubleToRawLongBits(y[0][outOff + o]), what);
                }
            });
    }

}
