package org.jlaplace.core.linalg;

import org.jlaplace.core.kernels.FloatKernels;

/**
 * The float half of the blocked GEMM: packing, micro-kernel and store on {@code float[]} for the
 * loops of {@link GemmLoops}, with cache blocks sized for 4-byte elements. It is {@link GemmDriver}
 * with {@code float} for {@code double}: Java has no generics over primitive arrays, so the typed
 * half is spelled out twice, and everything type-free (blocking decisions, tile order, edges,
 * splitting into tasks) lives once in {@link GemmLoops} and {@link GemmSplit}.
 */
final class SGemmDriver {

    /** Depth of a packed slice: a {@code KC×NR} B panel ({@code 256·48·4} bytes = 48 KiB) in L1/L2. */
    static final int KC = 256;
    /** Rows of a packed A block, sized for L2 ({@code MC·KC·4} bytes = 384 KiB, as for double). */
    static final int MC = 384;
    /** Columns of a packed B block, sized for L3. */
    static final int NC = 3072;
    /** Operands of at most this many elements (both together, 1 MiB, as for double) are read in place. */
    static final long DIRECT_LIMIT = 256 * 1024;

    private static final GemmLoops.Blocking BLOCKING = new GemmLoops.Blocking(KC, MC, NC, DIRECT_LIMIT, 1L << 21);
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private SGemmDriver() {
    }

    /**
     * Computes rows {@code [r0, r1)} × columns {@code [c0, c1)} of {@code C = α·op(A)·op(B) + β·C}
     * ({@code k} is the inner dimension). With {@code lowerOnly} only entries with column ≤ row are
     * read or written.
     */
    static void compute(FloatKernels kernels, FloatOperand a, FloatOperand b, int k, float alpha, float beta,
                        float[] c, int cOff, int ldc, int r0, int r1, int c0, int c1, boolean lowerOnly) {
        Tiles tiles = new Tiles(kernels, a, b, alpha, beta, c, cOff, ldc, lowerOnly, WORKSPACE.get());
        GemmLoops.run(BLOCKING, kernels.gemmMr(), kernels.gemmNr(), k, r0, r1, c0, c1, lowerOnly, b.colStride() == 1,
                tiles);
    }

    /** The typed work of one rectangle. */
    private static final class Tiles implements GemmLoops.Tiles {
        private final FloatKernels kernels;
        private final FloatOperand a;
        private final FloatOperand b;
        private final float alpha;
        private final float beta;
        private final float[] c;
        private final int cOff;
        private final int ldc;
        private final boolean lowerOnly;
        private final Workspace ws;
        private final int mr;
        private final int nr;
        private final int bQuantum;
        private final float[] tile;

        Tiles(FloatKernels kernels, FloatOperand a, FloatOperand b, float alpha, float beta, float[] c, int cOff,
              int ldc, boolean lowerOnly, Workspace ws) {
            this.kernels = kernels;
            this.a = a;
            this.b = b;
            this.alpha = alpha;
            this.beta = beta;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.lowerOnly = lowerOnly;
            this.ws = ws;
            this.mr = kernels.gemmMr();
            this.nr = kernels.gemmNr();
            this.bQuantum = kernels.gemmNrQuantum();
            this.tile = ws.tile(mr * nr);
        }

        @Override
        public void packB(int pc, int kc, int col, int count) {
            GemmPacking.pack(b.data(), b.index(pc, col), b.colStride(), b.rowStride(), count, kc, nr, bQuantum,
                    ws.bPack(GemmLoops.roundUp(count, nr) * kc), 0);
        }

        @Override
        public void packA(int row, int count, int pc, int kc) {
            GemmPacking.pack(a.data(), a.index(row, pc), a.rowStride(), a.colStride(), count, kc, mr, mr,
                    ws.aPack(GemmLoops.roundUp(count, mr) * kc), 0);
        }

        @Override
        public void tile(int i0, int j0, int pc, int kc, int aPanel, int bPanel, int rows, int cols,
                         boolean firstSlice, boolean full) {
            if (aPanel >= 0 && bPanel >= 0 && cols == nr) {
                kernels.gemmMicroKernel(kc, ws.a, aPanel, ws.b, bPanel, tile);
            } else {
                boolean aInPlace = aPanel < 0;
                boolean bInPlace = bPanel < 0;
                kernels.gemmMicroKernelStrided(kc,
                        aInPlace ? a.data() : ws.a, aInPlace ? a.index(i0, pc) : aPanel,
                        aInPlace ? a.rowStride() : 1, aInPlace ? a.colStride() : mr,
                        bInPlace ? b.data() : ws.b, bInPlace ? b.index(pc, j0) : bPanel,
                        bInPlace ? b.rowStride() : nr, cols, tile);
            }
            float betaSlice = firstSlice ? beta : 1.0f;
            if (full) {
                kernels.gemmStoreTile(tile, alpha, betaSlice, c, cOff + i0 * ldc + j0, ldc);
            } else {
                storeEdge(betaSlice, i0, j0, rows, cols);
            }
        }

        /** Stores the valid part of the scratch tile: {@code c = α·t + β·c}, or {@code α·t} when β = 0. */
        private void storeEdge(float betaSlice, int i0, int j0, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int i = i0 + r;
                int width = lowerOnly ? Math.min(cols, i - j0 + 1) : cols;
                int at = cOff + i * ldc + j0;
                for (int j = 0; j < width; j++) {
                    float t = tile[r * nr + j];
                    c[at + j] = betaSlice == 0.0f ? alpha * t : alpha * t + betaSlice * c[at + j];
                }
            }
        }
    }

    /** Per-thread packing buffers, grown on demand and reused across calls. */
    private static final class Workspace {
        private float[] a = new float[0];
        private float[] b = new float[0];
        private float[] tile = new float[0];

        float[] aPack(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] bPack(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }

        float[] tile(int size) {
            if (tile.length < size) {
                tile = new float[size];
            }
            return tile;
        }
    }
}
