package org.jlaplace.core;

import org.jlaplace.core.kernels.KernelProvider;

/**
 * The elementwise binary operations of {@link Tensor}, each with a contiguous loop and a strided
 * loop. The four arithmetic operations override the loops so that each is a tight, monomorphic
 * loop the JIT can unroll and vectorise; add, sub and mul of two slices go to the kernel layer
 * ({@link KernelProvider}), which uses the Vector API when it is present. A scalar on either side
 * (stride 0) has its own loop, so {@code 1 − y²} and {@code 1 / x} cost no per-element call.
 */
enum BinaryOp {
    ADD("add") {
        @Override
        double apply(double x, double y) {
            return x + y;
        }

        @Override
        void contiguous(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
            KernelProvider.get().add(a, aOff, b, bOff, out, outOff, n);
        }

        @Override
        void scalarRight(double[] a, int aOff, double y, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = a[aOff + i] + y;
            }
        }

        @Override
        void scalarLeft(double x, double[] b, int bOff, double[] out, int outOff, int n) {
            scalarRight(b, bOff, x, out, outOff, n);
        }
    },
    SUB("sub") {
        @Override
        double apply(double x, double y) {
            return x - y;
        }

        @Override
        void contiguous(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
            KernelProvider.get().sub(a, aOff, b, bOff, out, outOff, n);
        }

        @Override
        void scalarRight(double[] a, int aOff, double y, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = a[aOff + i] - y;
            }
        }

        @Override
        void scalarLeft(double x, double[] b, int bOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = x - b[bOff + i];
            }
        }
    },
    MUL("mul") {
        @Override
        double apply(double x, double y) {
            return x * y;
        }

        @Override
        void contiguous(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
            KernelProvider.get().mul(a, aOff, b, bOff, out, outOff, n);
        }

        @Override
        void scalarRight(double[] a, int aOff, double y, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = a[aOff + i] * y;
            }
        }

        @Override
        void scalarLeft(double x, double[] b, int bOff, double[] out, int outOff, int n) {
            scalarRight(b, bOff, x, out, outOff, n);
        }
    },
    DIV("div") {
        @Override
        double apply(double x, double y) {
            return x / y;
        }

        @Override
        void contiguous(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = a[aOff + i] / b[bOff + i];
            }
        }

        @Override
        void scalarRight(double[] a, int aOff, double y, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = a[aOff + i] / y;
            }
        }

        @Override
        void scalarLeft(double x, double[] b, int bOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = x / b[bOff + i];
            }
        }
    },
    MAXIMUM("maximum") {
        @Override
        double apply(double x, double y) {
            return Math.max(x, y);
        }
    },
    MINIMUM("minimum") {
        @Override
        double apply(double x, double y) {
            return Math.min(x, y);
        }
    },
    POW("pow") {
        @Override
        double apply(double x, double y) {
            return Math.pow(x, y);
        }
    };

    private final String opName;

    BinaryOp(String opName) {
        this.opName = opName;
    }

    /** The operation's name as used in error messages. */
    String opName() {
        return opName;
    }

    /** The scalar rule {@code f(x, y)}. */
    abstract double apply(double x, double y);

    /** {@code out[outOff+i] = f(a[aOff+i], b[bOff+i])} for {@code i < n}. */
    void contiguous(double[] a, int aOff, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = apply(a[aOff + i], b[bOff + i]);
        }
    }

    /** {@code out[outOff+i] = f(a[aOff+i], y)} for {@code i < n}. */
    void scalarRight(double[] a, int aOff, double y, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = apply(a[aOff + i], y);
        }
    }

    /** {@code out[outOff+i] = f(x, b[bOff+i])} for {@code i < n}. */
    void scalarLeft(double x, double[] b, int bOff, double[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = apply(x, b[bOff + i]);
        }
    }

    /**
     * {@code out[outOff+i·outStride] = f(a[aOff+i·aStride], b[bOff+i·bStride])} for {@code i < n};
     * dispatches to the tight loops when the strides allow.
     */
    void row(double[] a, int aOff, int aStride, double[] b, int bOff, int bStride,
             double[] out, int outOff, int outStride, int n) {
        if (outStride == 1 && aStride == 1 && bStride == 1) {
            contiguous(a, aOff, b, bOff, out, outOff, n);
        } else if (outStride == 1 && aStride == 1 && bStride == 0) {
            scalarRight(a, aOff, b[bOff], out, outOff, n);
        } else if (outStride == 1 && aStride == 0 && bStride == 1) {
            scalarLeft(a[aOff], b, bOff, out, outOff, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[outOff + i * outStride] = apply(a[aOff + i * aStride], b[bOff + i * bStride]);
            }
        }
    }
}
