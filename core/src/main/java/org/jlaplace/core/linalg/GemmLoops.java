package org.jlaplace.core.linalg;

/**
 * The blocked GEMM loop nest (the Goto/BLIS scheme) on a rectangle of C, shared by the double
 * ({@link GemmDriver}) and float ({@link SGemmDriver}) products; it holds every decision that does
 * not depend on the element type, and a {@link Tiles} does the typed work (packing, micro-kernel,
 * store). For each {@code NC}-wide column block, for each {@code KC}-deep slice of the inner
 * dimension, the {@code KC×NC} block of {@code op(B)} is packed into {@code NR}-wide panels; for each
 * {@code MC}-tall row block the {@code MC×KC} block of {@code op(A)} is packed into {@code MR}-tall
 * panels, and every {@code MR×NR} tile is computed. β applies with the first slice, later slices add.
 *
 * <p>Operands are read in place instead of packed when packing would cost about as much as it
 * saves: both, when together they hold at most {@link Blocking#directLimit()} elements (about an L2
 * cache); {@code op(B)}, when its rows are contiguous, the rectangle has at most
 * {@link #IN_PLACE_B_ROW_TILES} row tiles (each packed B element would serve that few tiles only: the
 * skinny {@code W·X} products of a convolution) and its part of B holds at most
 * {@link Blocking#inPlaceBLimit()} elements (8 MiB: beyond that, reading a B panel's many rows in
 * place defeats the prefetcher, and the one sequential pass of packing wins; measured on
 * {@code 16×n×144} products). Only full panels are read in place; the last, partial ones are packed,
 * zero-padded.
 *
 * <p>Every element of C is computed by the same sequence of operations (its K slices in order, each
 * summed by the micro-kernel in increasing depth) whatever rectangle, tile position or thread it
 * falls in, packed or in place: that makes the result independent of the thread count.
 */
final class GemmLoops {

    /** Row tiles up to which a rectangle reads {@code op(B)} in place, when B's rows are contiguous. */
    static final int IN_PLACE_B_ROW_TILES = 4;

    /**
     * Cache block sizes in elements: slice depth {@code kc}, row block {@code mc}, column block
     * {@code nc}; the in-place limits {@code directLimit} (both operands) and {@code inPlaceBLimit}
     * (B of a rectangle with few row tiles).
     */
    record Blocking(int kc, int mc, int nc, long directLimit, long inPlaceBLimit) {
    }

    /**
     * The typed half of the loops on one rectangle. A panel offset of {@code -1} means "read in place";
     * otherwise it is the offset of the panel in the packing buffer.
     */
    interface Tiles {
        /** Packs columns {@code [col, col + count)}, depths {@code [pc, pc + kc)} of {@code op(B)} from the start of the B buffer. */
        void packB(int pc, int kc, int col, int count);

        /** Packs rows {@code [row, row + count)}, depths {@code [pc, pc + kc)} of {@code op(A)} from the start of the A buffer. */
        void packA(int row, int count, int pc, int kc);

        /**
         * Computes the tile at {@code (i0, j0)} over depths {@code [pc, pc + kc)} and stores its valid
         * {@code rows×cols} part: {@code C = α·t + β·C} on the first slice, {@code C = α·t + C} on later ones.
         * {@code full} says the whole {@code MR×NR} tile is stored (no edge, no part above the diagonal).
         */
        void tile(int i0, int j0, int pc, int kc, int aPanel, int bPanel, int rows, int cols, boolean firstSlice,
                  boolean full);
    }

    private GemmLoops() {
    }

    /**
     * Runs the loops on rows {@code [r0, r1)} × columns {@code [c0, c1)} of C for inner dimension
     * {@code k}; with {@code lowerOnly} only entries with column ≤ row are computed.
     *
     * @param bRowsContiguous whether {@code op(B)}'s rows are contiguous (column stride 1), so that it can be read in place
     */
    static void run(Blocking blocking, int mr, int nr, int k, int r0, int r1, int c0, int c1, boolean lowerOnly,
                    boolean bRowsContiguous, Tiles tiles) {
        int colEnd = lowerOnly ? Math.min(c1, r1) : c1;
        if (r0 >= r1 || c0 >= colEnd) {
            return;
        }
        long footprint = (long) (r1 - r0) * k + (long) k * (colEnd - c0);
        boolean directA = footprint <= blocking.directLimit();
        boolean fewRows = r1 - r0 <= IN_PLACE_B_ROW_TILES * mr && (long) k * (colEnd - c0) <= blocking.inPlaceBLimit();
        boolean directB = bRowsContiguous && (directA || fewRows);
        for (int jc = c0; jc < colEnd; jc += blocking.nc()) {
            int nc = Math.min(blocking.nc(), colEnd - jc);
            for (int pc = 0; pc < k; pc += blocking.kc()) {
                int kc = Math.min(blocking.kc(), k - pc);
                if (!directB) {
                    tiles.packB(pc, kc, jc, nc);
                } else if (nc % nr != 0) {
                    int first = nc - nc % nr;
                    tiles.packB(pc, kc, jc + first, nc - first);
                }
                for (int ic = r0; ic < r1; ic += blocking.mc()) {
                    int mc = Math.min(blocking.mc(), r1 - ic);
                    if (lowerOnly && jc > ic + mc - 1) {
                        continue;
                    }
                    if (!directA) {
                        tiles.packA(ic, mc, pc, kc);
                    } else if (mc % mr != 0) {
                        int first = mc - mc % mr;
                        tiles.packA(ic + first, mc - first, pc, kc);
                    }
                    for (int jr = 0; jr < nc; jr += nr) {
                        int j0 = jc + jr;
                        int nValid = Math.min(nr, nc - jr);
                        int bPanel = directB ? (nValid == nr ? -1 : 0) : jr * kc;
                        for (int ir = 0; ir < mc; ir += mr) {
                            int i0 = ic + ir;
                            int mValid = Math.min(mr, mc - ir);
                            if (lowerOnly && j0 > i0 + mValid - 1) {
                                continue;
                            }
                            int aPanel = directA ? (mValid == mr ? -1 : 0) : ir * kc;
                            boolean full = mValid == mr && nValid == nr && (!lowerOnly || j0 + nr - 1 <= i0);
                            tiles.tile(i0, j0, pc, kc, aPanel, bPanel, mValid, nValid, pc == 0, full);
                        }
                    }
                }
            }
        }
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
