package org.jlaplace.core.linalg;

import org.jlaplace.core.kernels.FloatKernels;

/**
 * The blocked loops of {@link SGemm} on a rectangle of C: the scheme of {@link GemmDriver} on
 * {@code float[]}, with cache blocks sized for 4-byte elements. Every element of C is computed by
 * the same sequence of operations whatever rectangle or thread holds it.
 */
final class SGemmDriver {

    /** Depth of a packed slice. */
    static final int KC = 256;
    /** Rows of a packed A block ({@code MC·KC·4} bytes). */
    static final int MC = 192;
    /** Columns of a packed B block. */
    static final int NC = 3072;
    /** Operands of at most this many elements (both together) are read in place instead of packed. */
    static final long DIRECT_LIMIT = 256 * 1024;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private SGemmDriver() {
    }

    /** Computes rows {@code [r0, r1)} × columns {@code [c0, c1)} of {@code C = α·op(A)·op(B) + β·C}. */
    static void compute(FloatKernels kernels, FloatOperand a, FloatOperand b, int k, float alpha, float beta,
                        float[] c, int cOff, int ldc, int r0, int r1, int c0, int c1) {
        int mr = kernels.gemmMr();
        int nr = kernels.gemmNr();
        if (r0 >= r1 || c0 >= c1) {
            return;
        }
        Workspace ws = WORKSPACE.get();
        float[] tile = ws.tile(mr * nr);
        long footprint = (long) (r1 - r0) * k + (long) k * (c1 - c0);
        boolean directA = footprint <= DIRECT_LIMIT;
        boolean directB = directA && b.colStride() == 1;
        for (int jc = c0; jc < c1; jc += NC) {
            int nc = Math.min(NC, c1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float betaSlice = pc == 0 ? beta : 1.0f;
                float[] bPack = ws.bPack(directB ? nr * kc : GemmDriver.roundUp(nc, nr) * kc);
                if (!directB) {
                    GemmPacking.pack(b.data(), b.index(pc, jc), b.colStride(), b.rowStride(), nc, kc, nr, bPack, 0);
                } else if (nc % nr != 0) {
                    int first = nc - nc % nr;
                    GemmPacking.pack(b.data(), b.index(pc, jc + first), b.colStride(), b.rowStride(), nc - first, kc,
                            nr, bPack, 0);
                }
                for (int ic = r0; ic < r1; ic += MC) {
                    int mc = Math.min(MC, r1 - ic);
                    float[] aPack = ws.aPack(directA ? mr * kc : GemmDriver.roundUp(mc, mr) * kc);
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
                            if (mValid == mr && nValid == nr) {
                                kernels.gemmStoreTile(tile, alpha, betaSlice, c, cOff + i0 * ldc + j0, ldc);
                            } else {
                                storeEdge(tile, nr, alpha, betaSlice, c, cOff + i0 * ldc + j0, ldc, mValid, nValid);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Stores the valid part of a scratch tile: {@code c = α·t + β·c}, or {@code α·t} when β = 0. */
    private static void storeEdge(float[] tile, int nr, float alpha, float beta, float[] c, int at, int ldc,
                                  int rows, int cols) {
        for (int r = 0; r < rows; r++, at += ldc) {
            for (int j = 0; j < cols; j++) {
                float t = tile[r * nr + j];
                c[at + j] = beta == 0.0f ? alpha * t : alpha * t + beta * c[at + j];
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
