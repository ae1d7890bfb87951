package org.jlaplace.laplace.curvature;

import org.jlaplace.core.kernels.KernelProvider;
import org.jlaplace.core.kernels.VectorKernels;
import org.jlaplace.core.linalg.Parallel;
import org.jlaplace.core.linalg.Syrk;

import java.util.ArrayList;
import java.util.List;

/**
 * The KFAC factors of {@link KronFactors} accumulated over chunks of the data: both factors are sums
 * over data, so each chunk adds its unnormalised {@code Σ a aᵀ}, its row count {@code M·T} and its
 * {@code Σ b bᵀ}, and {@link #factors} divides {@code A} once by the total {@code M·T}. Memory is
 * the factors' plus one chunk's captures and a row buffer per factor, whatever the number of data.
 * Convolution cotangents come as one {@code out×T} matrix per row ({@link KronCapture}), and
 * {@code Σ_{row,t} b bᵀ = Σ_row X_row X_rowᵀ}.
 *
 * <p>Each sum is the lower triangle of one {@code d×d} matrix updated by SYRK ({@code β = 1}), or
 * for convolution cotangents by tiles of dot products ({@link Sum#addPositions}), and mirrored once
 * in {@link #factors}. A chunk with fewer than {@code d} rows for a factor (a Linear
 * layer of {@code d = 1569} inputs seen a few data at a time) is first copied into a buffer of
 * {@code d} rows, and the buffer goes through one SYRK when full: a SYRK of {@code k} rows reads
 * and writes the whole {@code d×d} triangle for {@code d²k} flops, so rank updates of fewer than
 * {@code d} rows would be bound by that traffic.
 */
public final class KronSums {
    /** Doubles of cotangents per block of {@link Sum#addPositions} (2 MB, within the L2 cache). */
    private static final long BLOCK_DOUBLES = 1L << 18;
    /** Rows and columns of a tile of {@link Sum#addPositions}: the SIMD kernel's register tile. */
    private static final int TILE = 4;

    /** One factor's sum {@code S = Σ x xᵀ} over rows {@code x} of width {@code d}. */
    private static final class Sum {
        final int d;
        final double[] lower;
        double[] pending;
        int pendingRows;

        Sum(int d) {
            this.d = d;
            this.lower = new double[d * d];
        }

        void add(double[] rows, int count) {
            if (count >= d) {
                flush();
                Syrk.syrk(true, d, count, 1.0, rows, 0, d, 1.0, lower, 0, d);
                return;
            }
            if (pending == null) {
                pending = new double[d * d];
            }
            int from = 0;
            while (from < count) {
                int take = Math.min(count - from, d - pendingRows);
                System.arraycopy(rows, from * d, pending, pendingRows * d, take * d);
                pendingRows += take;
                from += take;
                if (pendingRows == d) {
                    flush();
                }
            }
        }

        /**
         * Adds {@code Σ_row X_row X_rowᵀ} for {@code count} row-major {@code d×t} matrices
         * {@code X_row} stored one after another: {@code d} is small (the output channels of a
         * convolution) and {@code t} long, a shape on which the blocked SYRK measured 2-3× slower. Rows
         * are taken in blocks of about {@link #BLOCK_DOUBLES}; the lower triangle is cut into tiles of
         * {@link #TILE}×{@link #TILE} entries, and a tile adds its sums over a block in one
         * {@link VectorKernels#dotBlock} (the block's rows its batches), which loads each row once per
         * tile instead of once per entry. Tiles are split over threads; an entry's sum over a block is
         * the same whichever call computes it (see {@code dotBlock}) and blocks are added in row
         * order, so the sum is the same for every thread count. Diagonal tiles also add to their
         * entries above the diagonal, which {@link #full} overwrites.
         */
        void addPositions(double[] x, int count, int t) {
            if (t == 1) {
                add(x, count);
                return;
            }
            flush();
            int bands = (d + TILE - 1) / TILE;
            int tiles = bands * (bands + 1) / 2;
            int[] tileRow = new int[tiles];
            int[] tileCol = new int[tiles];
            for (int i = 0, k = 0; i < bands; i++) {
                for (int j = 0; j <= i; j++, k++) {
                    tileRow[k] = i * TILE;
                    tileCol[k] = j * TILE;
                }
            }
            int block = (int) Math.max(1, Math.min(count, BLOCK_DOUBLES / ((long) d * t)));
            for (int from = 0; from < count; from += block) {
                int base = from * d * t;
                int rows = Math.min(count - from, block);
                Parallel.forRange(tiles, (long) TILE * TILE * rows * t, (k0, k1) -> {
                    VectorKernels kernels = KernelProvider.get();
                    for (int k = k0; k < k1; k++) {
                        int i = tileRow[k];
                        int j = tileCol[k];
                        kernels.dotBlock(Math.min(TILE, d - i), Math.min(TILE, d - j), t, rows, d * t, x,
                                base + i * t, t, x, base + j * t, t, lower, i * d + j, d);
                    }
                });
            }
        }

        void flush() {
            if (pendingRows > 0) {
                Syrk.syrk(true, d, pendingRows, 1.0, pending, 0, d, 1.0, lower, 0, d);
                pendingRows = 0;
            }
        }

        /** The full symmetric sum, scaled by {@code scale}. */
        double[] full(double scale) {
            flush();
            double[] s = lower.clone();
            Syrk.symmetrizeLower(s, 0, d, d);
            if (scale != 1.0) {
                for (int i = 0; i < s.length; i++) {
                    s[i] *= scale;
                }
            }
            return s;
        }
    }

    private static final class Layer {
        final int weightGroup;
        final int biasGroup;
        final Sum a;
        final Sum b;
        long rows;

        Layer(KronCapture c) {
            weightGroup = c.weightGroup();
            biasGroup = c.biasGroup();
            a = new Sum(c.inFeatures());
            b = new Sum(c.outFeatures());
        }
    }

    private final ChunkLayers<Layer> layers = new ChunkLayers<>("KFAC sums", Layer::new);

    /** Adds one chunk's captures (the same layers, in the same order, for every chunk). */
    public void add(List<KronCapture> captures) {
        List<Layer> matched = layers.match(captures);
        for (int k = 0; k < captures.size(); k++) {
            KronCapture c = captures.get(k);
            Layer l = matched.get(k);
            l.a.add(c.inputs(), c.inputs().length / l.a.d);
            l.b.addPositions(c.cotangents(), c.cotangentRows(), c.positions());
            l.rows += (long) c.data() * c.positions();
        }
    }

    /** The factors of everything added: {@code A} divided by the total {@code M·T}, {@code B} as summed. */
    public List<KronFactors> factors() {
        List<KronFactors> out = new ArrayList<>(layers.all().size());
        for (Layer l : layers.all()) {
            out.add(new KronFactors(l.weightGroup, l.biasGroup, l.a.full(1.0 / l.rows), l.a.d, l.b.full(1.0), l.b.d));
        }
        return out;
    }
}
