/**
 * Neural-network layers, {@link org.jlaplace.autodiff.nn.Sequential} models and training losses.
 *
 * <h2>Models</h2>
 * {@code new Sequential(rng, inputShape, layers…)} chains {@link org.jlaplace.autodiff.nn.Linear},
 * {@link org.jlaplace.autodiff.nn.Conv2d}, {@link org.jlaplace.autodiff.nn.MaxPool2d},
 * {@link org.jlaplace.autodiff.nn.AvgPool2d}, {@link org.jlaplace.autodiff.nn.Flatten} and
 * {@link org.jlaplace.autodiff.nn.Activation}s, validates that the shapes chain, names the
 * parameters as PyTorch's {@code nn.Sequential} state_dict ({@code "0.weight"}, {@code "0.bias"},
 * …) in {@code model.parameters()} order, and initialises them as PyTorch does.
 *
 * <h2>Fast path (no graph)</h2>
 * {@code model.forward(x)} for inference; {@code Trace t = model.trace(x)} keeps each layer's input
 * and then gives, all batched over the {@code M} examples:
 * <ul>
 *   <li>{@code t.backward(g)} / {@code t.backwardFlat(g)}: {@code Σ_n J_nᵀ g_n}, the parameter
 *       gradient of any loss whose output gradient is {@code g} (see {@link org.jlaplace.autodiff.nn.Losses});</li>
 *   <li>{@code t.backwardMany(a)} with {@code a} of shape {@code [M, C, R]}: a
 *       {@link org.jlaplace.autodiff.nn.BatchedCotangents} holding, for every layer {@code i}, the
 *       cotangent of that layer's output {@code [M, R, shape…]} for each of the {@code R}
 *       directions {@code a[n, :, r]}; {@code t.backwardIdentity()} is the case {@code a_n = I_C};</li>
 *   <li>{@code t.jvp(v)}, {@code t.jvpMany(V)}: output tangents {@code J_n v} (forward mode);
 *       {@code t.vjpMany(U)}: parameter cotangents {@code Σ_n J_nᵀ u_nq};</li>
 *   <li>{@code t.kfacInput(i)}: for a Linear layer its input activations {@code [M, in]}, for a
 *       Conv2d layer its im2col patches {@code [M, S, C_in·k·k]} ({@code S = H_out·W_out}).</li>
 * </ul>
 * KFAC for layer {@code i}: with {@code A = t.kfacInput(i)} and
 * {@code B = t.backwardMany(Ã).layerOutput(i)} ({@code Ã} the factors of the output Hessian), the
 * per-example weight gradient of direction {@code r} is {@code B[n, r] ⊗ A[n]} (Linear) or
 * {@code Σ_s B[n, r, :, s] ⊗ A[n, s]} (Conv2d, {@code B} reshaped to {@code [C_out, S]}).
 *
 * <h2>Graph path</h2>
 * {@code model.forward(Var x, List<Var> params)} and {@code model.forwardFlat(Var x, Var θ)} build
 * an AD graph of the same function for {@link org.jlaplace.autodiff.AD}.
 */
package org.jlaplace.autodiff.nn;
