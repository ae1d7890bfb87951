package org.jlaplace.core.linalg;

import org.jlaplace.core.kernels.VectorKernels;

/**
 * The double half of the blocked GEMM: packing, micro-kernel and store on {@code double[]} for the
 * loops of {@link GemmLoops}, which decide the blocking, what is packed and the order of the tiles.
 * Edge tiles are computed from zero-padded panels into a scratch tile and only their valid entries
 * are stored, with the same {@code α·acc + β·c} arithmetic as {@code gemmStoreTile}, so every
 * element of C is computed the same way wherever it lies.
 *
 * <p>{@link SGemmDriver} is its float twin: the two differ only in the element type, which Java's
 * lack of generics over primitive arrays forces to be spelled out twice.
 */
final class GemmDriver {

    /** Depth of a packed slice: an {@code MR×KC} A panel stays in L1, a {@code KC×NR} B panel in L1/L2. */
    static final int KC = 256;
    /** Rows of a packed A block, sized for L2 ({@code MC·KC·8} bytes = 384 KiB). */
    static final int MC = 192;
    /** Columns of a packed B block, sized for L3. */
    static final int NC = 3072;
    /** Operands of at most this many elements (both together, 1 MiB: about an L2 cache) are read in place. */
    static final long DIRECT_LIMIT = 128 * 1024;

    private static final GemmLoops.Blocking BLOCKING = new GemmLoops.Blocking(KC, MC, NC, DIRECT_LIMIT, 1L << 20);
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private GemmDriver() {
    }

    /**
     * Computes rows {@code [r0, r1)} × columns {@code [c0, c1)} of {@code C = α·op(A)·op(B) + β·C}
     * ({@code k} is the inner dimension). With {@code lowerOnly} only entries with column ≤ row are
     * read or written.
     */
    static void compute(VectorKernels kernels, GemmOperand a, GemmOperand b, int k, double alpha, double beta,
                        double[] c, int cOff, int ldc, int r0, int r1, int c0, int c1, boolean lowerOnly) {
        Tiles tiles = new Tiles(kernels, a, b, alpha, beta, c, cOff, ldc, lowerOnly, WORKSPACE.get());
        GemmLoops.run(BLOCKING, kernels.gemmMr(), kernels.gemmNr(), k, r0, r1, c0, c1, lowerOnly, b.colStride() == 1,
                tiles);
    }

    /** The typed work of one rectangle. */
    private static final class Tiles implements GemmLoops.Tiles {
        private final VectorKernels kernels;
        private final GemmOperand a;
        private final GemmOperand b;
        private final double alpha;
        private final double beta;
        private final double[] c;
        private final int cOff;
        private final int ldc;
        private final boolean lowerOnly;
        private final Workspace ws;
        private final int mr;
        private final int nr;
        private final double[] tile;

        Tiles(VectorKernels kernels, GemmOperand a, GemmOperand b, double alpha, double beta, double[] c, int cOff,
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
            this.tile = ws.tile(mr * nr);
        }

        @Override
        public void packB(int pc, int kc, int col, int count) {
            GemmPacking.pack(b.data(), b.index(pc, col), b.colStride(), b.rowStride(), count, kc, nr, nr,
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
            double betaSlice = firstSlice ? beta : 1.0;
            if (full) {
                kernels.gemmStoreTile(tile, alpha, betaSlice, c, cOff + i0 * ldc + j0, ldc);
            } else {
                storeEdge(betaSlice, i0, j0, rows, cols);
            }
        }

        /** Stores the valid part of the scratch tile: {@code c = α·t + β·c}, or {@code α·t} when β = 0. */
        private void storeEdge(double betaSlice, int i0, int j0, int rows, int cols) {
            for (int r = 0; r < rows; r++) {
                int i = i0 + r;
                int width = lowerOnly ? Math.min(cols, i - j0 + 1) : cols;
                int at = cOff + i * ldc + j0;
                for (int j = 0; j < width; j++) {
                    double t = tile[r * nr + j];
                    c[at + j] = betaSlice == 0.0 ? alpha * t : alpha * t + betaSlice * c[at + j];
                }
            }
        }
    }

    /** Per-thread packing buffers, grown on demand and reused across calls. */
    private static final class Workspace {
        private double[] a = new double[0];
        private double[] b = new double[0];
        private double[] tile = new double[0];

        double[] aPack(int size) {
            if (a.length < size) {
                a = new double[size];
            }
            return a;
        }

        double[] bPack(int size) {
            if (b.length < size) {
                b = new double[size];
            }
            return b;
        }

        double[] tile(int size) {
            if (tile.length < size) {
                tile = new double[size];
            }
            return tile;
        }
    }
}
