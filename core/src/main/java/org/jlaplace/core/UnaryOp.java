package org.jlaplace.core;

/**
 * The elementwise unary operations of {@link Tensor}. Each constant overrides {@link #contiguous}
 * with its own loop, so that the per-element function is inlined into a monomorphic loop instead of
 * being called through a {@code DoubleUnaryOperator} (a call the JIT cannot inline once
 * {@link Tensor#map} has seen several lambdas). A strided input is first gathered into the output
 * array and then transformed in place by the same loop.
 */
enum UnaryOp {
    /** {@code −x}. */
    NEG {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = -x[xOff + i];
            }
        }
    },
    /** {@code eˣ}. */
    EXP {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = Math.exp(x[xOff + i]);
            }
        }
    },
    /** {@code ln x}. */
    LOG {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = Math.log(x[xOff + i]);
            }
        }
    },
    /** {@code ln(1 + x)}. */
    LOG1P {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = Math.log1p(x[xOff + i]);
            }
        }
    },
    /** {@code eˣ − 1}. */
    EXPM1 {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = Math.expm1(x[xOff + i]);
            }
        }
    },
    /** {@code √x}. */
    SQRT {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = Math.sqrt(x[xOff + i]);
            }
        }
    },
    /** {@code x²}. */
    SQUARE {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                double v = x[xOff + i];
                out[outOff + i] = v * v;
            }
        }
    },
    /** {@code 1/x}. */
    RECIPROCAL {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = 1.0 / x[xOff + i];
            }
        }
    },
    /** {@code |x|}. */
    ABS {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = Math.abs(x[xOff + i]);
            }
        }
    },
    /** {@code sign(x)} ∈ {−1, 0, 1}, NaN kept. */
    SIGN {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = Math.signum(x[xOff + i]);
            }
        }
    },
    /** {@code tanh x} (see {@link Tanh}: a few ulp, not the native call). */
    TANH {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            Tanh.tanh(x, xOff, out, outOff, n);
        }
    },
    /** {@code σ(x) = 1/(1 + e^{−x})}, as {@code eˣ/(1 + eˣ)} for negative x so no exponential overflows. */
    SIGMOID {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                double v = x[xOff + i];
                // e = e^{−|x|} ∈ (0, 1]: σ(x) = 1/(1+e) for x ≥ 0 and e/(1+e) for x < 0.
                double e = Math.exp(-Math.abs(v));
                double r = 1.0 / (1.0 + e);
                out[outOff + i] = v >= 0 ? r : e * r;
            }
        }
    },
    /** {@code max(x, 0)}, NaN kept. */
    RELU {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                // Math.max is an intrinsic without branches (a conditional lost 10× on random signs),
                // and it keeps NaN.
                out[outOff + i] = Math.max(x[xOff + i], 0.0);
            }
        }
    },
    /** {@code erf x}. */
    ERF {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = Erf.erf(x[xOff + i]);
            }
        }
    },
    /** {@code erfc x = 1 − erf x}, with its digits in the right tail. */
    ERFC {
        @Override
        void contiguous(double[] x, int xOff, double[] out, int outOff, int n) {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = Erf.erfc(x[xOff + i]);
            }
        }
    };

    /**
     * {@code out[outOff+i] = f(x[xOff+i])} for {@code i < n}; {@code out} may be {@code x} at the
     * same offset (in place).
     */
    abstract void contiguous(double[] x, int xOff, double[] out, int outOff, int n);

    /** {@code f(t)} as a fresh contiguous tensor of {@code t}'s shape. */
    Tensor apply(Tensor t) {
        double[] out = new double[t.size];
        if (t.isContiguous()) {
            contiguous(t.data, t.offset, out, 0, t.size);
        } else {
            Strided.gather(t, out, 0);
            contiguous(out, 0, out, 0, t.size);
        }
        return Tensor.wrap(out, t.shape.clone());
    }

    /**
     * {@code out[i] = x[i] > threshold ? 1 : 0}: the derivative mask of ReLU-like functions. A
     * static method rather than a constant because it has a parameter.
     */
    static Tensor greaterThanMask(Tensor t, double threshold) {
        double[] out = new double[t.size];
        double[] x = out;
        int off = 0;
        if (t.isContiguous()) {
            x = t.data;
            off = t.offset;
        } else {
            Strided.gather(t, out, 0);
        }
        for (int i = 0; i < out.length; i++) {
            // An int select compiles to setcc/cmov; a double select is a branch that mispredicts on
            // random signs (measured 10× slower on a 250×256 batch).
            int bit = x[off + i] > threshold ? 1 : 0;
            out[i] = bit;
        }
        return Tensor.wrap(out, t.shape.clone());
    }
}
