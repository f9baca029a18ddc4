/**
 * How native work runs safely on DJL, apart from what it computes: an object's calls and the close that frees its
 * native memory ({@code Lifecycle}), arrays that must outlive the caller's scope ({@code Owned}), a thread's
 * interrupt answered between steps ({@code Interruption}), DJL's one-gradient-collector-per-process rule as a lock
 * ({@code Autograd}), and vocabulary-sized work done a slice of rows at a time ({@code RowChunks}).
 *
 * <p><b>Internal:</b> public for the other packages and modules of this project; no compatibility promise.
 */
package io.github.diffusionnlp.runtime;
