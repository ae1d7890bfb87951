package org.jlaplace.core.conv;

/**
 * The index arithmetic of im2col and its adjoint col2im for one geometry, shared by the double
 * ({@link ConvKernels}) and float ({@link FloatConvKernels}) kernels, which keep only the typed
 * copy and add loops. An image's {@code [D, S]} patch matrix is cut into segments of {@code outW}
 * entries: segment {@code t = row·outH + p} (patch row {@code row = (c·kh + i)·kw + j}, output row
 * {@code p}) holds entries {@code t·outW + q} for {@code q < outW}. Entry {@code q} of it is
 * {@code x[image + source[t] + q·stride]} for {@code lo[t] ≤ q < hi[t]} and zero (padding) otherwise,
 * where {@code source[t] = c·H·W + (p·stride + i − pad)·W + j − pad}; a segment whose input row lies in
 * the padding has {@code lo = hi = 0}.
 *
 * <p>When {@code stride = 1} and {@code outW = W} (a "same" convolution), consecutive output rows of
 * a patch row read consecutive input rows, so the valid part of a whole patch row is one contiguous
 * copy of the input ({@link #rowsContiguous()}), apart from the {@code lo + outW − hi} padding
 * entries between its output rows; {@code validFrom[r]} and {@code validTo[r]} delimit the output
 * rows of patch row {@code r} that read the image.
 */
record PatchPlan(int outH, int outW, int stride, boolean rowsContiguous, int[] source, int[] lo, int[] hi,
                 int[] validFrom, int[] validTo) {

    /** The plan of {@code g}'s patch matrix. */
    static PatchPlan of(ConvGeometry g) {
        int h = g.height();
        int w = g.width();
        int outH = g.outH();
        int outW = g.outW();
        int st = g.stride();
        int pad = g.padding();
        int segments = g.patchSize() * outH;
        int[] source = new int[segments];
        int[] lo = new int[segments];
        int[] hi = new int[segments];
        int[] validFrom = new int[g.patchSize()];
        int[] validTo = new int[g.patchSize()];
        int t = 0;
        int row = 0;
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++) {
                    // Output columns q with 0 ≤ q·st + j − pad < w read the image, the others are padding.
                    int qLo = Math.min(outW, ceilDiv(Math.max(0, pad - j), st));
                    int qHi = Math.max(qLo, Math.min(outW, Math.floorDiv(w - 1 + pad - j, st) + 1));
                    // Input rows 0 ≤ p·st + i − pad < h are read; the others are padding.
                    validFrom[row] = Math.min(outH, ceilDiv(Math.max(0, pad - i), st));
                    validTo[row] = Math.max(validFrom[row], Math.min(outH, Math.floorDiv(h - 1 + pad - i, st) + 1));
                    for (int p = 0; p < outH; p++, t++) {
                        int iy = p * st + i - pad;
                        if (iy >= 0 && iy < h) {
                            source[t] = c * h * w + iy * w + j - pad;
                            lo[t] = qLo;
                            hi[t] = qHi;
                        }
                    }
                    row++;
                }
            }
        }
        return new PatchPlan(outH, outW, st, st == 1 && outW == w, source, lo, hi, validFrom, validTo);
    }

    /** The number of patch rows, {@code D}. */
    int rows() {
        return validFrom.length;
    }

    /** The number of segments, {@code D·outH}. */
    int segments() {
        return source.length;
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
