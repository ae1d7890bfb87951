package org.jlaplace.core.linalg;

import org.jlaplace.core.kernels.VectorKernels;

/**
 * The blocked GEMM loops (the Goto/BLIS scheme) on a rectangle of C:
 * for each {@code NC}-wide column block, for each {@code KC}-deep slice of the inner dimension,
 * pack the {@code KC×NC} block of {@code op(B)} into {@code NR}-wide panels; for each {@code MC}-tall row
 * block pack the {@code MC×KC} block of {@code op(A)} into {@code MR}-tall panels and run the
 * micro-kernel on every {@code MR×NR} tile. β is applied with the first slice, later slices add.
 * Small operands (at most {@link #DIRECT_LIMIT} elements) skip packing: the kernel reads their full
 * panels in place, and only partial edge panels are packed.
 *
 * <p>Every element of C is computed by the same sequence of operations — its K slices in order,
 * each summed by the micro-kernel in increasing depth — whatever rectangle, tile position or thread
 * it falls in, packed or read in place. That is what makes the result independent of the thread
 * count. Edge tiles are computed from zero-padded panels into a scratch tile and only their valid
 * entries are stored, with the same {@code α·acc + β·c} arithmetic as {@code gemmStoreTile}.
 */
final class GemmDriver {

    /** Depth of a packed slice: an {@code MR×KC} A panel stays in L1, a {@code KC×NR} B panel in L1/L2. */
    static final int KC = 256;
    /** Rows of a packed A block, sized for L2 ({@code MC·KC·8} bytes = 384 KiB). */
    static final int MC = 192;
    /** Columns of a packed B block, sized for L3. */
    static final int NC = 3072;

    /**
     * Operands of at most this many elements (both together, 1 MiB: about an L2 cache) are read in
     * place instead of packed; below that, packing costs about as much as it saves.
     */
    static final long DIRECT_LIMIT = 128 * 1024;

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
        int mr = kernels.gemmMr();
        int nr = kernels.gemmNr();
        int colEnd = lowerOnly ? Math.min(c1, r1) : c1;
        if (r0 >= r1 || c0 >= colEnd) {
            return;
        }
        Workspace ws = WORKSPACE.get();
        double[] tile = ws.tile(mr * nr);
        // Small operands are read in place: packing them would cost about as much as the arithmetic.
        // Only full panels can be: the last, partial ones are packed (zero-padded) on their own.
        long footprint = (long) (r1 - r0) * k + (long) k * (colEnd - c0);
        boolean directA = footprint <= DIRECT_LIMIT;
        boolean directB = directA && b.colStride() == 1;
        for (int jc = c0; jc < colEnd; jc += NC) {
            int nc = Math.min(NC, colEnd - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                double betaSlice = pc == 0 ? beta : 1.0;
                double[] bPack = ws.bPack(directB ? nr * kc : roundUp(nc, nr) * kc);
                if (!directB) {
                    GemmPacking.pack(b.data(), b.index(pc, jc), b.colStride(), b.rowStride(), nc, kc, nr, bPack, 0);
                } else if (nc % nr != 0) {
                    int first = nc - nc % nr;
                    GemmPacking.pack(b.data(), b.index(pc, jc + first), b.colStride(), b.rowStride(), nc - first, kc,
                            nr, bPack, 0);
                }
                for (int ic = r0; ic < r1; ic += MC) {
                    int mc = Math.min(MC, r1 - ic);
                    if (lowerOnly && jc > ic + mc - 1) {
                        continue;
                    }
                    double[] aPack = ws.aPack(directA ? mr * kc : roundUp(mc, mr) * kc);
                    if (!directA) {
                        GemmPacking.pack(a.data(), a.index(ic, pc), a.rowStride(), a.colStride(), mc, kc, mr, aPack, 0);
                    } else if (mc % mr != 0) {
                        int first = mc - mc % mr;
                        GemmPacking.pack(a.data(), a.index(ic + first, pc), a.rowStride(), a.colStride(), mc - first, kc,
                                mr, aPack, 0);
                    }
                    for (int jr = 0; jr < nc; jr += nr) {
                        int j0 = jc + jr;
                        int nValid = Math.min(nr, nc - jr);
                        boolean bInPlace = directB && nValid == nr;
                        for (int ir = 0; ir < mc; ir += mr) {
                            int i0 = ic + ir;
                            int mValid = Math.min(mr, mc - ir);
                            if (lowerOnly && j0 > i0 + mValid - 1) {
                                continue;
                            }
                            boolean aInPlace = directA && mValid == mr;
                            if (!aInPlace && !bInPlace && nValid == nr) {
                                kernels.gemmMicroKernel(kc, aPack, directA ? 0 : ir * kc, bPack, directB ? 0 : jr * kc, tile);
                            } else {
                                kernels.gemmMicroKernelStrided(kc,
                                        aInPlace ? a.data() : aPack,
                                        aInPlace ? a.index(i0, pc) : (directA ? 0 : ir * kc),
                                        aInPlace ? a.rowStride() : 1,
                                        aInPlace ? a.colStride() : mr,
                                        bInPlace ? b.data() : bPack,
                                        bInPlace ? b.index(pc, j0) : (directB ? 0 : jr * kc),
                                        bInPlace ? b.rowStride() : nr,
                                        nValid, tile);
                            }
                            boolean full = mValid == mr && nValid == nr && (!lowerOnly || j0 + nr - 1 <= i0);
                            if (full) {
                                kernels.gemmStoreTile(tile, alpha, betaSlice, c, cOff + i0 * ldc + j0, ldc);
                            } else {
                                storeEdge(tile, nr, alpha, betaSlice, c, cOff, ldc, i0, j0, mValid, nValid, lowerOnly);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Stores the valid part of a scratch tile: {@code c = α·t + β·c}, or {@code α·t} when β = 0. */
    private static void storeEdge(double[] tile, int nr, double alpha, double beta, double[] c, int cOff, int ldc,
                                  int i0, int j0, int rows, int cols, boolean lowerOnly) {
        for (int r = 0; r < rows; r++) {
            int i = i0 + r;
            int width = lowerOnly ? Math.min(cols, i - j0 + 1) : cols;
            int at = cOff + i * ldc + j0;
            for (int j = 0; j < width; j++) {
                double t = tile[r * nr + j];
                c[at + j] = beta == 0.0 ? alpha * t : alpha * t + beta * c[at + j];
            }
        }
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
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
