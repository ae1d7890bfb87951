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
 * a patch row read consecutive input rows ({@link #rowsContiguous()}): entries
 * {@code [runStart[r], runEnd[r])} of patch row {@code r} (indices into the patch matrix) are one
 * contiguous run of the image from {@code runSource[r]}, except the padding entries between output
 * rows listed in {@code gaps}; the rest of the row is padding.
 */
record PatchPlan(int outH, int outW, int stride, boolean rowsContiguous, int[] source, int[] lo, int[] hi,
                 int[] runStart, int[] runEnd, int[] runSource, int[] gaps) {

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
        int rows = g.patchSize();
        int[] runStart = new int[rows];
        int[] runEnd = new int[rows];
        int[] runSource = new int[rows];
        int[] gaps = new int[rows * Math.max(0, outH - 1) * outW];
        int gapCount = 0;
        int t = 0;
        int row = 0;
        for (int c = 0; c < g.channels(); c++) {
            for (int i = 0; i < g.kh(); i++) {
                for (int j = 0; j < g.kw(); j++) {
                    // Output columns q with 0 ≤ q·st + j − pad < w read the image, the others are padding.
                    int qLo = Math.min(outW, ceilDiv(Math.max(0, pad - j), st));
                    int qHi = Math.max(qLo, Math.min(outW, Math.floorDiv(w - 1 + pad - j, st) + 1));
                    // Input rows 0 ≤ p·st + i − pad < h are read; the others are padding.
                    int from = Math.min(outH, ceilDiv(Math.max(0, pad - i), st));
                    int to = Math.max(from, Math.min(outH, Math.floorDiv(h - 1 + pad - i, st) + 1));
                    int base = row * outH * outW;
                    runStart[row] = base;
                    runEnd[row] = base;
                    if (from < to && qLo < qHi) {
                        runStart[row] = base + from * outW + qLo;
                        runEnd[row] = base + (to - 1) * outW + qHi;
                        runSource[row] = c * h * w + (from * st + i - pad) * w + j - pad + qLo;
                        for (int at = base + from * outW + qHi; at < runEnd[row]; at += outW) {
                            for (int q = 0; q < outW - qHi + qLo; q++) {
                                gaps[gapCount++] = at + q;
                            }
                        }
                    }
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
        return new PatchPlan(outH, outW, st, st == 1 && outW == w, source, lo, hi, runStart, runEnd, runSource,
                java.util.Arrays.copyOf(gaps, gapCount));
    }

    /** The number of patch rows, {@code D}. */
    int rows() {
        return runStart.length;
    }

    /** The number of segments, {@code D·outH}. */
    int segments() {
        return source.length;
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
