/**
 * First-order optimisers with PyTorch's update rules ({@link org.jlaplace.autodiff.optim.Sgd},
 * {@link org.jlaplace.autodiff.optim.Adam}, {@link org.jlaplace.autodiff.optim.AdamW}) and
 * learning-rate schedules. They update any list of tensors in place, so the same classes train
 * network weights and hyperparameters such as {@code log δ} and {@code log σ}.
 */
package org.jlaplace.autodiff.optim;
